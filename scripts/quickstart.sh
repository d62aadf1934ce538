#!/usr/bin/env bash
# Gateway Lab set-up in one step: installs the Debian packages that are missing, configures and
# builds with Ninja in Release, then either opens the app on the seed sample or runs the test suite.
#
#   scripts/quickstart.sh run [PATH... ]   build, then open the app (default: samples/session-sticky -n server)
#   scripts/quickstart.sh test             build, then run every test through ctest
#   scripts/quickstart.sh build            build only
#
# Environment: BUILD_DIR (default: build), CTEST_ARGS (extra ctest arguments).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
MODE=${1:-run}
[ $# -gt 0 ] && shift

PACKAGES=(build-essential cmake ninja-build pkg-config qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
          libyaml-cpp-dev xvfb xauth curl)

install_missing() {
  local missing=()
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "quickstart: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
}

build() {
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

install_missing
build

case "$MODE" in
  build)
    ;;
  run)
    if [ $# -eq 0 ]; then set -- "$ROOT/samples/session-sticky" -n server; fi
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "quickstart: no display; starting the app under xvfb-run (use 'gatewaylab serve' for a headless gateway)" >&2
      exec xvfb-run -a "$BUILD_DIR/bin/gatewaylab" "$@"
    fi
    exec "$BUILD_DIR/bin/gatewaylab" "$@"
    ;;
  test)
    # Tests bind fixed gateway ports (the manifests say 8000, 80...), so they run one at a time.
    cd "$BUILD_DIR"
    # shellcheck disable=SC2086
    exec ctest --output-on-failure ${CTEST_ARGS:-}
    ;;
  *)
    echo "usage: scripts/quickstart.sh run [PATH...] | test | build" >&2
    exit 1
    ;;
esac
