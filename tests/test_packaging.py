"""The wheel as another Pelican site uses it: plugins by their short names, the theme by name.

A Pelican user runs ``pip install briefing`` and lists ``read_next`` (or ``briefing_reader``,
``unique_paths``) in their own settings, with ``THEME = "briefing"``.  The test builds the real
wheel, installs it into a folder of its own beside a copy of Pelican (so that the wheel's
``pelican/plugins`` and ``pelican/themes`` land inside that Pelican, as in a site-packages), and
builds a small site of related stories in a fresh interpreter with that folder first on
its path: nothing comes from the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pelican
import pytest
from pelican.plugins.read_next.tests.test_read_next_build import archive

from briefing import frontmatter

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ("briefing_reader", "unique_paths", "news_meta", "archive_pages", "read_next")

SITE = """
from pathlib import Path
import json, sys
import pelican
from pelican import Pelican
from pelican.settings import read_settings

content, output = Path(sys.argv[1]), Path(sys.argv[2])
settings = read_settings(override={{
    "PATH": str(content), "OUTPUT_PATH": str(output), "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"], "THEME": "briefing", "PLUGINS": {plugins!r},
    "ARTICLE_URL": "{{date:%Y}}/{{slug}}/", "ARTICLE_SAVE_AS": "{{date:%Y}}/{{slug}}/index.html",
    "JINJA_ENVIRONMENT": {{"autoescape": True}}, "TIMEZONE": "UTC",
}})
Pelican(settings).run()
import briefing, pelican.plugins.read_next as read_next
print(json.dumps({{"pelican": pelican.__file__, "briefing": briefing.__file__,
                  "read_next": read_next.__file__, "theme": settings["THEME"]}}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a copy of Pelican with the project's wheel installed into it."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"  # the tracked files: a build writes build/ beside its sources
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_symlink():
            (source / name).symlink_to((ROOT / name).readlink())
        elif (ROOT / name).is_file():
            shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(base),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = base.glob("briefing-*.whl")
    target = base / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip, "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    # Pelican beside it, merged as pip merges packages into one site-packages.
    shutil.copytree(Path(pelican.__file__).parent, target / "pelican", dirs_exist_ok=True)
    return target


def test_the_wheel_holds_every_plugin_and_the_whole_theme(installed: Path) -> None:
    (wheel,) = installed.parent.glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    plugins = sorted(p.name for p in (ROOT / "plugins/pelican/plugins").iterdir() if p.is_dir())
    assert {f"pelican/plugins/{p}/__init__.py" for p in plugins} <= names
    theme = ROOT / "themes" / "briefing"
    files = [p.relative_to(theme) for p in theme.rglob("*") if p.is_file()]
    assert len(files) > 20
    assert {f"pelican/themes/briefing/{f}" for f in files} <= names


def test_another_site_enables_the_plugins_and_theme_by_their_short_names(
    installed: Path, tmp_path: Path
) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    for doc in archive():  # related stories: read next has something to choose
        path = content / "articles" / f"{doc.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frontmatter.dump(doc), encoding="utf-8")
    script = tmp_path / "site.py"
    script.write_text(SITE.format(plugins=list(PLUGINS)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(installed)}
    done = subprocess.run(
        [sys.executable, str(script), str(content), str(output)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    where = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("pelican", "briefing", "read_next", "theme"):
        assert where[key].startswith(str(installed)), where  # the wheel's, not the checkout's
    pages = [p for p in output.rglob("index.html") if p.parent.parent.name.isdigit()]
    assert pages, sorted(str(p) for p in output.rglob("*.html"))
    html = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert 'class="read-next"' in html  # read_next chose blocks from the archive's own text
    assert "site.css" in html  # the briefing theme rendered the pages
