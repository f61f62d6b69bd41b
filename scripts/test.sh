#!/usr/bin/env bash
# The whole test suite, as the README names it and CI runs it (.ci/run).
# Installs what it needs on a fresh Debian machine that has only the Rust toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test (all targets, default features)"
cargo test --all-targets --locked 2>&1
echo "== doctests"
cargo test --doc --locked 2>&1
