"""`engage import-ics`: a partner's calendar (Google, Outlook, Apple exports or feeds) as event files.

Each calendar event (one UID) becomes one file in `data/events/<organiser>/`. The file carries the
UID in a comment, and the next import finds the file by it, so ids stay stable across runs (a
changed title or date never makes a second file) and an unchanged calendar changes nothing.

How calendar features map onto Engage's recurrence model (decided here, documented in
CONTRIBUTING.md):
- weekly (every week or every other week) on the first date's weekday, and monthly on the first,
  second, third, fourth or last weekday of the month become `recurrence`; EXDATE becomes `skip`;
  an occurrence moved in the calendar (RECURRENCE-ID) becomes `moved`, and a cancelled one `skip`.
- Anything else (daily, several weekdays, a day of the month, yearly, extra dates in RDATE) cannot
  be said with that model, so the series is expanded: one file per occurrence, named by its date.
- A series with no end (no UNTIL or COUNT) is imported to 31 December of the year after the
  import; the next year's import extends it.
- Times are converted to the site's time zone. A series whose local time would shift across a
  clock change (defined in UTC or another zone) is expanded, so each occurrence keeps its time.
  A calendar that names its zone in X-WR-TIMEZONE (Google, Apple, Proton) has its UTC and floating
  times read in that zone, as its own app does (7pm stays 7pm after the clocks change).
- What cannot be read without guessing is reported and not imported: no start, no title, a zone
  neither known nor described in a VTIMEZONE, an unreadable date or rule, two different events
  with one UID. Tasks and journal entries (VTODO, VJOURNAL) are not events and are left out.
- Categories are matched to method, area, topic and group ids or names; a category that matches
  nothing is reported, never guessed. The location is matched to a venue by id, name or address;
  a Teams, Zoom or Meet link makes the event online (both: hybrid). The organisation's contact
  mailbox is used, never the calendar's ORGANIZER (often a person's address).
- When anything people see of an imported event changes (the rule `engage validate --against`
  applies), its `sequence` is raised and `changed` set, and its file keeps its name, so its page
  and subscribers' calendars follow it.
- An event imported earlier whose UID has gone from the calendar is cancelled if it is still to
  come (a series under way skips its remaining dates), so subscribers' calendars drop it; past
  ones are the record of what happened and are left. An event cancelled in the calendar is
  cancelled likewise, and one cancelled before it was ever imported makes no file. An empty
  calendar cancels nothing: it is more likely a failed export.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import yaml
from dateutil.rrule import rrulestr
from pydantic import ValidationError

from .ids import slugify
from .loading import Loaded, load
from .models.event import Event, EventStatus
from .occurrences import BYDAY_POSITION, RFC_WEEKDAYS, rule_dates, week_of_month
from .schema_files import EVENT_FILE, modeline
from .sequence_check import changed_fields
from .today import resolve_today
from .yaml_reader import YamlProblem, read

MARKER = "# Imported from the organiser's calendar; UID: "
"""The comment line that ties a file to its calendar event, so a re-import finds it."""
_MARKER_RE = re.compile(r"^# Imported from the organiser's calendar; UID: (.+)$", re.M)
MAX_OCCURRENCES = 200
"""An expanded series is cut here and the cut reported: a calendar is not an archive."""
_ONLINE = (
    ("teams.microsoft.com", "Microsoft Teams"),
    ("teams.live.com", "Microsoft Teams"),
    ("microsoft teams", "Microsoft Teams"),
    ("zoom.us", "Zoom"),
    ("zoom", "Zoom"),
    ("meet.google.com", "Google Meet"),
    ("google meet", "Google Meet"),
)
_URL_RE = re.compile(r"https?://[^\s<>\"']+")
_WEEK_NAMES = {position: week.value for week, position in BYDAY_POSITION.items()}
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WITHDRAWN_NOTE = "Cancelled: it is no longer in the organiser's calendar. Contact them to ask what happens instead."
"""The status_note of an imported event that has gone from its calendar."""


class ImportError_(Exception):
    """The calendar cannot be read at all; the message says why."""


@dataclass(frozen=True)
class Change:
    """What the import does (or would do) to one file."""

    action: str
    """'new', 'updated', 'cancelled' (gone from the calendar), 'unchanged' or 'skipped' (not
    written: `notes` say why)."""
    path: str
    """The file, relative to the data folder's parent (data/events/...)."""
    title: str
    notes: tuple[str, ...] = ()
    """Why it was skipped, or what could not be carried over."""


@dataclass
class Defaults:
    """Values for what calendars do not say, given on the command line."""

    method: str | None = None
    areas: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    venue: str | None = None


@dataclass
class _Vocab:
    """Taxonomy ids, and names read as ids, for matching categories and locations."""

    by_kind: dict[str, dict[str, str]] = field(default_factory=dict)
    venues: dict[str, str] = field(default_factory=dict)
    venue_area: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, loaded: Loaded) -> _Vocab:
        vocab = cls()
        for kind in ("methods", "areas", "topics", "groups"):
            names: dict[str, str] = {}
            for r in loaded.taxonomies.get(kind, []):
                names[r.id] = r.id
                names[slugify(r.model.name)] = r.id
            vocab.by_kind[kind] = names
        for r in loaded.taxonomies.get("venues", []):
            v = r.model
            for form in (v.id, v.name, f"{v.name}, {v.address}", f"{v.name}, {v.address}, {v.postcode}", v.address):
                vocab.venues.setdefault(slugify(form), v.id)
            vocab.venue_area[v.id] = v.area
        return vocab

    def category(self, text: str) -> tuple[str, str] | None:
        key = slugify(text)
        for kind in ("methods", "areas", "topics", "groups"):
            if key in self.by_kind[kind]:
                return kind, self.by_kind[kind][key]
        return None

    def venue(self, location: str) -> str | None:
        whole = slugify(location)
        if whole in self.venues:
            return self.venues[whole]
        # 'Calderbrook Town Hall, Committee Room 2' or 'Holmfield Library (upstairs)': the place first.
        first = slugify(re.split(r"[,(\n]", location, maxsplit=1)[0])
        return self.venues.get(first)


@dataclass
class _Occurrence:
    start: date
    start_time: time | None
    end_time: time | None
    end_date: date | None


def read_calendar(raw: bytes) -> list[icalendar.Component]:
    """The calendar's events, or ImportError_ saying in a sentence why it cannot be read."""
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except ValueError as err:
        # The parser quotes the line it failed on, which may be anything: keep it short and printable.
        said = re.sub(r"[^\x20-\x7e]+", "?", str(err))
        raise ImportError_(
            f"this is not an iCalendar file that can be read: {said[:160]}{'...' if len(said) > 160 else ''}"
        ) from None
    if not isinstance(cal, icalendar.Calendar) or cal.name != "VCALENDAR":
        raise ImportError_("this is not an iCalendar file: it does not start with BEGIN:VCALENDAR")
    events = list(cal.walk("VEVENT"))  # tasks (VTODO) and journal entries (VJOURNAL) are not events
    zone = _calendar_zone(cal)
    if zone is not None:
        for event in events:
            _into_calendar_zone(event, zone)
    return events


def _calendar_zone(cal: icalendar.Calendar) -> ZoneInfo | None:
    """The calendar's own zone (X-WR-TIMEZONE, written by Google, Apple and Proton), if a real one."""
    name = str(cal.get("X-WR-TIMEZONE", "")).strip()
    try:
        return ZoneInfo(name) if name else None
    except (ValueError, KeyError, OSError):
        return None


def _into_calendar_zone(event: icalendar.Component, zone: ZoneInfo) -> None:
    """Google and Proton write times in UTC and name the calendar's zone in X-WR-TIMEZONE; their
    own apps repeat a series in that zone (7pm stays 7pm across the clock change), and a floating
    time is in it too. So such times are read in that zone, as x-wr-timezone does."""
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        if name not in event:
            continue
        value = event.decoded(name)
        if not isinstance(value, datetime):
            continue
        if value.tzinfo is not None and value.utcoffset() == timedelta(0) and str(value.tzinfo) in ("UTC", "tzutc()"):
            moved = value.astimezone(zone)
        elif value.tzinfo is None and "TZID" not in event[name].params:
            moved = value.replace(tzinfo=zone)
        else:
            continue
        del event[name]
        event.add(name, moved)


def _local(value: date | datetime, tz: ZoneInfo) -> date | datetime:
    """A datetime in the site's zone (a floating time is taken to be in it); dates stay dates."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=tz)
        return value.astimezone(tz)
    return value


def _times(component: icalendar.Component, tz: ZoneInfo) -> _Occurrence:
    start = _local(component.decoded("DTSTART"), tz)
    if "DTEND" in component:
        end: date | datetime = _local(component.decoded("DTEND"), tz)
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start
    return _span(start, end)


def _span(start: date | datetime, end: date | datetime) -> _Occurrence:
    if isinstance(start, datetime):
        assert isinstance(end, datetime)
        end_date = end.date() if end.date() != start.date() else None
        if end_date is not None and end.time() == time(0) and end_date == start.date() + timedelta(days=1):
            # Ends at midnight: the same evening, not another day.
            return _Occurrence(start.date(), start.time().replace(second=0, microsecond=0), time(23, 59), None)
        end_time = end.time().replace(second=0, microsecond=0) if end > start else None
        if end_time is None or (end_date is None and end_time <= start.time()):
            end_time = None
        start_time = start.time().replace(second=0, microsecond=0)
        if end_time is None:
            # A calendar entry with no length: Engage needs both times, so give it half an hour.
            end_time = (datetime.combine(start.date(), start_time) + timedelta(minutes=30)).time()
            if end_time < start_time:
                end_time = time(23, 59)
        return _Occurrence(start.date(), start_time, end_time, end_date)
    # All-day: DTEND is the day after the last day.
    last = (end if isinstance(end, date) and not isinstance(end, datetime) else start) - timedelta(days=1)
    return _Occurrence(start, None, None, last if last > start else None)


def _text(component: icalendar.Component, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Drop control characters a calendar may carry; keep tabs and newlines.
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text).strip()


_HTML_RE = re.compile(r"<(?:br|p|div|span|b|i|u|a|ul|ol|li|strong|em)\b[^>]*>", re.I)


def _plain(text: str) -> str:
    """Calendars (Google's in particular) may put HTML in DESCRIPTION: keep the words and links."""
    if not _HTML_RE.search(text):
        return text
    text = re.sub(r'<a\b[^>]*href="(https?://[^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", text, flags=re.I | re.S)
    text = re.sub(r"<br\s*/?>|</(?:p|div|li)>", "\n", text, flags=re.I)
    text = re.sub(r"<li\b[^>]*>", "- ", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


_RULE_LINE = re.compile(r"^\s*(?:_{20,}|-::~[:~]+-)\s*$", re.M)


def _without_join_block(text: str) -> str:
    """Outlook appends the Teams joining block between two rules of underscores, Google the Meet
    block between '-::~:~::~...-' lines: the link goes in `online`, and passcodes and dial-in
    numbers stay out of the published description."""
    parts = _RULE_LINE.split(text)
    return parts[0].strip() if len(parts) > 1 else text


def _categories(component: icalendar.Component) -> list[str]:
    found: list[str] = []
    values = component.get("CATEGORIES")
    if values is None:
        return found
    for item in values if isinstance(values, list) else [values]:
        for cat in getattr(item, "cats", [item]):
            text = str(cat).strip()
            if text and text not in found:
                found.append(text)
    return found


def _online(component: icalendar.Component, location: str, description: str) -> dict[str, str] | None:
    """Joining details, from the location or the clients' own conference properties."""
    candidates = [
        _text(component, "X-MICROSOFT-SKYPETEAMSMEETINGURL"),
        _text(component, "X-GOOGLE-CONFERENCE"),
        _text(component, "CONFERENCE"),
        location,
        description,
    ]
    for text in candidates:
        lowered = text.lower()
        for needle, platform in _ONLINE:
            if needle in lowered:
                urls = [u.rstrip(".,);>") for u in _URL_RE.findall(text)]
                link = next((u for u in urls if needle.split(".")[0] in u.lower()), None)
                online = {"platform": platform}
                if link:
                    online["url"] = link
                return online
    return None


def _rule_dates(rule: str, first: datetime, horizon: date) -> tuple[list[datetime], bool]:
    """The series' start times up to `horizon`, and whether it was cut short there."""
    out: list[datetime] = []
    for when in rrulestr(f"RRULE:{rule}", dtstart=first, cache=False):
        if when.date() > horizon or len(out) >= MAX_OCCURRENCES:
            return out, True
        out.append(when)
    return out, False


def _representable(rule: dict[str, list[Any]], first: date) -> dict[str, Any] | None:
    """The Engage recurrence for an RRULE, or None when the model cannot say it."""
    allowed = {"FREQ", "INTERVAL", "UNTIL", "COUNT", "BYDAY", "BYSETPOS", "WKST"}
    if set(rule) - allowed:
        return None
    freq = rule["FREQ"][0]
    interval = int(rule.get("INTERVAL", [1])[0])
    byday = [str(d) for d in rule.get("BYDAY", [])]
    weekday = RFC_WEEKDAYS[first.weekday()]
    if freq == "WEEKLY" and interval in (1, 2) and byday in ([], [weekday]) and "BYSETPOS" not in rule:
        return {"frequency": "weekly" if interval == 1 else "fortnightly"}
    if freq == "MONTHLY" and interval == 1 and len(byday) == 1:
        match = re.match(r"^([+-]?\d)?([A-Z]{2})$", byday[0])
        if not match or match.group(2) != weekday:
            return None
        position = match.group(1) or (str(rule["BYSETPOS"][0]) if "BYSETPOS" in rule else None)
        if position is None:
            return None
        nth = int(position)
        index, is_last = week_of_month(first)
        if nth == -1 and is_last:
            return {"frequency": "monthly", "week_of_month": "last"}
        if nth in (1, 2, 3, 4) and nth == index + 1:
            return {"frequency": "monthly", "week_of_month": _WEEK_NAMES[nth]}
    return None


def _rule_text(component: icalendar.Component) -> tuple[str, dict[str, list[Any]]] | None:
    rule = component.get("RRULE")
    if rule is None:
        return None
    if isinstance(rule, list):
        rule = rule[0]
    return rule.to_ical().decode(), {str(k): list(v) for k, v in rule.items()}


def _exdates(component: icalendar.Component, tz: ZoneInfo) -> list[date]:
    values = component.get("EXDATE")
    if values is None:
        return []
    out = []
    for item in values if isinstance(values, list) else [values]:
        for dt in item.dts:
            local = _local(dt.dt, tz)
            out.append(local.date() if isinstance(local, datetime) else local)
    return out


@dataclass
class _Planned:
    """One file to write: its id (file stem), the UID key, the record and notes."""

    stem: str
    key: str
    record: dict[str, Any]
    notes: list[str]


def _event_fields(
    component: icalendar.Component, organiser: str, contact: str, vocab: _Vocab, defaults: Defaults
) -> tuple[dict[str, Any], list[str], list[str]]:
    """Everything but the dates: (fields, notes, reasons it cannot be written)."""
    notes: list[str] = []
    missing: list[str] = []
    title = " ".join(_text(component, "SUMMARY").split())[:300] or "Untitled event"
    description = _without_join_block(_plain(_text(component, "DESCRIPTION")))
    first_line = next((line.strip() for line in description.splitlines() if line.strip()), "")
    sentence = re.split(r"(?<=[.!?])\s", first_line, maxsplit=1)[0] if first_line else ""
    summary = sentence[:300] if sentence and not _URL_RE.fullmatch(sentence) else title
    chosen: dict[str, list[str]] = {"methods": [], "areas": [], "topics": [], "groups": []}
    for cat in _categories(component):
        found = vocab.category(cat)
        if found is None:
            notes.append(f"category '{cat}' is not a method, area, topic or group id or name, so it was left out")
        elif found[1] not in chosen[found[0]]:
            chosen[found[0]].append(found[1])
    location = _text(component, "LOCATION")
    online = _online(component, location, description)
    venue = vocab.venue(location) if location else None
    if location and venue is None and online is None:
        missing.append(
            f"the location '{' '.join(location.split())}' is not a venue in venues.yaml; add it there, then import again"
        )
    if venue is None and online is None:
        venue = defaults.venue
        if venue is None and not location:
            missing.append("it has no location; give --venue for events without one")
    if len(chosen["methods"]) > 1:
        notes.append(f"categories name several methods; '{chosen['methods'][0]}' was used")
    method = (chosen["methods"] or [defaults.method or ""])[0]
    areas = chosen["areas"] or ([vocab.venue_area[venue]] if venue in vocab.venue_area else []) or list(defaults.areas)
    topics = chosen["topics"] or list(defaults.topics)
    groups = chosen["groups"] or list(defaults.groups)
    if not method:
        missing.append("no category names an engagement method; give --method")
    if not areas:
        missing.append("no category or venue gives an area; give --area")
    if not topics:
        missing.append("no category names a topic; give --topic")
    record: dict[str, Any] = {
        "title": title,
        "summary": summary,
        "description": description or summary,
        "organiser": organiser,
        "method": method,
        "areas": areas,
        "topics": topics,
    }
    if groups:
        record["groups"] = groups
    status = str(component.get("STATUS", "")).upper()
    place: dict[str, Any] = {}
    if venue:
        place["venue"] = venue
    if online:
        place["online"] = online
    url = _text(component, "URL")
    extra: dict[str, Any] = {"contact": contact}
    if url and _URL_RE.fullmatch(url):
        extra["url"] = url
    record["_place"] = place
    record["_extra"] = extra
    record["_status"] = "cancelled" if status == "CANCELLED" else "scheduled"
    return record, notes, missing


def _assemble(
    base: dict[str, Any], when: _Occurrence, recurrence: dict[str, Any] | None, status: str
) -> dict[str, Any]:
    """The record in the order of the event model (and of a hand-written file)."""
    out = {k: v for k, v in base.items() if not k.startswith("_")}
    out["date"] = when.start
    if when.start_time is not None:
        out["start_time"] = when.start_time.strftime("%H:%M")
        out["end_time"] = when.end_time.strftime("%H:%M") if when.end_time else None
    if when.end_date is not None:
        out["end_date"] = when.end_date
    if recurrence:
        out["recurrence"] = recurrence
    if status == "cancelled":
        out["status"] = "cancelled"
        out["status_note"] = "Cancelled by the organiser. Contact them to ask what happens instead."
    out.update(base["_place"])
    out.update(base["_extra"])
    out["sequence"] = 0
    return out


def _plan_series(
    uid: str,
    master: icalendar.Component,
    overrides: list[icalendar.Component],
    tz: ZoneInfo,
    horizon: date,
    base: dict[str, Any],
    notes: list[str],
) -> list[_Planned]:
    first = _times(master, tz)
    rule = _rule_text(master)
    stem_title = slugify(base["title"])[:50].rstrip("-") or "event"
    extra = _rdates(master)
    if rule is None and not extra:
        record = _assemble(base, first, None, base["_status"])
        return [_Planned(f"{first.start.isoformat()}-{stem_title}", uid, record, notes)]
    text, parts = rule if rule is not None else ("", {})
    raw_start = master.decoded("DTSTART")
    start_dt = _local(raw_start, tz)
    if not isinstance(start_dt, datetime):
        start_dt = datetime.combine(start_dt, time(0))
    # Expand in the zone the calendar wrote (so a clock change moves nothing), then convert.
    own = raw_start if isinstance(raw_start, datetime) else datetime.combine(raw_start, time(0))
    if rule is None:
        dates, cut = [own if own.tzinfo or not isinstance(raw_start, datetime) else start_dt], False
    else:
        try:
            dates, cut = _rule_dates(text, own if own.tzinfo else start_dt, horizon)
        except ValueError:
            # UNTIL written floating against a zoned start (or the reverse): read both as wall-clock times.
            dates, cut = _rule_dates(
                re.sub(r"(UNTIL=\d{8}(?:T\d{6})?)Z", r"\1", text), own.replace(tzinfo=None), horizon
            )
            dates = [d.replace(tzinfo=own.tzinfo or tz) if isinstance(raw_start, datetime) else d for d in dates]
    if extra:
        # RDATE: dates added to the series by hand (Thunderbird, Apple); same length as the first.
        zone = own.tzinfo or tz
        for added in extra:
            if isinstance(raw_start, datetime):
                if not isinstance(added, datetime):
                    continue  # a date among times: no time to hold it at
                at = added if added.tzinfo else added.replace(tzinfo=zone)
            else:
                at = datetime.combine(added.date() if isinstance(added, datetime) else added, time(0))
            if at.date() <= horizon and at not in dates:
                dates.append(at)
        dates.sort(key=lambda d: d.timestamp() if d.tzinfo else d.replace(tzinfo=tz).timestamp())
    length = _length(master)
    occurrences = [
        _span(
            _local(d, tz) if isinstance(raw_start, datetime) else d.date(),
            _end(_local(d, tz) if isinstance(raw_start, datetime) else d.date(), length),
        )
        for d in dates
    ]
    if rule is not None and "UNTIL" not in parts and "COUNT" not in parts:
        notes.append(f"the series has no end date; imported up to {horizon.isoformat()}")
    elif cut:
        notes.append(f"only the first {len(dates)} dates up to {horizon.isoformat()} were imported")
    skips = set(_exdates(master, tz))
    moved: list[dict[str, Any]] = []
    by_date = {o.start: o for o in occurrences}
    for override in overrides:
        original_raw = override.decoded("RECURRENCE-ID")
        original_local = _local(original_raw, tz)
        original = original_local.date() if isinstance(original_local, datetime) else original_local
        if original not in by_date:
            notes.append(f"a change to {original.isoformat()} is not one of the series' dates, so it was left out")
            continue
        if str(override.get("STATUS", "")).upper() == "CANCELLED":
            skips.add(original)
            continue
        now = _times(override, tz)
        was = by_date[original]
        if (now.start, now.start_time, now.end_time) == (was.start, was.start_time, was.end_time):
            continue
        entry: dict[str, Any] = {"original": original, "date": now.start}
        if now.start_time is not None and now.start_time != was.start_time:
            entry["start_time"] = now.start_time.strftime("%H:%M")
        if now.end_time is not None and now.end_time != was.end_time:
            entry["end_time"] = now.end_time.strftime("%H:%M")
        moved.append(entry)
        if _text(override, "LOCATION") and _text(override, "LOCATION") != _text(master, "LOCATION"):
            notes.append(
                f"the occurrence on {now.start.isoformat()} is at another place, which a series cannot say; check it"
            )
    kept = [o for o in occurrences if o.start not in skips]
    recurrence = _representable(parts, first.start) if rule is not None and not extra else None
    same_times = len({(o.start_time, o.end_time, o.end_date and (o.end_date - o.start)) for o in occurrences}) <= 1
    if recurrence is not None and same_times and occurrences and first.end_date is None:
        # The last date the model repeats to; dates past it would not be shown.
        recurrence["until"] = occurrences[-1].start
        if skips:
            recurrence["skip"] = sorted(d for d in skips if d in by_date)
        if moved:
            recurrence["moved"] = sorted(moved, key=lambda m: m["original"])
        record = _assemble(base, occurrences[0], recurrence, base["_status"])
        return [_Planned(f"{first.start.isoformat()}-{stem_title}", uid, record, notes)]
    notes.append(
        "its repeat pattern cannot be written as weekly, fortnightly or monthly, so each date is a file of its own"
    )
    moves = {m["original"]: m for m in moved}
    out = []
    for o in kept:
        move = moves.get(o.start)
        when = o
        if move:
            when = _Occurrence(
                move["date"],
                _clock(move.get("start_time")) or o.start_time,
                _clock(move.get("end_time")) or o.end_time,
                None,
            )
        record = _assemble(base, when, None, base["_status"])
        out.append(
            _Planned(f"{when.start.isoformat()}-{stem_title}", f"{uid} {o.start.isoformat()}", record, list(notes))
        )
    return out


def _rdates(component: icalendar.Component) -> list[date | datetime]:
    """The dates an RDATE adds to a series (a PERIOD counts by its start)."""
    values = component.get("RDATE")
    if values is None:
        return []
    out: list[date | datetime] = []
    for item in values if isinstance(values, list) else [values]:
        for one in item.dts:
            value = one.dt
            out.append(value[0] if isinstance(value, tuple) else value)
    return out


def _clock(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


def _length(component: icalendar.Component) -> timedelta:
    start = component.decoded("DTSTART")
    if "DTEND" in component:
        end = component.decoded("DTEND")
        return end - start if type(end) is type(start) else timedelta(0)
    if "DURATION" in component:
        duration = component.decoded("DURATION")
        return duration if isinstance(duration, timedelta) else timedelta(0)
    return timedelta(days=1) if not isinstance(start, datetime) else timedelta(0)


def _end(start: date | datetime, length: timedelta) -> date | datetime:
    return start + length


def plan(
    loaded: Loaded, events: Iterable[icalendar.Component], organiser: str, defaults: Defaults, today: date
) -> tuple[list[_Planned], list[tuple[str, str, list[str]]]]:
    """The files the calendar makes, and the events that cannot be written (UID, title, reasons)."""
    assert loaded.settings is not None
    tz = ZoneInfo(loaded.settings.model.timezone)
    horizon = date(today.year + 1, 12, 31)
    vocab = _Vocab.of(loaded)
    org = next(r.model for r in loaded.taxonomies["organisations"] if r.id == organiser)
    masters: dict[str, icalendar.Component] = {}
    overrides: dict[str, list[icalendar.Component]] = {}
    skipped: list[tuple[str, str, list[str]]] = []
    for component in events:
        uid = _text(component, "UID") or (_fallback_uid(component) if "DTSTART" in component else "")
        if "DTSTART" not in component:
            # RFC 5545 lets a VEVENT with METHOD omit DTSTART; without a date it cannot be listed.
            skipped.append((uid, _text(component, "SUMMARY") or "Untitled event", ["it has no start date (DTSTART)"]))
            continue
        broken = _broken_dates(component)
        if broken is not None:
            skipped.append((uid, _text(component, "SUMMARY") or "Untitled event", [broken]))
            continue
        if "RECURRENCE-ID" in component:
            overrides.setdefault(uid, []).append(component)
        elif uid in masters and masters[uid].to_ical() != component.to_ical():
            # Two different events with one UID (a copied event, a merged export): which is the
            # real one cannot be known, so the later is reported, never merged or guessed.
            skipped.append(
                (
                    uid,
                    _text(component, "SUMMARY") or "Untitled event",
                    [
                        f"another event in the calendar ('{_text(masters[uid], 'SUMMARY')}') has the same UID, "
                        "so only the first was imported; give each event its own UID"
                    ],
                )
            )
        else:
            masters.setdefault(uid, component)
    planned: list[_Planned] = []
    for uid in sorted(set(masters) | set(overrides)):
        master = masters.get(uid)
        singles = (
            [master]
            if master is not None
            else sorted(overrides[uid], key=lambda c: str(c.get("RECURRENCE-ID").to_ical()))
        )
        for component in singles:
            base, notes, missing = _event_fields(component, organiser, org.contact, vocab, defaults)
            missing = _unreadable(component) + missing
            if missing:
                skipped.append((uid, base["title"], missing + notes))
                continue
            if master is not None:
                planned += _plan_series(uid, master, overrides.get(uid, []), tz, horizon, base, notes)
            else:
                # A changed occurrence whose series is not in the calendar: an event of its own.
                key = f"{uid} {component.decoded('RECURRENCE-ID')}"
                when = _times(component, tz)
                stem = f"{when.start.isoformat()}-{slugify(base['title'])[:50].rstrip('-') or 'event'}"
                planned.append(_Planned(stem, key, _assemble(base, when, None, base["_status"]), notes))
    return planned, skipped


def _broken_dates(component: icalendar.Component) -> str | None:
    """Why the event's dates or repeat rule cannot be read, if they cannot (never a traceback)."""
    for name, kinds in (
        ("DTSTART", (date,)),
        ("DTEND", (date,)),
        ("RECURRENCE-ID", (date,)),
        ("DURATION", (timedelta,)),
    ):
        if name not in component:
            continue
        try:
            value = component.decoded(name)
        except ValueError:
            value = None
        if not isinstance(value, kinds):
            raw = component.get(name)
            shown = raw.to_ical().decode(errors="replace") if hasattr(raw, "to_ical") else str(raw)
            return f"its {name} '{shown[:40]}' cannot be read as a date or time"
    if "RRULE" in component:
        try:
            _rule_text(component)
        except ValueError:
            raw = component.get("RRULE")
            shown = (raw[0] if isinstance(raw, list) else raw).to_ical().decode(errors="replace")
            return f"its repeat rule 'RRULE:{shown[:80]}' cannot be read; check it in the calendar"
    return None


def _unreadable(component: icalendar.Component) -> list[str]:
    """What makes an event impossible to list without guessing: no title, a zone nobody defines."""
    out = []
    if not _text(component, "SUMMARY"):
        out.append("it has no title (SUMMARY); give it one in the calendar")
    for name in ("DTSTART", "DTEND"):
        prop = component.get(name)
        zone = prop.params.get("TZID") if prop is not None else None
        if zone and isinstance(component.decoded(name), datetime) and component.decoded(name).tzinfo is None:
            out.append(
                f"its time zone '{zone}' is neither a known zone nor described in the calendar (VTIMEZONE), "
                "so its time is not known; export the calendar with its time zones"
            )
            break
    return out


def _fallback_uid(component: icalendar.Component) -> str:
    """Calendars must give a UID; for one that does not, the title and start stand in."""
    seed = f"{_text(component, 'SUMMARY')}|{component.get('DTSTART').to_ical().decode()}"
    return "no-uid-" + hashlib.sha256(seed.encode()).hexdigest()[:16]


class _Dumper(yaml.SafeDumper):
    """Block style for text over several lines; everything else as PyYAML quotes it safely."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # List entries indented under their field, as in hand-written files.
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def to_yaml(record: dict[str, Any], key: str) -> str:
    """The event file's text; the same record always gives the same bytes."""
    body = yaml.dump(
        record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False
    )
    return f"{modeline('event', EVENT_FILE)}\n{MARKER}{key}\n{body}"


def existing_files(folder: Path) -> dict[str, Path]:
    """Imported files already in the organiser's folder, by the UID key in their marker."""
    out: dict[str, Path] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.yaml")):
        head = path.read_text("utf-8", errors="replace")[:2000]
        match = _MARKER_RE.search(head)
        if match:
            out[match.group(1).strip()] = path
    return out


def _revived(value: Any) -> Any:
    """A record as read back (dates as text) with its dates as dates again, so it is written as
    the import first wrote it (2027-01-12, not '2027-01-12')."""
    if isinstance(value, dict):
        return {k: _revived(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revived(v) for v in value]
    if isinstance(value, str) and _DAY_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _visible_change(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether subscribers would see a difference: the rule `engage validate --against` applies
    (sequence_check.changed_fields), so an imported change always raises `sequence`."""
    try:
        return bool(changed_fields(Event.model_validate(before), Event.model_validate(after)))
    except ValidationError:
        # A file broken by hand: any difference but the bookkeeping counts.
        ignore = ("sequence", "changed")
        return {k: v for k, v in before.items() if k not in ignore} != {
            k: v for k, v in after.items() if k not in ignore
        }


def _withdrawn(before: dict[str, Any], today: date) -> tuple[dict[str, Any], str] | None:
    """An imported event gone from its calendar, cancelled from `today` on, with a note saying how;
    None when nothing is left to cancel (it is over, already cancelled, or cannot be read).

    A single event, or a series not yet started, becomes cancelled. A series under way keeps its
    past dates (the record of what happened) and skips the rest, which the feeds publish as
    cancelled occurrences. Either way `sequence` rises, so subscribers' calendars drop it."""
    try:
        event = Event.model_validate(before)
    except ValidationError:
        return None
    if event.status is EventStatus.CANCELLED:
        return None
    record = _revived(before)
    rule = event.recurrence
    if rule is None or event.date >= today:
        if (rule.until if rule else event.end_date or event.date) < today:
            return None
        record["status"] = "cancelled"
        record["status_note"] = WITHDRAWN_NOTE
        how = "it is no longer in the calendar, so it is cancelled"
    else:
        left = [d for d in rule_dates(event.date, rule) if d >= today and d not in rule.skip]
        if not left:
            return None
        record["recurrence"]["skip"] = sorted({*rule.skip, *left})
        moved = [m for m in record["recurrence"].get("moved", []) if m["original"] not in left]
        if moved:
            record["recurrence"]["moved"] = moved
        else:
            record["recurrence"].pop("moved", None)
        how = f"it is no longer in the calendar, so its dates from {left[0].isoformat()} are cancelled"
    record["sequence"] = event.sequence + 1
    record["changed"] = today
    return _in_import_order(record), how


def _in_import_order(record: dict[str, Any]) -> dict[str, Any]:
    """The fields as `_assemble` lays them out: the status after the dates, the bookkeeping last."""
    tail = ("status", "status_note", "sequence", "changed")
    keys = [k for k in record if k not in tail]
    dates = [i for i, k in enumerate(keys) if k in ("date", "start_time", "end_time", "end_date", "recurrence")]
    at = dates[-1] + 1 if dates else len(keys)
    keys[at:at] = [k for k in ("status", "status_note") if k in record]
    keys += [k for k in ("sequence", "changed") if k in record]
    return {k: record[k] for k in keys}


def _previous(path: Path) -> dict[str, Any] | None:
    try:
        value = read(path.read_bytes()).value
    except (OSError, YamlProblem):
        return None
    return value if isinstance(value, dict) else None


def _normalised(record: dict[str, Any]) -> dict[str, Any]:
    """A record as the YAML reader gives it back (dates and times as text), for comparing."""
    value = read(to_yaml(record, "").encode()).value
    assert isinstance(value, dict)
    return value


def import_calendar(
    data: Path, raw: bytes, organiser: str, defaults: Defaults, today: date | None, *, dry_run: bool = False
) -> list[Change]:
    """Write (or with dry_run, only list) the files a calendar makes in the organiser's folder.

    `today` None: ENGAGE_TODAY, or today in the site's time zone (data/site.yaml), as the build
    decides it, so an import run late in the evening abroad agrees with the site."""
    loaded = load(data)
    if loaded.settings is None:
        raise ImportError_(f"{data} has no valid site.yaml; is this the data folder?")
    if today is None:
        today = resolve_today(loaded.settings.model.timezone)
    organisations = [r.id for r in loaded.taxonomies.get("organisations", [])]
    if organiser not in organisations:
        from .ids import did_you_mean

        raise ImportError_(f"no organisation '{organiser}'{did_you_mean(organiser, organisations)}")
    for option, kind, values in (
        ("--method", "methods", [defaults.method] if defaults.method else []),
        ("--area", "areas", list(defaults.areas)),
        ("--topic", "topics", list(defaults.topics)),
        ("--group", "groups", list(defaults.groups)),
        ("--venue", "venues", [defaults.venue] if defaults.venue else []),
    ):
        known = {r.id for r in loaded.taxonomies.get(kind, [])}
        for value in values:
            if value not in known:
                from .ids import did_you_mean

                raise ImportError_(f"{option} {value}: no such id in {kind}.yaml{did_you_mean(value, known)}")
    planned, skipped = plan(loaded, read_calendar(raw), organiser, defaults, today)
    folder = data / "events" / organiser
    existing = existing_files(folder)
    taken = {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    shown_root = data.name
    changes: list[Change] = []
    for item in planned:
        path = existing.get(item.key)
        record = item.record
        if path is not None:
            before = _previous(path)
            if before is not None:
                seq = before.get("sequence", 0)
                seq = seq if isinstance(seq, int) else 0
                record["sequence"] = seq
                if isinstance(before.get("changed"), str):
                    record["changed"] = _revived(before["changed"])
                if _visible_change(before, _normalised(record)):
                    # What subscribers see changed: they take it only with a higher sequence,
                    # and `changed` dates the change (as validate --against requires).
                    record["sequence"] = seq + 1
                    record["changed"] = today
            text = to_yaml(record, item.key)
            action = "unchanged" if path.read_text("utf-8", errors="replace") == text else "updated"
        elif record.get("status") == "cancelled":
            # Cancelled before it was ever imported: nobody holds it, so there is nothing to say.
            changes.append(Change("skipped", "", record["title"], ("it is cancelled in the calendar",)))
            continue
        else:
            stem = item.stem
            if stem in taken:
                stem = f"{stem}-{hashlib.sha256(item.key.encode()).hexdigest()[:6]}"
            taken.add(stem)
            path = folder / f"{stem}.yaml"
            text = to_yaml(record, item.key)
            action = "new"
        if action != "unchanged" and not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        changes.append(
            Change(action, f"{shown_root}/events/{organiser}/{path.name}", record["title"], tuple(item.notes))
        )
    for _uid, title, reasons in skipped:
        changes.append(Change("skipped", "", title, tuple(reasons)))
    if not planned and not skipped:
        # An empty calendar is more likely a failed export than an organisation with no events.
        return changes
    present = {item.key for item in planned} | {uid for uid, _title, _reasons in skipped}
    changes += _withdraw_missing(existing, present, folder, shown_root, organiser, today, dry_run)
    return changes


def _withdraw_missing(
    existing: dict[str, Path],
    present: set[str],
    folder: Path,
    shown_root: str,
    organiser: str,
    today: date,
    dry_run: bool,
) -> list[Change]:
    """Cancel the imported events whose UID (or UID and date) the calendar no longer holds."""
    out = []
    for key, path in sorted(existing.items()):
        if key in present or key.split(" ", 1)[0] in present:
            continue
        before = _previous(path)
        found = _withdrawn(before, today) if before is not None else None
        if found is None:
            continue  # over (kept as the record of what happened), or cancelled already
        record, how = found
        if not dry_run:
            path.write_text(to_yaml(record, key), encoding="utf-8")
        out.append(Change("cancelled", f"{shown_root}/events/{organiser}/{path.name}", str(record["title"]), (how,)))
    return out


def fetch(source: str) -> bytes:
    """The calendar's bytes from a file, or from an http(s)/webcal feed address."""
    if re.match(r"^(https?|webcal)://", source, re.I):
        import urllib.error
        import urllib.request

        url = re.sub(r"^webcal://", "https://", source, flags=re.I)
        request = urllib.request.Request(url, headers={"User-Agent": "engage-import-ics"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # the scheme is checked above
                body: bytes = response.read(20_000_001)
        except (urllib.error.URLError, TimeoutError, ValueError) as err:
            raise ImportError_(f"cannot fetch {source}: {getattr(err, 'reason', err)}") from None
        if len(body) > 20_000_000:
            raise ImportError_(f"{source} is larger than 20 MB; is it a calendar?")
        return body
    try:
        return Path(source).read_bytes()
    except OSError as err:
        raise ImportError_(f"cannot read {source}: {err.strerror}") from None
