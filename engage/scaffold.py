"""`engage new`: a commented starter file in the right folder, with a placeholder wherever a decision is needed."""

from __future__ import annotations

import re
from datetime import date, timedelta
from importlib import resources
from pathlib import Path, PurePosixPath
from string import Template

from .checks.reserved_ids import reserved_for
from .ids import did_you_mean, slugify
from .loading import load
from .schema_files import modeline
from .today import resolve_today

KINDS = ("event", "eia", "feedback", "commitment", "evaluation")
NEEDS_ORGANISER = ("event", "eia")
"""Kinds whose organisation cannot be guessed: the file's folder or the register entry says whose it is."""
FOLDERS = {"eia": "eias", "feedback": "feedback", "commitment": "commitments", "evaluation": "evaluations"}


class ScaffoldError(Exception):
    """The starter cannot be written; the message says why."""


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_record(
    data: Path,
    kind: str,
    *,
    title: str,
    organiser: str | None = None,
    day: str | None = None,
    slug: str | None = None,
    event: str | None = None,
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
    if organiser is None and kind in NEEDS_ORGANISER:
        raise ScaffoldError(
            f"{kind} needs --organiser: the id of the organisation; choose one of {', '.join(ids['organisations'])}"
        )
    organiser = organiser or ids["organisations"][0]
    if organiser not in ids["organisations"]:
        hint = did_you_mean(organiser, ids["organisations"])
        choices = ", ".join(ids["organisations"])
        raise ScaffoldError(
            f"no organisation '{organiser}'{hint} Choose one of {choices}"
            if hint
            else f"no organisation '{organiser}'; choose one of {choices}"
        )
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
    if kind != "event" and name in reserved_for(FOLDERS[kind]):
        raise ScaffoldError(f"'{name}' is a name the site keeps for its own pages; choose another --slug")
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another --slug")
    org = next(r.model for r in loaded.taxonomies["organisations"] if r.id == organiser)
    events = {r.id: r.model for r in loaded.events}
    if kind == "feedback":
        if event is None:
            raise ScaffoldError(
                "feedback needs --event: the id of the consultation event it answers (its file name without .yaml)"
            )
        if event not in events:
            raise ScaffoldError(f"no event has the id '{event}'{did_you_mean(event, events)}")
    if kind == "evaluation":
        if event is None:
            raise ScaffoldError(
                "an evaluation needs --event: the id of an event it looks at (its file name without .yaml)"
            )
        if event not in events:
            raise ScaffoldError(f"no event has the id '{event}'{did_you_mean(event, events)}")
    venues = ids.get("venues") or []
    if kind == "event" and not venues:
        raise ScaffoldError("the taxonomy venues.yaml is empty; add a venue first")
    impacts = "\n".join(
        f"  - characteristic: {c}\n    impact: TODO positive, neutral, negative, mixed or unknown\n    rationale: TODO why, with reference to the evidence."
        for c in ids.get("characteristics", [])
    )
    values = {
        # The repository's copy of the schema, by a path relative to the file (any clone, any fork).
        "schema_line": modeline(kind, PurePosixPath(path.relative_to(data).as_posix())),
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
        "event_title": events[event].title if event in events else "",
        "module": (ids.get("modules") or [""])[0],
        "modules": ", ".join(ids.get("modules", [])),
    }
    text = Template(resources.files("engage").joinpath(f"starters/{kind}.yaml").read_text("utf-8")).substitute(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
