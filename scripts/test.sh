#!/usr/bin/env bash
# The whole test suite, as the README names it and CI runs it (.ci/run).
# On a fresh Debian machine with only the Rust toolchain it installs what it needs:
# libopencc (the optional opencc-sys backend), Python 3 with pip, and a Java runtime (Spark).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "== installing ${missing[*]}"
    "${sudo[@]}" apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
}

apt_install pkg-config libopencc-dev libopencc-data
command -v python3 >/dev/null 2>&1 || apt_install python3 python3-pip python3-venv
python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
# Debian's own python3 refuses system-wide pip installs (PEP 668); these are test tools.
export PIP_BREAK_SYSTEM_PACKAGES=1

echo "== cargo test (library, binary, integration tests, benches compile)"
cargo test --all-targets --locked 2>&1
echo "== cargo test --doc"
cargo test --doc --locked 2>&1
echo "== cargo doc, private items too (a doc link to a moved or missing item fails)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --document-private-items --locked 2>&1
echo "== cargo test --features opencc-sys (system libopencc backend)"
cargo test --locked --features opencc-sys --test convert_opencc_sys 2>&1
echo "== python module and Spark job"
bash python/ci.sh
