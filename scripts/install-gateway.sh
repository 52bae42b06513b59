#!/usr/bin/env bash
# Installs the off-the-shelf OpenAI-compatible gateway that docs/performance.md compares ChatApi with: Portkey's
# open-source AI gateway (npm @portkey-ai/gateway), the version issue 10's reference figures were measured with.
# Into .tools/portkey-gateway (git-ignored), from the npm registry only; nothing is downloaded at run time.
#
#   scripts/install-gateway.sh            # install (no-op when that version is already there)
#   scripts/install-gateway.sh --print    # print the command that starts it (port 8787 unless PORT is set)
#
# Needs Node.js 18+ and npm. The gateway is then started by scripts/perf.sh on 127.0.0.1:8787 and forwards
# POST /v1/chat/completions to the URL in the x-portkey-custom-host header (provider "openai").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VERSION=${PORTKEY_VERSION:-1.15.2}
DIR="$ROOT/.tools/portkey-gateway"
ENTRY="$DIR/node_modules/@portkey-ai/gateway/build/start-server.js"

if [ "${1:-}" = --print ]; then
  echo "node $ENTRY"
  exit 0
fi

for tool in node npm; do
  command -v "$tool" > /dev/null || { echo "install-gateway.sh needs $tool (Node.js 18+)" >&2; exit 1; }
done

installed=$(node -p "require('$DIR/node_modules/@portkey-ai/gateway/package.json').version" 2> /dev/null || true)
if [ "$installed" = "$VERSION" ] && [ -f "$ENTRY" ]; then
  echo "@portkey-ai/gateway $VERSION already in $DIR"
  exit 0
fi

mkdir -p "$DIR"
# A package.json of its own so npm does not walk up to a parent folder's; no scripts from dependencies run.
[ -f "$DIR/package.json" ] || echo '{ "name": "llmreference-perf-gateway", "private": true }' > "$DIR/package.json"
(cd "$DIR" && npm install --no-audit --no-fund --ignore-scripts --save-exact "@portkey-ai/gateway@$VERSION")
echo "installed @portkey-ai/gateway $VERSION in $DIR; start: node $ENTRY"
