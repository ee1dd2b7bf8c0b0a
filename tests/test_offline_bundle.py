"""Link rewriting, manifest and `briefing verify` of the offline bundle (files only, no browser)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from briefing import cli
from briefing.offline import (
    MANIFEST,
    Tree,
    check_css,
    finish_bundle,
    rewrite_links,
    rewrite_page,
    write_zip,
)
from briefing.offline_links import find_tags, offline_page, parsed_tags
from briefing.verify import verify


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site-offline"
    for name in ["index.html", "category/politics/index.html", "2024/05/14/index.html"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("<p>x</p>", encoding="utf-8")
    (root / "theme/css").mkdir(parents=True)
    (root / "theme/css/site.css").write_text("body{}", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("html", "expected", "errors"),
    [
        ('<a href="../../../">Home</a>', '<a href="../../../index.html">Home</a>', 0),
        ('<a href="../../../category/politics">P</a>', "politics/index.html", 0),
        ('<a class="x" href="../../../category/politics/#top">', "politics/index.html#top", 0),
        ('<link rel="stylesheet" href="../../../theme/css/site.css">', "site.css", 0),
        ('<a href="https://report.az/x">src</a>', "https://report.az/x", 0),
        ('<a href="#main">skip</a>', '"#main"', 0),
        ('<script src="https://cdn.example/x.js"></script>', "cdn", 1),
        ('<a href="/category/politics/">P</a>', "/category", 1),
        ('<a href="../../../missing/">M</a>', "missing", 1),
        ('<img src="../../../../../etc/passwd">', "passwd", 1),
        ('<form action="../../../category/politics/" role="search">', "politics/index.html", 0),
        ('<a title="a &amp; b" href="../../../">', '&amp; b" href="../../../index.html"', 0),
        ('<a href="../">May</a>', '"../"', 1),
        ('<link rel="canonical" href="https://example.org/a/">', "https://example.org/a/", 0),
        ('<link rel="icon" href="https://example.org/i.png">', "i.png", 1),
        ('<a href="../../../category/polit%69cs/">P</a>', "polit%69cs/index.html", 0),
    ],
    ids=[
        "home-folder",
        "folder-without-slash",
        "fragment-kept",
        "stylesheet",
        "outside-link-kept",
        "fragment-only",
        "outside-script",
        "absolute-path",
        "missing",
        "outside-bundle",
        "form-action",
        "entities-kept",
        "folder-without-index",
        "canonical-elsewhere-is-only-a-name",
        "outside-icon",
        "percent-encoded",
    ],
)
def test_rewrite_page(site: Path, html: str, expected: str, errors: int) -> None:
    page = "2024/05/14/index.html"  # a day page, three folders deep
    before, after = "<!doctype html>\n<p>é\u2028</p>\n  ", "\n<footer>end</footer>"
    new, found = rewrite_page(Tree.scan(site), page, before + html + after)
    assert expected in new
    assert new.startswith(before) and new.endswith(after)
    assert len(found) == errors


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="/category/politics/">P</a>', '"../../../category/politics/index.html"'),
        ('<a href="/">Home</a>', '"../../../index.html"'),
        ('<a href="//cdn.example/x">x</a>', '"//cdn.example/x"'),
        ('<meta property="og:url" content="/2024/05/14/">', 'content="../../../2024/05/14/"'),
        ('<meta name="description" content="/r/news said">', 'content="/r/news said"'),
        ('<span data-value="/ Report /"></span>', 'data-value="/ Report /"'),
        ('<section data-search-base="/search/">', 'data-search-base="../../../search/"'),
        ('<p>a href="/x" in text</p>', '<p>a href="/x" in text</p>'),
        (
            '<script type="application/ld+json">{\n  "headline": "/r/x",\n'
            '  "url": "/2024/05/14/",\n  "publisher": {"url": "https://report.az/"}}</script>',
            '"headline": "/r/x",\n  "url": "../../../2024/05/14/",\n'
            '  "publisher": {"url": "https://report.az/"}',
        ),
    ],
    ids=[
        "link",
        "home",
        "protocol-relative-untouched",
        "og-url",
        "scraped-description-untouched",
        "scraped-data-value-untouched",
        "theme-data-url",
        "text-untouched",
        "json-ld-url-only",
    ],
)
def test_a_hosted_page_s_site_urls_become_relative(site: Path, html: str, expected: str) -> None:
    new, found = rewrite_page(Tree.scan(site), "2024/05/14/index.html", html, hosted=True)
    assert expected in new
    assert found == [] or "cdn" in html


@pytest.mark.parametrize(
    "html",
    [
        '<!doctype html>\n<p>a < b</p><a href="/x/">x</a><img src=y.png alt=z />',
        '<p title="<a href=/no/>">t</p><A HREF="/yes/">y</A>',
        '<script>var s = "<a href=/no/>";</script><a href="/after/">a</a>',
        '<SCRIPT type="x">"<img src=/no>"</SCRIPT ><link rel=icon href="/i.svg">',
        '<!-- <a href="/commented/"> --><a href="/seen/">s</a>',
        '<p>broken </p x><a href="/x/">x</a>',
        '<meta property="og:url" content="/u/"><section data-site-root="/">',
        '<a href="/unterminated/"',
        "<style>a{}</style><span class=x>s</span>\r\n<a\nhref='/nl/'>n</a>",
    ],
    ids=[
        "doctype-text-void",
        "tag-in-attribute",
        "tag-in-script",
        "uppercase-script",
        "comment",
        "odd-end-tag",
        "site-url-attributes",
        "unterminated",
        "style-newlines",
    ],
)
def test_the_fast_tag_scan_finds_what_htmlparser_finds(html: str) -> None:
    assert find_tags(html) == parsed_tags(html)


def test_offline_page_adds_the_head_scripts_and_drops_the_hosted_engine() -> None:
    engine = '<script src="/theme/js/search.js" defer></script>\n'
    head = '  <script src="/theme/js/offline-search.js" defer></script>\n'
    hosted = f"<head>\n  <title>x</title>\n</head>\n<body>{engine}</body>"
    assert offline_page(hosted, head, engine) == (
        f"<head>\n  <title>x</title>\n{head}</head>\n<body></body>"
    )
    assert offline_page("<p>no head</p>", head, engine) == "<p>no head</p>"


def test_verify_names_changed_missing_and_extra_files(site: Path) -> None:
    assert finish_bundle(site, "Briefing archive", date(2026, 11, 24)) == []
    assert (site / "README.txt").read_text().startswith("Briefing archive: offline copy")
    assert verify(site) == []
    (site / "theme/css/site.css").write_text("body{color:red}", encoding="utf-8")
    (site / "category/politics/index.html").unlink()
    (site / "extra.html").write_text("x", encoding="utf-8")
    assert [str(p) for p in verify(site)] == [
        "category/politics/index.html: missing",
        "theme/css/site.css: changed",
        "extra.html: not in the manifest",
    ]


def test_verify_zip_and_cli_exit_status(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finish_bundle(site, "Briefing archive", date(2026, 11, 24))
    target = tmp_path / "bundle.zip"
    write_zip(site, target)
    assert cli.main(["verify", str(target)]) == 0
    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(target) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, b"tampered" if info.filename.endswith("site.css") else data)
    capsys.readouterr()
    assert cli.main(["verify", str(changed)]) == 1
    assert "theme/css/site.css: changed" in capsys.readouterr().err
    assert MANIFEST in zipfile.ZipFile(target).namelist()[-1]


@pytest.mark.parametrize(
    ("css", "bad"),
    [
        ("body { background: url(../img/a.png) }", []),
        ("@import 'site.css'; a { b: url( \"data:image/png;base64,xx\" ) }", []),
        ("/* url(/nowhere.png) */ a { filter: url(#f) }", []),
        ("a { background: url('/img/a.png') }", ["/img/a.png"]),
        (
            "@font-face { src: url(https://fonts.example/x.woff2) }",
            ["https://fonts.example/x.woff2"],
        ),
        ("a { background: url(missing.png) }", ["missing.png"]),
    ],
    ids=["relative", "import-and-data", "comment-and-fragment", "absolute", "outside", "missing"],
)
def test_css_urls_must_be_files_in_the_bundle(site: Path, css: str, bad: list[str]) -> None:
    (site / "theme/img").mkdir()
    (site / "theme/img/a.png").write_bytes(b"png")
    (site / "theme/css/extra.css").write_text(css, encoding="utf-8")
    assert [e.url for e in check_css(site, Tree.scan(site))] == bad


@pytest.mark.parametrize("jobs", [1, 2], ids=["one-process", "two-processes"])
def test_rewrite_links_gives_the_same_tree_in_one_or_more_processes(
    tmp_path: Path, jobs: int
) -> None:
    root = tmp_path / "site"
    (root / "p").mkdir(parents=True)
    (root / "index.html").write_text('<a href="p/0/">first</a>', encoding="utf-8")
    for i in range(1_050):  # above the threshold where processes are used
        page = root / "p" / str(i) / "index.html"
        page.parent.mkdir()
        page.write_text(f'<a href="../../">home</a><a href="../{i + 1}/">next</a>', "utf-8")
    errors = rewrite_links(root, jobs=jobs)
    assert [str(e) for e in errors] == ["p/1049/index.html: ../1050/: no such file in the bundle"]
    assert [(root / "p/7/index.html").read_text(), (root / "index.html").read_text()] == [
        '<a href="../../index.html">home</a><a href="../8/index.html">next</a>',
        '<a href="p/0/index.html">first</a>',
    ]


def raw_members(zipped: Path) -> dict[str, bytes]:
    """Each member's local header and compressed bytes, by name."""
    data = zipped.read_bytes()
    with zipfile.ZipFile(zipped) as archive:
        infos = archive.infolist()
    # The local header is 30 bytes, the name and an extra field (none here: checked below).
    ends = {i.filename: i.header_offset + 30 + len(i.filename) + i.compress_size for i in infos}
    members = {i.filename: data[i.header_offset : ends[i.filename]] for i in infos}
    assert all(m[26:30] == len(n).to_bytes(2, "little") + b"\0\0" for n, m in members.items())
    return members


def test_zip_copies_unchanged_members_from_the_earlier_zip_still_compressed(
    site: Path, tmp_path: Path
) -> None:
    rules = "".join(
        f".c{n * 7919 % 1000} {{ margin: {n % 13}px {n % 7}em; }}\n" for n in range(3000)
    )
    (site / "theme/css/site.css").write_text(rules, encoding="utf-8")  # compresses by level
    finish_bundle(site, "Briefing archive", date(2026, 11, 24))
    earlier = tmp_path / "earlier.zip"
    with zipfile.ZipFile(earlier, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for p in sorted(site.rglob("*")):
            if p.is_file():
                z.writestr(f"{site.name}/{p.relative_to(site).as_posix()}", p.read_bytes())
    (site / "index.html").write_text("<p>changed</p>", encoding="utf-8")
    assert finish_bundle(site, "Briefing archive", date(2026, 11, 25)) == []
    fresh, reused = tmp_path / "fresh.zip", tmp_path / "reused.zip"
    write_zip(site, fresh)
    write_zip(site, reused, reuse=earlier)
    with zipfile.ZipFile(reused) as archive:
        assert archive.testzip() is None
        assert {i.filename: archive.read(i) for i in archive.infolist()} == {
            f"{site.name}/{p.relative_to(site).as_posix()}": p.read_bytes()
            for p in site.rglob("*")
            if p.is_file()
        }
    old, new, clean = raw_members(earlier), raw_members(reused), raw_members(fresh)
    copied = {n for n in new if n in old and old[n][30:] == new[n][30:] and new[n] != clean[n]}
    # At level 1 the CSS compresses otherwise than at the default: the copy is level 1's.
    assert f"{site.name}/theme/css/site.css" in copied
    changed = {f"{site.name}/index.html", f"{site.name}/README.txt", f"{site.name}/SHA256SUMS"}
    assert not copied & changed
    assert {n: new[n] for n in changed} == {n: clean[n] for n in changed}
