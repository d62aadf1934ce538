#!/usr/bin/env bash
# Shows that the load runner does not hide a gateway's speed: it drives one nginx backend
# (127.0.0.1:$PORT, 200 "Hello, world", one worker, as ../shared/bench/anchor-bench.sh sets it up)
# with wrk -t2 -c64 and with the load runner at the same concurrency, in the same run, and prints
# both rates and their ratio. The issue asks for a ratio of at least 0.7.
#
#   bench/loadrunner-vs-wrk.sh [DURATION_SECONDS=10]
#   env: BUILD_DIR (default build), CONNS (64), THREADS (2), ROUNDS (3: wrk and the runner back to back),
#        PORT (18081; another when a concurrent run holds it)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
DURATION=${1:-10}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18081}
BENCH=$BUILD_DIR/bin/loadrunner-bench

missing=()
for tool in nginx wrk curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q nginx-light wrk curl
fi
if [ ! -x "$BENCH" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" --target loadrunner-bench
fi
if ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; then
  echo "port $PORT is in use" >&2; exit 2
fi

WORK=$(mktemp -d /tmp/loadrunner-bench.XXXXXX)
NGINX_PID=
cleanup() {
  if [ -n "$NGINX_PID" ]; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK/tmp"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
error_log $WORK/error.log warn;
pid $WORK/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/tmp/body; proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fcgi; uwsgi_temp_path $WORK/tmp/uwsgi; scgi_temp_path $WORK/tmp/scgi;
  server { listen 127.0.0.1:$PORT; location / { default_type text/plain; return 200 "Hello, world"; } }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' >"$WORK/nginx.out" 2>&1 &
NGINX_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null --max-time 1 http://127.0.0.1:$PORT/ && break; sleep 0.1; done
curl -sf http://127.0.0.1:$PORT/ >/dev/null || { echo "nginx did not start" >&2; cat "$WORK/nginx.out" >&2; exit 3; }

timeout 30 wrk -t2 -c"$CONNS" -d1s http://127.0.0.1:$PORT/ >/dev/null   # warm-up
wrk_rates=(); runner_rates=()
for round in $(seq "$ROUNDS"); do
  out=$(timeout $((DURATION + 30)) wrk -t2 -c"$CONNS" -d"${DURATION}s" http://127.0.0.1:$PORT/)
  rate=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$out")
  wrk_rates+=("$rate"); echo "round $round: wrk -t2 -c$CONNS: $rate req/s" >&2
  out=$(timeout $((DURATION * 3 + 60)) "$BENCH" -c "$CONNS" -t "$THREADS" -d "$DURATION" http://127.0.0.1:$PORT/)
  rate=$(awk '{for (i = 1; i < NF; i++) if ($i == "req/s") print $(i + 1)}' <<<"$out")
  runner_rates+=("$rate"); echo "round $round: load runner ($THREADS threads, $CONNS clients): $rate req/s ($out)" >&2
done
# Each round measures wrk and the runner back to back; the ratio of each pair is what is judged
# (median over the rounds), because other load on the machine moves both numbers between rounds.
ratios=()
for i in "${!wrk_rates[@]}"; do
  ratios+=("$(awk -v r="${runner_rates[$i]}" -v w="${wrk_rates[$i]}" 'BEGIN { printf "%.2f", r / w }')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo
echo "nginx 127.0.0.1:$PORT (1 worker), $(nproc) cores shared by the load generator and nginx, $ROUNDS rounds of ${DURATION}s"
printf '| %-5s | %12s | %12s | %5s |\n' "round" "wrk req/s" "runner req/s" "ratio"
printf '|%s|%s|%s|%s|\n' "-------" "--------------" "--------------" "-------"
for i in "${!wrk_rates[@]}"; do
  printf '| %-5s | %12s | %12s | %5s |\n' "$((i + 1))" "${wrk_rates[$i]}" "${runner_rates[$i]}" "${ratios[$i]}"
done
M=$(median "${ratios[@]}")
awk -v m="$M" 'BEGIN { printf "load runner / wrk ratio (median of the rounds): %.2f (required: >= 0.70)\n", m; exit (m >= 0.7 ? 0 : 1) }'
