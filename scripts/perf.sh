#!/usr/bin/env bash
# ChatApi's per-turn cost as issue 10 measures it, in one command: builds Release, starts the real AppHost (telemetry to
# its dashboard, every request traced) with the model at zero latency and quotas lifted, starts the Portkey gateway in
# front of the same ModelServer, runs ChatApi/Benchmarks against direct, gateway and ChatApi, and stops what it started.
#
#   scripts/perf.sh                      # 15 s per point, 2 repetitions, concurrency 1 and 16 (about 5 minutes of load)
#   scripts/perf.sh --duration 5 --repetitions 1    # any ChatApi/Benchmarks option is passed on
#   NO_GATEWAY=1 scripts/perf.sh         # ChatApi vs direct only
#   PERF_EXTRA_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0" scripts/perf.sh   # extra NAME=value
#                                        # settings for every service (here: named JIT frames for perf)
#
# Needs the .NET SDK, curl, and Node.js + npm for the gateway (scripts/install-gateway.sh, run here if needed). The
# AppHost's fixed ports (15080 dashboard, 5180 model, 5280 chatapi) must be free: only one AppHost can run. Output and
# logs go to artifacts/perf/<UTC time>/ (git-ignored); the tables also go to stdout.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/artifacts/perf/$(date -u +%Y%m%dT%H%M%SZ)"
CHAT=${CHAT_URL:-http://localhost:5280}
MODEL=${MODEL_URL:-http://localhost:5180}
GATEWAY_PORT=${GATEWAY_PORT:-8787}
READY_MAX=300 # s the app may take to become ready on a busy 2-core machine
BENCH="$ROOT/ChatApi/Benchmarks/bin/Release/net10.0/ChatApi.Benchmarks.dll"
APPHOST_PID=""
GATEWAY_PID=""
mkdir -p "$OUT"

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

stop() { # stop PID NAME: SIGTERM, wait up to 60 s, then SIGKILL
  [ -n "$1" ] && kill -0 "$1" 2> /dev/null || return 0
  log "stopping $2 (pid $1)"
  kill -TERM "$1" 2> /dev/null
  for _ in $(seq 1 60); do kill -0 "$1" 2> /dev/null || return 0; sleep 1; done
  kill -KILL "$1" 2> /dev/null
}
cleanup() {
  stop "$GATEWAY_PID" gateway
  [ -n "$APPHOST_PID" ] || return 0
  stop "$APPHOST_PID" AppHost
  # DCP stops the services a few seconds after the AppHost: wait, so the fixed ports are free for whoever runs next.
  for _ in $(seq 1 60); do
    if ! curl -s -m 1 -o /dev/null "$CHAT/health" && ! curl -s -m 1 -o /dev/null "$MODEL/health"; then return 0; fi
    sleep 1
  done
  log "chatapi or model still answers 60 s after the AppHost stopped"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

for url in "$CHAT" "$MODEL"; do
  if curl -s -m 2 -o /dev/null "$url/health"; then log "something already answers on $url: stop that AppHost first"; exit 1; fi
done

log "building Release (AppHost and its projects, ChatApi/Benchmarks); log in $OUT/build.log"
(cd "$ROOT" && dotnet build -c Release AppHost -v q -nologo > "$OUT/build.log" 2>&1 \
  && dotnet build -c Release ChatApi/Benchmarks -v q -nologo >> "$OUT/build.log" 2>&1) || { log "build failed, see $OUT/build.log"; exit 1; }

# The conditions (model latency zero, quotas lifted) come from the benchmark, one copy for both of its modes. The
# AppHost's children inherit its environment, so these reach both model deployments and ChatApi. Telemetry, the
# response cache (bypassed per request with Cache-Control: no-cache), tools and guardrails stay at their defaults.
mapfile -t CONDITIONS < <(dotnet "$BENCH" --print-environment)
log "starting the AppHost (Release) with: ${CONDITIONS[*]}"
# Started directly (env execs dotnet), so $! is the `dotnet run` that SIGTERM stops, and it stops the AppHost and DCP.
env "${CONDITIONS[@]}" ${PERF_EXTRA_ENV:-} dotnet run -c Release --no-build --project "$ROOT/AppHost" --launch-profile http > "$OUT/apphost.log" 2>&1 &
APPHOST_PID=$!

GATEWAY_ARGS=()
if [ "${NO_GATEWAY:-0}" != 1 ]; then
  "$ROOT/scripts/install-gateway.sh" > "$OUT/gateway-install.log" 2>&1 || { log "gateway install failed, see $OUT/gateway-install.log"; exit 1; }
  log "starting the Portkey gateway on 127.0.0.1:$GATEWAY_PORT"
  # Headless and production: no UI, no log stream, the gateway at its leanest.
  env NODE_ENV=production $("$ROOT/scripts/install-gateway.sh" --print) --port="$GATEWAY_PORT" --headless > "$OUT/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  GATEWAY_ARGS=(--gateway "http://127.0.0.1:$GATEWAY_PORT")
fi

log "waiting for chatapi and model to be healthy (at most ${READY_MAX} s)"
deadline=$(($(date +%s) + READY_MAX))
until curl -sf -m 3 -o /dev/null "$CHAT/health" && curl -sf -m 3 -o /dev/null "$MODEL/health"; do
  kill -0 "$APPHOST_PID" 2> /dev/null || { log "the AppHost exited; see $OUT/apphost.log"; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { log "the app did not become ready; see $OUT/apphost.log"; exit 1; }
  sleep 2
done

log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# 30 s of warm-up per target by default: tiered JIT needs that long under load before ChatApi reaches steady state.
dotnet "$BENCH" --chatapi "$CHAT" --model "$MODEL" "${GATEWAY_ARGS[@]}" --warmup 30 --markdown "$OUT/results.md" "$@"
rc=$?
log "tables in $OUT/results.md"
exit $rc
