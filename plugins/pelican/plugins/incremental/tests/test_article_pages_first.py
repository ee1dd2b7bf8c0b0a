"""The writer renders the article pages first and says so (``article_pages_written``), so the
search index can start on them while the listing pages render (pagefind_index).

A real Pelican build in this process (unique_paths' test helpers: the archive's settings and
plugins, the search index left out), observed from a receiver of the signal.
"""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.incremental.writer import IncrementalWriter, article_pages_written
from pelican.plugins.unique_paths.tests.test_unique_paths import ARTICLE, article_text, build, write

from tests.fixtures.site import ABOUT


def html_pages(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*.html")}


def test_article_pages_are_on_disk_before_any_other_page(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    slugs = [ARTICLE.slug, "second", "third"]
    for n, slug in enumerate(slugs):
        write(content, f"articles/{n}.md", article_text(slug=slug, title=f"Headline {n}"))
    write(content, "pages/about.md", ABOUT)
    seen: list[set[str]] = []

    def written(writer: IncrementalWriter) -> None:
        seen.append(html_pages(Path(writer.output_path)))

    article_pages_written.connect(written)
    try:
        build(content, output, INCREMENTAL={"jobs": 2})
    finally:
        article_pages_written.disconnect(written)
    articles = {f"{ARTICLE.date:%Y/%m/%d}/{slug}/index.html" for slug in slugs}
    others = html_pages(output) - articles
    assert len(seen) == 1  # sent once a build
    assert articles <= seen[0]
    assert {"about/index.html", "index.html", "archives/index.html"} <= others
    assert not seen[0] & others  # the listings, the home page, the about page: all after
