#!/usr/bin/env bash
# Installs what is missing and runs every check: formatting, clippy, all tests (core,
# CLI, and the end-to-end tests that drive the real window under Xvfb), and, with
# GREENROOM_PACKAGE_CHECK=1, the packages built and installed into a fresh Debian root.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

export NO_AT_BRIDGE=1

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
xvfb-run -a -s "-screen 0 1280x800x24" cargo test --workspace --locked

# The packages (root, for their chroot). Opt-in with GREENROOM_PACKAGE_CHECK=1 until
# the release build fits CI's budget for packaging (docs/PERFORMANCE.md, Packages).
if [ "${GREENROOM_PACKAGE_CHECK:-0}" = 1 ]; then
  scripts/package-check.sh
fi
