"""The offline bundle derived from the hosted build equals the one of a direct offline render.

``briefing offline`` no longer renders the site a second time (issue #15): it builds the hosted
site (pelicanconf.py) and turns its pages into the offline ones.  The reference is what it did
before: Pelican with ``offlineconf.py`` (relative URLs, the offline index), every link pointed at
a file, README and manifest (:func:`briefing.offline.finish_bundle`).  Both must give the same
files, byte for byte, over the offline fixture (every template, translations, the About page)
and with the corpus export on; the hosted pages themselves carry nothing of the offline copy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing import offline
from briefing.export import siteinfo
from briefing.site import build_site
from tests.offline_fixture import ROOT, write_content

DAY = date(2026, 11, 24)
FOLDER = "briefing-archive-offline"


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def settings_with(tmp: Path, base: str, corpus: bool) -> Path:
    """``base`` (pelicanconf.py or offlineconf.py), with the corpus export on if asked."""
    path = tmp / f"{base}-{'corpus' if corpus else 'plain'}.py"
    path.write_text(
        "import runpy\n"
        f"_base = runpy.run_path({str(ROOT / base)!r})\n"
        "globals().update({k: v for k, v in _base.items() if k.isupper()})\n"
        f"THEME = {str(ROOT / 'themes' / 'briefing')!r}\n"
        + ('CORPUS_EXPORT = {"formats": ["sqlite", "csv"]}\n' if corpus else ""),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("corpus", [False, True], ids=["plain", "corpus-export"])
def test_the_derived_bundle_is_the_offline_render_s(tmp_path: Path, corpus: bool) -> None:
    content = tmp_path / "content"
    write_content(content)
    hosted = settings_with(tmp_path, "pelicanconf.py", corpus)
    offline.make_offline(content, hosted, tmp_path / "dist", DAY, jobs=1)
    derived = files(tmp_path / "dist" / FOLDER)

    render = tmp_path / FOLDER  # the bundle's folder name: README.txt names it
    build_site(content, render, settings_with(tmp_path, "offlineconf.py", corpus), jobs=1)
    title = offline.hosted_settings(ROOT / "pelicanconf.py")
    assert offline.finish_bundle(render, title, DAY) == []
    reference = files(render)

    assert sorted(derived) == sorted(reference)
    assert [name for name in derived if derived[name] != reference[name]] == []
    assert any(name.startswith("search-offline/") for name in derived)
    assert ("corpus/archive.db" in derived) == corpus


def test_the_hosted_build_carries_nothing_of_the_offline_copy(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_content(content)
    output = tmp_path / "output"
    build_site(content, output, ROOT / "pelicanconf.py", jobs=1)
    built = files(output)
    assert not [name for name in built if name.startswith("search-offline/")]
    pages = b"".join(data for name, data in built.items() if name.endswith(".html"))
    assert b"offline-search.js" not in pages
    assert b"theme/js/search.js" in built["search/index.html"]  # the hosted engine


@pytest.mark.parametrize(
    "settings", ["offlineconf.py", "publishconf.py"], ids=["relative-urls", "absolute-urls"]
)
def test_the_bundle_is_made_only_from_root_relative_hosted_pages(
    tmp_path: Path, settings: str
) -> None:
    content = tmp_path / "content"
    write_content(content)
    with pytest.raises(siteinfo.SiteError, match="root-relative"):
        offline.make_offline(content, ROOT / settings, tmp_path / "dist", DAY)
    assert not (tmp_path / "dist" / FOLDER).exists()
    assert not (tmp_path / "output").exists()
