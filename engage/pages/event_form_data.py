"""The data behind the "Add your event" form: choices from the taxonomies and where files go.

The form itself is a hand-written page (content/contribute/add-event/) with a script; this file
is all it needs from the data, so the page never goes stale when a taxonomy changes. It is a
script that sets `window.engageEventFormData`, loaded before the form's module, so the form is
built while the page loads (no fetch to wait for, nothing appearing later under the keyboard).
It carries the event schema exactly as published at schemas/event.json (the same function makes
both; a test compares them).
"""

from __future__ import annotations

import json
from typing import Any

from .. import urls
from ..access import PHYSICAL
from ..exports.schemas import file_schema
from ..output import OutputFile
from ..portal import Portal
from ..schema_files import EVENT_FILE, modeline


def _choices(entries: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"id": key, "name": entry.name} for key, entry in sorted(entries.items(), key=lambda kv: kv[1].name.lower())
    ]


def form_data(portal: Portal) -> dict[str, Any]:
    settings = portal.settings
    repository = settings.repository.rstrip("/") if settings.repository else None
    return {
        "site": settings.name,
        "timezone": settings.timezone,
        "mailbox": settings.contact,
        "repository": repository,
        "branch": settings.branch,
        "new_file_url": f"{repository}/new/{settings.branch}/" if repository and "github" in repository else None,
        "edit_file_url": f"{repository}/edit/{settings.branch}/" if repository and "github" in repository else None,
        # The role mailboxes published text may contain (checks/personal_data.py allows the same).
        "role_mailboxes": sorted(
            {
                settings.contact.lower(),
                *(m.lower() for m in settings.role_mailboxes),
                *(o.contact.lower() for o in portal.organisations.values()),
            }
        ),
        # The file's first line names the repository's copy of the schema, for editors in any clone.
        "schema_line": modeline("event", EVENT_FILE),
        "schema": file_schema("event", settings.base_url),
        "events": urls.EVENTS_DATA,
        "organisations": [
            {"id": key, "name": org.name, "contact": org.contact}
            for key, org in sorted(portal.organisations.items(), key=lambda kv: kv[1].name.lower())
        ],
        "methods": _choices(portal.methods),
        "areas": _choices(portal.areas),
        "topics": _choices(portal.topics),
        "groups": _choices(portal.groups),
        # The register's EIAs by title, for "which EIA it informs".
        "eias": [
            {"id": key, "name": r.model.title, "organisation": r.model.organisation}
            for key, r in sorted(portal.eias.items(), key=lambda kv: kv[1].model.title.lower())
        ],
        # Who a consultation is for: each characteristic's categories, as in its monitoring form.
        "characteristics": [
            {"id": key, "name": c.name, "categories": [{"id": cat.id, "name": cat.name} for cat in c.categories]}
            for key, c in portal.characteristics.items()
            if c.categories
        ],
        # Facts about a building: not asked, nor written, for an event with no venue (checks/access.py).
        "physical_access": list(PHYSICAL),
        "venues": [
            {"id": key, "name": v.name, "address": v.address, "area": v.area}
            for key, v in sorted(portal.venues.items(), key=lambda kv: kv[1].name.lower())
        ],
    }


def files(portal: Portal) -> list[OutputFile]:
    data = json.dumps(form_data(portal), ensure_ascii=False, sort_keys=False)
    text = f"// Made with the site from data/ (engage/pages/event_form_data.py): the event form's choices.\nwindow.engageEventFormData = {data};\n"
    return [OutputFile(urls.EVENT_FORM_DATA, text.encode("utf-8"))]
