"""Synthetic but valid data at any size, for the benchmark.

    .venv/bin/python benchmarks/generate.py 10000 benchmarks/work/n10000/data

Writes N events with EIAs, feedback and commitments in proportion (5%, 3% and 2% of N), reusing
the site settings and taxonomies of a real data folder (data/ by default). The same N and seed
give the same files. The mix follows what partners really publish: mostly one-off meetings and
drop-ins, some online or hybrid, some all-day or over several days, recurring series, cancelled
and postponed events, and consultations with options, papers and a decision to come.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engage.access import PHYSICAL  # noqa: E402
from engage.loading import load  # noqa: E402  (the engine is importable once ROOT is on the path)
from engage.occurrences import week_of_month  # noqa: E402

FIRST_DAY = date(2025, 1, 6)
LAST_DAY = date(2027, 12, 17)
"""Events spread over three years around the benchmark's today (2026-11-22): an archive and a future."""
TODAY = date(2026, 11, 22)
SHARES = {"eias": 0.05, "feedback": 0.03, "commitments": 0.02}
CONSULTATION_SHARE = 0.055
"""About 5% of events are consultations (one-off events only), so that the 3% of feedback
answers nearly every consultation that has closed, as it should: nine in ten feedback records
are final reports, the rest interim reports ahead of some of them."""
ACCESS = (
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "bsl",
    "speech_to_text",
    "easy_read",
    "large_print",
    "quiet_space",
    "childcare",
    "travel_costs",
    "carer_costs",
)
WEEKS = ["first", "second", "third", "fourth"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: int = 2) -> str:
    """A literal block scalar for Markdown."""
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def ids(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


@dataclass
class Vocab:
    """The ids and names a generated record may use, read from a real data folder."""

    organisations: dict[str, tuple[str, str]]  # id -> (name, contact)
    methods: dict[str, str]
    areas: dict[str, str]
    topics: dict[str, str]
    groups: list[str]
    venues: list[str]
    characteristics: dict[str, list[str]]  # id -> category ids
    modules: list[str]

    @classmethod
    def from_data(cls, source: Path) -> Vocab:
        loaded = load(source)
        tax = {name: [r.model for r in entries] for name, entries in loaded.taxonomies.items()}
        return cls(
            organisations={o.id: (o.name, o.contact) for o in tax["organisations"]},
            methods={m.id: m.name for m in tax["methods"]},
            areas={a.id: a.name for a in tax["areas"]},
            topics={t.id: t.name for t in tax["topics"]},
            groups=[g.id for g in tax.get("groups", [])],
            venues=[v.id for v in tax["venues"]],
            characteristics={c.id: [k.id for k in c.categories] for c in tax["characteristics"]},
            modules=[m.id for m in tax["modules"]],
        )


@dataclass
class EventInfo:
    id: str
    date: datetime.date
    closes: datetime.date | None


SENTENCES = [
    "Officers will explain what is proposed and why, and answer your questions.",
    "Tell us what works for you now and what could be better.",
    "Your views will be written up and shared with the people who decide.",
    "Refreshments are provided, and you can bring someone with you.",
    "If you cannot come, you can send your views by email or post instead.",
    "Interpreters can be arranged if you let us know a week before.",
    "We particularly want to hear from people whose voices are heard least.",
    "Papers are available in easy read and large print on request.",
]


def paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(rng.sample(SENTENCES, 3)) for _ in range(count))


def event_file(rng: random.Random, v: Vocab, index: int, eia_ids: list[str]) -> tuple[str, str, EventInfo]:
    organiser = rng.choice(sorted(v.organisations))
    method = rng.choice(sorted(v.methods))
    areas = sorted(rng.sample(sorted(v.areas), rng.choice([1, 1, 1, 2, 3])))
    topics = sorted(rng.sample(sorted(v.topics), rng.choice([1, 1, 2])))
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    title = f"{v.topics[topics[0]]}: {v.methods[method].lower()} in {v.areas[areas[0]]}"
    slug = f"{topics[0]}-{method}-{index}"
    event_id = f"{day.isoformat()}-{slug}"
    lines = [
        f"title: {q(title)}",
        f"summary: {q('A chance to have your say on ' + v.topics[topics[0]].lower() + ' in ' + v.areas[areas[0]] + '.')}",
        f"description: {block(paragraphs(rng, rng.choice([1, 2, 3])))}",
        f"organiser: {organiser}",
    ]
    others = sorted(o for o in v.organisations if o != organiser)
    if rng.random() < 0.3:
        lines.append(f"partners: {ids(sorted(rng.sample(others, rng.choice([1, 2]))))}")
    lines += [f"method: {method}", f"areas: {ids(areas)}", f"topics: {ids(topics)}"]
    if v.groups and rng.random() < 0.5:
        lines.append(f"groups: {ids(sorted(rng.sample(v.groups, rng.choice([1, 2]))))}")
    lines.append(f"date: {day.isoformat()}")
    shape = rng.random()
    recurring = shape < 0.08
    all_day = 0.08 <= shape < 0.18
    multi_day = 0.18 <= shape < 0.21
    if not all_day:
        start = rng.choice([9, 10, 11, 13, 14, 15, 17, 18, 19])
        lines += [
            f'start_time: "{start:02d}:{rng.choice(["00", "30"])}"',
            f'end_time: "{start + rng.choice([1, 2, 3]):02d}:00"',
        ]
    if multi_day:
        lines.append(f"end_date: {(day + timedelta(days=rng.choice([1, 2, 3]))).isoformat()}")
    if recurring:
        frequency = rng.choice(["weekly", "fortnightly", "monthly"])
        until = day + timedelta(weeks=rng.choice([6, 10, 16, 26]))
        lines += ["recurrence:", f"  frequency: {frequency}"]
        if frequency == "monthly":
            nth, is_last = week_of_month(day)
            lines.append(f"  week_of_month: {'last' if is_last else WEEKS[nth]}")
        lines.append(f"  until: {until.isoformat()}")
        if frequency != "monthly" and rng.random() < 0.3:
            lines.append(f"  skip: [{(day + timedelta(weeks=2 if frequency == 'fortnightly' else 1)).isoformat()}]")
    status = rng.random()
    if status < 0.03:
        lines += [
            "status: cancelled",
            f"status_note: {q('Cancelled because the venue is closed. The next session is listed on this site.')}",
            "sequence: 1",
        ]
    elif status < 0.04:
        lines += [
            "status: postponed",
            f"status_note: {q('Postponed; a new date will be announced here.')}",
            "sequence: 1",
        ]
    # Listed three weeks ahead, as partners do; never after the benchmark's day.
    lines.append(f"changed: {min(day - timedelta(days=21), TODAY).isoformat()}")
    where = rng.random()
    if where >= 0.2:
        lines.append(f"venue: {rng.choice(v.venues)}")
        if rng.random() < 0.3:
            lines.append(f"room: {q(rng.choice(['Main hall', 'Room 2', 'Council Chamber', 'Community room']))}")
    if where < 0.3:
        lines += ["online:", f"  platform: {rng.choice(['Microsoft Teams', 'Zoom', 'Online survey'])}"]
        lines.append(f"  url: https://online.example.org/{slug}")
    if rng.random() < 0.3:
        lines += [
            "booking:",
            "  required: true",
            f"  url: https://book.example.org/{slug}",
            f"  by: {(day - timedelta(days=rng.choice([1, 3, 7]))).isoformat()}",
        ]
    lines.append(f"contact: {v.organisations[organiser][1]}")
    lines.append("access:")
    answers = {key: rng.choice(["yes", "yes", "no", "on-request", "unknown"]) for key in ACCESS}
    # An online-only event has no building: no step-free access, toilet, loop, quiet space, childcare or travel.
    lines += [f"  {key}: {value}" for key, value in answers.items() if where >= 0.2 or key not in PHYSICAL]
    if rng.random() < 0.4:
        lines.append(f"  adjustments_by: {(day - timedelta(days=7)).isoformat()}")
    closes = None
    if rng.random() < CONSULTATION_SHARE and not recurring:
        opens = day - timedelta(days=rng.choice([0, 7, 14]))
        closes = day + timedelta(days=rng.choice([28, 42, 56]))
        lines += [
            "consultation:",
            f"  decision: {q('How ' + v.topics[topics[0]].lower() + ' services in ' + v.areas[areas[0]] + ' are run from next year.')}",
            f"  opens: {opens.isoformat()}",
            f"  closes: {closes.isoformat()}",
            "  options:",
            f"    - title: {q('Keep things as they are')}",
            "      status: Under consideration",
            f"    - title: {q('The proposed changes')}",
            "      status: Preferred option",
            "  documents:",
            f"    - title: {q('Consultation document')}",
            f"      url: https://consult.example.org/{slug}/document",
            "  how_responses_used: Every response is read and summarised for the decision maker.",
            "  decision_due:",
            "    maker: Cabinet",
            f"    date: {(closes + timedelta(days=60)).isoformat()}",
        ]
        if eia_ids and rng.random() < 0.5:
            lines.append(f"eia: {rng.choice(eia_ids)}")
    path = f"events/{organiser}/{event_id}.yaml"
    return path, "\n".join(lines) + "\n", EventInfo(event_id, day, closes)


def eia_file(rng: random.Random, v: Vocab, eia_id: str, index: int, events: list[str], earlier: list[str]) -> str:
    # Published assessments were completed, signed off and published by today (the validator
    # refuses those dates in the future), so decisions fall between the first day and yesterday.
    decided = FIRST_DAY + timedelta(days=rng.randrange((TODAY - FIRST_DAY).days - 1))
    completed = decided - timedelta(days=rng.choice([7, 14, 30]))
    lines = [
        f"title: {q(f'Service change {index}: ' + rng.choice(sorted(v.topics.values())))}",
        f"service: {q(rng.choice(['Adult Social Care', 'Housing', 'Libraries', 'Highways', 'Customer Services']))}",
        f"organisation: {rng.choice(sorted(v.organisations))}",
        "lead_officer: Head of Service",
        f"stage: {rng.choice(['screening', 'full'])}",
        f"purpose: {block(paragraphs(rng, 1))}",
        f"evidence: {block(paragraphs(rng, 2))}",
    ]
    if events:
        lines += [
            "engagement:",
            "  summary: A public consultation and drop-in sessions.",
            f"  events: {ids(sorted(rng.sample(events, min(2, len(events)))))}",
        ]
    negative = rng.random() < 0.3
    lines.append("impacts:")
    for n, characteristic in enumerate(sorted(v.characteristics)):
        impact = "negative" if negative and n == 0 else rng.choice(["positive", "neutral", "neutral", "unknown"])
        lines += [
            f"  - characteristic: {characteristic}",
            f"    impact: {impact}",
            f"    rationale: {q(rng.choice(SENTENCES))}",
        ]
    if negative or rng.random() < 0.5:
        lines.append("actions:")
        for a in range(rng.choice([1, 2, 3])):
            lines += [
                f"  - id: action-{a + 1}",
                f"    action: {q('Mitigation step ' + str(a + 1))}",
                "    owner: Equality and Diversity Manager",
                f"    due: {(decided + timedelta(days=90 * (a + 1))).isoformat()}",
                f"    status: {rng.choice(['not-started', 'on-track', 'at-risk', 'done'])}",
            ]
    lines += [
        f"outcome: {rng.choice(['no-major-change', 'adjust', 'adjust', 'stop'])}",
        f"completed: {completed.isoformat()}",
        "sign_off:",
        "  by: Director of Service",
        f"  date: {completed.isoformat()}",
        "decision:",
        "  maker: Cabinet",
        f"  date: {decided.isoformat()}",
        f"published: {(decided + timedelta(days=1)).isoformat()}",
        f"review_date: {(decided + timedelta(days=365)).isoformat()}",
    ]
    if earlier and rng.random() < 0.05:
        lines.append(f"supersedes: [{rng.choice(earlier)}]")
    return "\n".join(lines) + "\n"


def feedback_file(rng: random.Random, v: Vocab, event: EventInfo, eia_ids: list[str], final: bool) -> str:
    assert event.closes is not None
    # Interim findings a fortnight after the close, the final word within the expected 12 weeks.
    published = event.closes + timedelta(days=14 if not final else rng.choice([42, 56, 70]))
    methods = sorted(rng.sample(sorted(v.methods), 2))
    lines = [
        f"title: {q('Consultation ' + event.id)}",
        f"event: {event.id}",
        f"stage: {'final' if final else 'interim'}",
    ]
    if not final:
        lines.append(f"final_expected: {(event.closes + timedelta(days=84)).isoformat()}")
    lines += [
        f"published: {published.isoformat()}",
        "asked:",
        "  question: What do you think of the proposals?",
        f"  methods: {ids(methods)}",
        "responses:",
    ]
    for method in methods:
        lines += [f"  - method: {method}", f"    count: {rng.randrange(3, 400)}"]
    characteristic = rng.choice(sorted(c for c, cats in v.characteristics.items() if cats) or [""])
    if characteristic:
        lines += ["profile:", f"  - characteristic: {characteristic}", "    counts:"]
        for category in v.characteristics[characteristic]:
            lines += [f"      - category: {category}", f"        count: {rng.randrange(0, 120)}"]
    lines.append("themes:")
    for t in range(rng.choice([2, 3, 4])):
        lines += [
            f"  - id: theme-{t + 1}",
            f"    theme: {q('Theme ' + str(t + 1))}",
            f"    count: {rng.randrange(5, 200)}",
            f"    summary: {q(rng.choice(SENTENCES))}",
            "    quotes:",
            f"      - text: {q('It would help if the sessions were in the evening.')}",
            "        consent: anonymised",
            f"    response: {rng.choice(['changed', 'partly', 'not-changed', 'considering'])}",
            f"    reason: {q(rng.choice(SENTENCES))}",
        ]
    if final:
        lines += ["decision:", "  maker: Cabinet", f"  date: {(event.closes + timedelta(days=30)).isoformat()}"]
    if eia_ids and rng.random() < 0.3:
        lines.append(f"eia: {rng.choice(eia_ids)}")
    return "\n".join(lines) + "\n"


def commitment_file(
    rng: random.Random, v: Vocab, index: int, events: list[str], eia_ids: list[str], feedback_ids: list[str]
) -> str:
    starts = date(2025, 4, 1) + timedelta(days=365 * rng.choice([0, 1]))
    ends = starts + timedelta(days=365 * rng.choice([1, 2, 3]) - 1)
    lines = [
        f"title: {q(f'Equality commitment {index}')}",
        f"statement: {q(rng.choice(SENTENCES))}",
        f"why: {q(rng.choice(SENTENCES))}",
        f"module: {rng.choice(v.modules)}",
        f"level: {rng.choice(['developing', 'achieving', 'excellent'])}",
        f"status: {rng.choice(['not-started', 'on-track', 'at-risk', 'achieved'])}",
        "lead: Equality and Diversity Manager",
        f"organisations: {ids(sorted(rng.sample(sorted(v.organisations), rng.choice([1, 2, 3]))))}",
        f"characteristics: {ids(sorted(rng.sample(sorted(v.characteristics), 2)))}",
        f"starts: {starts.isoformat()}",
        f"ends: {ends.isoformat()}",
        "measures:",
        "  - id: reach",
        "    name: People reached",
        "    unit: people",
        f"    baseline: {{date: {starts.isoformat()}, value: {rng.randrange(10, 100)}}}",
        f"    target: {{date: {ends.isoformat()}, value: {rng.randrange(100, 500)}}}",
        "    progress:",
        f"      - {{date: {(starts + timedelta(days=180)).isoformat()}, value: {rng.randrange(50, 200)}}}",
        "actions:",
    ]
    for a in range(rng.choice([1, 2, 4])):
        lines += [
            f"  - id: step-{a + 1}",
            f"    action: {q('Step ' + str(a + 1) + ' of the plan')}",
            "    owner: Head of Policy",
            f"    due: {(starts + timedelta(days=120 * (a + 1))).isoformat()}",
            f"    status: {rng.choice(['not-started', 'on-track', 'at-risk', 'done'])}",
        ]
    lines += [
        "evidence:",
        f"  events: {ids(sorted(rng.sample(events, min(2, len(events)))))}",
        f"  eias: {ids(sorted(rng.sample(eia_ids, min(1, len(eia_ids)))))}",
        f"  feedback: {ids(sorted(rng.sample(feedback_ids, min(1, len(feedback_ids)))))}",
        f"published: {starts.isoformat()}",
    ]
    return "\n".join(lines) + "\n"


def generate(target: Path, events: int, seed: int = 1, source: Path = ROOT / "data") -> dict[str, int]:
    """Write a data folder with `events` events into `target` (replacing it); returns the counts."""
    rng = random.Random(seed)
    vocab = Vocab.from_data(source)
    if target.exists():
        shutil.rmtree(target)
    (target / "taxonomies").mkdir(parents=True)
    shutil.copy2(source / "site.yaml", target / "site.yaml")
    for taxonomy in sorted((source / "taxonomies").glob("*.yaml")):
        shutil.copy2(taxonomy, target / "taxonomies" / taxonomy.name)
    counts = {name: max(1, round(events * share)) for name, share in SHARES.items()}
    eia_ids = [f"eia-{n:05d}" for n in range(counts["eias"])]
    files: dict[str, str] = {}
    infos: list[EventInfo] = []
    for index in range(events):
        path, text, info = event_file(rng, vocab, index, eia_ids)
        files[path] = text
        infos.append(info)
    # Consultations whose final feedback (at most ten weeks after the close) is out by today.
    consultations = [i for i in infos if i.closes is not None and i.closes + timedelta(days=70) < TODAY]
    event_ids = [i.id for i in infos]
    consultation_ids = [i.id for i in consultations] or event_ids
    for n, eia_id in enumerate(eia_ids):
        files[f"eias/{eia_id}.yaml"] = eia_file(rng, vocab, eia_id, n, consultation_ids, eia_ids[:n])
    finals = min(len(consultations), round(counts["feedback"] * 0.9))
    answered = sorted(rng.sample(consultations, finals), key=lambda i: i.id)
    interim = rng.sample(answered, min(len(answered), counts["feedback"] - finals))
    records = [(event, True) for event in answered] + [(event, False) for event in interim]
    feedback_ids = []
    for n, (event, final) in enumerate(sorted(records, key=lambda r: (r[0].id, r[1]))):
        feedback_id = f"feedback-{n:05d}"
        feedback_ids.append(feedback_id)
        files[f"feedback/{feedback_id}.yaml"] = feedback_file(rng, vocab, event, eia_ids, final)
    counts["feedback"] = len(feedback_ids)
    for n in range(counts["commitments"]):
        files[f"commitments/commitment-{n:05d}.yaml"] = commitment_file(rng, vocab, n, event_ids, eia_ids, feedback_ids)
    for path, text in files.items():
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return {"events": events, **counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("events", type=int, help="how many events")
    parser.add_argument("target", type=Path, help="the data folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=ROOT / "data", help="where site.yaml and taxonomies/ come from")
    args = parser.parse_args(argv)
    counts = generate(args.target, args.events, args.seed, args.source)
    print(", ".join(f"{n:,} {name}" for name, n in counts.items()), f"written to {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
