"""A VTIMEZONE for every zone a feed's times use, written as yearly rules, built once per zone.

Outlook desktop is reported to put the summer dates of a series that starts in winter an
hour out when a VTIMEZONE lists its change dates (DTSTART plus RDATE) instead of giving
STANDARD and DAYLIGHT a yearly RRULE (iCalcreator#86, #106); every client reads the rule
form. So each zone's changes are read from the tz database (`zoneinfo`) over the years
the data spans, padded a year each side, and, when they follow one yearly pattern (the
last Sunday of March at 01:00 GMT for Europe/London), written as that pattern:

    BEGIN:DAYLIGHT                        BEGIN:STANDARD
    TZOFFSETFROM:+0000                    TZOFFSETFROM:+0100
    TZOFFSETTO:+0100                      TZOFFSETTO:+0000
    TZNAME:BST                            TZNAME:GMT
    DTSTART:20240331T010000               DTSTART:20241027T020000
    RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU

DTSTART is the local time of the change on the clock before it (RFC 5545 3.6.5): 01:00
GMT in spring, 02:00 BST in autumn, both 01:00 UTC. A zone whose rules change within the
span (rare) keeps the older list form with one onset per RDATE line (Mozilla's ical.js
reads only the first value of an RDATE list). No COMMENT: libical's restriction check
refuses one in a VTIMEZONE.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, vDDDTypes

from .common import fold

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One change of a zone's offset."""

    at: datetime
    """The instant, in UTC."""
    before: timedelta
    after: timedelta
    name: str
    """The abbreviation after the change, such as 'BST'."""
    dst: bool

    @property
    def local(self) -> datetime:
        """The wall-clock time of the change on the clock before it, without a zone."""
        return (self.at + self.before).replace(tzinfo=None)


def changes(tzid: str, first: date, last: date) -> list[Change]:
    """Every offset change from `first` to `last`, found day by day then minute by minute."""
    tz = ZoneInfo(tzid)
    out: list[Change] = []
    day = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC)
    offset = day.astimezone(tz).utcoffset()
    while day < end:
        following = day + timedelta(days=1)
        new = following.astimezone(tz).utcoffset()
        if new != offset:
            low, high = day, following  # offset(low) is the old one, offset(high) the new
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if middle.astimezone(tz).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            local = high.astimezone(tz)
            assert offset is not None and new is not None
            out.append(Change(high, offset, new, local.tzname() or tzid, bool(local.dst())))
            offset = new
        day = following
    return out


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def yearly_rules(found: list[Change]) -> list[tuple[Change, str]] | None:
    """Each kind of change with its RRULE, when every year follows the same pattern; else None.

    A kind is a (from, to, name) triple; the pattern is its month, its weekday in the month
    (nth or last, whichever holds every year) and its local time. Only a zone with exactly
    one change of each kind a year, for every year of the span, qualifies.
    """
    kinds: dict[tuple[timedelta, timedelta, str, bool], list[Change]] = {}
    for change in found:
        kinds.setdefault((change.before, change.after, change.name, change.dst), []).append(change)
    if not found or len(kinds) > 2:
        return None
    out = []
    years = {c.at.year for c in found}
    for group in kinds.values():
        if {c.at.year for c in group} != years or len(group) != len(years):
            return None
        locals_ = [c.local for c in group]
        if len({(t.month, t.weekday(), t.time()) for t in locals_}) != 1:
            return None  # every year the same month, weekday and wall-clock time, or no rule
        first = group[0]
        local = first.local
        nths = {(t.day - 1) // 7 for t in locals_}
        if all(t.day + 7 > calendar.monthrange(t.year, t.month)[1] for t in locals_):
            byday = f"-1{WEEKDAYS[local.weekday()]}"
        elif len(nths) == 1:
            byday = f"{nths.pop() + 1}{WEEKDAYS[local.weekday()]}"
        else:
            return None
        out.append((first, f"FREQ=YEARLY;BYMONTH={local.month};BYDAY={byday}"))
    return sorted(out, key=lambda item: item[0].at)


def rule_form(tzid: str, found: list[Change]) -> bytes | None:
    """The zone as STANDARD/DAYLIGHT observances with yearly RRULEs, or None if it has no single pattern."""
    rules = yearly_rules(found)
    if rules is None:
        return None
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    for change, rule in rules:
        kind = "DAYLIGHT" if change.dst else "STANDARD"
        lines += [
            f"BEGIN:{kind}",
            f"TZNAME:{change.name}",
            f"TZOFFSETFROM:{_offset(change.before)}",
            f"TZOFFSETTO:{_offset(change.after)}",
            f"DTSTART:{change.local:%Y%m%dT%H%M%S}",
            f"RRULE:{rule}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return b"".join(fold(line) for line in lines)


def fixed_form(tzid: str, on: date) -> bytes:
    """A zone that does not change in the span: one STANDARD observance."""
    local = datetime(on.year, on.month, on.day, 12, tzinfo=ZoneInfo(tzid))
    offset = _offset(local.utcoffset() or timedelta(0))
    lines = [
        "BEGIN:VTIMEZONE",
        f"TZID:{tzid}",
        "BEGIN:STANDARD",
        f"TZNAME:{local.tzname() or tzid}",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    return b"".join(fold(line) for line in lines)


def one_onset_per_rdate(zone: Timezone) -> Timezone:
    """Rewrite each observance's onsets as DTSTART plus one RDATE line per onset, without COMMENT."""
    for observance in zone.subcomponents:
        observance.pop("COMMENT", None)
        listed = observance.pop("RDATE", None)
        if listed is None:
            continue
        lines = listed if isinstance(listed, list) else [listed]
        start = observance["DTSTART"]
        assert isinstance(start, vDDDTypes)
        onsets = [start.dt, *(value.dt for line in lines for value in line.dts)]
        for onset in sorted(set(onsets)):
            observance.add("rdate", onset)
    zone.pop("COMMENT", None)
    return zone


@dataclass
class Zones:
    """VTIMEZONE bytes by TZID, valid from `first` to `last`."""

    first: date
    last: date
    _cache: dict[str, bytes] = field(default_factory=dict)

    def vtimezone(self, tzid: str) -> bytes:
        if tzid not in self._cache:
            found = changes(tzid, self.first, self.last)
            if not found:
                self._cache[tzid] = fixed_form(tzid, self.first)
            else:
                rules = rule_form(tzid, found)
                if rules is None:
                    zone = Timezone.from_tzid(tzid, first_date=self.first, last_date=self.last)
                    rules = one_onset_per_rdate(zone).to_ical()
                self._cache[tzid] = rules
        return self._cache[tzid]

    def block(self, tzids: set[str] | frozenset[str]) -> bytes:
        """The VTIMEZONE components for these zones, in TZID order."""
        return b"".join(self.vtimezone(tzid) for tzid in sorted(tzids))


def covering(days: list[date]) -> Zones:
    """Zones valid for every date given: 1 January of the year before to that of the year after next."""
    if not days:
        return Zones(date(2000, 1, 1), date(2001, 1, 1))
    return Zones(date(min(days).year - 1, 1, 1), date(max(days).year + 2, 1, 1))
