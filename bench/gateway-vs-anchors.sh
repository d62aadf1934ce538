#!/usr/bin/env bash
# Measures `gatewaylab serve` beside HAProxy and nginx as sticky-cookie proxies, in one run, with
# ../shared/bench/anchor-bench.sh. The gateway fronts the same nginx backends through EndpointSlices
# (bench/anchor-manifests) with FSM's SessionStickyPolicy, and logs every exchange to its flow log.
#
#   bench/gateway-vs-anchors.sh [DURATION_SECONDS=10]
#   env: SHARED (default ../shared), BUILD_DIR (default build), THREADS/CONNS as anchor-bench.sh takes them,
#        GATEWAY_THREADS (data-plane threads, default 2)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BINARY=$BUILD_DIR/bin/gatewaylab

missing=()
for tool in nginx haproxy wrk curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q nginx-light haproxy wrk curl
fi
[ -x "$BINARY" ] || "$ROOT/scripts/quickstart.sh" build

export GATEWAY_CMD="$BINARY serve --threads ${GATEWAY_THREADS:-2} -n bench $ROOT/bench/anchor-manifests"
export GATEWAY_URL="http://127.0.0.2:18050"
exec "$SHARED/bench/anchor-bench.sh" "$@"
