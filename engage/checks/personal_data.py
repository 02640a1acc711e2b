"""No personal data in anything published: the guard `engage validate` and every build run.

Every string field of every event, EIA, feedback record, commitment, evaluation, self-assessment, taxonomy entry and of
site.yaml is read, as a reader sees it (entities such as &#64; decoded, full-width forms folded,
zero-width characters and soft hyphens removed, and what links carry in their query), for:

- email addresses other than role mailboxes (the site's contact and `settings.role_mailboxes`
  anywhere; an organisation's contact only in records that organisation runs or takes part in);
- UK phone numbers starting 01, 02 or 07 (written 01632 960123, (01632) 960 123,
  020 7946 0958, 07700 900123, +44 7700 900123, +44 (0)20 7946 0958 ...). Non-geographic
  service lines (03, 08) belong to organisations, not people, and are allowed;
- a full postcode with a house number before it (a home address; not in venues, whose
  address is public);
- National Insurance numbers and NHS numbers (NHS numbers only when their check digit is right,
  so an ordinary 10-digit figure is not taken for one).

Web addresses are blanked out before the search, so digits in a link's path never look like
a phone number; dates (2026-12-03), times (18:30) and money (£1,200) cannot match by design.

Quotes: the model makes `consent` compulsory, so an unmarked quote cannot load, and pages never
publish a `not-cleared` quote. Their text is still checked here, since the data files themselves
are public in the repository.
"""

from __future__ import annotations

import datetime
import html
import re
import unicodedata
import urllib.parse
from collections.abc import Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..loading import Loaded
from ..memo import IdentityMemo
from ..models.feedback import Feedback
from ..models.taxonomy import Organisation, Venue
from ..problems import Problem
from ..records import Record
from ..reference_fields import references
from ..yaml_reader import Path

CODE = "personal-data"

_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Microsoft Teams join links carry the meeting's thread id, 19:meeting_<id>@thread.v2 (thread.skype
# and thread.tacv2 in older links): a conversation id in every Teams link, not anyone's mailbox.
_TEAMS_THREAD = re.compile(r"@thread\.(?:v2|tacv2|skype)$", re.IGNORECASE)
# A candidate phone number: a +44, 0044 or 0 start, then digits with at most one separator
# (space, hyphen, dot or a closing bracket and space) between them. The digits are then counted
# and the prefix checked, so dates, times, money and ids never qualify.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)44[ .-]?(?:\(0\)[ .-]?)?|\(?0)(?:\d(?:\)[ .-]?|[ .-])?){8,11}\d(?![\d])")
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")
# A house number and the capitalised words of a street before a postcode: "12 Acacia Avenue, EX1 1AA".
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
HOUSE = re.compile(rf"\b\d{{1,4}}[A-Za-z]?,? (?!(?:{_MONTHS})\b)(?:[A-Z][A-Za-z'’.-]*[ ,]+){{1,6}}$")
# Any case, and spaces, hyphens or dots between the pairs: ab-12-34-56-c, AB.12.34.56.C.
NI_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?[A-D](?![A-Za-z0-9])",
    re.IGNORECASE,
)
NHS_NUMBER = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w-])")
# Characters that hide data from a pattern without showing on the page: zero-width spaces and
# joiners, the soft hyphen, the word joiner, the byte-order mark.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
# Every pattern above needs a digit or an @, or (in a link) a percent escape that decodes to one:
# text without any of them is skipped (most text, and a check of every string of every record).
_MAY_HOLD = re.compile(r"[\d@%]")


def normalised(text: str) -> str:
    """The text as a reader sees it: entities decoded (&#64; is @), compatibility forms folded
    (full-width at signs (U+FF20) and digits), invisible characters removed. Evasions then match plainly."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return text


def _in_urls(text: str) -> str:
    """What web addresses carry as data, percent-decoded: their query and fragment, and any email
    address anywhere in them. Path digits (report/07700900123) are ids and are left out."""
    parts = []
    for m in _URL.finditer(text):
        url = urllib.parse.unquote(m.group(0))
        split = re.split(r"[?#]", url, maxsplit=1)
        if len(split) == 2:
            parts.append(split[1])
        parts.extend(e for e in EMAIL.findall(split[0]) if not _TEAMS_THREAD.search(e))
    return "\n".join(parts)


def _blank_urls(text: str) -> str:
    """The text with each web address replaced by spaces, so positions stay the same."""
    return _URL.sub(lambda m: " " * len(m.group(0)), text)


def _phone_digits(candidate: str) -> str | None:
    """The number as dialled in the UK (07700900123), or None when it is not a personal line."""
    digits = re.sub(r"\D", "", candidate)
    compact = re.sub(r"[ .-]", "", candidate)
    if compact.startswith(("+44", "0044")):
        national = digits[4:] if compact.startswith("0044") else digits[2:]
        # +44 (0)20 ...: the bracketed 0 is the national prefix written twice.
        digits = national if "(0)" in compact else "0" + national
    if len(digits) not in (10, 11) or digits[:2] not in ("01", "02", "07"):
        return None
    return digits


def _nhs_check_digit_ok(candidate: str) -> bool:
    digits = [int(d) for d in re.sub(r"\D", "", candidate)]
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


def findings(text: str, allowed_emails: set[str], addresses: bool = True) -> list[str]:
    """What in `text` looks like personal data, each as a short description.

    The text is read as published (entities decoded, invisible characters removed), and what
    web addresses carry (mailto, ?email=, percent-encoded @) is read too; only digits in a link's
    path are left alone. `addresses=False` for venues, whose address is the point."""
    text = normalised(text)
    if not _MAY_HOLD.search(text):
        return []
    if "://" in text:
        text = _blank_urls(text) + "\n" + _in_urls(text)
    out: list[str] = []
    for m in EMAIL.finditer(text):
        if m.group(0).lower() not in allowed_emails:
            out.append(
                f"the email address '{m.group(0)}' is not a role mailbox; use the site contact, an organisation's "
                "contact or one listed in role_mailboxes in site.yaml, never a person's address"
            )
    for m in PHONE.finditer(text):
        if _phone_digits(m.group(0)):
            out.append(f"'{m.group(0).strip()}' looks like a phone number; do not publish people's phone numbers")
    for m in POSTCODE.finditer(text if addresses else ""):
        if HOUSE.search(text[max(0, m.start() - 80) : m.start()]):
            out.append(
                f"'{m.group(0)}' with a house number before it looks like a home address; "
                "do not publish people's addresses (venues belong in venues.yaml)"
            )
    for m in NI_NUMBER.finditer(text):
        out.append(f"'{m.group(0)}' looks like a National Insurance number; never publish one")
    for m in NHS_NUMBER.finditer(text):
        if _nhs_check_digit_ok(m.group(0)):
            out.append(f"'{m.group(0)}' looks like an NHS number; never publish one")
    return out


def strings(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string inside a record, with its path, in the model's field order."""
    found: list[tuple[Path, str]] = []
    _collect(value, path, found)
    return iter(found)


_NO_TEXT = frozenset({bool, int, float, datetime.date, datetime.datetime, datetime.time})


def _collect(value: Any, path: Path, found: list[tuple[Path, str]]) -> None:
    # One list filled by plain recursion: nested generators cost a resumption per level for
    # every string, and every string of every record passes through here. Most values are
    # plain strings or hold no text (None, numbers, dates): told apart by their exact type first.
    kind = type(value)
    if kind is str:
        found.append((path, value))
        return
    if value is None or kind in _NO_TEXT:
        return
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _collect(getattr(value, name), (*path, name), found)
    elif isinstance(value, (list, tuple)):
        for index, part in enumerate(value):
            _collect(part, (*path, index), found)
    elif isinstance(value, dict):
        for key in sorted(value):
            _collect(value[key], (*path, key), found)


def allowed_mailboxes(loaded: Loaded) -> set[str]:
    """Role mailboxes that may be published anywhere: the site's contact and `role_mailboxes`."""
    allowed: set[str] = set()
    if loaded.settings is not None:
        allowed.add(loaded.settings.model.contact.lower())
        allowed.update(m.lower() for m in loaded.settings.model.role_mailboxes)
    return allowed


def _organisations_of(record: Record[Any]) -> set[str]:
    """Ids of the organisations a record names (organiser, partners, organisations; its own, for
    one), by the one list of reference fields."""
    found = {record.id} if isinstance(record.model, Organisation) else set()
    found.update(ref.value for ref in references(record.model) if ref.kind == "organisations")
    return found


def check_record(
    record: Record[Any], allowed: set[str], contacts: dict[str, str] | None = None, also: set[str] | None = None
) -> list[Problem]:
    """Every published text of a record; an organisation's contact is allowed only in records
    that organisation runs or takes part in (`also`: organisations taking part through a linked
    record, such as the event a feedback record reports on), not in any field of any record."""
    if contacts:
        allowed = allowed | {contacts[o] for o in _organisations_of(record) | (also or set()) if o in contacts}
    addresses = not isinstance(record.model, Venue)
    return [
        record.problem(CODE, path, message)
        for path, text in strings(record.model)
        for message in findings(text, allowed, addresses)
    ]


_FOUND: IdentityMemo[list[Problem]] = IdentityMemo()
"""Each record's findings, reused under the preview while the record and the mailboxes are unchanged."""


def check(loaded: Loaded) -> list[Problem]:
    allowed = allowed_mailboxes(loaded)
    contacts = {r.id: r.model.contact.lower() for r in loaded.taxonomies.get("organisations", [])}
    mailboxes = frozenset(allowed)
    contact_key = frozenset(contacts.items())
    out: list[Problem] = []
    records: list[Record[Any]] = [
        *loaded.events,
        *loaded.eias,
        *loaded.feedback,
        *loaded.commitments,
        *loaded.evaluations,
        *loaded.assessments,
    ]
    # Taxonomies and site.yaml are published too (names, descriptions, directions, the footer).
    for entries in loaded.taxonomies.values():
        records.extend(entries)
    if loaded.settings is not None:
        records.append(loaded.settings)
    event_organisations = {r.id: _organisations_of(r) for r in loaded.events}
    for record in records:
        linked = (
            frozenset(event_organisations.get(record.model.event, set()))
            if isinstance(record.model, Feedback)
            else frozenset()
        )
        out += _FOUND.get(
            (record.file, mailboxes, contact_key, linked),
            (record, record.model),
            lambda: check_record(record, allowed, contacts, set(linked)),  # noqa: B023 (called at once)
        )
    return out
