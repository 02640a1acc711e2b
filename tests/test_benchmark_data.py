"""The benchmark's generated data must validate, or `make bench` stops before it measures anything.

Regression: after the rule that things which have happened cannot be dated in the future, the
generator still gave some EIAs a decision (and so a completion and publication) after the
benchmark's today, and `make bench` stopped at "generated data does not validate".
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from engage.portal import check_data

ROOT = Path(__file__).resolve().parents[1]


def _generator() -> ModuleType:
    # benchmarks/ is a folder of scripts, not a package: load the script by its path.
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_generated_benchmark_data_has_no_errors_on_the_benchmarks_day(tmp_path: Path) -> None:
    generator = _generator()
    generator.generate(tmp_path / "data", 400)
    result = check_data(tmp_path / "data", generator.TODAY, refuse_future=True)
    assert [p.as_text() for p in result.errors] == []
    assert result.portal is not None


def test_every_page_of_the_generated_data_renders(tmp_path: Path) -> None:
    """Regression: the forward plan named the organiser of each event within its six-month horizon
    only, so a fatigue window reaching past it failed to render (found by `make bench`)."""
    from engage.site_writer import SiteWriter

    generator = _generator()
    generator.generate(tmp_path / "data", 1000)
    result = check_data(tmp_path / "data", generator.TODAY, refuse_future=True)
    assert result.portal is not None
    written = SiteWriter().write(result.portal, tmp_path / "site", workers=1)
    assert (tmp_path / "site/planning/index.html").is_file()
    assert len(written.urls) > 1000
