"""Open data exports: every record once, valid against the published schemas, and a faithful round trip."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import BaseModel

from engage import exports, models, urls
from engage.cli import main
from engage.exports import data_dictionary, json_export, schemas
from engage.exports.csv_export import TABLES
from engage.exports.datasets import ALL, RECORDS
from engage.exports.names import name_index
from engage.exports.published import published
from engage.models.feedback import QuoteConsent
from engage.models.types import MAX_MEASURE, unsafe_character
from engage.portal import Portal, check_data
from engage.yaml_reader import YamlProblem, read

from .conftest import EXAMPLE_DATA
from .regenerate_expected import NEGATIVE, POSITIVE, case_files, case_names

BASE = "https://engage.example.gov.uk/"
DATASET = {d.name: d for d in ALL}


@pytest.fixture(scope="module")
def outputs(example_portal: Portal) -> dict[str, bytes]:
    return {f.path: f.content for f in exports.files(example_portal)}


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def schema_kind(rel: str) -> str | None:
    """Which file schema a data file answers to, from its data-relative path."""
    parts = rel.split("/")
    if rel == "site.yaml":
        return "site"
    if parts[0] == "taxonomies":
        return parts[1].removesuffix(".yaml")
    return {
        "events": "event",
        "eias": "eia",
        "feedback": "feedback",
        "commitments": "commitment",
        "evaluations": "evaluation",
        "assessments": "assessment",
    }.get(parts[0])


# --- every record exactly once -------------------------------------------------------------


def test_every_record_is_in_its_json_file_exactly_once(example_portal: Portal, outputs: dict[str, bytes]) -> None:
    for dataset in ALL:
        records = json.loads(outputs[dataset.json_path])["records"]
        assert [r["id"] for r in records] == sorted(dataset.entries(example_portal)), dataset.name


def test_every_record_and_list_item_is_in_its_csv_file_exactly_once(
    example_portal: Portal, outputs: dict[str, bytes]
) -> None:
    for table in TABLES:
        rows = csv_rows(outputs[table.path])
        entries = sorted(table.dataset.entries(example_portal).items())
        if table.nested is None:
            assert [r["id"] for r in rows] == [key for key, _ in entries], table.file
            continue
        expected = []
        for key, model in entries:
            items = getattr(model, table.nested)
            expected += [(key, getattr(item, "id", str(n))) for n, item in enumerate(items, start=1)]
        key_column = "id" if "id" in table.item_model.model_fields else "position"
        assert [(r[table.parent_key], r[key_column]) for r in rows] == expected, table.file


def test_the_site_publishes_exactly_the_exported_files(outputs: dict[str, bytes], example_site: Path) -> None:
    published_files = {
        p.relative_to(example_site).as_posix(): p.read_bytes()
        for folder in ("open-data", "schemas")
        for p in (example_site / folder).rglob("*")
        if p.is_file() and p.name != "index.html"
    }
    # The calendar archive sits with the open data but is made by the feeds (tests/test_feeds.py).
    assert published_files.pop(urls.ARCHIVE_FEED).startswith(b"BEGIN:VCALENDAR\r\n")
    assert published_files == outputs


# --- schemas ---------------------------------------------------------------------------------


def test_every_json_export_validates_against_its_published_schema(outputs: dict[str, bytes]) -> None:
    for dataset in ALL:
        data = json.loads(outputs[dataset.json_path])
        schema = json.loads(outputs[dataset.export_schema_path])
        assert data["$schema"] == schema["$id"] == f"{BASE}{dataset.export_schema_path}"
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schema).iter_errors(data)]
        assert errors == [], dataset.name


def test_every_data_file_validates_against_its_file_schema(outputs: dict[str, bytes]) -> None:
    checked = set()
    for path in sorted(EXAMPLE_DATA.rglob("*.yaml")):
        rel = path.relative_to(EXAMPLE_DATA).as_posix()
        kind = schema_kind(rel)
        assert kind is not None, rel
        schema = json.loads(outputs[f"schemas/{kind}.json"])
        errors = [e.message for e in validator(schema).iter_errors(read(path.read_bytes()).value)]
        assert errors == [], rel
        checked.add(kind)
    assert checked == set(schemas.file_schema_names())


@pytest.mark.parametrize("name", case_names(POSITIVE))
def test_positive_examples_validate_against_the_file_schemas(name: str) -> None:
    errors = []
    for rel, content in case_files(POSITIVE / name).items():
        kind = schema_kind(rel)
        if kind is not None:
            schema = schemas.file_schema(kind, BASE)
            errors += [f"{rel}: {e.message}" for e in validator(schema).iter_errors(read(content).value)]
    assert errors == []


# Rules that compare two fields of one record: `engage validate` has them, the schemas do not.
CROSS_FIELD_CASES = {
    "date-recurrence-monthly-no-week",
    "date-recurrence-wrong-week",
    "missing-event-place",
    "missing-event-times-half",
    "missing-status-note",
    "date-recurrence-skip-and-moved",  # a date in two lists at once: beyond what a JSON Schema says
}
SHAPE_CODES = {"invalid-value", "missing-field", "unknown-field", "wrong-type"}


def shape_cases() -> list[str]:
    """Negative cases whose every problem is about one file's shape, not about other records."""
    out = []
    for name in case_names(NEGATIVE):
        codes = set(re.findall(r"error\[([a-z-]+)\]", (NEGATIVE / name / "expected.txt").read_text("utf-8")))
        if codes and codes <= SHAPE_CODES and name not in CROSS_FIELD_CASES:
            out.append(name)
    return out


@pytest.mark.parametrize("name", shape_cases())
def test_the_file_schemas_reject_what_validate_rejects_about_a_files_shape(name: str) -> None:
    errors = []
    for rel, content in case_files(NEGATIVE / name).items():
        kind = schema_kind(rel)
        try:
            value = read(content).value
        except YamlProblem:
            continue
        if kind is not None:
            errors += [e.message for e in validator(schemas.file_schema(kind, BASE)).iter_errors(value)]
    assert errors != []


def test_file_schemas_describe_dates_and_times_as_written() -> None:
    event = schemas.file_schema("event", BASE)
    assert event["$id"] == f"{BASE}schemas/event.json"
    assert event["properties"]["date"] == {
        "description": "The day it happens, or its first day.",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "title": "Date",
        "type": "string",
    }
    assert event["properties"]["start_time"]["anyOf"][0] == {
        "pattern": r"^([01]?\d|2[0-3]):([0-5]\d)$",
        "type": "string",
    }
    check = validator(event)
    base = {
        "title": "Drop-in",
        "summary": "A drop-in.",
        "description": "Come along.",
        "organiser": "district-council",
        "method": "drop-in",
        "areas": ["north-ward"],
        "topics": ["housing"],
        "date": "2026-12-10",
        "venue": "town-hall",
        "contact": "engagement@example.gov.uk",
    }
    verdicts = {
        value: check.is_valid({**base, "start_time": value, "end_time": "20:00"})
        for value in ("18:30", "9:05", "6.30pm", "24:00", "18:30:00")
    }
    assert verdicts == {"18:30": True, "9:05": True, "6.30pm": False, "24:00": False, "18:30:00": False}
    assert [check.is_valid({**base, "date": d}) for d in ("2026-12-10", "2026-02-30", "10/12/2026")] == [
        True,
        False,
        False,
    ]


# --- the files themselves ------------------------------------------------------------------


def test_exports_are_deterministic_utf8_with_newline_line_endings(
    example_portal: Portal, outputs: dict[str, bytes]
) -> None:
    again = {f.path: f.content for f in exports.files(example_portal)}
    assert again == outputs
    for path, content in outputs.items():
        assert b"\r" not in content, path
        assert content.endswith(b"\n"), path
        content.decode("utf-8")


def test_a_json_record_is_laid_out_as_in_its_file_with_id_and_names(outputs: dict[str, bytes]) -> None:
    records = json.loads(outputs["open-data/eias.json"])["records"]
    library = next(r for r in records if r["id"] == "library-hours")
    assert library == {
        "id": "library-hours",
        "title": "Library opening hours review",
        "service": "Culture and Libraries",
        "organisation": "district-council",
        "lead_officer": "Head of Libraries",
        "stage": "full",
        "purpose": "Setting opening hours within a reduced budget.",
        "evidence": "Visitor counts by hour, 2024 to 2026.",
        "evidence_documents": [],
        "engagement": {"summary": None, "events": ["2026-12-03-library-review"], "feedback": []},
        "impacts": [
            {"characteristic": "age", "impact": "negative", "rationale": "Older people use morning opening most."},
            {"characteristic": "disability", "impact": "neutral", "rationale": "Home library service continues."},
        ],
        "actions": [
            {
                "id": "keep-mornings",
                "action": "Keep morning opening at the two busiest branches",
                "owner": "Head of Libraries",
                "partners": [],
                "due": "2026-09-30",
                "status": "on-track",
                "updates": [],
                "risks": None,
                "next_steps": None,
            }
        ],
        "outcome": "adjust",
        "justification": None,
        "completed": "2026-02-01",
        "sign_off": {"by": "Director of Communities", "date": "2026-02-02"},
        "quality_assurance": {"by": "Equality and Diversity Manager", "date": "2026-02-03"},
        "decision": {"maker": "Cabinet", "date": "2026-02-10", "url": None, "summary": None},
        "published": "2026-02-11",
        "review_date": "2026-08-10",
        "supersedes": [],
        "documents": [],
        "commitments": [],
        "updated": None,
        "_names": {
            "characteristics": {"age": "Age", "disability": "Disability"},
            "events": {"2026-12-03-library-review": "Library service review consultation"},
            "organisations": {"district-council": "Example District Council"},
        },
    }


def test_csv_rows_are_flat_with_dotted_groups_and_joined_lists(outputs: dict[str, bytes]) -> None:
    events = {r["id"]: r for r in csv_rows(outputs["open-data/events.csv"])}
    cafe = events["2026-01-06-carers-cafe"]
    picked = {
        k: cafe[k]
        for k in (
            "title",
            "areas",
            "groups",
            "date",
            "start_time",
            "end_time",
            "recurrence.frequency",
            "recurrence.week_of_month",
            "recurrence.until",
            "recurrence.skip",
            "booking.required",
            "access.step_free",
            "consultation.opens",
            "attendees",
        )
    }
    assert picked == {
        "title": "Carers' cafe",
        "areas": "south-ward",
        "groups": "carers",
        "date": "2026-01-06",
        "start_time": "10:00",
        "end_time": "12:00",
        "recurrence.frequency": "monthly",
        "recurrence.week_of_month": "first",
        "recurrence.until": "2027-06-30",
        "recurrence.skip": "2026-08-04",
        "booking.required": "false",
        "access.step_free": "unknown",
        "consultation.opens": "",
        "attendees": "",
    }
    actions = csv_rows(outputs["open-data/eia-actions.csv"])
    assert next(r for r in actions if r["eia_id"] == "library-hours") == {
        "eia_id": "library-hours",
        "id": "keep-mornings",
        "action": "Keep morning opening at the two busiest branches",
        "owner": "Head of Libraries",
        "partners": "",
        "due": "2026-09-30",
        "status": "on-track",
        "risks": "",
        "next_steps": "",
    }
    measures = csv_rows(outputs["open-data/commitment-measures.csv"])
    assert next(r for r in measures if r["commitment_id"] == "listening") == {
        "commitment_id": "listening",
        "id": "on-time",
        "name": "Feedback published within 12 weeks",
        "unit": "%",
        "higher_is_better": "true",
        "baseline.date": "2026-01-01",
        "baseline.value": "40",
        "baseline.note": "",
        "target.date": "2027-12-31",
        "target.value": "100",
        "target.note": "",
    }


def test_not_cleared_quotes_and_small_counts_are_never_published(data_copy: Path) -> None:
    path = data_copy / "feedback" / "housing-allocations.yaml"
    text = path.read_text("utf-8").replace(
        "        consent: anonymised\n",
        "        consent: anonymised\n      - text: NOT-CLEARED-MARKER my neighbour at number 4 said so\n        consent: not-cleared\n",
    )
    path.write_text(text, "utf-8")
    result = check_data(data_copy, date(2026, 11, 22))
    assert result.problems == []
    assert result.portal is not None
    files = {f.path: f.content for f in exports.files(result.portal)}
    assert [p for p, content in files.items() if b"NOT-CLEARED-MARKER" in content] == []
    record = next(
        r for r in json.loads(files["open-data/feedback.json"])["records"] if r["id"] == "housing-allocations"
    )
    assert record["themes"][0]["quotes"] == [
        {"text": "Families should be able to stay near their parents.", "consent": "anonymised"}
    ]
    # 412 survey responses are published; 3 by drop-in are withheld, as on the page ('fewer than 5').
    assert record["responses"] == [{"method": "survey", "count": 412}, {"method": "drop-in", "count": None}]
    rows = [r for r in csv_rows(files["open-data/feedback-responses.csv"]) if r["feedback_id"] == "housing-allocations"]
    assert [(r["method"], r["count"]) for r in rows] == [("survey", "412"), ("drop-in", "")]


# --- round trip ------------------------------------------------------------------------------


def reload(example_portal: Portal, dataset_name: str, key: str, model: BaseModel) -> BaseModel:
    dataset = DATASET[dataset_name]
    exported = json.loads(
        json_export.dumps({"records": [json_export.record(name_index(example_portal), dataset, key, model)]})
    )
    return json_export.load_records(dataset, exported)[key]


def test_the_example_data_reloads_to_the_same_records(example_portal: Portal, outputs: dict[str, bytes]) -> None:
    for dataset in ALL:
        exported = json.loads(outputs[dataset.json_path])
        expected = {k: published(m) for k, m in dataset.entries(example_portal).items()}
        # Small counts are withheld (null): feedback comes back once they are filled in again.
        for item in exported["records"]:
            if dataset.name == "feedback":
                _restore_counts(item, expected[item["id"]])
            if dataset.name == "evaluations":
                _restore_reach(item, expected[item["id"]])
        assert json_export.load_records(dataset, exported) == expected, dataset.name


def _restore_counts(item: dict[str, Any], model: BaseModel) -> None:
    assert isinstance(model, models.Feedback)
    for out, response in zip(item["responses"], model.responses, strict=True):
        out["count"] = response.count
    for out, theme in zip(item["themes"], model.themes, strict=True):
        out["count"] = theme.count
    for out_profile, profile in zip(item["profile"], model.profile, strict=True):
        for out, count in zip(out_profile["counts"], profile.counts, strict=True):
            out["count"] = count.count


def _restore_reach(item: dict[str, Any], model: BaseModel) -> None:
    assert isinstance(model, models.Evaluation)
    for field in ("groups", "areas"):
        for out, reach in zip(item["outputs"][field], getattr(model.outputs, field), strict=True):
            out["people"] = reach.people


CONTROL = "".join(chr(c) for c in [*range(0, 9), *range(11, 32), 127])
# Characters the text types refuse (C1 controls, bidi overrides, noncharacters) are left out.
_SAFE = st.characters(exclude_categories=("Cs", "Cc", "Cn")).filter(lambda c: unsafe_character(c) is None)
lines = st.text(_SAFE, min_size=1, max_size=30).filter(lambda t: unsafe_character(t) is None)
blocks = st.text(_SAFE | st.just("\n"), min_size=1, max_size=60).filter(lambda t: unsafe_character(t) is None)
clock = st.times().map(lambda t: time(t.hour, t.minute))
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
numbers = st.floats(min_value=-MAX_MEASURE, max_value=MAX_MEASURE) | st.integers(-(10**9), 10**9)


def _valid(text: str) -> bool:
    return bool(text.strip())


def source(portal_record: Any) -> dict[str, Any]:
    return dict(portal_record.doc.value)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(
    title=lines.filter(_valid),
    description=blocks.filter(_valid),
    start=clock,
    end=clock,
    day=days,
    skip=st.lists(days, max_size=3),
)
def test_any_event_round_trips(
    example_portal: Portal, title: str, description: str, start: time, end: time, day: date, skip: list[date]
) -> None:
    data = source(example_portal.events["2026-01-06-carers-cafe"])
    data.update(
        title=title, description=description, date=day.isoformat(), start_time=f"{start:%H:%M}", end_time=f"{end:%H:%M}"
    )
    data["recurrence"] = {**data["recurrence"], "skip": [d.isoformat() for d in skip]}
    event = models.Event.model_validate(data)
    assert reload(example_portal, "events", "2026-01-06-carers-cafe", event) == event


@SETTINGS
@given(
    values=st.lists(numbers, min_size=3, max_size=3),
    note=st.none() | lines.filter(_valid),
    statement=blocks.filter(_valid),
)
def test_any_commitment_round_trips(
    example_portal: Portal, values: list[float], note: str | None, statement: str
) -> None:
    data = source(example_portal.commitments["listening"])
    measure = {**data["measures"][0], "baseline": {"date": "2026-01-01", "value": values[0], "note": note}}
    measure["target"] = {"date": "2027-12-31", "value": values[1]}
    measure["progress"] = [{"date": "2026-06-30", "value": values[2]}]
    data.update(statement=statement, measures=[measure])
    commitment = models.Commitment.model_validate(data)
    assert reload(example_portal, "commitments", "listening", commitment) == commitment


consents = st.sampled_from([c.value for c in QuoteConsent])


@SETTINGS
@given(
    quotes=st.lists(st.tuples(blocks.filter(_valid), consents), max_size=4),
    counts=st.lists(st.integers(0, 10**6), min_size=5, max_size=5),
)
def test_any_feedback_round_trips_without_uncleared_quotes_or_small_counts(
    example_portal: Portal, quotes: list[tuple[str, str]], counts: list[int]
) -> None:
    data = source(example_portal.feedback["housing-allocations"])
    theme = {**data["themes"][0], "quotes": [{"text": text, "consent": consent} for text, consent in quotes]}
    data["themes"] = [theme]
    data["responses"] = [{"method": "survey", "count": counts[0]}, {"method": "drop-in", "count": counts[1]}]
    profile = data["profile"][0]
    data["profile"] = [
        {**profile, "counts": [{**c, "count": n} for c, n in zip(profile["counts"], counts[2:], strict=True)]}
    ]
    feedback = models.Feedback.model_validate(data)
    exported = json_export.record(name_index(example_portal), DATASET["feedback"], "housing-allocations", feedback)
    # What may be published, through pydantic's own serialiser, with counts under 5 withheld.
    expected = published(feedback).model_dump(mode="json")
    for item in [*expected["responses"], *expected["profile"][0]["counts"]]:
        item["count"] = item["count"] if item["count"] >= 5 else None
    assert {k: v for k, v in exported.items() if k not in {"id", "_names"}} == expected
    assert all(q["consent"] != "not-cleared" for q in exported["themes"][0]["quotes"])
    if min(counts) >= 5:
        assert reload(example_portal, "feedback", "housing-allocations", feedback) == published(feedback)


# --- data dictionary and CLI ------------------------------------------------------------------


def test_the_dictionary_describes_every_csv_column_and_json_field(outputs: dict[str, bytes]) -> None:
    docs = {doc.path: doc for doc in data_dictionary.dictionary()}
    assert sorted(docs) == sorted(p for p in outputs if p.startswith("open-data/"))
    for table in TABLES:
        header = next(csv.reader(io.StringIO(outputs[table.path].decode("utf-8-sig"))))
        assert [row.name for row in docs[table.path].rows] == header, table.file
    for dataset in ALL:
        names = {row.name for row in docs[dataset.json_path].rows}
        keys = {k for record in json.loads(outputs[dataset.json_path])["records"] for k in record}
        assert keys <= names, dataset.name
    assert all(row.description for doc in docs.values() for row in doc.rows)


def test_the_dictionary_takes_descriptions_and_types_from_the_models() -> None:
    rows = {row.name: row for row in data_dictionary.json_doc(RECORDS[0]).rows}
    assert rows["consultation.opens"] == data_dictionary.FieldRow(
        "consultation.opens", "date (YYYY-MM-DD)", "required", "The first day responses are accepted."
    )
    assert rows["organiser"].value_type == "id from taxonomies/organisations.yaml"
    assert rows["access.step_free"].required == "optional (default: unknown)"


def test_engage_export_writes_the_files_the_site_publishes(
    tmp_path: Path, outputs: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ENGAGE_TODAY", "2026-11-22")
    assert main(["export", "--data", str(EXAMPLE_DATA), "--out", str(tmp_path / "out")]) == 0
    written = {
        p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()
    }
    assert written == outputs
    assert capsys.readouterr().out == f"Wrote {len(outputs)} files under {tmp_path / 'out'}\n"


def test_engage_export_writes_nothing_when_the_data_has_problems(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "eias" / "library-hours.yaml").write_text("title: [not, a, title]\n", "utf-8")
    assert main(["export", "--data", str(data_copy), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    assert capsys.readouterr().err.endswith("problem(s) in the data; nothing was written\n")
