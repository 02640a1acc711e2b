"""Calendar feeds: RFC 5545 text, stable identity, recurrence, cancellations, membership, subscribe page."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from engage import facets, urls
from engage.feeds import feeds, publish, subscribe, timezones, vevents
from engage.feeds.common import ICAL_STATUS, fold
from engage.formatting import long_date
from engage.occurrences import expand
from engage.portal import Portal, check_data

from .conftest import DEMO_TODAY, EXAMPLE_DATA

HOST = "engage.example.gov.uk"
LONDON = ZoneInfo("Europe/London")
PARIS = ZoneInfo("Europe/Paris")

# Cases the shared example data lacks, laid over a copy of it (the shared folder stays as it is).
EXTRA = {
    "events/district-council/2026-12-05-winter-fair.yaml": """\
title: Winter fair stall
summary: Find us at the two-day winter fair.
description: |
  Two days of stalls in the main hall.

  Bring your ideas; we'll bring the tea, "proper" biscuits and a map, too.
organiser: district-council
method: drop-in
areas: [north-ward]
topics: [housing]
date: 2026-12-05
end_date: 2026-12-06
venue: town-hall
room: Main hall
contact: engagement@example.gov.uk
""",
    "events/district-council/2026-11-30-twinning-call.yaml": """\
title: Twinning association call
summary: A weekly call with our twin town, held on its time.
description: Join from the Town Hall or online.
organiser: district-council
method: public-meeting
areas: [south-ward]
topics: [health]
date: 2026-11-30
start_time: "19:00"
end_time: "20:00"
timezone: Europe/Paris
recurrence:
  frequency: weekly
  until: 2027-04-26
  skip: [2026-12-28]
  moved:
    - original: 2027-03-29
      date: 2027-03-30
      start_time: "18:00"
      end_time: "19:30"
      note: Easter Monday.
venue: town-hall
online:
  platform: Zoom
  url: https://example.zoom.us/j/1
contact: engagement@example.gov.uk
""",
    "events/health-trust/2026-11-24-walk-and-talk.yaml": """\
title: Walk and talk
summary: A fortnightly walk with the health team.
description: Walk round the park and talk about local services.
organiser: health-trust
method: drop-in
areas: [north-ward]
topics: [health]
groups: [carers]
date: 2026-11-24
start_time: "10:00"
end_time: "11:00"
recurrence:
  frequency: fortnightly
  until: 2027-02-16
  moved:
    - original: 2026-12-22
      date: 2026-12-23
status: cancelled
status_note: The walks are cancelled until the spring.
sequence: 2
venue: town-hall
contact: involvement@example-health.nhs.uk
""",
    "events/district-council/2026-12-29-last-tuesday-surgery.yaml": """\
title: Last Tuesday advice surgery
summary: Advice on housing, all day on the last Tuesday of the month.
description: Come any time.
organiser: district-council
method: drop-in
areas: [south-ward]
topics: [housing]
date: 2026-12-29
recurrence:
  frequency: monthly
  week_of_month: last
  until: 2027-06-30
  moved:
    - original: 2027-02-23
      date: 2027-02-24
status: postponed
status_note: New dates will follow once the hall is repaired.
venue: town-hall
contact: engagement@example.gov.uk
""",
    "events/district-council/2026-12-07-planning-days.yaml": """\
title: Local plan open days
summary: Three days of drop-in sessions on the draft local plan.
description: |
  Planners will be in the library each afternoon with the maps, to answer
  questions about the sites proposed for new homes.

  No need to book.
organiser: district-council
method: drop-in
areas: [north-ward]
topics: [housing]
date: 2026-12-07
end_date: 2026-12-09
start_time: "13:00"
end_time: "16:00"
venue: town-hall
contact: engagement@example.gov.uk
changed: 2026-11-20
""",
    "events/district-council/2026-06-10-old-cancelled.yaml": """\
title: Summer forum
summary: A forum that did not take place.
description: Cancelled.
organiser: district-council
method: public-meeting
areas: [north-ward]
topics: [housing]
date: 2026-06-10
start_time: "18:00"
end_time: "19:00"
status: cancelled
status_note: Too few bookings.
sequence: 1
venue: town-hall
contact: engagement@example.gov.uk
""",
}


def portal_at(data: Path, today: str = DEMO_TODAY) -> Portal:
    result = check_data(data, date.fromisoformat(today))
    assert [p.as_text() for p in result.problems] == []
    assert result.portal is not None
    return result.portal


@pytest.fixture
def rich_data(data_copy: Path) -> Path:
    for rel, text in EXTRA.items():
        (data_copy / rel).write_text(text, encoding="utf-8")
    return data_copy


@pytest.fixture
def rich_portal(rich_data: Path) -> Portal:
    return portal_at(rich_data)


def feed_files(portal: Portal) -> dict[str, bytes]:
    return {f.path: f.content for f in publish.files(portal)}


def parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def masters(cal: Calendar) -> list[str]:
    return sorted(str(e["UID"]) for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e)


def vevent_blocks(content: bytes) -> dict[tuple[str, str], bytes]:
    """Each VEVENT's exact bytes, by (UID, RECURRENCE-ID line or '')."""
    out = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", content, re.S):
        unfolded = block.replace(b"\r\n ", b"")
        uid = re.search(rb"\r\nUID:(.*?)\r\n", unfolded)
        rid = re.search(rb"\r\nRECURRENCE-ID[^\r]*", unfolded)
        assert uid is not None
        out[(uid.group(1).decode(), rid.group(0).decode().strip() if rid else "")] = block
    return out


def uid(event_id: str) -> str:
    return f"{event_id}@{HOST}"


# --- RFC 5545 text ----------------------------------------------------------------------


def test_every_file_is_crlf_folded_utf8_icalendar(rich_portal: Portal) -> None:
    files = feed_files(rich_portal)
    assert len(files) > 20
    for path, content in files.items():
        assert content.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), path
        assert content.endswith(b"END:VCALENDAR\r\n"), path
        lines = content.split(b"\r\n")[:-1]
        assert b"\n" not in b"".join(lines), f"{path}: a bare LF"
        assert max(len(line) for line in lines) <= 75, f"{path}: a line over 75 octets"
        content.decode("utf-8")
        assert parse(content).to_ical() is not None


def test_every_tzid_used_has_its_vtimezone_and_no_other(rich_portal: Portal) -> None:
    for path, content in feed_files(rich_portal).items():
        unfolded = content.replace(b"\r\n ", b"").decode()
        used = set(re.findall(r";TZID=([^:;]+)", unfolded))
        defined = set(re.findall(r"\r\nBEGIN:VTIMEZONE\r\nTZID:([^\r]+)", unfolded))
        if "BEGIN:VEVENT" not in unfolded:
            # A feed with nothing in it now still has a component, as RFC 5545 asks: the site's zone.
            assert defined == {"Europe/London"}, path
            continue
        assert used == defined, path
    all_feed = feed_files(rich_portal)[urls.ALL_FEED].decode()
    assert re.findall(r"BEGIN:VTIMEZONE\r\nTZID:([^\r]+)", all_feed) == ["Europe/London", "Europe/Paris"]
    # An all-day-only feed needs none.
    assert b"VTIMEZONE" not in feed_files(rich_portal)[urls.CONSULTATIONS_FEED]


def test_vtimezone_is_standard_and_daylight_with_yearly_rules(example_portal: Portal) -> None:
    """Outlook mis-times summer dates from RDATE lists (iCalcreator#86); the change is at 01:00 UTC; no COMMENT."""
    text = feed_files(example_portal)[urls.ALL_FEED].decode()
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE\r\n") + len("END:VTIMEZONE\r\n")]
    first = min(r.model.date for r in example_portal.events.values()).year - 1
    assert zone.split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "TZNAME:BST",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        f"DTSTART:{last_sunday(first, 3):%Y%m%d}T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZNAME:GMT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        f"DTSTART:{last_sunday(first, 10):%Y%m%d}T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]
    # DTSTART is the change's wall-clock time before it: 01:00 GMT in spring, 02:00 BST in autumn.
    spring = datetime.combine(last_sunday(first, 3), time(1), tzinfo=UTC)
    assert (spring - timedelta(seconds=1)).astimezone(LONDON).hour == 0 and spring.astimezone(LONDON).hour == 2


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


@pytest.mark.parametrize(
    ("tzid", "expected"),
    [
        ("Europe/Paris", ["FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"]),
        ("America/New_York", ["FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"]),
        ("Australia/Sydney", ["FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"]),
    ],
)
def test_other_zones_get_their_own_yearly_rules(tzid: str, expected: list[str]) -> None:
    text = timezones.Zones(date(2025, 1, 1), date(2029, 1, 1)).vtimezone(tzid).decode()
    assert re.findall(r"RRULE:([^\r]+)", text) == expected
    assert "RDATE" not in text and "COMMENT" not in text


def test_a_zone_whose_rules_change_keeps_one_onset_per_rdate_and_no_comment() -> None:
    """Brazil stopped daylight saving in 2019: no single yearly rule fits 2017-2020."""
    text = timezones.Zones(date(2017, 1, 1), date(2021, 1, 1)).vtimezone("America/Sao_Paulo").decode()
    assert "RRULE" not in text and "COMMENT" not in text
    assert all("," not in line for line in text.split("\r\n") if line.startswith("RDATE"))
    assert text.count("RDATE") >= 2


def test_a_zone_without_changes_is_one_standard_observance() -> None:
    text = timezones.Zones(date(2025, 1, 1), date(2029, 1, 1)).vtimezone("Asia/Kolkata").decode()
    assert text.split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Kolkata",
        "BEGIN:STANDARD",
        "TZNAME:IST",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "DTSTART:19700101T000000",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_calendar_properties_name_refresh_and_source(example_portal: Portal) -> None:
    content = feed_files(example_portal)[urls.facet_feed("area", "north-ward")].decode()
    header = content[: content.index("BEGIN:V", len("BEGIN:VCALENDAR"))]
    assert header == (
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Example District Partnership//Engage//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n"
        "URL:https://engage.example.gov.uk/feeds/\r\n"
        "X-PUBLISHED-TTL:PT12H\r\n"
        "NAME:Example Engage: North Ward\r\n"
        "X-WR-CALNAME:Example Engage: North Ward\r\n"
        "DESCRIPTION:Events in or for North Ward.\r\n"
        "X-WR-CALDESC:Events in or for North Ward.\r\n"
        "SOURCE;VALUE=URI:https://engage.example.gov.uk/feeds/area/north-ward.ics\r\n"
    )


def test_single_event_file_has_no_calendar_level_properties(rich_portal: Portal) -> None:
    """Outlook desktop opens a file that names a calendar as a new calendar (MS-OXCICAL: the name MUST be omitted)."""
    content = feed_files(rich_portal)[urls.event_ics("2026-12-07-planning-days")].decode()
    header = content[: content.index("BEGIN:V", len("BEGIN:VCALENDAR"))]
    assert header == (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example District Partnership//Engage//EN\r\nCALSCALE:GREGORIAN\r\n"
    )
    between = content[content.index("END:VEVENT\r\n") + len("END:VEVENT\r\n") :]
    assert between == "END:VCALENDAR\r\n"
    for name in ("X-WR-CALNAME", "NAME:", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "SOURCE"):
        assert f"\r\n{name}" not in content


def test_feeds_stop_at_the_size_limit_on_a_whole_date_and_say_so(rich_data: Path) -> None:
    """Google is reported to drop events from subscribed feeds over about 1 MB: a feed stops before that."""
    site = rich_data / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "feed_max_kb: 100\n", encoding="utf-8")
    for n in range(90):  # 90 busy days of events, each about 1.6 KB
        day = date(2026, 12, 1) + timedelta(days=n)
        text = EXTRA["events/district-council/2026-12-07-planning-days.yaml"]
        text = text.replace("date: 2026-12-07", f"date: {day}").replace("end_date: 2026-12-09", f"end_date: {day}")
        (rich_data / f"events/district-council/{day}-open-day.yaml").write_text(text, encoding="utf-8")
    for n in range(10):  # and ten in the recent window, which yield to what is still to come
        day = date(2026, 11, 12) + timedelta(days=n)
        text = EXTRA["events/district-council/2026-12-07-planning-days.yaml"]
        text = text.replace("date: 2026-12-07", f"date: {day}").replace("end_date: 2026-12-09", f"end_date: {day}")
        (rich_data / f"events/district-council/{day}-past-day.yaml").write_text(
            text.replace("changed: 2026-11-20", "changed: 2026-11-01"), encoding="utf-8"
        )
    portal = portal_at(rich_data)
    files = feed_files(portal)
    content = files[urls.ALL_FEED]
    assert 80_000 < len(content) <= 100_000
    assert b"-past-day@" not in content.replace(b"\r\n ", b"")
    assert (
        content.replace(b"\r\n ", b"").count(b"-past-day@")
        == 0
        < files[urls.ARCHIVE_FEED].replace(b"\r\n ", b"").count(b"-past-day@")
    )
    cal = parse(content)
    days = sorted(
        {
            e["DTSTART"].dt.date() if isinstance(e["DTSTART"].dt, datetime) else e["DTSTART"].dt
            for e in cal.walk("VEVENT")
        }
    )
    horizon = max(day for day in days)
    # Whole dates: no open day after the horizon is in, every one up to it is.
    opens = {e["DTSTART"].dt.date() for e in cal.walk("VEVENT") if str(e["UID"]).endswith(f"-open-day@{HOST}")}
    assert opens == {date(2026, 12, 1) + timedelta(days=n) for n in range(90)} & {d for d in opens if d <= horizon}
    assert min(opens) == date(2026, 12, 1) and max(opens) < date(2026, 12, 1) + timedelta(days=89)
    description = str(cal["DESCRIPTION"])
    assert f"Holds dates up to {long_date(max(opens))}: " in description
    assert description.endswith("later events are added as their dates get nearer (see the website for them).")
    # The archive is not cut.
    archive = parse(files[urls.ARCHIVE_FEED])
    assert len([e for e in archive.walk("VEVENT") if str(e["UID"]).endswith(f"-open-day@{HOST}")]) == 90


# --- One VEVENT per event, stable identity ----------------------------------------------


def current_events(portal: Portal) -> list[str]:
    """Events a subscribable feed holds: up to 14 days after the last date (90 when cancelled)."""
    out = []
    for event_id, record in portal.events.items():
        last = max(o.last_day for o in expand(event_id, record.model, with_skipped=True))
        kept = 90 if record.model.status.value == "cancelled" else 14
        if last + timedelta(days=kept) >= portal.today:
            out.append(event_id)
    return out


def test_archive_holds_every_event_and_all_ics_the_current_ones(rich_portal: Portal) -> None:
    files = feed_files(rich_portal)
    archive = parse(files[urls.ARCHIVE_FEED])
    assert [u for u in masters(archive) if not u.startswith("closes.")] == sorted(uid(i) for i in rich_portal.events)
    current = current_events(rich_portal)
    assert "2026-06-10-old-cancelled" not in current and "2025-09-10-housing-survey" not in current
    assert [u for u in masters(parse(files[urls.ALL_FEED])) if not u.startswith("closes.")] == sorted(
        uid(i) for i in current
    )


def test_overrides_for_every_moved_and_skipped_date(rich_portal: Portal) -> None:
    cal = parse(feed_files(rich_portal)[urls.ARCHIVE_FEED])
    overrides = sorted(
        (str(e["UID"]), e["RECURRENCE-ID"].dt, e["DTSTART"].dt, str(e["STATUS"]))
        for e in cal.walk("VEVENT")
        if "RECURRENCE-ID" in e
    )
    expected = []
    for i, r in rich_portal.events.items():
        rule, tz = r.model.recurrence, rich_portal.event_tz(r.model)
        if rule is None:
            continue
        status = ICAL_STATUS[r.model.status]
        expected += [
            (
                uid(i),
                vevents.moment(m.original, r.model.start_time, tz),
                vevents.moment(m.date, m.start_time or r.model.start_time, tz),
                status,
            )
            for m in rule.moved
        ]
        expected += [
            (uid(i), vevents.moment(d, r.model.start_time, tz), vevents.moment(d, r.model.start_time, tz), "CANCELLED")
            for d in rule.skip
        ]
    assert overrides == sorted(expected)
    assert (
        uid("2026-11-30-twinning-call"),
        datetime(2027, 3, 29, 19, 0, tzinfo=PARIS),
        datetime(2027, 3, 30, 18, 0, tzinfo=PARIS),
        "CONFIRMED",
    ) in overrides
    assert (
        uid("2026-11-30-twinning-call"),
        datetime(2026, 12, 28, 19, 0, tzinfo=PARIS),
        datetime(2026, 12, 28, 19, 0, tzinfo=PARIS),
        "CANCELLED",
    ) in overrides


def test_skipped_date_is_a_cancelled_occurrence_not_an_exdate(rich_portal: Portal) -> None:
    """An EXDATE makes the date vanish without a word; a subscriber who noted it would turn up."""
    blocks = vevent_blocks(feed_files(rich_portal)[urls.ALL_FEED])
    master = blocks[(uid("2026-11-30-twinning-call"), "")].decode()
    assert "EXDATE" not in master
    skipped = blocks[(uid("2026-11-30-twinning-call"), "RECURRENCE-ID;TZID=Europe/Paris:20261228T190000")].decode()
    lines = skipped.replace("\r\n ", "").split("\r\n")
    assert [
        line for line in lines if line.startswith(("SUMMARY", "DTSTART", "DTEND", "STATUS", "SEQUENCE", "TRANSP"))
    ] == [
        "SUMMARY:Cancelled: Twinning association call",
        "DTSTART;TZID=Europe/Paris:20261228T190000",
        "DTEND;TZID=Europe/Paris:20261228T200000",
        "SEQUENCE:0",
        "STATUS:CANCELLED",
        "TRANSP:TRANSPARENT",
    ]
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert description.startswith("DESCRIPTION:This date is cancelled\\; the other dates go ahead.\\n\\nA weekly call")


def test_uids_are_unique_across_every_item(rich_portal: Portal) -> None:
    files = feed_files(rich_portal)
    items = [
        (str(e["UID"]), str(e.get("RECURRENCE-ID", "")))
        for path in (urls.ARCHIVE_FEED, urls.REVIEWS_FEED)
        for e in parse(files[path]).walk("VEVENT")
    ]
    assert len(items) == len(set(items))
    for path, content in files.items():
        within = [(str(e["UID"]), str(e.get("RECURRENCE-ID", ""))) for e in parse(content).walk("VEVENT")]
        assert len(within) == len(set(within)), path


def test_items_are_byte_identical_on_another_day_when_changed_is_recorded(rich_data: Path) -> None:
    """UID, DTSTAMP and every other property come from the data, never from the day of the build."""
    for path in (rich_data / "events").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "\nchanged:" not in text:
            path.write_text(text + "changed: 2026-11-01\n", encoding="utf-8")
    before = feed_files(portal_at(rich_data, "2026-11-22"))
    after = feed_files(portal_at(rich_data, "2027-06-01"))
    for event_id in portal_at(rich_data).events:
        assert before[urls.event_ics(event_id)] == after[urls.event_ics(event_id)]
    assert vevent_blocks(before[urls.ARCHIVE_FEED]) == vevent_blocks(after[urls.ARCHIVE_FEED])


def test_dtstamp_and_last_modified_are_the_changed_date_and_never_after_the_build_day(rich_portal: Portal) -> None:
    """RFC 5545 3.8.7.2: without METHOD, DTSTAMP is when the information was last revised."""
    cal = parse(feed_files(rich_portal)[urls.ARCHIVE_FEED])
    stamps = {
        str(e["UID"]): (e["DTSTAMP"].dt, e["LAST-MODIFIED"].dt if "LAST-MODIFIED" in e else None)
        for e in cal.walk("VEVENT")
        if "RECURRENCE-ID" not in e
    }
    # `changed: 2026-11-20` is the source of truth, for the event and every override.
    assert stamps[uid("2026-12-07-planning-days")] == (datetime(2026, 11, 20, tzinfo=UTC),) * 2
    # Without `changed`, the date in the file name (when the record was made), with no LAST-MODIFIED ...
    assert stamps[uid("2026-10-01-cancelled-forum")] == (datetime(2026, 10, 1, tzinfo=UTC), None)
    # ... unless that date is still to come: then the build day (22 November), never the future.
    assert stamps[uid("2026-12-03-library-review")] == (datetime(2026, 11, 22, tzinfo=UTC), None)
    build_day = datetime(2026, 11, 22, tzinfo=UTC)
    assert all(
        e["DTSTAMP"].dt <= build_day
        for e in cal.walk("VEVENT")
        if not str(e["UID"]).startswith(("eia.", "commitment."))
    )


def test_a_changed_date_in_the_future_is_stamped_on_the_build_day(rich_data: Path) -> None:
    path = rich_data / "events/district-council/2026-12-07-planning-days.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("changed: 2026-11-20", "changed: 2026-12-01"), encoding="utf-8"
    )
    cal = parse(feed_files(portal_at(rich_data))[urls.event_ics("2026-12-07-planning-days")])
    (event,) = cal.walk("VEVENT")
    assert (event["DTSTAMP"].dt, event["LAST-MODIFIED"].dt) == (datetime(2026, 11, 22, tzinfo=UTC),) * 2


def test_library_review_vevent_whole(example_portal: Portal) -> None:
    block = vevent_blocks(feed_files(example_portal)[urls.ALL_FEED])[(uid("2026-12-03-library-review"), "")]
    assert block.decode().replace("\r\n ", "").split("\r\n") == [
        "BEGIN:VEVENT",
        "SUMMARY:Library service review consultation",
        "DTSTART;TZID=Europe/London:20261203T183000",
        "DTEND;TZID=Europe/London:20261203T200000",
        # No `changed` date, and the date in its id is after the build day (22 November): the build day.
        "DTSTAMP:20261122T000000Z",
        "UID:2026-12-03-library-review@engage.example.gov.uk",
        "SEQUENCE:0",
        "CATEGORIES:Public meeting,Housing",
        "CLASS:PUBLIC",
        "CONTACT:engagement@example.gov.uk",
        "DESCRIPTION:Tell us how you use libraries before we decide opening hours.\\n\\n"
        "We are reviewing opening hours at all libraries.\\n\\n"
        "Where: Town Hall\\, 1 Market Street\\, Exampleton EX1 1AA\\n"
        "Cost: Free\\n"
        "Access: Step-free access: yes\\; Hearing loop: yes\\; BSL interpreter: on request. "
        "Ask for other adjustments by 26 November 2026.\\n"
        "Consultation open from 1 November 2026 to 20 December 2026.\\n"
        "Contact: engagement@example.gov.uk\\n\\n"
        "Full details: https://engage.example.gov.uk/events/2026-12-03-library-review/",
        "GEO:53.68;-1.5",
        "LOCATION:Town Hall\\, 1 Market Street\\, Exampleton EX1 1AA",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "URL:https://engage.example.gov.uk/events/2026-12-03-library-review/",
        "END:VEVENT",
        "",
    ]


def test_recurrence_is_rrule_and_recurrence_ids(example_portal: Portal) -> None:
    blocks = vevent_blocks(feed_files(example_portal)[urls.ARCHIVE_FEED])
    master = blocks[(uid("2026-01-06-carers-cafe"), "")].decode().replace("\r\n ", "")
    assert "RRULE:FREQ=MONTHLY;UNTIL=20270601T090000Z;BYDAY=1TU\r\n" in master
    assert "EXDATE" not in master
    skipped = blocks[(uid("2026-01-06-carers-cafe"), "RECURRENCE-ID;TZID=Europe/London:20260804T100000")].decode()
    assert "STATUS:CANCELLED\r\n" in skipped and "DTSTART;TZID=Europe/London:20260804T100000\r\n" in skipped
    moved = blocks[(uid("2026-01-06-carers-cafe"), "RECURRENCE-ID;TZID=Europe/London:20261201T100000")].decode()
    moved = moved.replace("\r\n ", "")
    assert "DTSTART;TZID=Europe/London:20261208T100000\r\n" in moved
    assert "DTEND;TZID=Europe/London:20261208T120000\r\n" in moved
    assert "This date moved from Tuesday 1 December 2026. The hall is in use on the first Tuesday." in moved
    assert "RRULE" not in moved and "EXDATE" not in moved


def test_rules_for_fortnightly_last_weekday_all_day_and_other_zones(rich_portal: Portal) -> None:
    blocks = vevent_blocks(feed_files(rich_portal)[urls.ALL_FEED])

    def lines(event_id: str, rid: str = "") -> list[str]:
        return blocks[(uid(event_id), rid)].decode().replace("\r\n ", "").split("\r\n")

    walk = lines("2026-11-24-walk-and-talk")
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270216T100000Z;INTERVAL=2" in walk
    assert [line for line in walk if line.startswith(("STATUS:", "SEQUENCE:", "SUMMARY:"))] == [
        "SUMMARY:Cancelled: Walk and talk",
        "SEQUENCE:2",
        "STATUS:CANCELLED",
    ]
    # A moved occurrence of a cancelled series is cancelled too.
    assert "STATUS:CANCELLED" in lines("2026-11-24-walk-and-talk", "RECURRENCE-ID;TZID=Europe/London:20261222T100000")
    surgery = lines("2026-12-29-last-tuesday-surgery")
    assert "RRULE:FREQ=MONTHLY;UNTIL=20270629;BYDAY=-1TU" in surgery
    assert "DTSTART;VALUE=DATE:20261229" in surgery and "DTEND;VALUE=DATE:20261230" in surgery
    assert "STATUS:TENTATIVE" in surgery and "SUMMARY:Postponed: Last Tuesday advice surgery" in surgery
    moved = lines("2026-12-29-last-tuesday-surgery", "RECURRENCE-ID;VALUE=DATE:20270223")
    assert "DTSTART;VALUE=DATE:20270224" in moved and "DTEND;VALUE=DATE:20270225" in moved
    fair = lines("2026-12-05-winter-fair")
    assert "DTSTART;VALUE=DATE:20261205" in fair and "DTEND;VALUE=DATE:20261207" in fair
    assert "LOCATION:Town Hall\\, Main hall\\, 1 Market Street\\, Exampleton EX1 1AA" in fair
    assert "TRANSP:TRANSPARENT" in fair  # all day: free, as clients make a hand-made all-day entry
    call = lines("2026-11-30-twinning-call")
    assert "DTSTART;TZID=Europe/Paris:20261130T190000" in call
    assert "LOCATION:Town Hall\\, 1 Market Street\\, Exampleton EX1 1AA (and online: Zoom)" in call
    assert "CONFERENCE;FEATURE=AUDIO,VIDEO;LABEL=Zoom;VALUE=URI:https://example.zoom.us/j/1" in call
    assert "TRANSP:OPAQUE" in call


def test_multi_day_event_with_daily_hours_is_a_daily_rule_not_one_block(rich_portal: Portal) -> None:
    """7 to 9 December, 1pm to 4pm: three afternoons, not 51 hours."""
    block = vevent_blocks(feed_files(rich_portal)[urls.ALL_FEED])[(uid("2026-12-07-planning-days"), "")]
    lines = block.decode().replace("\r\n ", "").split("\r\n")
    assert [line for line in lines if line.startswith(("DTSTART", "DTEND", "RRULE"))] == [
        "DTSTART;TZID=Europe/London:20261207T130000",
        "DTEND;TZID=Europe/London:20261207T160000",
        "RRULE:FREQ=DAILY;UNTIL=20261209T130000Z",
    ]
    found = recurring_ical_events.of(parse(block_calendar(rich_portal, "2026-12-07-planning-days"))).between(
        date(2026, 12, 1), date(2026, 12, 31)
    )
    assert sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in found) == [
        (datetime(2026, 12, d, 13, tzinfo=LONDON), datetime(2026, 12, d, 16, tzinfo=LONDON)) for d in (7, 8, 9)
    ]
    assert [
        (o.day, o.start, o.end, o.last_day) for o in expand("x", rich_portal.events["2026-12-07-planning-days"].model)
    ] == [(date(2026, 12, d), time(13), time(16), date(2026, 12, d)) for d in (7, 8, 9)]


def block_calendar(portal: Portal, event_id: str) -> bytes:
    return feed_files(portal)[urls.event_ics(event_id)]


def test_description_keeps_paragraphs_and_unfolds_yaml_wraps(rich_portal: Portal) -> None:
    (event,) = parse(block_calendar(rich_portal, "2026-12-07-planning-days")).walk("VEVENT")
    assert str(event["DESCRIPTION"]).split("\n\n")[:3] == [
        "Three days of drop-in sessions on the draft local plan.",
        "Planners will be in the library each afternoon with the maps, to answer questions about the sites proposed for new homes.",
        "No need to book.",
    ]


def test_online_only_event_puts_its_link_in_location_and_conference(rich_data: Path) -> None:
    (rich_data / "events/district-council/2026-12-10-online-briefing.yaml").write_text(
        """\
title: Budget briefing online
summary: A short online briefing on next year's budget.
description: Officers explain the budget proposals.
organiser: district-council
method: public-meeting
areas: [north-ward]
topics: [housing]
date: 2026-12-10
start_time: "12:30"
end_time: "13:15"
online:
  platform: Microsoft Teams
  url: https://teams.example.com/l/meetup/1
  instructions: |
    Join from a browser; no app needed.
    To join by phone, use the number in the booking email.
booking:
  required: true
  by: 2026-12-08
  url: https://example.gov.uk/book
  details: Or ask at any library to book.
contact: engagement@example.gov.uk
access:
  speech_to_text: yes
  notes: Live captions are on in Teams.
""",
        encoding="utf-8",
    )
    (event,) = parse(block_calendar(portal_at(rich_data), "2026-12-10-online-briefing")).walk("VEVENT")
    assert str(event["LOCATION"]) == "https://teams.example.com/l/meetup/1"
    assert str(event["CONFERENCE"]) == "https://teams.example.com/l/meetup/1"
    assert event["CONFERENCE"].params == {"VALUE": "URI", "FEATURE": ["AUDIO", "VIDEO"], "LABEL": "Microsoft Teams"}
    facts = str(event["DESCRIPTION"]).split("\n\n")[2].split("\n")
    assert facts == [
        "Where: online (Microsoft Teams)",
        "Join online (Microsoft Teams): https://teams.example.com/l/meetup/1",
        "Join from a browser; no app needed. To join by phone, use the number in the booking email.",
        "Cost: Free",
        "Booking needed by 8 December 2026: https://example.gov.uk/book",
        "Or ask at any library to book.",
        "Access: Speech-to-text: yes.",
        "Live captions are on in Teams.",
        "Contact: engagement@example.gov.uk",
    ]


# --- Cancelled events -------------------------------------------------------------------


@pytest.mark.parametrize(("today", "kept"), [("2026-12-30", True), ("2026-12-31", False)])
def test_a_cancelled_event_stays_in_feeds_for_the_kept_days(today: str, kept: bool) -> None:
    portal = portal_at(EXAMPLE_DATA, today)
    files = feed_files(portal)
    forum = uid("2026-10-01-cancelled-forum")
    assert (forum in masters(parse(files[urls.ALL_FEED]))) is kept
    assert (forum in masters(parse(files[urls.facet_feed("area", "south-ward")]))) is kept
    # Its own file beside its page stays whatever the day, cancelled.
    own = parse(files[urls.event_ics("2026-10-01-cancelled-forum")])
    assert [(str(e["UID"]), str(e["STATUS"]), str(e["SUMMARY"])) for e in own.walk("VEVENT")] == [
        (forum, "CANCELLED", "Cancelled: South Ward community forum")
    ]


# --- Membership -------------------------------------------------------------------------


def test_facet_feeds_hold_exactly_the_facet_listing_events(rich_portal: Portal) -> None:
    files = feed_files(rich_portal)
    current = set(current_events(rich_portal))
    expected_paths = set()
    for facet in (f for f in facets.FACETS if f.feed):
        for value in facets.names(rich_portal, facet.key):
            path = urls.facet_feed(facet.key, value)
            ever = facets.events_for(rich_portal, facet.key, value)
            if not ever:
                assert path not in files, f"{path}: no event has ever had it, so no feed"
                continue
            expected_paths.add(path)
            members = [i for i in ever if i in current]
            assert [u for u in masters(parse(files[path])) if not u.startswith("closes.")] == sorted(
                uid(i) for i in members
            ), path
    assert {p for p in files if p.startswith("feeds/") and p.count("/") == 2} == expected_paths
    assert {p.split("/")[1] for p in expected_paths} == {
        "area",
        "topic",
        "group",
        "organiser",
        "type",
        "level",
        "access",
    }


def test_consultation_closing_dates_are_in_every_feed_the_consultation_is_in(rich_portal: Portal) -> None:
    """Not only in consultations.ics: a subscriber to the area or topic sees the last day to respond."""
    files = feed_files(rich_portal)
    closes = f"closes.2026-12-03-library-review@{HOST}"
    holding = sorted(
        p
        for p, content in files.items()
        if p.startswith("feeds/") and closes.encode() in content.replace(b"\r\n ", b"")
    )
    event = rich_portal.events["2026-12-03-library-review"].model
    values = facets.values_of(rich_portal, event)
    assert holding == sorted(
        [urls.ALL_FEED, urls.CONSULTATIONS_FEED]
        + [urls.facet_feed(f.key, v) for f in facets.FACETS if f.feed for v in values[f.key]]
    )


def test_a_closing_date_stays_in_the_facet_feeds_after_the_opening_day_has_left_them(rich_data: Path) -> None:
    """A consultation that opened months ago still closes soon: its area's subscribers must see the last day."""
    portal = portal_at(rich_data, "2026-12-19")  # the meeting on 3 December left the feeds on the 18th
    event = portal.events["2026-12-03-library-review"].model
    assert event.consultation is not None and event.consultation.closes == date(2026, 12, 20)
    files = feed_files(portal)
    for path in (urls.ALL_FEED, urls.facet_feed("area", "north-ward"), urls.facet_feed("topic", "housing")):
        uids = masters(parse(files[path]))
        assert f"closes.2026-12-03-library-review@{HOST}" in uids, path
        assert uid("2026-12-03-library-review") not in uids, path


def test_an_empty_feed_is_valid_but_never_offered(rich_data: Path) -> None:
    """newsletter.ics had no component at all (RFC 5545 needs one) and was offered anyway."""
    portal = portal_at(rich_data, "2029-01-01")  # every event long past
    files = feed_files(portal)
    empty = files[urls.facet_feed("area", "north-ward")]
    assert b"BEGIN:VEVENT" not in empty and b"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n" in empty
    page = subscribe.page(portal)
    offered = [f.https for f in page.context.main] + [f.https for _, group in page.context.groups for f in group]
    assert offered == []
    assert [f.https for f in page.context.archive] == [f"https://{HOST}/open-data/events.ics"]


def test_each_vevent_is_serialised_once_and_reused(rich_portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = vevents.components

    def counting(portal: Portal, event_id: str, event: object) -> object:
        calls.append(event_id)
        return real(portal, event_id, event)  # type: ignore[arg-type]

    monkeypatch.setattr(vevents, "components", counting)
    files = feed_files(rich_portal)
    assert sorted(calls) == sorted(rich_portal.events)
    block = vevent_blocks(files[urls.event_ics("2026-12-03-library-review")])[(uid("2026-12-03-library-review"), "")]
    for path in (urls.ALL_FEED, urls.facet_feed("area", "north-ward"), urls.facet_feed("topic", "housing")):
        assert block in files[path]


def test_two_builds_are_byte_identical(example_portal: Portal) -> None:
    assert publish.files(example_portal) == publish.files(example_portal)


def test_consultation_closing_dates(example_portal: Portal) -> None:
    cal = parse(feed_files(example_portal)[urls.CONSULTATIONS_FEED])
    consultations = {i: r.model for i, r in example_portal.events.items() if r.model.consultation}
    got = {
        str(e["UID"]): (e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"]), str(e["STATUS"])) for e in cal.walk("VEVENT")
    }
    today = example_portal.today
    assert got == {
        f"closes.{i}@{HOST}": (
            e.consultation.closes,  # type: ignore[union-attr]
            e.consultation.closes + timedelta(days=1),  # type: ignore[union-attr]
            ("Cancelled: " if e.status.value == "cancelled" else "") + f"Consultation closes: {e.title}",
            ICAL_STATUS[e.status],
        )
        for i, e in consultations.items()
        if e.consultation.closes + timedelta(days=90 if e.status.value == "cancelled" else 14) >= today  # type: ignore[union-attr]
    }
    assert len(got) < len(consultations)  # the example data has consultations closed long ago


def test_reviews_and_deadlines_feed(example_portal: Portal) -> None:
    cal = parse(feed_files(example_portal)[urls.REVIEWS_FEED])
    items = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    expected = {f"eia.{i}.review@{HOST}": r.model.review_date for i, r in example_portal.eias.items()}
    expected |= {
        f"eia.{i}.action.{a.id}@{HOST}": a.due for i, r in example_portal.eias.items() for a in r.model.actions
    }
    expected |= {
        f"commitment.{i}.action.{a.id}@{HOST}": a.due
        for i, r in example_portal.commitments.items()
        for a in r.model.actions
    }
    # Like every subscribable feed: upcoming dates and the last 14 days.
    window = example_portal.today - timedelta(days=14)
    assert {k: v["DTSTART"].dt for k, v in items.items()} == {k: v for k, v in expected.items() if v >= window}
    assert len(items) < len(expected)
    every = {
        str(e["UID"]): e
        for entry in publish.entries(example_portal).values()
        for e in parse(b"BEGIN:VCALENDAR\r\n" + entry.ical + b"END:VCALENDAR\r\n").walk("VEVENT")
    }
    review = every[f"eia.library-hours.review@{HOST}"]
    assert (str(review["SUMMARY"]), review["DTSTAMP"].dt, int(review["SEQUENCE"]), str(review["URL"])) == (
        "EIA review due: Library opening hours review",
        datetime(2026, 2, 11, tzinfo=UTC),
        0,
        "https://engage.example.gov.uk/eia/library-hours/",
    )
    tracker = every[f"commitment.listening.action.tracker@{HOST}"]
    # Last revised on its update of 20 March 2026, 69 days after the commitment was published.
    assert (str(tracker["SUMMARY"]), tracker["DTSTAMP"].dt, int(tracker["SEQUENCE"])) == (
        "Done: Commitment action due: Keep a tracker of consultations awaiting feedback",
        datetime(2026, 3, 20, tzinfo=UTC),
        69,
    )


# --- The same occurrences as the listings -----------------------------------------------

WINDOW = (date(2026, 1, 1), date(2028, 1, 1))


def listing_occurrences(portal: Portal) -> list[tuple[str, object, object, str]]:
    """What the listings hold, skipped dates included as cancelled occurrences."""
    out = []
    for event_id, record in portal.events.items():
        event = record.model
        tz = portal.event_tz(event)
        for occ in expand(event_id, event, with_skipped=True):
            if not (WINDOW[0] <= occ.day < WINDOW[1]):
                continue
            start, end = vevents.span(occ.day, occ.last_day, occ.start, occ.end, tz)
            out.append((uid(event_id), start, end, "CANCELLED" if occ.cancelled else ICAL_STATUS[event.status]))
    return sorted(out, key=str)


def parsed_occurrences(content: bytes) -> list[tuple[str, object, object, str]]:
    found = recurring_ical_events.of(parse(content)).between(*WINDOW)
    return sorted(
        (
            (str(e["UID"]), e["DTSTART"].dt, e["DTEND"].dt, str(e["STATUS"]))
            for e in found
            if not str(e["UID"]).startswith("closes.")
        ),
        key=str,
    )


@pytest.mark.parametrize("which", ["example", "rich"])
def test_archive_expands_to_the_listing_occurrences(which: str, example_portal: Portal, rich_data: Path) -> None:
    portal = example_portal if which == "example" else portal_at(rich_data)
    assert parsed_occurrences(feed_files(portal)[urls.ARCHIVE_FEED]) == listing_occurrences(portal)


def test_times_convert_across_daylight_saving(rich_portal: Portal) -> None:
    found = recurring_ical_events.of(parse(feed_files(rich_portal)[urls.ALL_FEED])).between(
        date(2027, 3, 20), date(2027, 4, 7)
    )
    call = sorted(e["DTSTART"].dt.astimezone(UTC) for e in found if str(e["UID"]) == uid("2026-11-30-twinning-call"))
    assert call == [
        datetime(2027, 3, 22, 18, 0, tzinfo=UTC),  # 7pm CET
        datetime(2027, 3, 30, 16, 0, tzinfo=UTC),  # moved: 6pm CEST on the Tuesday
        datetime(2027, 4, 5, 17, 0, tzinfo=UTC),  # 7pm CEST
    ]


# --- The subscribe page -----------------------------------------------------------------


def test_subscribe_page_links(example_portal: Portal) -> None:
    page = subscribe.page(example_portal)
    assert (page.url, page.template, page.title) == ("feeds/", "engage/feeds.html", "Subscribe to calendars")
    first = page.context.main[0]
    assert first == subscribe.FeedLinks(
        label="All events",
        description="Every event listed on Example Engage, with consultation closing dates.",
        count=len(current_events(example_portal)),
        https="https://engage.example.gov.uk/feeds/all.ics",
        webcal="webcal://engage.example.gov.uk/feeds/all.ics",
        google="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fengage.example.gov.uk%2Ffeeds%2Fall.ics",
        outlook="https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fengage.example.gov.uk%2Ffeeds%2Fall.ics"
        "&name=Example+Engage%3A+all+events",
        outlook_work="https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fengage.example.gov.uk%2Ffeeds%2Fall.ics"
        "&name=Example+Engage%3A+all+events",
    )
    assert [g[0] for g in page.context.groups] == [
        "By area",
        "By topic",
        "By group",
        "By organiser",
        "By type of event",
        "By level of involvement",
        "By access arrangement",
    ]
    areas = dict(page.context.groups)["By area"]
    current = set(current_events(example_portal))
    counts = {
        key: len([i for i in facets.events_for(example_portal, "area", key) if i in current])
        for key in facets.names(example_portal, "area")
    }
    assert [(a.label, a.count, a.https) for a in areas] == [
        (name, counts[key], f"https://{HOST}/feeds/area/{key}.ics")
        for key, name in facets.names(example_portal, "area").items()
        if counts[key]  # an empty feed is not offered
    ]
    assert page.context.refresh_hours == 12


@pytest.mark.slow
def test_built_site_serves_the_feeds_and_the_subscribe_page(example_site: Path, example_portal: Portal) -> None:
    for output in publish.files(example_portal):
        assert (example_site / output.path).read_bytes() == output.content, output.path
    html = (example_site / "feeds" / "index.html").read_text(encoding="utf-8")
    assert (
        '<a href="webcal://engage.example.gov.uk/feeds/area/north-ward.ics">Apple Calendar and other apps</a>' in html
    )
    assert "We ask apps to check every 12 hours" in html
    assert 'stays in the feed marked "Cancelled" for 90 days' in html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=400))
def test_fold_round_trips_and_never_splits_a_character_or_an_escape(text: str) -> None:
    line = "DESCRIPTION:" + text
    folded = fold(line)
    assert folded.endswith(b"\r\n")
    physical = folded[:-2].split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    for part in physical:
        part.decode("utf-8")  # each line is whole characters
        assert (len(part) - len(part.rstrip(b"\\"))) % 2 == 0 or part is physical[-1]
    assert folded[:-2].replace(b"\r\n ", b"").decode("utf-8") == line


def test_a_newline_in_text_is_escaped_not_written(example_portal: Portal) -> None:
    content = feed_files(example_portal)[urls.event_ics("2026-01-06-carers-cafe")]
    vevent = content[content.index(b"BEGIN:VEVENT") :].replace(b"\r\n ", b"")
    description = re.search(rb"\r\nDESCRIPTION:(.*?)\r\n[A-Z]", vevent, re.S)
    assert description is not None and b"\\n\\n" in description.group(1) and b"\n" not in description.group(1)


def test_event_moment_helpers() -> None:
    assert vevents.span(date(2026, 12, 5), date(2026, 12, 6), None, None, LONDON) == (
        date(2026, 12, 5),
        date(2026, 12, 7),
    )
    assert vevents.span(date(2026, 12, 5), date(2026, 12, 5), time(9), time(17), LONDON) == (
        datetime(2026, 12, 5, 9, tzinfo=LONDON),
        datetime(2026, 12, 5, 17, tzinfo=LONDON),
    )


def test_facet_listing_pages_offer_webcal_for_feeds_with_events_only(rich_portal: Portal) -> None:
    """A plain https .ics link downloads a file on a phone; webcal:// subscribes. An empty feed is not offered."""
    from engage.pages.facet_pages import facet_pages
    from engage.pages.listing import EventListing

    offered = {spec.path for spec in feeds.catalogue(rich_portal) if spec.offered}
    seen = {}
    for page in facet_pages(rich_portal):
        if (
            isinstance(page.context, EventListing)
            and page.context.kind == "facet"
            and page.url.count("/") == 3
            and "page" not in page.url
        ):
            seen[page.url] = (page.context.feed_url, page.context.feed_webcal)
    north = seen["events/area/north-ward/"]
    assert north == ("feeds/area/north-ward.ics", "webcal://engage.example.gov.uk/feeds/area/north-ward.ics")
    for url, (feed_url, webcal) in seen.items():
        facet, value = url.split("/")[1:3]
        path = urls.facet_feed(facet, value)
        assert feed_url == (path if path in offered else None), url
        assert webcal == "webcal://engage.example.gov.uk/" + path
    assert any(feed_url is None for feed_url, _ in seen.values())  # some listings have no live feed
