"""Finding, reading and writing articles (cramptext.documents)."""
from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pytest

from cramptext.io import STDIN, Document, decode, discover, read_document, write_atomically, write_new_file
from cramptext.errors import InputError


def write(path: Path, text: str = "Leg cramps.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# ---------------------------------------------------------------- discover

def test_discover_yields_files_as_given_and_stdin(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt")
    odd = write(tmp_path / "notes.csv")  # a file named explicitly is used whatever its suffix
    assert list(discover([str(a), STDIN, str(odd)])) == [str(a), "-", str(odd)]


def test_discover_searches_folders_sorted_recursively(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.htm", "E.TXT", "f.markdown"):
        write(folder / name)
    write(folder / "notes.csv")
    write(folder / "image.png")
    found = list(discover([str(folder)]))
    expected = [folder / n for n in ("E.TXT", "a.md", "b.txt", "f.markdown", "sub/c.html", "sub/d.htm")]
    assert found == [str(p) for p in expected]


def test_discover_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder / "visible.txt")
    write(folder / ".hidden.txt")
    write(folder / ".git" / "inside.md")
    write(folder / "sub" / ".draft.md")
    assert list(discover([str(folder)])) == [str(folder / "visible.txt")]


def test_discover_hidden_means_below_the_given_folder(tmp_path: Path) -> None:
    # Only names under the folder given count: a checkout under ~/.cache still works.
    folder = tmp_path / ".cache" / "docs"
    write(folder / "a.txt")
    assert list(discover([str(folder)])) == [str(folder / "a.txt")]


def test_discover_folder_without_articles_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    write(folder / "notes.csv")
    write(folder / ".hidden.txt")
    (item,) = discover([str(folder)])
    assert isinstance(item, InputError)
    assert str(item) == f"{folder}: no articles (.txt, .md, .html) in this folder"


def test_discover_missing_path_is_an_error_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt")
    missing = tmp_path / "missing.txt"
    first, second = discover([str(missing), str(good)])
    assert isinstance(first, InputError)
    assert str(first) == f"{missing}: no such file or folder"
    assert second == str(good)


def test_discover_unreadable_folder_is_an_error_and_the_rest_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Why a monkeypatch: the tests run as root, whom mode 000 does not stop.
    folder = tmp_path / "docs"
    good = write(folder / "a.txt")
    write(folder / "locked" / "b.txt")
    other = write(tmp_path / "other.txt")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == folder / "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problem, *rest = discover([str(folder), str(other)])
    assert isinstance(problem, InputError)
    assert str(problem) == f"{folder / 'locked'}: cannot read folder: Permission denied"
    assert rest == [str(good), str(other)]


def test_discover_looping_symlink_given_or_found_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    good = write(folder / "a.txt")
    (folder / "x.txt").symlink_to("y.txt")
    (folder / "y.txt").symlink_to("x.txt")
    given = tmp_path / "loop.txt"
    given.symlink_to("loop.txt")
    items = list(discover([str(given), str(folder)]))
    assert [str(i) for i in items] == [f"{given}: broken or looping symbolic link",
                                       f"{folder / 'x.txt'}: broken or looping symbolic link",
                                       f"{folder / 'y.txt'}: broken or looping symbolic link", str(good)]
    assert [isinstance(i, InputError) for i in items] == [True, True, True, False]


# ---------------------------------------------------------------- decode

@pytest.mark.parametrize(("data", "message"), [
    (b"", "a.txt: empty file"),
    (b" \n\t\r\n  ", "a.txt: empty file"),
    (b"Leg\x00cramps", "a.txt: binary file, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt: binary file, not text"),
    (b"ok \xff\xfe bad", "a.txt: not valid UTF-8 (byte 3)"),
    (b"caf\xc3\xa9 \xe9t\xc3\xa9", "a.txt: not valid UTF-8 (byte 6)"),
    (b"Leg cramps\xe2\x80", "a.txt: not valid UTF-8 (byte 10)"),  # truncated sequence at the end
])
def test_decode_refuses_what_is_not_text(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode("a.txt", data)
    assert str(caught.value) == message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_refuses_utf16_with_a_bom(encoding: str) -> None:
    bom = "" if encoding == "utf-16" else "\ufeff"  # "utf-16" writes its own
    with pytest.raises(InputError) as caught:
        decode("a.txt", (bom + "Leg cramps.\n").encode(encoding))
    assert str(caught.value) == "a.txt: UTF-16 text; save it as UTF-8"


def test_decode_strips_the_bom_and_keeps_everything_else() -> None:
    assert decode("a.txt", b"\xef\xbb\xbfLeg cramps.\n") == "Leg cramps.\n"
    # Only a leading BOM; newlines are kept as they are (offsets refer to this text).
    assert decode("a.txt", "Caf\u00e9\r\n\ufeffx\n".encode()) == "Caf\u00e9\r\n\ufeffx\n"


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n  \n"])
def test_decode_bom_only_file_is_empty(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^a\.txt: empty file$"):
        decode("a.txt", data)


# ---------------------------------------------------------------- read_document

def test_read_document_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfLine one\r\nLine two\n")
    assert read_document(str(path)) == Document(str(path), "Line one\r\nLine two\n")


def test_read_document_on_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(str(tmp_path))
    assert str(caught.value) == f"{tmp_path}: is a folder, not a file"


def test_read_document_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError) as caught:
        read_document(str(missing))
    assert str(caught.value) == f"{missing}: cannot read: No such file or directory"


def test_read_document_decode_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\xff")
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert str(caught.value) == f"{path}: not valid UTF-8 (byte 3)"


def test_read_document_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Leg cramps at night.\n".encode())))
    assert read_document(STDIN) == Document("-", "Leg cramps at night.\n")


# ---------------------------------------------------------------- write_atomically

def test_write_atomically_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "old text\n")
    path.chmod(0o640)
    write_atomically(path, "new text\r\nwith caf\u00e9\n")
    assert path.read_bytes() == "new text\r\nwith caf\u00e9\n".encode()  # newlines written as given
    assert mode(path) == 0o640
    assert leftovers(tmp_path, {"a.txt"}) == []


def test_write_atomically_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "old text\n")
    path.chmod(0o444)
    with pytest.raises(InputError) as caught:
        write_atomically(path, "new text\n")
    assert str(caught.value) == f"{path}: file is read-only; nothing written"
    assert path.read_text(encoding="utf-8") == "old text\n"
    assert mode(path) == 0o444
    assert leftovers(tmp_path, {"a.txt"}) == []


def test_write_atomically_refuses_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a.txt"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        write_atomically(folder, "text\n")
    assert str(caught.value) == f"{folder}: not a regular file; nothing written"
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_write_atomically_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(InputError) as caught:
        write_atomically(path, "text\n")
    assert str(caught.value) == f"{path}: not a regular file; nothing written"
    assert not path.exists()


def test_write_atomically_failure_keeps_original_and_leaves_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", "old text\n")
    seen = []

    def failing_replace(src, dst):
        seen.append(Path(src))
        assert Path(src).read_text(encoding="utf-8") == "new text\n"  # the temp file was complete
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left on device"):
        write_atomically(path, "new text\n")
    assert len(seen) == 1 and seen[0].parent == tmp_path  # temp file in the same folder
    assert path.read_text(encoding="utf-8") == "old text\n"
    assert leftovers(tmp_path, {"a.txt"}) == []


# ---------------------------------------------------------------- write_new_file

def test_write_new_file_creates_a_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    write_new_file(path, "{}\n")
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert mode(path) == 0o644
    assert leftovers(tmp_path, {"out.jsonl"}) == []


def test_write_new_file_replaces_an_existing_file_keeping_its_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "out.jsonl", "old\n")
    path.chmod(0o600)
    write_new_file(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert mode(path) == 0o600


def test_write_new_file_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "out.jsonl"
    with pytest.raises(InputError) as caught:
        write_new_file(path, "{}\n")
    assert str(caught.value) == f"{path}: folder {path.parent} does not exist; nothing written"
    assert not path.parent.exists()


def test_write_new_file_refuses_a_folder_and_a_read_only_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(InputError, match=r": not a regular file; nothing written$"):
        write_new_file(folder, "{}\n")
    read_only = write(tmp_path / "ro.jsonl", "keep\n")
    read_only.chmod(0o444)
    with pytest.raises(InputError, match=r": file is read-only; nothing written$"):
        write_new_file(read_only, "{}\n")
    assert read_only.read_text(encoding="utf-8") == "keep\n"


# ---------------------------------------------------------------- streamed output files

def test_a_streamed_file_replaces_its_target_only_when_complete(tmp_path: Path) -> None:
    from cramptext.io.atomic import partial_path, streamed_file

    target = tmp_path / "claims.jsonl"
    target.write_text("the user's old output\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with streamed_file(target) as handle:
            handle.write('{"n": 1}\n')
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "the user's old output\n"
    assert partial_path(target).read_text(encoding="utf-8") == '{"n": 1}\n'
    with streamed_file(target) as handle:
        handle.write('{"n": 2}\n')
    assert target.read_text(encoding="utf-8") == '{"n": 2}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl", "claims.jsonl.partial"]


def test_a_document_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2_000, encoding="utf-8")
    with pytest.raises(InputError, match=r"big.txt: 2,000 bytes, over the size limit of 1,000"):
        read_document(str(path), max_size=1_000)
    assert read_document(str(path), max_size=2_000).text == "x" * 2_000
