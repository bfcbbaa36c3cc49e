#!/usr/bin/env bash
# Installs what is missing, builds, and opens Greenroom on its default database (in the
# app-data folder, created on first run). Extra arguments go to the window
# (greenroom-desktop), which takes one: --db FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
exec cargo run --release --locked --features custom-protocol -- "$@"
