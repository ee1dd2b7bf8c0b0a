"""A settings file that cannot be read is an error naming the file, never a traceback.

The build, the offline bundle, the export and the citation read the user's settings file
(plain Python) through ``siteinfo.read_settings``; whatever the file does wrong (missing, a
syntax error, an exception of its own) must end in one line naming it and a non-zero exit,
before any output is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import cli

BAD_SETTINGS = {
    "missing": None,
    "syntax-error": "SITENAME = 'x\n",
    "raises": "raise RuntimeError('no such region')\n",
    "bad-import": "from nowhere_at_all import THING\n",
}
REASONS = {
    "missing": "cannot read the settings",
    "syntax-error": "cannot read the settings",
    "raises": "RuntimeError: no such region",
    "bad-import": "ModuleNotFoundError",
}


def _settings(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "conf.py"
    text = BAD_SETTINGS[kind]
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return path


def _commands(tmp_path: Path, settings: Path) -> dict[str, list[str]]:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    return {
        "offline": ["offline", "--content", str(content), "--settings", str(settings),
                    "--dist", str(tmp_path / "dist")],
        "export": ["export", "--format", "jsonl", "--content", str(content),
                   "--settings", str(settings), "--out", str(tmp_path / "out.jsonl")],
        "build": ["build", "--content", str(content), "--settings", str(settings),
                  "--output", str(tmp_path / "output")],
        "cite": ["cite", "some-slug", "--content", str(content), "--settings", str(settings)],
    }  # fmt: skip


@pytest.mark.parametrize("kind", list(BAD_SETTINGS))
@pytest.mark.parametrize("command", ["build", "offline", "export", "cite"])
def test_a_bad_settings_file_is_named_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str
) -> None:
    settings = _settings(tmp_path, kind)
    status = cli.main(_commands(tmp_path, settings)[command])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{command}: {settings}: " in err
    assert REASONS[kind] in err
    assert "Traceback" not in err
    assert not (tmp_path / "dist").exists()
    assert not (tmp_path / "out.jsonl").exists()
    assert not (tmp_path / "output").exists()
