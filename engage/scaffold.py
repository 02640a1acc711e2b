"""`engage new`: a commented starter file that validates as written, in the right folder."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from string import Template

from .loading import load
from .today import resolve_today

KINDS = ("event", "eia", "feedback", "commitment", "evaluation")
FOLDERS = {"eia": "eias", "feedback": "feedback", "commitment": "commitments", "evaluation": "evaluations"}


class ScaffoldError(Exception):
    """The starter cannot be written; the message says why."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_record(
    data: Path, kind: str, *, title: str, organiser: str | None = None, day: str | None = None,
    slug: str | None = None, event: str | None = None,
) -> Path:
    """Write a starter for `kind` and return its path."""
    loaded = load(data)
    if loaded.settings is None:
        raise ScaffoldError(f"{data} has no valid site.yaml; is this the data folder?")
    if "\n" in title or not title.strip():
        raise ScaffoldError("the title must be one line of text")
    ids = {name: [r.id for r in entries] for name, entries in loaded.taxonomies.items()}
    for needed in ("organisations", "methods", "areas", "topics"):
        if not ids.get(needed):
            raise ScaffoldError(f"the taxonomy {needed}.yaml is missing or empty")
    organiser = organiser or ids["organisations"][0]
    if organiser not in ids["organisations"]:
        raise ScaffoldError(f"no organisation '{organiser}'; choose one of {', '.join(ids['organisations'])}")
    try:
        when = date.fromisoformat(day) if day else date.today()
    except ValueError:
        raise ScaffoldError(f"--date must be written YYYY-MM-DD, found {day!r}") from None
    name = slug or slugify(title)
    if not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", name):
        raise ScaffoldError("cannot make an id from that title; give one with --slug")
    if kind == "event":
        path = data / "events" / organiser / f"{when.isoformat()}-{name}.yaml"
    else:
        path = data / FOLDERS[kind] / f"{name}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another --slug")
    org = next(r.model for r in loaded.taxonomies["organisations"] if r.id == organiser)
    consultations = [r.id for r in loaded.events if r.model.consultation is not None]
    if kind == "feedback":
        event = event or (consultations[-1] if consultations else None)
        if event is None:
            raise ScaffoldError("feedback answers a consultation event, and there is none yet")
    if kind == "evaluation":
        event = event or (loaded.events[-1].id if loaded.events else None)
        if event is None:
            raise ScaffoldError("an evaluation looks at one or more events, and there is none yet")
    venues = ids.get("venues") or []
    if kind == "event" and not venues:
        raise ScaffoldError("the taxonomy venues.yaml is empty; add a venue first")
    impacts = "\n".join(
        f"  - characteristic: {c}\n    impact: unknown\n    rationale: TODO why, with reference to the evidence."
        for c in ids.get("characteristics", [])
    )
    values = {
        "base_url": loaded.settings.model.base_url,
        "path": path.as_posix(),
        "title": _yaml_string(title),
        "organiser": organiser,
        "contact": org.contact,
        "date": when.isoformat(),
        # The day the file is written: the event's first `changed` date (its feeds' DTSTAMP).
        "today": resolve_today(loaded.settings.model.timezone).isoformat(),
        "review": (when + timedelta(days=365)).isoformat(),
        "follow_up": (when + timedelta(days=200)).isoformat(),
        "method": ids["methods"][0],
        "methods": ", ".join(ids["methods"]),
        "area": ids["areas"][0],
        "areas": ", ".join(ids["areas"]),
        "topic": ids["topics"][0],
        "topics": ", ".join(ids["topics"]),
        "groups": ", ".join(ids.get("groups", [])),
        "venue": venues[0] if venues else "",
        "venues": ", ".join(venues),
        "impacts": impacts,
        "event": event or "",
        "module": (ids.get("modules") or [""])[0],
        "modules": ", ".join(ids.get("modules", [])),
    }
    text = Template(resources.files("engage").joinpath(f"starters/{kind}.yaml").read_text("utf-8")).substitute(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
