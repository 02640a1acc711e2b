"""A VTIMEZONE for every zone a feed's times use, built once per zone and reused.

icalendar's default range (1970-2038, about 2.6 KB a zone) is cut down to the years the
data spans, padded by a year each side, so each zone costs a few hundred bytes.

icalendar writes each observance as a DTSTART plus one RDATE line listing the later
onsets. Mozilla's ical.js (the engine of Thunderbird) reads only the first value of each
RDATE line and, once an observance has any RDATE, no longer counts its DTSTART: times
came out an hour wrong in summer. So every onset, DTSTART included, gets an RDATE line of
its own; that is the same set of onsets under RFC 5545, and every parser reads it alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from icalendar import Timezone, vDDDTypes


def one_onset_per_rdate(zone: Timezone) -> Timezone:
    """Rewrite each observance's onsets as DTSTART plus one RDATE line per onset."""
    for observance in zone.subcomponents:
        listed = observance.pop("RDATE", None)
        if listed is None:
            continue
        lines = listed if isinstance(listed, list) else [listed]
        start = observance["DTSTART"]
        assert isinstance(start, vDDDTypes)
        onsets = [start.dt, *(value.dt for line in lines for value in line.dts)]
        for onset in sorted(set(onsets)):
            observance.add("rdate", onset)
    return zone


@dataclass
class Zones:
    """VTIMEZONE bytes by TZID, valid from `first` to `last`."""

    first: date
    last: date
    _cache: dict[str, bytes] = field(default_factory=dict)

    def vtimezone(self, tzid: str) -> bytes:
        if tzid not in self._cache:
            zone = Timezone.from_tzid(tzid, first_date=self.first, last_date=self.last)
            self._cache[tzid] = one_onset_per_rdate(zone).to_ical()
        return self._cache[tzid]

    def block(self, tzids: set[str] | frozenset[str]) -> bytes:
        """The VTIMEZONE components for these zones, in TZID order."""
        return b"".join(self.vtimezone(tzid) for tzid in sorted(tzids))


def covering(days: list[date]) -> Zones:
    """Zones valid for every date given: 1 January of the year before to that of the year after next."""
    if not days:
        return Zones(date(2000, 1, 1), date(2001, 1, 1))
    return Zones(date(min(days).year - 1, 1, 1), date(max(days).year + 2, 1, 1))
