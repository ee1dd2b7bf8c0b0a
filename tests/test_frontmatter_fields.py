"""The front-matter contract field by field: what each field accepts, and the exact message
(naming the field and the reason) for what it refuses.

The messages are what a user sees for a bad file (``briefing ingest`` names the file, then
this reason), so they are asserted whole.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from briefing import frontmatter
from briefing.model import Article, Revision, SourceItem, Translation

BAKU = timezone(timedelta(hours=4))
GOOD = {"title": "T", "slug": "t", "date": "2026-02-27T19:33:00+04:00", "category": "C"}


def fm(yaml_text: str, body: str = "") -> str:
    """Wrap YAML text in the front-matter delimiters, then the body."""
    return f"---\n{yaml_text}---\n{body}"


def good(**fields: Any) -> dict[str, Any]:
    """The smallest valid mapping with ``fields`` added or replaced (None removes one)."""
    data = {**GOOD, **fields}
    return {k: v for k, v in data.items() if v is not None}


def refused(data: dict[str, Any]) -> str:
    """Return the message from_mapping raises for ``data``."""
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.from_mapping(data)
    return str(info.value)


REQUIRED = "field '{}' is required and must be a non-empty string"
NOT_STRING = "field '{}' must be a string, not {}"
BAD_SLUG = "field 'slug': {!r} is not lowercase ASCII words and dashes"
BAD_LANG = "field '{}': {!r} is not a language tag (e.g. en, pt-BR)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(good(colour="red"), "unknown field(s): colour", id="unknown-field"),
        pytest.param(
            good(zeta=1, alpha=2), "unknown field(s): alpha, zeta", id="unknown-fields-sorted"
        ),
        pytest.param({**GOOD, 7: "x"}, "unknown field(s): 7", id="non-string-key"),
        pytest.param(good(slug=None), REQUIRED.format("slug"), id="no-slug"),
        pytest.param(good(slug=""), REQUIRED.format("slug"), id="empty-slug"),
        pytest.param(good(slug=5), NOT_STRING.format("slug", "int"), id="slug-int"),
        pytest.param(
            good(slug="Not A Slug"),
            BAD_SLUG.format("Not A Slug"),
            id="slug-words",
        ),
        pytest.param(
            good(slug="budget-"),
            BAD_SLUG.format("budget-"),
            id="slug-trailing-dash",
        ),
        pytest.param(
            good(slug="emi-karlon\n"),
            BAD_SLUG.format("emi-karlon\n"),
            id="slug-newline",
        ),
        pytest.param(good(lang="english"), BAD_LANG.format("lang", "english"), id="lang"),
        pytest.param(good(lang="EN"), BAD_LANG.format("lang", "EN"), id="lang-up"),
        pytest.param(good(lang=12), NOT_STRING.format("lang", "int"), id="lang-int"),
        pytest.param(
            good(kind="video"), "field 'kind': 'video' is not one of article, brief", id="kind"
        ),
        pytest.param(good(title=None), REQUIRED.format("title"), id="no-title"),
        pytest.param(good(title="   "), REQUIRED.format("title"), id="blank-title"),
        pytest.param(good(title=["T"]), NOT_STRING.format("title", "list"), id="title-list"),
        pytest.param(good(category=None), REQUIRED.format("category"), id="no-category"),
        pytest.param(
            good(date=None),
            "field 'date' is required: an ISO 8601 date with a UTC offset",
            id="no-date",
        ),
        pytest.param(
            good(date=20260227),
            "field 'date' is required: an ISO 8601 date with a UTC offset",
            id="date-int",
        ),
        pytest.param(
            good(date="yesterday"),
            "field 'date': 'yesterday' is not an ISO 8601 date",
            id="date-words",
        ),
        pytest.param(
            good(date="2026-02-27T19:33:00"),
            "field 'date': '2026-02-27T19:33:00' has no UTC offset (write e.g. +04:00)",
            id="date-naive-text",
        ),
        pytest.param(
            good(date=datetime(2026, 2, 27, 19, 33)),
            "field 'date': '2026-02-27T19:33:00' has no UTC offset (write e.g. +04:00)",
            id="date-naive-timestamp",
        ),
        pytest.param(
            good(date=datetime(2026, 2, 27).date()),
            "field 'date': '2026-02-27' is a day: it needs a time and a UTC offset",
            id="date-day",
        ),
        pytest.param(
            good(modified="soon"),
            "field 'modified': 'soon' is not an ISO 8601 date",
            id="modified-words",
        ),
        pytest.param(
            good(modified="2026-02-28T10:00:00"),
            "field 'modified': '2026-02-28T10:00:00' has no UTC offset (write e.g. +04:00)",
            id="modified-naive",
        ),
        pytest.param(good(tags="budget"), "field 'tags' must be a list", id="tags-scalar"),
        pytest.param(good(tags=[1, 2]), "field 'tags' must be a list of strings", id="tags-int"),
        pytest.param(
            good(tags=["budget", None]),
            "field 'tags' must be a list of strings",
            id="tags-one-null",
        ),
        pytest.param(
            good(authors=[{"name": "A"}]),
            "field 'authors' must be a list of strings",
            id="authors-mapping",
        ),
        pytest.param(
            good(read_next_pins=[3]),
            "field 'read_next_pins' must be a list of strings",
            id="pins-int",
        ),
        pytest.param(good(source=1), NOT_STRING.format("source", "int"), id="source-int"),
        pytest.param(
            good(source_url=True), NOT_STRING.format("source_url", "bool"), id="source-url-bool"
        ),
        pytest.param(
            good(source_file=[]), NOT_STRING.format("source_file", "list"), id="source-file-list"
        ),
        pytest.param(good(summary=1.5), NOT_STRING.format("summary", "float"), id="summary"),
        pytest.param(
            good(fingerprint=123), NOT_STRING.format("fingerprint", "int"), id="fingerprint-int"
        ),
        pytest.param(
            good(origin="lede"),
            "field 'origin' must be a mapping of strings to strings",
            id="origin-scalar",
        ),
        pytest.param(
            good(origin={"date": 5}),
            "field 'origin' must be a mapping of strings to strings",
            id="origin-value",
        ),
        pytest.param(
            good(origin={1: "lede"}),
            "field 'origin' must be a mapping of strings to strings",
            id="origin-key",
        ),
        pytest.param(
            good(translations={"lang": "ru"}),
            "field 'translations' must be a list",
            id="translations-mapping",
        ),
        pytest.param(
            good(translations=["ru"]),
            "field 'translations': every entry must be a mapping",
            id="translation-scalar",
        ),
        pytest.param(
            good(translations=[{"lang": "ru", "title": "T", "name": "x", "extra": 1}]),
            "field 'translations': unknown key(s) extra, name",
            id="translation-keys",
        ),
        pytest.param(
            good(translations=[{"lang": "russian", "title": "T"}]),
            BAD_LANG.format("translations", "russian"),
            id="translation-lang",
        ),
        pytest.param(
            good(translations=[{"title": "T"}]), REQUIRED.format("lang"), id="translation-no-lang"
        ),
        pytest.param(
            good(translations=[{"lang": "ru"}]),
            REQUIRED.format("title"),
            id="translation-no-title",
        ),
        pytest.param(
            good(translations=[{"lang": "ru", "title": "T", "url": 5}]),
            NOT_STRING.format("url", "int"),
            id="translation-url",
        ),
        pytest.param(
            good(read_next="Latest"), "field 'read_next' must be a list", id="read-next-scalar"
        ),
        pytest.param(
            good(read_next=[["x"]]),
            "field 'read_next': every entry must be a mapping",
            id="item-list",
        ),
        pytest.param(
            good(read_next=[{"title": "X", "url": "u"}]),
            "field 'read_next': unknown key(s) url",
            id="item-key",
        ),
        pytest.param(
            good(read_next=[{"title": "X", "photo": "yes"}]),
            "field 'read_next': 'photo' must be true or false",
            id="item-photo",
        ),
        pytest.param(
            good(read_next=[{"time": "10:00"}]),
            "field 'read_next': every item needs a title or a summary",
            id="item-empty",
        ),
        pytest.param(
            good(read_next=[{"title": "", "summary": ""}]),
            "field 'read_next': every item needs a title or a summary",
            id="item-blank",
        ),
        pytest.param(
            good(read_next=[{"title": 5}]), NOT_STRING.format("title", "int"), id="item-title"
        ),
        pytest.param(
            good(read_next=[{"summary": "S", "slug": 1}]),
            NOT_STRING.format("slug", "int"),
            id="item-slug",
        ),
        pytest.param(
            good(read_next=[{"summary": "S", "time": 10}]),
            NOT_STRING.format("time", "int"),
            id="item-time",
        ),
        pytest.param(
            good(read_next=[{"summary": "S", "category": ["a"]}]),
            NOT_STRING.format("category", "list"),
            id="item-category",
        ),
    ],
)
def test_refused_field_names_the_field_and_reason(data: dict[str, Any], message: str) -> None:
    assert refused(data) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "title: T\n", "no front matter: the file must start with a '---' line", id="no-open"
        ),
        pytest.param(
            "\n---\ntitle: T\n---\n",
            "no front matter: the file must start with a '---' line",
            id="blank-line-first",
        ),
        pytest.param(
            "---\ntitle: T\n", "no front matter: the file must start with a '---' line", id="open"
        ),
        pytest.param(fm(""), "front matter must be a YAML mapping", id="empty"),
        pytest.param(fm("- a\n"), "front matter must be a YAML mapping", id="list"),
        pytest.param(fm("just words\n"), "front matter must be a YAML mapping", id="scalar"),
        pytest.param(
            fm("date: 2026-02-30\n"),
            "front matter holds an impossible value: day is out of range for month",
            id="february-30",
        ),
    ],
)
def test_refused_file_says_why(text: str, message: str) -> None:
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.split(text)
    assert str(info.value) == message


def test_invalid_yaml_gives_the_parsers_reason_on_one_line() -> None:
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.split(fm("title: [unclosed\nslug: t\n"))
    message = str(info.value)
    assert message.startswith("front matter is not valid YAML: while parsing a flow sequence")
    assert "line 1, column 8 did not find expected" in message
    assert "\n" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


@pytest.mark.parametrize(
    ("text", "data", "body"),
    [
        pytest.param(fm("a: 1\n", "\nBody.\n"), {"a": 1}, "Body.", id="one-blank-line"),
        pytest.param(fm("a: 1\n", "\n\nBody.\n\n"), {"a": 1}, "\nBody.\n", id="one-each-side"),
        pytest.param(fm("a: 1\n", "Body."), {"a": 1}, "Body.", id="no-blank-line"),
        pytest.param("---\na: 1\n---", {"a": 1}, "", id="ends-at-delimiter"),
        pytest.param(fm("a: 1\n"), {"a": 1}, "", id="no-body"),
        pytest.param(
            fm("a: 1\n", "\nOne\n---\nTwo\n"), {"a": 1}, "One\n---\nTwo", id="rule-in-body"
        ),
        pytest.param("---\na: x\n---\n---\n", {"a": "x"}, "---", id="first-delimiter-closes"),
    ],
)
def test_split_returns_the_mapping_and_the_body(text: str, data: dict[str, Any], body: str) -> None:
    assert frontmatter.split(text) == (data, body)


def test_missing_optional_fields_take_their_empty_values() -> None:
    article = frontmatter.from_mapping(GOOD, "Body")
    assert article == Article(
        title="T",
        slug="t",
        date=datetime(2026, 2, 27, 19, 33, tzinfo=BAKU),
        category="C",
        body="Body",
    )
    assert article.kind == "article" and article.modified is None and article.fingerprint == ""
    assert frontmatter.from_mapping(GOOD).body == ""  # no body given: an empty one


def test_null_fields_are_read_as_empty() -> None:
    data = good(
        tags=None, lang=None, summary=None, fingerprint=None, origin=None, translations=None
    )
    explicit_nulls = {
        **data,
        "tags": None,
        "authors": None,
        "read_next": None,
        "translations": None,
        "origin": None,
        "fingerprint": None,
        "lang": None,
        "source": None,
    }
    assert frontmatter.from_mapping(explicit_nulls) == frontmatter.from_mapping(GOOD)


def test_every_field_is_read_into_the_article() -> None:
    data = good(
        kind="brief",
        modified="2026-02-28T08:00:00+04:00",
        tags=["budget", "parliament"],
        authors=["Emi Karlon"],
        source="Report.az",
        source_url="https://report.az/a",
        source_file="report.az/a.txt",
        lang="az",
        summary="Lede.",
        translations=[{"lang": "ru", "title": "Т", "url": "https://report.az/ru/a"}],
        read_next=[
            {"title": "X", "time": "10:00", "category": "Economy", "photo": True, "slug": "x"},
            {"summary": "Only a summary"},
        ],
        read_next_pins=["x"],
        fingerprint="abc123",
        origin={"title": "lede"},
    )
    article = frontmatter.from_mapping(data, "Body")
    assert article == Article(
        title="T",
        slug="t",
        kind="brief",
        date=datetime(2026, 2, 27, 19, 33, tzinfo=BAKU),
        modified=datetime(2026, 2, 28, 8, 0, tzinfo=BAKU),
        category="C",
        tags=("budget", "parliament"),
        authors=("Emi Karlon",),
        source="Report.az",
        source_url="https://report.az/a",
        source_file="report.az/a.txt",
        lang="az",
        summary="Lede.",
        translations=(Translation("ru", "Т", "https://report.az/ru/a"),),
        read_next=(
            SourceItem(title="X", time="10:00", category="Economy", photo=True, slug="x"),
            SourceItem(summary="Only a summary"),
        ),
        read_next_pins=("x",),
        fingerprint="abc123",
        origin={"title": "lede"},
        body="Body",
    )


@pytest.mark.parametrize("kind", ["article", "brief"])
def test_kind_is_kept(kind: str) -> None:
    assert frontmatter.from_mapping(good(kind=kind)).kind == kind


def test_yaml_timestamp_keeps_its_offset() -> None:
    moment = datetime(2026, 2, 27, 19, 33, tzinfo=BAKU)
    assert frontmatter.from_mapping(good(date=moment)).date == moment
    assert frontmatter.from_mapping(good(date=moment)).date.utcoffset() == timedelta(hours=4)


SAMPLE = Article(
    title="Эми Карлон in Baku: " + "long headline " * 20,
    slug="emi-karlon",
    date=datetime(2026, 2, 27, 19, 33, tzinfo=BAKU),
    modified=datetime(2026, 2, 27, 20, 0, tzinfo=UTC),
    category="World",
    tags=("culture",),
    lang="ru",
    read_next=(SourceItem(title="Next", photo=True), SourceItem(summary="Other", photo=False)),
    fingerprint="f00",
    origin={"title": "lede", "date": "ingested"},
    body="First.\n\nSecond.",
)


def test_dump_writes_the_fields_in_contract_order_and_omits_empty_ones() -> None:
    title = SAMPLE.title
    assert frontmatter.dump(SAMPLE) == (
        "---\n"
        f"title: '{title}'\n"
        "slug: emi-karlon\n"
        "kind: article\n"
        "date: '2026-02-27T19:33:00+04:00'\n"
        "modified: '2026-02-27T20:00:00+00:00'\n"
        "category: World\n"
        "tags:\n"
        "- culture\n"
        "lang: ru\n"
        "read_next:\n"
        "- title: Next\n"
        "  photo: true\n"
        "- summary: Other\n"
        "fingerprint: f00\n"
        "origin:\n"
        "  date: ingested\n"
        "  title: lede\n"
        "---\n"
        "\n"
        "First.\n\nSecond.\n"
    )


def test_dump_without_a_body_ends_at_the_delimiter() -> None:
    text = frontmatter.dump(Article(title="T", slug="t", date=SAMPLE.date, category="C"))
    assert text == (
        "---\ntitle: T\nslug: t\nkind: article\n"
        "date: '2026-02-27T19:33:00+04:00'\ncategory: C\n---\n"
    )


def test_to_mapping_keeps_translations_compact() -> None:
    article = Article(
        title="T",
        slug="t",
        date=SAMPLE.date,
        category="C",
        translations=(Translation("ru", "Т"), Translation("az", "A", "https://x.az/a")),
        read_next_pins=("a", "b"),
        authors=("A", "B"),
    )
    mapping = frontmatter.to_mapping(article)
    assert mapping["translations"] == [
        {"lang": "ru", "title": "Т"},
        {"lang": "az", "title": "A", "url": "https://x.az/a"},
    ]
    assert mapping["read_next_pins"] == ["a", "b"] and mapping["authors"] == ["A", "B"]
    assert list(mapping) == [
        "title",
        "slug",
        "kind",
        "date",
        "category",
        "authors",
        "translations",
        "read_next_pins",
    ]


def test_a_field_error_is_raised_as_it_is_not_wrapped() -> None:
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.from_mapping(good(tags=[1]))
    assert info.value.__context__ is None and info.value.__cause__ is None


def test_a_long_title_stays_on_one_line() -> None:
    title = " ".join(["headline"] * 400)  # 3,599 characters
    text = frontmatter.dump(Article(title=title, slug="t", date=SAMPLE.date, category="C"))
    assert f"\ntitle: {title}\n" in text


# ------------------------------------------------------------- earlier versions and languages

EARLIER = {
    "fingerprint": "f0",
    "title": "First headline",
    "until": "2026-03-04T08:00:00+00:00",
    "source_file": "day1/p.html",
    "body": "The first text.",
}


def test_earlier_versions_are_read_with_every_key() -> None:
    article = frontmatter.from_mapping(
        good(previous_versions=[EARLIER, {"fingerprint": "f1", "title": "Second"}])
    )
    assert article.previous_versions == (
        Revision(
            fingerprint="f0",
            title="First headline",
            body="The first text.",
            until=datetime(2026, 3, 4, 8, 0, tzinfo=UTC),
            source_file="day1/p.html",
        ),
        Revision(fingerprint="f1", title="Second"),
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        pytest.param("f0", "field 'previous_versions': every entry must be a mapping", id="string"),
        pytest.param(
            {**EARLIER, "lang": "en"},
            "field 'previous_versions': unknown key(s) lang",
            id="unknown-key",
        ),
        pytest.param(
            {**EARLIER, "fingerprint": None}, REQUIRED.format("fingerprint"), id="no-print"
        ),
        pytest.param({**EARLIER, "title": ""}, REQUIRED.format("title"), id="no-title"),
        pytest.param({**EARLIER, "body": 7}, NOT_STRING.format("body", "int"), id="body-int"),
        pytest.param(
            {**EARLIER, "source_file": ["a"]}, NOT_STRING.format("source_file", "list"), id="file"
        ),
        pytest.param(
            {**EARLIER, "until": "2026-03-04T08:00:00"},
            "field 'until': '2026-03-04T08:00:00' has no UTC offset (write e.g. +04:00)",
            id="until-naive",
        ),
        pytest.param(
            {**EARLIER, "until": "soon"},
            "field 'until': 'soon' is not an ISO 8601 date",
            id="until-words",
        ),
    ],
)
def test_a_bad_earlier_version_is_refused_naming_its_key(entry: Any, message: str) -> None:
    assert refused(good(previous_versions=[entry])) == message


def test_earlier_versions_are_written_compact_in_contract_order() -> None:
    first = Revision("f0", "First", "Text.", datetime(2026, 3, 4, 8, 0, tzinfo=UTC), "a.html")
    article = replace(
        SAMPLE,
        title="T",
        read_next=(),
        origin={},
        previous_versions=(first, Revision("f1", "Second")),
        as_ingested={"title": "abc", "body": "def"},
    )
    text = frontmatter.dump(article)
    assert text[text.index("fingerprint: f00") :] == (
        "fingerprint: f00\n"
        "previous_versions:\n"
        "- fingerprint: f0\n"
        "  title: First\n"
        "  until: '2026-03-04T08:00:00+00:00'\n"
        "  source_file: a.html\n"
        "  body: Text.\n"
        "- fingerprint: f1\n"
        "  title: Second\n"
        "as_ingested:\n"
        "  body: def\n"
        "  title: abc\n"
        "---\n"
        "\n"
        "First.\n\nSecond.\n"
    )
    assert frontmatter.load(text) == article


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        pytest.param("en", "en", id="plain"),
        pytest.param("EN", "en", id="upper"),
        pytest.param(" az\n", "az", id="spaces"),
        pytest.param("pcm", "pcm", id="three-letters"),
        pytest.param("pt_br", "pt-BR", id="underscore-region"),
        pytest.param("zh-hant", "zh-Hant", id="script"),
        pytest.param("ZH_HANT_tw", "zh-Hant-TW", id="script-region"),
        pytest.param("es-419", "es-419", id="numeric-region"),
        pytest.param("english", None, id="a-word"),
        pytest.param("e", None, id="one-letter"),
        pytest.param("en-", None, id="dangling-dash"),
        pytest.param("en-GB-x", None, id="extension"),
        pytest.param("", None, id="empty"),
    ],
)
def test_language_tag(value: str, tag: str | None) -> None:
    assert frontmatter.language_tag(value) == tag
    if tag is not None:
        assert frontmatter.LANG_RE.match(tag)
