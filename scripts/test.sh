#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, clippy, and all tests
# (core, CLI, and the end-to-end tests that drive the real window under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

export NO_AT_BRIDGE=1

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --workspace --locked
