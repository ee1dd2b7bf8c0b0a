"""JSON and JSON Lines scraper output: one article per record, a RecordError per bad one."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from briefing.extraction import ExtractContext, Extracted, RecordError
from briefing.generic import extract_records

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
CTX = ExtractContext(rel_path="harbour-ledger/feed.json", source_hint="harbour-ledger")
CET = timezone(timedelta(hours=1))


def _records(name: str) -> list[Extracted | RecordError]:
    return extract_records((FIXTURES / name).read_text(encoding="utf-8"), CTX)


def test_json_array_gives_one_result_per_record() -> None:
    results = _records("harbour-ledger.json")
    assert [type(r).__name__ for r in results] == ["Extracted", "Extracted", "RecordError"]


def test_json_record_fields() -> None:
    first = _records("harbour-ledger.json")[0]
    assert isinstance(first, Extracted)
    assert first.title == "Lifeboat crew honoured for winter rescue"
    assert first.date == datetime(2026, 2, 20, 8, 15, tzinfo=CET)
    assert first.category == "Town"
    assert first.tags == ("lifeboat", "Gull Island")
    assert first.lang == "en"
    assert first.source_url == "https://harbour-ledger.example/town/lifeboat-crew-honoured"
    assert first.paragraphs[0].startswith("The volunteer crew")
    assert len(first.paragraphs) == 2


def test_json_record_with_html_body_and_dotted_date() -> None:
    second = _records("harbour-ledger.json")[1]
    assert isinstance(second, Extracted)
    assert second.date == datetime(2026, 2, 21, 7, 0)
    assert second.date is not None and second.date.utcoffset() is None  # no zone stated
    assert any("cold store" in p for p in second.paragraphs)
    assert not any("<p>" in p for p in second.paragraphs)


def test_json_record_without_body_is_an_error_with_its_index() -> None:
    error = _records("harbour-ledger.json")[2]
    assert isinstance(error, RecordError)
    assert error.where == "index 2"
    assert "no body" in error.reason


JSONL = [
    ("good-record", 0, "Extracted", "line 1"),
    ("broken-json", 1, "RecordError", "line 2"),
    ("missing-body", 2, "RecordError", "line 3"),
    ("good-after-errors", 3, "Extracted", "line 4"),
]


@pytest.mark.parametrize(
    ("position", "kind", "where"), [c[1:] for c in JSONL], ids=[c[0] for c in JSONL]
)
def test_jsonl_results_by_line(position: int, kind: str, where: str) -> None:
    result = _records("harbour-ledger.jsonl")[position]
    assert type(result).__name__ == kind
    if isinstance(result, RecordError):
        assert result.where == where


def test_jsonl_tags_from_a_comma_string() -> None:
    first = _records("harbour-ledger.jsonl")[0]
    assert isinstance(first, Extracted)
    assert first.tags == ("lifeboat", "Gull Island")


def test_not_json_at_all() -> None:
    results = extract_records("[1, 2", CTX)
    assert results == [RecordError("document", "not valid JSON")]


AUTHOR_RECORDS = [
    (
        "byline-string",
        {"author": "By Ann Lee, Bo Chen and Cy Diaz"},
        ("Ann Lee", "Bo Chen", "Cy Diaz"),
    ),
    ("list-of-names", {"authors": ["Ann Lee", "Bo Chen"]}, ("Ann Lee", "Bo Chen")),
    ("schema-person", {"author": {"@type": "Person", "name": "Ann Lee"}}, ("Ann Lee",)),
    ("none", {}, ()),
]


@pytest.mark.parametrize(
    ("fields", "expected"), [c[1:] for c in AUTHOR_RECORDS], ids=[c[0] for c in AUTHOR_RECORDS]
)
def test_json_record_authors(fields: dict[str, object], expected: tuple[str, ...]) -> None:
    record = {"title": "Storm closes the harbour", "text": "The harbour closed at noon.", **fields}
    (found,) = extract_records(json.dumps(record), ExtractContext(rel_path="x.json"))
    assert isinstance(found, Extracted)
    assert found.authors == expected


def test_json_record_modified_when_stated() -> None:
    record = {
        "title": "Storm closes the harbour",
        "text": "The harbour closed at noon.",
        "date": "2026-02-27T10:00:00+01:00",
        "dateModified": "2026-02-27T12:30:00+01:00",
    }
    (found,) = extract_records(json.dumps(record), ExtractContext(rel_path="x.json"))
    assert isinstance(found, Extracted)
    assert found.modified is not None and found.modified.isoformat() == "2026-02-27T12:30:00+01:00"
