"""What the "Add your event" form is given: the taxonomies' choices and the schema as published."""

from __future__ import annotations

import json
from pathlib import Path

from engage import urls
from engage.portal import Portal


def _published(site: Path) -> dict[str, object]:
    text = (site / urls.EVENT_FORM_DATA).read_text("utf-8")
    prefix = "window.engageEventFormData = "
    line = next(line for line in text.splitlines() if line.startswith(prefix))
    data: dict[str, object] = json.loads(line.removeprefix(prefix).removesuffix(";"))
    return data


def test_the_form_checks_against_the_schema_the_site_publishes(example_site: Path) -> None:
    data = _published(example_site)
    assert data["schema"] == json.loads((example_site / urls.EVENT_SCHEMA).read_text("utf-8"))
    assert data["schema_line"] == "# yaml-language-server: $schema=../../../schemas/event.json"


def test_the_form_offers_every_taxonomy_entry_and_the_repository(example_site: Path, example_portal: Portal) -> None:
    data = _published(example_site)
    assert [m["id"] for m in data["methods"]] == ["drop-in", "public-meeting", "survey"]  # type: ignore[index]
    assert {a["id"] for a in data["areas"]} == set(example_portal.areas)  # type: ignore[index]
    assert {v["id"] for v in data["venues"]} == set(example_portal.venues)  # type: ignore[index]
    assert [(o["id"], o["contact"]) for o in data["organisations"]] == [  # type: ignore[index]
        (key, org.contact)
        for key, org in sorted(example_portal.organisations.items(), key=lambda kv: kv[1].name.lower())
    ]
    assert (data["new_file_url"], data["mailbox"]) == (
        "https://github.com/example-district/engage/new/main/",
        "engagement@example.gov.uk",
    )
    # The site's and the organisations' role mailboxes: the contacts the personal-data check allows.
    assert "engagement@example.gov.uk" in data["role_mailboxes"]  # type: ignore[operator]
