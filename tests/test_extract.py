"""``briefing.extract``: the extractor table by input kind and the "no article text" rule."""

from __future__ import annotations

import json
import re

import pytest

from briefing.extract import EXTRACTORS, NO_ARTICLE_TEXT, extract
from briefing.extraction import ExtractContext, Extracted, ExtractionError, RecordError
from briefing.sources import KINDS
from tests.inputs import BODY, html_page

CTX = ExtractContext(
    rel_path="ledger/page", source_hint="ledger", source_url="https://ledger.example/page"
)
DUMP = "\n".join(["Home", "News", "", "Ferry timetable changes after the storm", "", *BODY])


def test_every_input_kind_but_markdown_has_an_extractor() -> None:
    # .md inputs are articles already: ingest reads them with the front-matter contract.
    assert set(EXTRACTORS) == set(KINDS.values()) - {"md"}


@pytest.mark.parametrize(
    ("kind", "text", "name"),
    [
        pytest.param("txt", DUMP, "text-dump", id="text-dump"),
        pytest.param(
            "html",
            html_page("Ferry timetable changes", BODY, "", "2026-02-27T10:15:00+04:00"),
            "html",
            id="html",
        ),
        pytest.param(
            "json", json.dumps([{"title": "Ferry", "text": BODY[0]}]), "records", id="json"
        ),
        pytest.param(
            "jsonl", json.dumps({"title": "Ferry", "text": BODY[0]}), "records", id="jsonl"
        ),
    ],
)
def test_each_kind_goes_to_its_extractor(kind: str, text: str, name: str) -> None:
    (found,) = extract(kind, text, CTX)
    assert EXTRACTORS[kind].name == name
    assert isinstance(found, Extracted)
    assert found.paragraphs[0].startswith(BODY[0][:40])


@pytest.mark.parametrize(
    ("kind", "text", "reason"),
    [
        pytest.param("txt", " \n\t\n", "empty file", id="empty-dump"),
        pytest.param("txt", "Home\nNews\nShare\n", NO_ARTICLE_TEXT, id="navigation-only-dump"),
        pytest.param(
            "html", "<html><body><nav>Home</nav></body></html>", NO_ARTICLE_TEXT, id="html"
        ),
        pytest.param("json", "[]", "no records found", id="empty-json-list"),
        pytest.param(
            "json", json.dumps([{"title": "Dots", "text": "..."}]), NO_ARTICLE_TEXT, id="one-record"
        ),
        pytest.param("pdf", "%PDF-1.7", "no extractor reads 'pdf'", id="unknown-kind"),
    ],
)
def test_an_input_without_article_text_is_refused_with_its_reason(
    kind: str, text: str, reason: str
) -> None:
    with pytest.raises(ExtractionError, match=re.escape(reason)):
        extract(kind, text, CTX)


def test_a_record_without_article_text_is_that_records_error_not_the_files() -> None:
    lines = [{"title": "Ferry", "text": BODY[0]}, {"title": "Dots", "text": "... <"}, {"x": 1}]
    found = extract("jsonl", "\n".join(json.dumps(r) for r in lines), CTX)
    assert isinstance(found[0], Extracted)
    assert found[1] == RecordError("record 2", NO_ARTICLE_TEXT)
    assert isinstance(found[2], RecordError) and found[2].where == "line 3"


def test_source_and_url_come_from_the_context_where_the_page_names_none() -> None:
    (found,) = extract("txt", DUMP, CTX)
    assert isinstance(found, Extracted)
    assert (found.source, found.source_url) == ("ledger", "https://ledger.example/page")


def test_a_url_the_record_states_wins_over_the_context() -> None:
    record = {"title": "Ferry", "text": BODY[0], "url": "https://ledger.example/ferry"}
    (found,) = extract("json", json.dumps(record), CTX)
    assert isinstance(found, Extracted)
    assert found.source_url == "https://ledger.example/ferry"
