"""What CI and a fresh machine install is pinned: actions by commit, packages by hash, the build
backend exactly; and the tools are kept out of what a preview installs."""

from __future__ import annotations

import re
import tomllib

import yaml

from .sitebuild import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
LOCKS = {"runtime": "requirements.lock", "test": "requirements-test.lock", "lint": "requirements-lint.lock"}
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def locked(name: str) -> dict[str, str]:
    """Package (normalised name) to version, checking that every entry carries its hashes."""
    text = (ROOT / LOCKS[name]).read_text("utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2] if text.startswith("#") else text)
    out: dict[str, str] = {}
    for entry in entries:
        match = REQUIREMENT.match(entry)
        if match is None:
            continue
        assert "--hash=sha256:" in entry, f"{LOCKS[name]}: {match[1]} has no hash"
        out[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return out


def test_every_action_is_pinned_to_a_full_commit_with_its_release_beside_it() -> None:
    uses: list[str] = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip().startswith(("uses:", "- uses:")):
                uses.append(line.split("uses:", 1)[1].strip())
    assert len(uses) >= 10
    assert [u for u in uses if not PINNED_ACTION.match(u)] == []


def test_pull_requests_run_make_test_and_make_lint() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "test-and-lint.yml").read_text("utf-8"))
    assert "pull_request" in workflow[True]  # PyYAML reads `on` as True
    commands = {name: [s["run"] for s in job["steps"] if "run" in s] for name, job in workflow["jobs"].items()}
    assert commands == {"test": ["make test"], "lint": ["make lint"]}


def test_every_locked_package_has_its_hashes_and_the_locks_agree() -> None:
    locks = {name: locked(name) for name in LOCKS}
    runtime = locks["runtime"]
    for name in ("test", "lint"):
        assert {k: v for k, v in locks[name].items() if k in runtime} == {
            k: v for k, v in runtime.items() if k in locks[name]
        }, name
    shared = locks["test"].keys() & locks["lint"].keys()
    assert {k: locks["test"][k] for k in shared} == {k: locks["lint"][k] for k in shared}


def test_a_preview_installs_no_test_or_lint_tool() -> None:
    runtime = locked("runtime")
    groups = pyproject()["project"]["optional-dependencies"]  # type: ignore[index]
    tools = {re.split(r"[=<>\[]", req)[0].lower() for group in groups.values() for req in group}  # type: ignore[attr-defined]
    assert sorted(tools & runtime.keys()) == []
    assert {"pytest", "playwright", "ruff", "mypy"} <= tools


def test_the_pinned_dependencies_are_the_ones_locked() -> None:
    project = pyproject()["project"]
    for group, lock in (("runtime", None), ("test", "test"), ("lint", "lint")):
        wanted = project["dependencies"] if lock is None else project["optional-dependencies"][group]  # type: ignore[index]
        versions = locked(lock or "runtime")
        for requirement in wanted:  # type: ignore[attr-defined]
            name, version = requirement.split("==")
            assert versions[re.sub(r"[-_.]+", "-", name).lower()] == version, requirement


def test_the_build_backend_is_pinned_exactly_and_installed_from_the_lock() -> None:
    requires = pyproject()["build-system"]["requires"]  # type: ignore[index]
    assert len(requires) == 1 and re.fullmatch(r"setuptools==\d+\.\d+\.\d+", requires[0])
    assert locked("runtime")["setuptools"] == requires[0].split("==")[1]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    # The package is built by that setuptools, without fetching one in an isolated environment.
    assert "--no-build-isolation -e ." in makefile
    installs = [line for line in makefile.splitlines() if "-r requirements" in line]
    assert len(installs) == 3 and all("--require-hashes" in line for line in installs)


def test_make_serve_and_make_build_install_only_the_runtime_lock() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = dict(re.findall(r"^(serve|build|test|lint): (.*)$", makefile, re.M))
    assert targets["serve"] == "$(STAMP)"
    assert targets["build"] == "$(STAMP)"
    assert targets["test"].split()[0] == "$(TEST_STAMP)"
    assert targets["lint"] == "$(LINT_STAMP)"
