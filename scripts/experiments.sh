#!/usr/bin/env bash
# Runs the experiments of docs/experiments.md against the local AppHost and prints one line of figures per experiment.
#
#   scripts/experiments.sh                 # build, start the AppHost, run 0-6, stop the AppHost
#   scripts/experiments.sh --only 1,5      # some of them (0 is the no-fault baseline)
#   scripts/experiments.sh --no-apphost    # against an app that is already running (MODEL_ADMIN_KEY must be its key)
#
# Needs the .NET SDK, curl and coreutils/awk/grep/sed; no jq. Bounded: every phase has a fixed length, every wait a
# limit. On exit (normal, error or Ctrl+C) it heals every fault it injected and stops the AppHost it started.
# Figures and raw material (load generator reports, health and metrics snapshots) go to --out (default
# artifacts/experiments/<UTC time>, which git ignores).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ONLY="0,1,2,3,4,5,6"
RATE=2              # requests/s offered by the load generator (open model)
BEFORE=10           # s of load before the fault
FAULT=40            # s with the fault on
AFTER=25            # s of load after heal/resume
RECOVERY_MAX=60     # s the recovery measurement waits at most
READY_MAX=300       # s the app may take to become ready (a busy 2-core machine needs 2-4 minutes)
START_APPHOST=1
BUILD=1
OUT="$ROOT/artifacts/experiments/$(date -u +%Y%m%dT%H%M%SZ)"
# 30 % chat turns (0.6/s): the primary deployment is provisioned at 60 requests/min (ModelServer appsettings), so the
# chat load uses about 60 % of its quota and a fault, not the quota, is what the experiment shows.
MIX="chat=3,session=1,stream=1,tool=1,fraud-score=14"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --before) BEFORE=$2; shift 2 ;;
    --fault) FAULT=$2; shift 2 ;;
    --after) AFTER=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --no-apphost) START_APPHOST=0; shift ;;
    --no-build) BUILD=0; shift ;;
    *) usage ;;
  esac
done

CHAT=${CHAT_URL:-http://localhost:5280}
FRAUD=${FRAUD_URL:-http://localhost:5380}
# The fraud API needs the key the AppHost generated (secret parameter fraud-api-key, saved in its user secrets on first run).
fraud_key() { echo "${FRAUD_API_KEY:-$(dotnet user-secrets list --project AppHost 2> /dev/null | sed -n 's/^Parameters:fraud-api-key = //p')}"; }
MODEL=${MODEL_URL:-http://localhost:5180}
FALLBACK=${FALLBACK_URL:-http://localhost:5181}
PROM=${PROM_URL:-http://localhost:9480}
# The AppHost generates model-admin-key unless it is given one; giving it one is how this script can call /admin.
MODEL_ADMIN_KEY=${MODEL_ADMIN_KEY:-exp-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
CACHE_ADMIN_KEY=${CACHE_ADMIN_KEY:-$MODEL_ADMIN_KEY}
LOADGEN="$ROOT/LoadGenerator/bin/Debug/net10.0/LoadGenerator.dll"

mkdir -p "$OUT"
SUMMARY="$OUT/summary.md"
APPHOST_PID=""
BG_PIDS=()
T0=$(date +%s.%N)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
load_avg() { awk '{ print $1 }' /proc/loadavg; }
json_field() { grep -o "\"$1\":\"[^\"]*\"" | head -1 | sed 's/.*:"\(.*\)"/\1/'; }

for tool in dotnet curl awk grep sed; do
  command -v "$tool" > /dev/null || { echo "experiments.sh needs $tool" >&2; exit 1; }
done

admin() { # admin URL PATH [JSON]: POST to a model server's /admin API
  local body=${3:-}
  [ -n "$body" ] || body='{}'
  curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST -H "X-Admin-Key: $MODEL_ADMIN_KEY" \
    -H 'Content-Type: application/json' -d "$body" "$1$2"
}

cache_url() { # the cache-server's http endpoint: CACHE_URL, or read from its process environment
  if [ -n "${CACHE_URL:-}" ]; then echo "$CACHE_URL"; return; fi
  local p
  for p in /proc/[0-9]*; do
    # Only this checkout's cache-server: other checkouts' tests may run one too.
    if { tr '\0' ' ' < "$p/cmdline"; } 2> /dev/null | grep -q "$ROOT/CacheServer"; then
      { tr '\0' '\n' < "$p/environ"; } 2> /dev/null | sed -n 's/^ASPNETCORE_URLS=\([^;]*\).*/\1/p' | grep '^http:' | head -1 && return
    fi
  done
}

cache_admin() { # cache_admin PATH: POST to the cache-server's /admin API
  local url; url=$(cache_url)
  [ -n "$url" ] || { echo "no-endpoint"; return; }
  curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST -H "X-Admin-Key: $CACHE_ADMIN_KEY" "$url$1"
}

heal_all() {
  admin "$MODEL" /admin/faults/heal > /dev/null 2>&1
  admin "$FALLBACK" /admin/faults/heal > /dev/null 2>&1
  cache_admin /admin/cache/resume > /dev/null 2>&1
  curl -s -H "X-Api-Key: $(fraud_key)" -m 5 -o /dev/null -X POST "$FRAUD/api/fraud/simulation/stop" 2> /dev/null
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  log "cleaning up"
  for pid in "${BG_PIDS[@]}"; do kill -TERM "$pid" 2> /dev/null; done
  if [ -n "$APPHOST_PID" ] && kill -0 "$APPHOST_PID" 2> /dev/null; then
    heal_all
    log "stopping the AppHost (pid $APPHOST_PID)"
    kill -TERM "$APPHOST_PID" 2> /dev/null
    for _ in $(seq 1 60); do kill -0 "$APPHOST_PID" 2> /dev/null || break; sleep 1; done
    kill -0 "$APPHOST_PID" 2> /dev/null && kill -KILL "$APPHOST_PID" 2> /dev/null
  elif [ "$START_APPHOST" = 0 ]; then
    heal_all
  fi
  log "done in $(since "$T0") s; figures in $SUMMARY"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# ---------------------------------------------------------------------------------------------- metrics and health
scrape() { curl -s -m 10 "$CHAT/metrics" > "$1" 2> /dev/null || : > "$1"; }

failovers() { awk '/^chat_failovers_total\{/ { s += $NF } END { printf "%d", s }' "$1"; }

# Successful model calls by requested model between two scrapes: "fallback N of M". The gen_ai metrics carry the
# conventions' attributes (no deployment name); in the AppHost's default setup the primary serves bank-assist-large.
fallback_share() {
  awk '
    /^gen_ai_client_operation_duration_seconds_count\{/ && !/error_type=/ {
      match($0, /gen_ai_request_model="[^"]*"/); d = substr($0, RSTART + 22, RLENGTH - 23)
      if (FNR == NR) before[d] += $NF; else after[d] += $NF
    }
    END { for (d in after) { n = after[d] - before[d]; total += n; if (d != "bank-assist-large") fb += n }
          if (total > 0) printf "%d of %d", fb, total; else printf "n/a" }' "$1" "$2"
}

# Server-side availability as the chatapi-availability SLO counts it (slo/chatapi.yaml), between two scrapes.
slo_availability() {
  awk '
    /^chat_requests_total\{/ {
      match($0, /outcome="[^"]*"/); o = substr($0, RSTART + 9, RLENGTH - 10)
      if (FNR == NR) before[o] += $NF; else after[o] += $NF
    }
    END {
      for (o in after) {
        if (o ~ /^(invalid_request|prompt_too_large|conflict|guardrail_blocked|rate_limited|budget_exceeded|client_disconnected)$/) continue
        d = after[o] - before[o]; total += d; if (o == "success") good += d
        if (o != "success" && d > 0) bad = bad sprintf("%s%s %d", (bad == "" ? "" : ", "), o, d)
      }
      if (total > 0) printf "%.2f %% of %d%s", 100 * good / total, total, (bad == "" ? "" : " (" bad ")")
      else printf "n/a"
    }' "$1" "$2"
}

health() { # health URL: status and the descriptions of checks that are not Healthy
  local body; body=$(curl -s -m 5 "$1/health" 2> /dev/null)
  [ -n "$body" ] || { echo "unreachable"; return; }
  local status; status=$(printf '%s' "$body" | json_field status)
  local why; why=$(printf '%s' "$body" | grep -o '"status":"\(Degraded\|Unhealthy\)","description":"[^"]*"' \
    | sed 's/.*"description":"\(.*\)"/\1/' | head -2 | paste -sd ';' -)
  echo "$status${why:+: $why}"
}

alerts() { # firing/pending Prometheus alerts, "name/severity/state"
  curl -s -m 5 "$PROM/api/v1/alerts" 2> /dev/null | grep -o '"labels":{[^}]*},"annotations":{[^}]*},"state":"[a-z]*"' \
    | sed 's/.*"alertname":"\([^"]*\)".*"severity":"\([^"]*\)".*"state":"\([a-z]*\)"/\1\/\2\/\3/' | sort -u | paste -sd ' ' -
}

# Watches health and alerts every 3 s while a fault is on: "t  chatapi | fraud | model | alerts" lines.
watch_health() { # watch_health FILE SECONDS
  local start; start=$(now)
  while awk -v s="$start" -v n="$(now)" -v d="$2" 'BEGIN { exit !(n - s < d) }'; do
    printf '%s\tchatapi=%s\tfraud=%s\tmodel=%s\talerts=%s\n' "$(since "$start")" "$(health "$CHAT")" \
      "$(health "$FRAUD")" "$(health "$MODEL")" "$(alerts)" >> "$1"
    sleep 3
  done
}

first_seen() { # first_seen FILE PATTERN: seconds into the fault when PATTERN first appeared in the watch file
  awk -F'\t' -v p="$2" '$0 ~ p { print $1 " s"; exit }' "$1"
}

# ------------------------------------------------------------------------------------------------------ probes
PROBE=0
chat_probe() { # prints "HTTP_CODE DEPLOYMENT SECONDS" for one uncacheable single-turn chat
  PROBE=$((PROBE + 1))
  local out
  out=$(curl -s -m 20 -w '\n%{http_code} %{time_total}' -H "X-User-Id: probe-$((PROBE % 20))" -H 'Content-Type: application/json' \
    -d "{\"message\":\"Recovery probe $PROBE: what are the foreign transaction fees on card ref $RANDOM$PROBE?\"}" "$CHAT/api/chat" 2> /dev/null)
  local last; last=$(printf '%s' "$out" | tail -1)
  local dep; dep=$(printf '%s' "$out" | json_field deployment)
  printf '%s %s %s\n' "${last% *}" "${dep:--}" "${last#* }"
}

score_probe() {
  curl -s -m 10 -o /dev/null -w '%{http_code}' -H "X-Api-Key: $(fraud_key)" -H 'Content-Type: application/json' -d "{\"amount\":42.5,\"currency\":\"EUR\",\
\"merchantCategory\":\"grocery\",\"country\":\"DE\",\"cardPresent\":true,\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%S+00:00)\",\
\"customerId\":\"probe-customer\"}" "$FRAUD/api/fraud/score" 2> /dev/null
}

# Recovery after heal. Model faults: seconds from the Heal call until the start of the first chat completion that the
# primary deployment (`model`) answered 200 (latency spike: also in less than the injected 2 s), read from its request
# journal (GET /admin/requests) every 0.5 s. This adds no traffic: probing with chats of our own would spend the
# primary's 60-a-minute quota and push calls to the fallback. Cache: seconds until the first of three probes in a row
# (a chat and a fraud score, both 200), a probe every 1.5 s or so.
recovery() { # recovery KIND HEAL-EPOCH HEAL-ISO FILE
  local kind=$1 start=$2 iso=$3 file=$4 ok=0 t code dep secs first
  while :; do
    t=$(since "$start")
    if awk -v t="$t" -v m="$RECOVERY_MAX" 'BEGIN { exit !(t > m) }'; then echo "> $RECOVERY_MAX" > "$file"; return; fi
    case "$kind" in
      model|slow-model)
        first=$(curl -s -m 5 -H "X-Admin-Key: $MODEL_ADMIN_KEY" "$MODEL/admin/requests?limit=50" 2> /dev/null \
          | grep -o '"timestamp":"[^"]*","deployment":"[^"]*","method":"[^"]*","path":"/v1/chat/completions"[^}]*"status":[0-9]*,"durationMs":[0-9.]*' \
          | sed 's/"timestamp":"\([^"]*\)".*"status":\([0-9]*\),"durationMs":\([0-9.]*\)/\1 \2 \3/' \
          | awk -v iso="$iso" -v slow="$kind" '$1 > iso && $2 == 200 && (slow != "slow-model" || $3 < 2000) { print $1 }' | sort | head -1)
        echo "$t journal first=$first" >> "$file.log"
        if [ -n "$first" ]; then
          awk -v a="$start" -v b="$(date -d "$first" +%s.%N)" 'BEGIN { printf "%.1f\n", b - a }' > "$file"; return
        fi
        sleep 0.5 ;;
      cache)
        read -r code dep secs <<< "$(chat_probe)"
        if [ "$code" = 200 ] && [ "$(score_probe)" = 200 ]; then ok=$((ok + 1)); else ok=0; fi
        echo "$t cache code=$code deployment=$dep time=$secs streak=$ok" >> "$file.log"
        if [ "$ok" -ge 3 ]; then
          # The first of the three passing probes marks the recovery.
          awk '$NF == "streak=1" { t = $1 } END { print t }' "$file.log" > "$file"; return
        fi
        sleep 1.5 ;;
    esac
  done
}

# ----------------------------------------------------------------------------------------------- load generator
start_load() { # start_load NAME SECONDS ARGS...: runs in the background, report in $OUT/NAME.json
  local name=$1 secs=$2; shift 2
  dotnet "$LOADGEN" --chat "$CHAT" --fraud "$FRAUD" --duration "${secs}s" --timeout 30s --report "$OUT/$name.json" "$@" \
    > "$OUT/$name.loadgen.log" 2>&1 &
  LOAD_PID=$!
  BG_PIDS+=("$LOAD_PID")
}

# One line per scenario from a report: name sent completed notSent p50 p99 statuses (the report is indented JSON).
report_rows() {
  awk '
    /"scenario": "/ { split($0, a, "\""); cur = a[4]; names[cur] = 1; block = "" }
    /"sent":/ { sent[cur] = $2 + 0 } /"completed":/ { ok[cur] = $2 + 0 } /"notSent":/ { ns[cur] = $2 + 0 }
    /"errorsByStatus": \{$/ { instatus = 1; next }
    instatus && /\}/ { instatus = 0 }
    instatus { split($0, a, "\""); st[cur] = st[cur] (st[cur] == "" ? "" : ",") a[2] "x" ($NF + 0) }
    /"errorsByType": \{$/ { intype = 1; next }
    intype && /\}/ { intype = 0 }
    intype { split($0, a, "\""); if (a[2] != "http-status") st[cur] = st[cur] (st[cur] == "" ? "" : ",") a[2] "x" ($NF + 0) }
    /"latency": \{/ { block = "latency" } /"serviceTime": \{|"timeToFirstChunk": \{/ { block = "other" }
    block == "latency" && /"p50Ms":/ { p50[cur] = $2 + 0 } block == "latency" && /"p99Ms":/ { p99[cur] = $2 + 0 }
    END { for (n in names) if (n in sent) printf "%s %d %d %d %.0f %.0f %s\n", n, sent[n], ok[n], ns[n], p50[n], p99[n], (st[n] == "" ? "-" : st[n]) }
  ' "$1" 2> /dev/null
}

# Time to first chunk of the stream scenario, "p50 / p99" in ms.
stream_ttfc() {
  awk '
    /"scenario": "/ { split($0, a, "\""); cur = a[4] }
    /"timeToFirstChunk": \{/ { blk = 1; next }
    blk && /"p50Ms":/ { p50 = $2 + 0 } blk && /"p99Ms":/ { p99 = $2 + 0 }
    blk && /\}/ { blk = 0; if (cur == "stream") printf "%.0f / %.0f", p50, p99 }' "$1" 2> /dev/null
}

# "2xx share, p50/p99" for a set of scenarios (a regex on the name), or for one.
report_figures() { # report_figures REPORT REGEX
  report_rows "$1" | awk -v r="$2" '
    $1 ~ r { sent += $2 + $4; ok += $3; if ($7 != "-") err = err (err == "" ? "" : " ") $1 ":" $7 }
    $1 == "chat" { p = $5 " / " $6 }
    END { if (sent == 0) { print "n/a|n/a|n/a"; exit }
          printf "%.1f %% of %d|%s|%s\n", 100 * ok / sent, sent, (p == "" ? "n/a" : p), (err == "" ? "-" : err) }'
}

# ------------------------------------------------------------------------------------------------- experiments
printf '| # | experiment | load avg (start → end) | chat 2xx (client) | SLO availability during fault (server) | chat p50 / p99 ms | failovers | recovery after heal | health and alerts seen during the fault | client errors |\n|---|---|---|---|---|---|---|---|---|---|\n' > "$SUMMARY"

row() { printf '| %s |\n' "$(IFS='|'; echo "$*" | sed 's/|/ | /g')" >> "$SUMMARY"; tail -1 "$SUMMARY" >&2; }

# A fault experiment on the chat path: load for BEFORE+FAULT+AFTER s, fault on at BEFORE, heal at BEFORE+FAULT.
run_chat_experiment() { # ID NAME INJECT-COMMAND HEAL-COMMAND RECOVERY-KIND
  local id=$1 name=$2 inject=$3 heal=$4 kind=$5
  local dir="$OUT/$id"; mkdir -p "$dir"
  log "experiment $id: $name"
  if [ "$kind" = cache ] && [ -z "$(cache_url)" ]; then
    log "  no cache-server http endpoint (set CACHE_URL, or the cache-server has no admin API yet): skipped"
    row "$id" "$name" "$(load_avg)" "to be measured" "" "" "" "" "skipped: no cache-server admin endpoint" ""
    return
  fi
  local la0; la0=$(load_avg)
  scrape "$dir/m0.prom"
  start_load "$id/load" $((BEFORE + FAULT + AFTER)) --mix "$MIX" --rate "$RATE" --seed "$((100 + id))"
  local lp=$LOAD_PID
  sleep "$BEFORE"
  scrape "$dir/m1.prom"
  local injected; injected=$(eval "$inject")
  log "  fault on ($inject -> $injected)"
  if [ "$injected" != 200 ]; then
    log "  injection failed (HTTP $injected): skipped"
    wait "$lp"
    row "$id" "$name" "$la0 → $(load_avg)" "to be measured" "" "" "" "" "injection answered $injected" ""
    return
  fi
  watch_health "$dir/health.tsv" "$FAULT" &
  local wp=$!; BG_PIDS+=("$wp")
  wait "$wp"
  scrape "$dir/m2.prom"
  curl -s -m 5 "$CHAT/slo" > "$dir/slo-at-heal.json" 2> /dev/null
  local healed; healed=$(eval "$heal")
  local t_heal; t_heal=$(now)
  local heal_iso; heal_iso=$(date -u -d "@$t_heal" +%Y-%m-%dT%H:%M:%S.%N)
  log "  healed ($heal -> $healed)"
  recovery "$kind" "$t_heal" "$heal_iso" "$dir/recovery" &
  local rp=$!; BG_PIDS+=("$rp")
  wait "$lp"; wait "$rp"
  scrape "$dir/m3.prom"
  local la1; la1=$(load_avg)
  local figs; figs=$(report_figures "$dir/load.json" '^(chat|session|stream|tool)$')
  # chatapi's readiness when the fault went on, and when it turned Degraded (its in-process SLO windows are 5 min and
  # 1 h, not compressed by Slo:Demo, so a burn from the previous experiment can still be on at the start).
  local s0; s0=$(head -1 "$dir/health.tsv" | cut -f2 | sed 's/^chatapi=//; s/:.*//')
  local seen="chatapi $s0"
  local degraded; degraded=$(first_seen "$dir/health.tsv" 'chatapi=Degraded')
  if [ "$s0" != Degraded ] && [ -n "$degraded" ]; then seen="$seen → Degraded at $degraded"; fi
  local fired; fired=$(cut -f5 "$dir/health.tsv" | sed 's/^alerts=//' | tr ' ' '\n' | grep '/firing$' | sed 's/\/firing$//' | sort -u | paste -sd ' ' -)
  seen="$seen; alerts: ${fired:-none}"
  row "$id" "$name" "$la0 → $la1" "$(echo "$figs" | cut -d'|' -f1)" "$(slo_availability "$dir/m1.prom" "$dir/m2.prom")" \
    "$(echo "$figs" | cut -d'|' -f2); stream first chunk $(stream_ttfc "$dir/load.json")" "$(($(failovers "$dir/m3.prom") - $(failovers "$dir/m0.prom"))); fallback answered $(fallback_share "$dir/m1.prom" "$dir/m2.prom") calls during the fault" \
    "$(cat "$dir/recovery") s" "$seen" "$(echo "$figs" | cut -d'|' -f3)"
}

# Drifted fraud traffic: the fraud simulator switched to drifted traffic plus drifted scores from the load generator;
# "heal" is baseline traffic again, and recovery is fraud's readiness back to Healthy (the window must refill).
run_drift_experiment() {
  local id=6 dir="$OUT/6"; mkdir -p "$dir"
  log "experiment 6: drifted fraud traffic"
  local la0; la0=$(load_avg)
  curl -s -H "X-Api-Key: $(fraud_key)" -m 5 "$FRAUD/api/fraud/monitoring" > "$dir/monitoring-before.json"
  local started; started=$(curl -s -H "X-Api-Key: $(fraud_key)" -m 5 -o /dev/null -w '%{http_code}' -X POST "$FRAUD/api/fraud/simulation/start?profile=drifted")
  local t_drift; t_drift=$(now)
  log "  simulator drifted ($started)"
  # 10 scores/s for FAULT+50 s (90 s by default): with the simulator's 5 events/s about 1,500 drifted transactions
  # against the baseline ones already in the window. Much faster load shifts recentTransactions by itself (see the doc).
  start_load "6/load" $((FAULT + 50)) --scenario fraud-score --profile Drifted --rate $((RATE * 5)) --seed 106
  local lp=$LOAD_PID
  watch_health "$dir/health.tsv" $((FAULT + 50)) &
  local wp=$!; BG_PIDS+=("$wp")
  wait "$wp"; wait "$lp"
  curl -s -H "X-Api-Key: $(fraud_key)" -m 5 "$FRAUD/api/fraud/monitoring" > "$dir/monitoring-drifted.json"
  curl -s -m 5 "$FRAUD/metrics" | grep -i 'psi\|drift' > "$dir/monitoring-drifted.prom"
  # Back to baseline: the simulator alone sends training-distribution traffic (at its own 5 events/s: a load generator
  # at a higher rate makes each customer transact more often than the reference, which is drift of recentTransactions).
  curl -s -H "X-Api-Key: $(fraud_key)" -m 5 -o /dev/null -X POST "$FRAUD/api/fraud/simulation/start?profile=baseline"
  local t_heal; t_heal=$(now)
  local drift_max=$((RECOVERY_MAX * 2)) # the 5,000-transaction window has to refill with baseline traffic
  local rec="> $drift_max" h
  while awk -v t="$(since "$t_heal")" -v m="$drift_max" 'BEGIN { exit !(t < m) }'; do
    # Back means no drift reason in readiness (an SLO burn of its own may still keep fraud Degraded).
    h=$(health "$FRAUD")
    if [ "$h" != unreachable ] && ! printf '%s' "$h" | grep -q 'drift:'; then rec=$(since "$t_heal"); break; fi
    sleep 2
  done
  curl -s -H "X-Api-Key: $(fraud_key)" -m 5 -o /dev/null -X POST "$FRAUD/api/fraud/simulation/stop"
  curl -s -H "X-Api-Key: $(fraud_key)" -m 5 "$FRAUD/api/fraud/monitoring" > "$dir/monitoring-after.json"
  local la1; la1=$(load_avg)
  local figs; figs=$(report_figures "$dir/load.json" '^fraud-score$')
  local p; p=$(report_rows "$dir/load.json" | awk '$1 == "fraud-score" { print $5 " / " $6 }')
  local degraded; degraded=$(first_seen "$dir/health.tsv" 'fraud=Degraded[^\t]*drift')
  local why; why=$(grep -o 'fraud=Degraded[^	]*drift[^	]*' "$dir/health.tsv" | tail -1 | sed 's/^fraud=Degraded: //')
  local psi; psi=$(grep -o '"maxPsiFeature":"[^"]*","maxPsi":[0-9.]*' "$dir/monitoring-drifted.json" | sed 's/"maxPsiFeature":"\([^"]*\)","maxPsi":\(.*\)/max PSI \1 = \2/')
  local fired; fired=$(cut -f5 "$dir/health.tsv" | sed 's/^alerts=//' | tr ' ' '\n' | grep '/firing$' | sed 's/\/firing$//' | sort -u | paste -sd ' ' -)
  row 6 "drifted fraud traffic (simulator $started)" "$la0 → $la1" "$(echo "$figs" | cut -d'|' -f1) scores" "-" \
    "$p (scores)" "-" "$rec s until no drift reason" "fraud Degraded (drift) from ${degraded:-never}: ${why:-} ${psi:+($psi)}; alerts: ${fired:-none}" \
    "$(echo "$figs" | cut -d'|' -f3)"
}

# ---------------------------------------------------------------------------------------------------------- main
if [ "$BUILD" = 1 ]; then
  log "building (dotnet build AppHost, LoadGenerator)"
  (cd "$ROOT" && dotnet build AppHost -v q -nologo > "$OUT/build.log" 2>&1 && dotnet build LoadGenerator -v q -nologo >> "$OUT/build.log" 2>&1) \
    || { log "build failed, see $OUT/build.log"; exit 1; }
fi

if [ "$START_APPHOST" = 1 ]; then
  if curl -s -m 2 -o /dev/null "$CHAT/health"; then log "something already answers on $CHAT: stop it or use --no-apphost"; exit 1; fi
  log "starting the AppHost (Slo:Demo on: alert windows compressed 120x); log in $OUT/apphost.log"
  (cd "$ROOT" && exec env "Parameters__model-admin-key=$MODEL_ADMIN_KEY" "Parameters__cache-admin-key=$CACHE_ADMIN_KEY" \
    Slo__Demo=true dotnet run --project AppHost --no-build > "$OUT/apphost.log" 2>&1) &
  APPHOST_PID=$!
fi

log "waiting for chatapi, fraud and both model deployments to be ready (at most ${READY_MAX} s)"
ready=0
ready_deadline=$(($(date +%s) + READY_MAX))
while [ "$(date +%s)" -lt "$ready_deadline" ]; do
  if curl -sf -m 3 -o /dev/null "$CHAT/health" && curl -sf -m 3 -o /dev/null "$FRAUD/health" \
    && curl -sf -m 3 -o /dev/null "$MODEL/health" && curl -sf -m 3 -o /dev/null "$FALLBACK/health"; then ready=1; break; fi
  sleep 2
done
[ "$ready" = 1 ] || { log "the app did not become ready; see $OUT/apphost.log"; exit 1; }
[ "$(admin "$MODEL" /admin/faults/heal)" = 200 ] || { log "the model admin API refused the key: set MODEL_ADMIN_KEY to the app's model-admin-key"; exit 1; }
log "warming up (5 chats, 5 scores)"
for _ in 1 2 3 4 5; do chat_probe > /dev/null; score_probe > /dev/null; done

{
  echo
  echo "Run at $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; $RATE requests/s, mix $MIX; ${BEFORE} s before the fault,"
  echo "${FAULT} s of fault, ${AFTER} s after heal. Recovery: first 200 from model after heal in its request journal (cache: first of"
  echo "three probes in a row that pass), at most ${RECOVERY_MAX} s."
  echo
} > "$OUT/conditions.txt"

for id in $(echo "$ONLY" | tr ',' ' '); do
  case "$id" in
    0) run_chat_experiment 0 "baseline (no fault)" "echo 200" "echo 200" model ;;
    1) run_chat_experiment 1 "primary outage" "admin $MODEL /admin/faults/outage" "admin $MODEL /admin/faults/heal" model ;;
    2) run_chat_experiment 2 "20 % model errors" "admin $MODEL /admin/faults/errors '{\"rate\":0.2}'" "admin $MODEL /admin/faults/heal" model ;;
    3) run_chat_experiment 3 "429 storm" "admin $MODEL /admin/faults/rate-limit" "admin $MODEL /admin/faults/heal" model ;;
    4) run_chat_experiment 4 "latency spike +2 s" "admin $MODEL /admin/faults/latency '{\"addedMs\":2000}'" "admin $MODEL /admin/faults/heal" slow-model ;;
    5) run_chat_experiment 5 "cache pause" "cache_admin '/admin/cache/pause?seconds=$((FAULT + 10))'" "cache_admin /admin/cache/resume" cache ;;
    6) run_drift_experiment ;;
    *) log "unknown experiment $id" ;;
  esac
  sleep 10 # let breakers close, rate-limit windows (10 s) pass and queues drain before the next one
done

cat "$OUT/conditions.txt" >> "$SUMMARY"
echo >&2; cat "$SUMMARY" >&2
