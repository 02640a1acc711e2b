"""Residents can find records through the site's search: every record page is in the index."""

from __future__ import annotations

import html
import json
from pathlib import Path

from engage.portal import Portal


def test_every_record_page_is_indexed_by_title(example_site: Path, example_portal: Portal) -> None:
    docs = json.loads((example_site / "search/search_index.json").read_text())["docs"]
    titles = {d["location"]: d["title"] for d in docs if d["location"].count("/") == 2}
    expected = {f"events/{i}/": html.escape(r.model.title) for i, r in example_portal.events.items()}
    expected |= {f"eia/{i}/": html.escape(r.model.title) for i, r in example_portal.eias.items()}
    expected |= {f"commitments/{i}/": html.escape(r.model.title) for i, r in example_portal.commitments.items()}
    expected |= {
        f"you-said-we-did/{i}/": html.escape(f"You said, we did: {r.model.title}") for i, r in example_portal.feedback.items()
    }
    assert {k: v for k, v in titles.items() if k in expected} == expected
