"""The bindings crate stays buildable the way the CLI crate is.

python/Cargo.toml is its own workspace root, so the CLI crate's profiles do not apply to it;
they are copied. If they drift, zhfix's build.rs runs unoptimised (minutes) or a shared
target dir rebuilds every dependency. This catches the drift.
"""

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11+")

from conftest import REPO  # noqa: E402


def load(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def test_profiles_match_the_cli_crate():
    root = load(REPO / "Cargo.toml").get("profile", {})
    bindings = load(REPO / "python" / "Cargo.toml").get("profile", {})
    assert bindings == root


def test_bindings_depend_on_this_tree():
    manifest = load(REPO / "python" / "Cargo.toml")
    assert manifest["dependencies"]["zhfix"] == {"path": ".."}
    assert "workspace" in manifest
