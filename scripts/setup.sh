#!/usr/bin/env bash
# Installs what Greenroom needs on Debian/Ubuntu: `setup.sh run` for the app,
# `setup.sh test` for the app plus the test tools (Xvfb, WebKitWebDriver, PDF readers,
# tauri-driver, PostgreSQL, the packaging checks' tools). Other distributions: install the
# equivalents of the lists below.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_PACKAGES=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  fonts-noto-core fonts-noto-cjk
)
# postgresql: the desk server's tests start throwaway clusters from its binaries.
# debootstrap, lintian, rpm, appstream: scripts/package-check.sh (the packages).
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver qpdf poppler-utils xdotool postgresql
  debootstrap lintian rpm appstream)

want=("${RUN_PACKAGES[@]}")
[ "${1:-run}" = test ] && want+=("${TEST_PACKAGES[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if ! command -v apt-get >/dev/null; then
    echo "setup: no apt-get here; install these (or your distribution's equivalents): ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing; install a stable toolchain (rustup) and run this again" >&2
  exit 1
fi

if [ "${1:-run}" = test ] && [ ! -x .tools/bin/tauri-driver ]; then
  echo "setup: installing tauri-driver into .tools/"
  cargo install tauri-driver --version '^2' --locked --root .tools --quiet
fi
