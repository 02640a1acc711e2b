"""A labelled corpus for the personal-data guard: (text, True when it holds personal data).

The personal items cover each way people write a datum and each evasion seen in review: mobiles
and landlines with spaces, hyphens, dots, brackets, +44, +44-, 0044 and (0); NI numbers in any
case with spaces, hyphens or dots; email addresses written with &#64;, a zero-width space, a soft
hyphen, a full-width at sign (U+FF20) or inside a link; NHS numbers; home addresses. The clean items are what
partnerships really publish: dates, times, money, reference numbers, service lines, role mailboxes,
venue postcodes and links with digits in their path. The test prints precision and recall.
"""

from __future__ import annotations

ROLE = {"engagement@example.gov.uk", "involvement@example-health.nhs.uk"}

PERSONAL: list[str] = [
    # mobiles
    "Call 07700 900123 after six",
    "Mobile 07700900123",
    "Text 07700-900-123",
    "Text 07700.900.123",
    "Mob: 07700 900 123",
    "Ring (07700) 900123",
    "Ring +44 7700 900123",
    "Ring +447700900123",
    "Ring +44-7700-900123",
    "Ring +44 (0)7700 900123",
    "Ring 0044 7700 900123",
    "Ring 00447700900123",
    "Ring 0044-7700-900-123",
    "ring me on 07700 900 123 please",
    "WhatsApp +44 7700 900 123",
    # landlines
    "Home 01632 960123",
    "Home (01632) 960 123",
    "Home 01632-960-123",
    "Office 020 7946 0958",
    "Leeds 0113 496 0000",
    "Ring +44 (0)20 7946 0958",
    "Call 0044 20 7946 0958",
    # NI numbers
    "NI number AB 12 34 56 C",
    "NI AB123456C",
    "ni ab123456c",
    "NI ab 12 34 56 c",
    "NI AB-12-34-56-C",
    "NI AB.12.34.56.C",
    "national insurance: jk 12 34 56 a",
    "NINO: Ab123456d",
    # NHS numbers
    "NHS number 943 476 5919",
    "NHS no. 943-476-5919",
    "NHS 9434765919",
    # emails, plain and evasive
    "Email jo.bloggs@gmail.com for a lift",
    "[write to me](mailto:jo@home.net)",
    "Write to jo.bloggs&#64;gmail.com",
    "Write to jo.bloggs&#x40;gmail.com",
    "Write to jo.bloggs&commat;gmail.com",
    "Write to jo.bloggs\u200b@gmail.com",
    "Write to jo.bloggs@\u200bgmail.com",
    "Write to jo.bl\u00adoggs@gmail.com",
    "Write to jo.bloggs\uff20gmail.com",
    "Write to ｊｏ＠ｇｍａｉｌ．ｃｏｍ",
    "See https://forms.example.com/?email=jo.bloggs%40gmail.com",
    "See https://forms.example.com/?contact=jo.bloggs@gmail.com",
    "See https://example.com/share#tel=07700900123",
    "See https://example.com/form?phone=07700%20900123",
    "Call \u200b07700 900123",
    "Ring ０７７００ ９００１２３",
    # home addresses
    "She lives at 12 Acacia Avenue, Exampleton EX1 1AA",
    "Flat 3b, 14 High St, Leeds LS1 4AB",
    "Send it to 7 Mill Lane, Calderbrook CB4 2XY",
]

CLEAN: list[str] = [
    "Write to engagement@example.gov.uk or ENGAGEMENT@example.gov.uk.",
    "The trust's mailbox is involvement@example-health.nhs.uk.",
    "Held on 2026-12-03 from 18:30 to 20:00, or 03/12/2026 at 6:30pm.",
    "The scheme costs £1,200,000 a year (2025-26), up 0.5% from £1,194,000.",
    "Read https://www.example.gov.uk/docs/07700900123/report and [the plan](https://example.gov.uk/a/01632960123).",
    "Event 2026-01-06-carers-cafe, reference 2026/0123/45, 412 responses, 15 to 20 per cent.",
    "The contact centre is on 0300 123 4567; freephone 0800 123 4567.",
    "The Town Hall is at EX1 1AA.",
    "We met on 10 December at EX1 1AA.",
    "A figure of 9434765918 and 1234567890.",
    "Between 0 and 10 people, 07:30 to 09:00.",
    "Ward E05001234 had 1,234 responses.",
    "Plan version 2.0.1, appendix 3.4.5.",
    "Budget line 0123-4567 in the 2026 estimates.",
    "Consultation ref CB-2026-0142.",
    "Minutes of 3 December 2026, item 7.",
    "About 4,500 households in Fernside.",
    "Open 9am to 5pm, Monday to Friday.",
    "See https://www.example.gov.uk/consultations?id=2026-12&page=2",
    "Room A1 2BC is on the second floor.",
    "Agenda item AB12 on the 2026 plan.",
    "Follow @calderbrookdc for updates.",
    "Listen to the podcast at https://example.org/episodes/12345678901",
    "Call the non-emergency line on 101 or 111.",
    "Coordinates 53.7, -1.9.",
    "Bus 42 every 12 minutes; last bus 23:10.",
    "The library is at 1 Market Square, Calderbrook.",
    "Score 12 34 56 out of 100.",
    "Q&amp;A after the talk; bring questions &amp; ideas.",
    "Zero\u200bwidth text that holds no data.",
]
