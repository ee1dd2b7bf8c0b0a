"""`briefing verify` over whole bundles: every problem named, in order, and nothing else.

Each case is a bundle (a zip's members, or a folder's files) and the exact list of problems
``verify`` gives for it, as ``briefing verify`` prints them.  tests/test_one_writer.py covers
the hostile bundles; this file pins what is reported for each kind of damage.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
from pathlib import Path

import pytest

from briefing.verify import verify
from tests.inputs import damage_member, sha256sums, zip_bundle

PAGES = {"index.html": b"<p>home</p>", "a/b.css": b"p{}", "c.html": b"<p>c</p>"}


def line(name: str, data: bytes) -> bytes:
    return f"{hashlib.sha256(data).hexdigest()}  {name}\n".encode()


def in_top(files: dict[str, bytes], manifest: bytes | None) -> dict[str, bytes]:
    members = {f"top/{name}": data for name, data in files.items()}
    return members if manifest is None else {"top/SHA256SUMS": manifest, **members}


DIGEST = hashlib.sha256(b"<p>home</p>").hexdigest()
BUNDLES = [
    pytest.param(PAGES, sha256sums(PAGES), [], id="intact"),
    pytest.param(
        PAGES,
        b"".join(
            f"{hashlib.sha256(d).hexdigest().upper()}  {n}\n".encode() for n, d in PAGES.items()
        ),
        [],
        id="upper-case-digests",
    ),
    pytest.param(
        {**PAGES, "index.html": b"<p>changed</p>"},
        sha256sums(PAGES),
        ["index.html: changed"],
        id="changed",
    ),
    pytest.param(
        {"c.html": b"<p>c</p>", "d.html": b"d"},
        sha256sums({"a.html": b"a", "b.html": b"b", "c.html": b"c"}),
        ["a.html: missing", "b.html: missing", "c.html: changed", "d.html: not in the manifest"],
        id="missing-changed-extra-in-order",
    ),
    pytest.param(
        PAGES,
        sha256sums(PAGES) + b"nonsense\n" + b"abc  c.html\n" + f"{DIGEST}  \n".encode(),
        [
            "SHA256SUMS:4: malformed manifest line",
            "SHA256SUMS:5: malformed manifest line",
            "SHA256SUMS:6: malformed manifest line",
        ],
        id="malformed-lines-by-number",
    ),
    pytest.param(
        {"my  page.html": b"x"},
        line("my  page.html", b"x"),
        [],
        id="two-spaces-in-a-name",
    ),
    pytest.param(
        PAGES,
        sha256sums(PAGES) + line("c.html", b"<p>c</p>"),
        ["SHA256SUMS:4: c.html is listed twice"],
        id="listed-twice",
    ),
    pytest.param(
        PAGES,
        b"".join(line(n, b"x") for n in ("../x", "/etc/passwd", "a\\b", "~x")) + sha256sums(PAGES),
        [
            "SHA256SUMS:1: unsafe path '../x' (absolute or with '..')",
            "SHA256SUMS:2: unsafe path '/etc/passwd' (absolute or with '..')",
            "SHA256SUMS:3: unsafe path 'a\\\\b' (absolute or with '..')",
            "SHA256SUMS:4: unsafe path '~x' (absolute or with '..')",
        ],
        id="unsafe-paths",
    ),
    pytest.param(
        PAGES,
        b"\xff\xfe" + sha256sums(PAGES),
        [
            "SHA256SUMS: unreadable manifest (not UTF-8 text)",
            "a/b.css: not in the manifest",
            "c.html: not in the manifest",
            "index.html: not in the manifest",
        ],
        id="manifest-not-utf8",
    ),
    pytest.param(PAGES, None, ["SHA256SUMS: missing"], id="no-manifest"),
]


@pytest.mark.parametrize(("files", "manifest", "problems"), BUNDLES)
def test_a_zip_bundle(
    tmp_path: Path, files: dict[str, bytes], manifest: bytes | None, problems: list[str]
) -> None:
    bundle = zip_bundle(tmp_path / "b.zip", in_top(files, manifest))
    assert [str(p) for p in verify(bundle)] == problems


@pytest.mark.parametrize(("files", "manifest", "problems"), BUNDLES)
def test_a_bundle_folder(
    tmp_path: Path, files: dict[str, bytes], manifest: bytes | None, problems: list[str]
) -> None:
    root = tmp_path / "bundle"
    for name, data in in_top(files, manifest).items():
        path = tmp_path / "bundle" / name.removeprefix("top/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert [str(p) for p in verify(root)] == problems


def test_a_zip_with_two_top_folders_is_refused_by_its_name(tmp_path: Path) -> None:
    members = {**in_top(PAGES, sha256sums(PAGES)), "other/x.html": b"x"}
    assert [str(p) for p in verify(zip_bundle(tmp_path / "b.zip", members))] == [
        "b.zip: zip must hold exactly one top folder"
    ]


def test_unsafe_member_names_and_links_in_a_zip_are_named_before_anything_is_read(
    tmp_path: Path,
) -> None:
    path = zip_bundle(tmp_path / "b.zip", in_top(PAGES, sha256sums(PAGES)))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("top/../evil.txt", b"x")
        link = zipfile.ZipInfo("top/link.html")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert [str(p) for p in verify(path)] == [
        "top/../evil.txt: unsafe member name (absolute or with '..')",
        "top/link.html: a link, not a file (links are not followed)",
    ]


def test_an_unreadable_manifest_member_is_named(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("top/SHA256SUMS", sha256sums(PAGES) * 50)
        archive.writestr("top/index.html", b"<p>home</p>")
    damage_member(path, "top/SHA256SUMS")
    (problem,) = [str(p) for p in verify(path)]
    assert problem.startswith("SHA256SUMS: unreadable (")


def test_a_damaged_zip_directory_is_named_with_the_zip(tmp_path: Path) -> None:
    path = zip_bundle(tmp_path / "b.zip", in_top(PAGES, sha256sums(PAGES)))
    data = path.read_bytes()
    at = data.find(b"PK\x01\x02")  # the first central directory entry
    path.write_bytes(data[:at] + b"XX" + data[at + 2 :])
    (problem,) = [str(p) for p in verify(path)]
    assert problem.startswith("b.zip: unreadable zip (")


def bundle_folder(root: Path) -> Path:
    for name, data in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "SHA256SUMS").write_bytes(sha256sums(PAGES))
    return root


def test_a_linked_manifest_is_not_followed(tmp_path: Path) -> None:
    root = bundle_folder(tmp_path / "bundle")
    real = tmp_path / "SHA256SUMS.real"
    (root / "SHA256SUMS").rename(real)
    (root / "SHA256SUMS").symlink_to(real)
    assert [str(p) for p in verify(root)] == ["SHA256SUMS: missing"]


def test_a_linked_folder_is_named_and_not_walked(tmp_path: Path) -> None:
    root = bundle_folder(tmp_path / "bundle")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("private", encoding="utf-8")
    (root / "more").symlink_to(outside, target_is_directory=True)
    assert [str(p) for p in verify(root)] == ["more: a link, not a file (links are not followed)"]


def test_the_bundle_itself_must_not_be_a_link(tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(bundle_folder(tmp_path / "bundle"))
    assert [str(p) for p in verify(link)] == [f"{link}: a link: give the bundle itself"]


def test_a_file_that_is_no_bundle_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a bundle", encoding="utf-8")
    assert [str(p) for p in verify(path)] == [f"{path}: neither a bundle folder nor a zip"]


def test_every_listed_file_is_checked_after_an_unreadable_one(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    data = b"hello world " * 100
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("top/SHA256SUMS", sha256sums({"a.txt": data, "b.txt": b"listed"}))
        archive.writestr("top/a.txt", data)
        archive.writestr("top/b.txt", b"changed since")
    damage_member(path, "top/a.txt")
    first, second = [str(p) for p in verify(path)]
    assert first.startswith("a.txt: unreadable (") and second == "b.txt: changed"
