"""The site search's index: what a resident might type, for every record and information page.

Only the search page loads the index (`search/index.json`), so it costs nothing elsewhere.
Events are found by title, summary, place (venue name, address, postcode, area), organiser and
partners, type of event, topic and group words, access arrangements ("BSL", "hearing loop",
"step-free") and month; assessments, feedback and commitments by their title, organisation,
service and summary; information pages (content/*.md) by their title and text.

The index is compact JSON: `terms`, the phrases many entries share (a venue, an organisation, a
topic, an access arrangement), written once; and `rows`, one per result,
`[url, kind, title, summary, date, words, [term numbers]]`, where `words` is the entry's own
searchable text beyond its title and summary. Sharing the phrases keeps an event's row to about
a third of its size. The matching itself (every typed word must begin a word of the entry) is in
theme_overrides/assets/search.js.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import urls
from .event_words import ACCESS_LABELS
from .output import OutputFile
from .pages.search_page import INDEX_PATH
from .portal import Portal

SUMMARY_LIMIT = 200
"""Characters of summary shown under a result (and kept in the index)."""

# Words residents use for an arrangement besides its label.
ACCESS_SYNONYMS = {
    "step_free": "wheelchair accessible ramp lift",
    "hearing_loop": "induction deaf hard of hearing",
    "bsl": "british sign language deaf",
    "speech_to_text": "captions captioning palantypist deaf",
    "easy_read": "learning disability",
    "large_print": "sight visually impaired",
    "quiet_space": "autism sensory",
    "childcare": "creche children",
    "travel_costs": "expenses",
    "carer_costs": "expenses carers",
}

KIND_LABELS = {
    "event": "Event",
    "past-event": "Past event",
    "eia": "Equality impact assessment",
    "feedback": "You said, we did",
    "commitment": "Equality commitment",
    "page": "Information",
}


@dataclass(frozen=True)
class Entry:
    """One search result."""

    url: str
    """Relative to the site root."""
    kind: str
    """A key of KIND_LABELS."""
    title: str
    summary: str
    day: date | None
    words: str
    """The entry's own text it is found by besides its title and summary."""
    phrases: tuple[str, ...] = ()
    """Text it is found by that other entries share (written once in the index's terms)."""

    @property
    def text(self) -> str:
        """Everything the entry is found by besides its title and summary."""
        return " ".join(part for part in (self.words, *self.phrases) if part)

    def row(self, terms: dict[str, int]) -> list[object]:
        """The index row, numbering each shared phrase in `terms` (which grows as needed)."""
        numbers = [terms.setdefault(phrase, len(terms)) for phrase in self.phrases]
        day = self.day.isoformat() if self.day else ""
        return [self.url, self.kind, self.title, self.summary, day, self.words, numbers]


def _words(*parts: object) -> str:
    """Join the non-empty parts, each once, in order."""
    seen: dict[str, None] = {}
    for part in parts:
        if part:
            seen.setdefault(" ".join(str(part).split()), None)
    return " ".join(seen)


def _short(text: str | None) -> str:
    """A summary cut at a word boundary, Markdown punctuation left out."""
    plain = " ".join(re.sub(r"[*_`#>\[\]]|\]\([^)]*\)", " ", text or "").split())
    if len(plain) <= SUMMARY_LIMIT:
        return plain
    return plain[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + "…"


def event_entries(portal: Portal) -> list[Entry]:
    """Upcoming events soonest first, then past events most recent first."""
    upcoming: list[Entry] = []
    past: list[Entry] = []
    for event_id, record in portal.events.items():
        e = record.model
        org = portal.organisations[e.organiser]
        venue = portal.venues[e.venue] if e.venue else None
        access = [
            f"{label} {ACCESS_SYNONYMS.get(key, '')}"
            for key, label in ACCESS_LABELS.items()
            if getattr(e.access, key).value in {"yes", "on-request"}
        ]
        words = _words(e.room, e.online and f"online {e.online.platform}")
        phrases = [
            venue and _words(venue.name, venue.address, venue.postcode),
            *(portal.areas[a].name for a in e.areas if a in portal.areas),
            _words(org.name, org.short_name),
            *(portal.organisations[p].name for p in e.partners if p in portal.organisations),
            portal.methods[e.method].name,
            *(portal.topics[t].name for t in e.topics if t in portal.topics),
            *(portal.groups[g].name for g in e.groups if g in portal.groups),
            *access,
            e.consultation and "consultation",
            e.status.value if e.status.value != "scheduled" else "",
            f"{e.date:%B %Y}",
        ]
        last = (e.recurrence.until if e.recurrence else None) or e.end_date or e.date
        is_past = last < portal.today
        kind = "past-event" if is_past else "event"
        shared = tuple(dict.fromkeys(" ".join(p.split()) for p in phrases if p))
        entry = Entry(urls.event(event_id), kind, e.title, _short(e.summary), e.date, words, shared)
        (past if is_past else upcoming).append(entry)
    upcoming.sort(key=lambda entry: (entry.day or date.min, entry.url))
    past.sort(key=lambda entry: (entry.day or date.min, entry.url), reverse=True)
    return upcoming + past


def record_entries(portal: Portal) -> list[Entry]:
    """Assessments, feedback and commitments, newest first within each."""
    out: list[Entry] = []
    eias = []
    for eia_id, eia in portal.eias.items():
        m = eia.model
        org = portal.organisations.get(m.organisation)
        words = _words(
            m.service, org and org.name, org and org.short_name, m.outcome.value.replace("-", " "), m.stage.value
        )
        eias.append(Entry(urls.eia(eia_id), "eia", m.title, _short(m.purpose), m.published, words))
    feedback = []
    for feedback_id, fb in portal.feedback.items():
        f = fb.model
        event = portal.events.get(f.event)
        themes = " ".join(theme.theme for theme in f.themes)
        words = _words(event and event.model.title, themes, "consultation feedback we asked you said we did")
        feedback.append(
            Entry(
                urls.feedback(feedback_id),
                "feedback",
                f"You said, we did: {f.title}",
                _short(f.asked.question),
                f.published,
                words,
            )
        )
    commitments = []
    for commitment_id, c in portal.commitments.items():
        cm = c.model
        orgs = " ".join(portal.organisations[o].name for o in cm.organisations if o in portal.organisations)
        words = _words(cm.lead, orgs, " ".join(action.action for action in cm.actions))
        commitments.append(
            Entry(urls.commitment(commitment_id), "commitment", cm.title, _short(cm.statement), cm.published, words)
        )
    for group in (eias, feedback):
        group.sort(key=lambda entry: (entry.day or date.min, entry.url), reverse=True)
        out += group
    return out + sorted(commitments, key=lambda entry: entry.title)


_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def content_entries(content_dir: Path) -> list[Entry]:
    """The information pages (about, taking part, accessibility ...), by title and text."""
    out = []
    for source in sorted(content_dir.rglob("*.md")):
        rel = source.relative_to(content_dir).as_posix()
        if rel == "index.md":
            continue
        text = _FRONT_MATTER.sub("", source.read_text(encoding="utf-8"))
        heading = _HEADING.search(text)
        if not heading:
            continue
        body = _HEADING.sub("", text, count=1)
        plain = " ".join(re.sub(r"\]\([^)]*\)|[*_`#>\[\]|-]", " ", body).split())
        url = rel[: -len("index.md")] if rel.endswith("/index.md") else rel[: -len(".md")] + "/"
        out.append(Entry(url, "page", heading.group(1).strip(), _short(plain), None, plain))
    return out


def entries(portal: Portal, content_dir: Path | None = None) -> list[Entry]:
    pages = content_entries(content_dir) if content_dir and content_dir.is_dir() else []
    events = event_entries(portal)
    upcoming = [entry for entry in events if entry.kind == "event"]
    past = [entry for entry in events if entry.kind != "event"]
    return upcoming + pages + record_entries(portal) + past


def index_json(items: Iterable[Entry]) -> bytes:
    """The compact index the search page loads."""
    terms: dict[str, int] = {}
    rows = [entry.row(terms) for entry in items]
    payload = {"kinds": KIND_LABELS, "terms": list(terms), "rows": rows}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def index_file(portal: Portal, content_dir: Path | None = None) -> OutputFile:
    return OutputFile(INDEX_PATH, index_json(entries(portal, content_dir)))
