#!/usr/bin/env bash
# CI for the Python module and the Spark job (issue 7): build the CLI (the tests' oracle)
# and the module from this tree, install pytest and pyspark, run python/tests.
# Works on a fresh Debian machine with the Rust toolchain and python3/pip; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

pip=(python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore)

echo "== python: build the CLI (release)"
cargo build --release --locked 2>&1
if ! command -v java >/dev/null 2>&1; then
    echo "== python: installing a Java runtime for Spark"
    apt-get install -y -q openjdk-17-jre-headless >/dev/null
fi
echo "== python: pip install pytest pyspark, then ./python"
"${pip[@]}" pytest 'pyspark==3.5.9'
# Sharing the CLI's target dir (same release profile) reuses its compiled dependencies.
CARGO_TARGET_DIR="$PWD/target" "${pip[@]}" --force-reinstall --no-deps ./python
echo "== python: pytest python/tests"
ZHFIX="$PWD/target/release/zhfix" python3 -m pytest python/tests -q -rs -p no:cacheprovider
