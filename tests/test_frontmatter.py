"""The front-matter contract: load(dump(a)) == a for any article, and clear errors otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing import frontmatter
from briefing.model import Article, SourceItem, Translation

text = st.text(min_size=1).filter(lambda s: s.strip() != "")
optional_text = st.none() | text
slugs = st.from_regex(frontmatter.SLUG_RE, fullmatch=True)
langs = st.from_regex(frontmatter.LANG_RE, fullmatch=True)
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda m: timezone(timedelta(minutes=m))
)
dates = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=offsets
)
items = st.builds(
    SourceItem,
    title=text,
    summary=optional_text,
    time=optional_text,
    category=optional_text,
    photo=st.booleans(),
    slug=st.none() | slugs,
)
articles = st.builds(
    Article,
    title=text,
    slug=slugs,
    date=dates,
    category=text,
    body=st.text(),
    kind=st.sampled_from(["article", "brief"]),
    tags=st.lists(st.text(), max_size=5).map(tuple),
    authors=st.lists(st.text(), max_size=3).map(tuple),
    source=optional_text,
    source_url=optional_text,
    source_file=optional_text,
    lang=st.none() | langs,
    summary=optional_text,
    translations=st.lists(
        st.builds(Translation, lang=langs, title=text, url=optional_text), max_size=3
    ).map(tuple),
    read_next=st.lists(items, max_size=4).map(tuple),
    read_next_pins=st.lists(slugs, max_size=3).map(tuple),
    fingerprint=st.text(alphabet="0123456789abcdef", max_size=16),
    origin=st.dictionaries(text, text, max_size=3),
    modified=st.none() | dates,
)


@given(articles)
def test_load_inverts_dump(article: Article) -> None:
    assert frontmatter.load(frontmatter.dump(article)) == article


@given(st.text())
def test_body_with_front_matter_lookalikes_survives(body: str) -> None:
    article = Article(
        title="T", slug="t", date=datetime(2026, 1, 1, tzinfo=UTC), category="C", body=body
    )
    hostile = Article(**{**article.__dict__, "body": f"---\ntitle: x\n---\n{body}\n---"})
    assert frontmatter.load(frontmatter.dump(hostile)).body == hostile.body


GOOD = "title: T\nslug: t\ndate: '2026-02-27T19:33:00+04:00'\ncategory: C\n"


def fm(yaml_text: str) -> str:
    """Wrap YAML text in the front-matter delimiters."""
    return f"---\n{yaml_text}---\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("no front matter", "no front matter", id="no-delimiter"),
        pytest.param(fm(": : :\n"), "not valid YAML", id="bad-yaml"),
        pytest.param(fm("- a\n"), "must be a YAML mapping", id="not-mapping"),
        pytest.param(fm("slug: t\n"), "field 'title'", id="no-title"),
        pytest.param(fm(GOOD.replace("slug: t", "slug: Not A Slug")), "field 'slug'", id="slug"),
        pytest.param(fm(GOOD.replace("+04:00", "")), "no UTC offset", id="naive-date"),
        pytest.param(
            fm(GOOD.replace("'2026-02-27T19:33:00+04:00'", "2026-02-27")),
            "is a day: it needs a time and a UTC offset",
            id="day-only",
        ),
        pytest.param(fm(GOOD + "colour: red\n"), "unknown field(s): colour", id="unknown-field"),
        pytest.param(fm(GOOD + "tags: oops\n"), "field 'tags' must be a list", id="tags-scalar"),
        pytest.param(fm(GOOD + "lang: english\n"), "not a language tag", id="bad-lang"),
        pytest.param(fm(GOOD + "read_next:\n- time: '10:00'\n"), "title or a summary", id="item"),
        pytest.param(fm(GOOD + "kind: video\n"), "field 'kind'", id="bad-kind"),
    ],
)
def test_invalid_files_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(frontmatter.FrontMatterError) as info:
        frontmatter.load(text)
    assert message in str(info.value)


def test_unquoted_yaml_timestamp_with_offset_is_accepted() -> None:
    text = "---\n" + GOOD.replace("'2026-02-27T19:33:00+04:00'", "2026-02-27 19:33:00+04:00")
    article = frontmatter.load(text + "---\n\nBody.\n")
    assert article.date.isoformat() == "2026-02-27T19:33:00+04:00"
    assert article.body == "Body."
