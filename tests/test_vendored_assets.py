"""The browser libraries the site serves are exact copies of the pinned npm packages."""

from __future__ import annotations

import json

import pytest

from .sitebuild import ROOT

VENDOR = ROOT / "theme_overrides" / "assets" / "vendor"
LIBRARIES = {"cfworker-json-schema": ("@cfworker/json-schema", "dist/esm")}


@pytest.mark.parametrize("folder", sorted(LIBRARIES))
def test_vendored_copy_matches_the_installed_package(folder: str) -> None:
    name, subdir = LIBRARIES[folder]
    package = ROOT / "node_modules" / name
    if not package.is_dir():
        pytest.skip(f"{name} is not installed (npm ci)")
    source = package / subdir
    expected = {p.name: p.read_bytes() for p in sorted(source.glob("*.js"))}
    copied = {p.name: p.read_bytes() for p in sorted((VENDOR / folder).glob("*.js"))}
    assert copied == expected, "run: npm run vendor"
    version = json.loads((package / "package.json").read_text())["version"]
    locked = json.loads((ROOT / "package.json").read_text())["devDependencies"][name]
    assert version == locked
    assert (VENDOR / folder / "VENDORED.txt").read_text().startswith(f"{name} {version} (MIT licence)")
