"""Hostile input and faults: each test is the reproduction of a way the library or the command
line could hang, lose a file or be made to misbehave, and checks the behaviour that replaced it."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

import bannedorgs
from bannedorgs import OrganisationNotFoundError, RegistryError
from bannedorgs.cli import main
from bannedorgs.errors import Problem
from bannedorgs.registry import load

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- YAML anchors and aliases ----------------------------------------------------------------


def alias_bomb(levels: int = 7, width: int = 9) -> str:
    """Each level a list of ``width`` aliases of the one before: width**levels leaves once
    expanded (4.8 million for 9 and 7) from a file of a few hundred bytes."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    bomb = alias_bomb()
    assert len(bomb.encode()) < 400
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load(MINI, extra=[path])
    first = info.value.errors[0]
    assert (first.path, first.line, first.column) == (str(path), 1, 5)
    assert "an anchor (&l0) is not allowed" in first.message
    aliases = [e for e in info.value.errors if "alias (*l0)" in e.message]
    assert [(e.line, e.column) for e in aliases[:2]] == [(2, 10), (2, 15)]


def test_a_self_referencing_alias_is_a_problem_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("footnotes: &a [*a]\n", encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load(MINI, extra=[path])
    assert [str(e) for e in info.value.errors] == [
        f"{path}:1:12: an anchor (&a) is not allowed: write the value out in full",
        f"{path}:1:16: an alias (*a) is not allowed: write the value out in full",
    ]


def test_validate_reports_aliases_with_their_position(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [*a]\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(MINI), str(path))
    assert code == 1
    assert f"{path}:1:8: an alias (*a) is not allowed" in out


def test_ampersands_and_stars_inside_values_are_not_anchors(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        '"https://example.org/ban", says: "the court banned it"',
        '"https://example.org/ban?a=1&b=2", says: "the court *banned* it & more"',
    )
    path = tmp_path / "reg.yaml"
    path.write_text(text, encoding="utf-8")
    assert "&b=2" in text
    assert len(load(path)) == len(load(MINI))


# -- footnote templates ----------------------------------------------------------------------

TEMPLATES = """\
footnotes:
  en:
    day_court: "{name:>2000000000}"
    bogus: "x"
    day: "{name:d}"
    month: "{name"
    year: "{name!r}"
    year_court: "closing } alone"
    unknown_date: "{name.__class__}"
    unknown_date_court: "{{literal}} braces and {the_name}"
"""


def test_footnote_templates_are_checked_when_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.yaml"
    path.write_text(TEMPLATES, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load(MINI, extra=[path])
    found = {(e.line, e.column, e.field): e.message for e in info.value.errors}
    assert set(found) == {
        (3, 16, "footnotes.en.day_court"),
        (4, 12, "footnotes.en.bogus"),
        (5, 10, "footnotes.en.day"),
        (6, 12, "footnotes.en.month"),
        (7, 11, "footnotes.en.year"),
        (8, 17, "footnotes.en.year_court"),
        (9, 19, "footnotes.en.unknown_date"),
    }
    assert "writes {name:>2000000000}; a field is written plainly" in found[3, 16, "footnotes.en.day_court"]
    assert "unknown footnote template 'bogus'" in found[4, 12, "footnotes.en.bogus"]
    assert "writes {name:d}" in found[5, 10, "footnotes.en.day"]
    assert "not a valid format string" in found[6, 12, "footnotes.en.month"]
    assert "writes {name!r}" in found[7, 11, "footnotes.en.year"]
    assert "Single '}'" in found[8, 17, "footnotes.en.year_court"]
    assert "unknown field {name.__class__}" in found[9, 19, "footnotes.en.unknown_date"]


def test_validate_command_reports_bad_templates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "newsroom.yaml"
    path.write_text(TEMPLATES, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(MINI), str(path))
    assert code == 1
    assert f"{path}:3:16: footnotes.en.day_court: footnote template 'day_court' for 'en' writes" in out
    assert len(out.splitlines()) == 7


def test_a_width_spec_given_to_annotate_is_refused_before_formatting() -> None:
    with pytest.raises(ValueError, match=r"writes \{name:>2000000000\}"):
        bannedorgs.annotate("Hizb ut-Tahrir", on="2024-01-10", templates={"en": {"day_court": "{name:>2000000000}"}})


# -- errors across processes, paths, sizes, exit codes ---------------------------------------


def test_errors_survive_pickling() -> None:
    error = RegistryError([Problem("x.yaml", 3, 7, "id", "is required"), Problem("x.yaml", 0, 0, "", "empty")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.errors == error.errors
    assert str(copy) == str(error) == "2 problems in the registry:\nx.yaml:3:7: id: is required\nx.yaml: empty"
    missing = OrganisationNotFoundError("Hizb", ["hizb-ut-tahrir"])
    copy2 = pickle.loads(pickle.dumps(missing))
    assert (copy2.query, copy2.suggestions) == ("Hizb", ("hizb-ut-tahrir",))
    assert str(copy2) == "no organisation in the registry is called 'Hizb'; did you mean 'hizb-ut-tahrir'?"


def test_errors_cross_a_process_pool() -> None:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(load, "/nonexistent/registry.yaml")
        with pytest.raises(RegistryError) as info:
            future.result()
    assert [str(e) for e in info.value.errors] == [
        "/nonexistent/registry.yaml: cannot be read: No such file or directory"
    ]


def test_extra_given_as_one_string_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.yaml"
    path.write_text("organisations:\n  - id: red-banner\n    aliases:\n      en: [Crimson Flag]\n", encoding="utf-8")
    registry = load(MINI, extra=str(path))
    assert registry.lookup("Crimson Flag").id == "red-banner"
    assert load(MINI, extra=path).lookup("Crimson Flag").id == "red-banner"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_registry_is_refused_at_the_size_limit() -> None:
    with pytest.raises(RegistryError, match=r"/dev/zero: is larger than 64 MiB, the most a registry may be"):
        load("/dev/zero")


def test_registry_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    read, write = os.pipe()
    os.write(write, MINI.read_bytes())
    os.close(write)
    fifo = f"/dev/fd/{read}"
    try:
        code, out, err = run(capsys, "--registry", fifo, "lookup", "Red Banner", "--json")
    finally:
        os.close(read)
    assert (code, err) == (0, "")
    assert '"id": "red-banner"' in out


def test_a_missing_and_an_unreadable_registry_exit_alike(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)  # opening it fails (too many levels of links) even for root
    for command in (["lookup", "x"], ["validate"]):
        code, _, err = run(capsys, "--registry", str(tmp_path / "missing.yaml"), *command)
        assert (code, err) == (2, f"bannedorgs: the registry file '{tmp_path / 'missing.yaml'}' does not exist\n")
        code, _, err = run(capsys, "--registry", str(loop), *command)
        assert code == 2
        assert err.startswith(f"bannedorgs: the registry file '{loop}' cannot be read (")


# -- documents that end inside unclosed markup -----------------------------------------------

ON = "2024-01-10"
EN = "Members of Hizb ut-Tahrir were detained."
UNCLOSED = {
    "comment.html": f"<p>{EN}</p>\n<!-- a draft note, never closed\n",
    "script.html": f"<p>{EN}</p>\n<script>var x = 1;\n",
    "tag.html": f'<p>{EN}</p>\n<img alt="x\n',
    "script-at-end.html": f"<p>{EN}</p>\n<script>",
    "block.md": f"# Title\n\n{EN}\n\n<pre>\ncode that never ends\n",
}
WHERE = {
    "comment.html": (2, 1),
    "script.html": (2, 1),
    "tag.html": (2, 1),
    "script-at-end.html": (2, 1),
    "block.md": (5, 1),
}


@pytest.mark.parametrize("name", sorted(UNCLOSED))
def test_a_document_ending_in_unclosed_markup_is_annotated_before_it(name: str) -> None:
    text = UNCLOSED[name]
    line, column = WHERE[name]
    at = text.index("\n<") + 1 if name.endswith(".html") else text.index("<pre>")
    with pytest.warns(bannedorgs.UnclosedMarkupWarning) as caught:
        result = bannedorgs.annotate(text, on=ON)
    warning = caught[0].message
    assert isinstance(warning, bannedorgs.UnclosedMarkupWarning)
    assert (warning.offset, warning.line, warning.column) == (at, line, column)
    assert f"starts at line {line}, column {column}" in str(warning)
    head, tail = text[:at], text[at:]
    assert result.text.endswith(tail)  # the unclosed part is kept as it was
    annotated_head = result.text[: len(result.text) - len(tail)]
    marker = "\\*" if name.endswith(".md") else "*"
    assert annotated_head.startswith(head.replace("Hizb ut-Tahrir", "Hizb ut-Tahrir" + marker)[: len(head) - 2])
    assert "has been banned in Kazakhstan" in annotated_head  # the footnote stands before the tail
    with pytest.warns(bannedorgs.UnclosedMarkupWarning):
        again = bannedorgs.annotate(result.text, on=ON)
    assert again.text == result.text
    from bannedorgs.annotator import default_annotator

    assert default_annotator().check(result.text, on=ON) == []


def test_unclosed_markup_error_keeps_its_offset_across_processes() -> None:
    from bannedorgs.errors import UnclosedMarkupError
    from bannedorgs.formats import block_insertion

    with pytest.raises(UnclosedMarkupError) as info:
        block_insertion("<p>x</p><!-- open", "html")
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.offset, str(copy)) == (8, str(info.value))
    assert str(copy).startswith("the HTML ends inside a comment or CDATA section (offset 8)")


def _batch(tmp_path: Path) -> list[str]:
    names = ["comment.html", "plain.txt", "script.html", "block.md"]
    texts = {**UNCLOSED, "plain.txt": f"{EN}\n"}
    for name in names:
        (tmp_path / name).write_text(texts[name], encoding="utf-8")
    return [str(tmp_path / name) for name in names]


@pytest.mark.parametrize("jobs", ["1", "2", "4"])
def test_a_batch_goes_on_past_documents_with_unclosed_markup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, jobs: str
) -> None:
    files = _batch(tmp_path)
    code, out, err = run(capsys, "annotate", "--on", ON, "--jobs", jobs, *files)
    assert code == 0
    assert out.count("Hizb ut-Tahrir*") + out.count("Hizb ut-Tahrir\\*") == 4  # every file, in order
    assert out.index("<!-- a draft") < out.index("Hizb ut-Tahrir* were detained.\n\n*Hizb") < out.index("<script>")
    assert err.splitlines() == [
        f"bannedorgs: {files[0]}:2:1: warning: the HTML ends inside a comment or CDATA section; "
        "annotated up to there, the footnotes put before it",
        f"bannedorgs: {files[2]}:2:1: warning: the HTML ends inside <script>; "
        "annotated up to there, the footnotes put before it",
        f"bannedorgs: {files[3]}:5:1: warning: the Markdown ends inside an HTML block that only "
        "'</script>, </pre>, </style> or </textarea>' closes; annotated up to there, the footnotes put before it",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_that_cannot_be_annotated_is_reported_and_the_rest_done(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: str
) -> None:
    from bannedorgs.annotator import Annotator

    files = [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    for name, text in zip(files, ["Hizb ut-Tahrir.\n", "REFUSE Hizb ut-Tahrir.\n", "Hizb ut-Tahrir!\n"], strict=True):
        Path(name).write_text(text, encoding="utf-8")
    original = Annotator.annotate

    def annotate(self: Annotator, text: str, **options: object) -> object:
        if text.startswith("REFUSE"):
            raise ValueError("this document cannot be annotated")
        return original(self, text, **options)

    monkeypatch.setattr(Annotator, "annotate", annotate)
    code, _, err = run(capsys, "annotate", "--on", ON, "--jobs", jobs, "--in-place", *files)
    assert code == 2
    assert err == f"bannedorgs: {files[1]}: this document cannot be annotated\n"
    assert Path(files[0]).read_text(encoding="utf-8").startswith("Hizb ut-Tahrir*.")
    assert Path(files[1]).read_text(encoding="utf-8") == "REFUSE Hizb ut-Tahrir.\n"
    assert Path(files[2]).read_text(encoding="utf-8").startswith("Hizb ut-Tahrir*!")


# -- --in-place and --backup -----------------------------------------------------------------

ORIGINAL = f"{EN}\n"


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_concurrent_in_place_runs_keep_the_original_in_the_backup(tmp_path: Path) -> None:
    import subprocess
    import sys

    for round_ in range(2):
        folder = tmp_path / str(round_)
        folder.mkdir()
        path = folder / "story.txt"
        path.write_text(ORIGINAL, encoding="utf-8")
        command = [sys.executable, "-m", "bannedorgs", "annotate", "--on", ON, "--in-place", "--backup", ".bak"]
        runs = [subprocess.Popen([*command, str(path)], stderr=subprocess.PIPE, text=True) for _ in range(8)]
        outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in runs]
        for p in runs:
            if p.stderr:
                p.stderr.close()
        assert (folder / "story.txt.bak").read_text(encoding="utf-8") == ORIGINAL
        assert path.read_text(encoding="utf-8") == bannedorgs.annotate(ORIGINAL, on=ON).text
        assert _files(folder) == ["story.txt", "story.txt.bak"]
        for code, err in outcomes:  # each run either wrote, found nothing to do, or refused
            assert (code, err) == (0, "") or (code == 2 and "changed on disk while it was being annotated" in err)


@pytest.mark.parametrize("size", ["small", "streamed"])
def test_an_unchanged_file_is_not_rewritten_and_its_backup_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size: str
) -> None:
    if size == "streamed":
        from bannedorgs import cli

        monkeypatch.setattr(cli, "_STREAM_AT", 200)
        monkeypatch.setattr(cli, "_PIECE", 64)
    path = tmp_path / "story.txt"
    original = (ORIGINAL + "\n" + "Nothing else happened that day.\n\n" * 20).encode()
    path.write_bytes(original)
    argv = ["annotate", "--on", ON, "--in-place", "--backup", ".bak", str(path)]
    assert run(capsys, *argv) == (0, "", "")
    annotated = path.read_bytes()
    assert annotated != original
    assert (tmp_path / "story.txt.bak").read_bytes() == original
    before = path.stat()
    assert run(capsys, *argv) == (0, "", "")  # nothing to add: nothing written
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, path.read_bytes()) == (before.st_ino, before.st_mtime_ns, annotated)
    assert (tmp_path / "story.txt.bak").read_bytes() == original
    assert _files(tmp_path) == ["story.txt", "story.txt.bak"]


@pytest.mark.parametrize("size", ["small", "streamed"])
def test_a_file_changed_while_annotated_is_left_to_the_other_writer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, size: str
) -> None:
    from bannedorgs import cli
    from bannedorgs.annotator import Annotator

    if size == "streamed":
        monkeypatch.setattr(cli, "_STREAM_AT", 200)
        monkeypatch.setattr(cli, "_PIECE", 64)
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL + "\nMore.\n" * 40, encoding="utf-8")
    theirs = "An editor's newer version.\n"
    for method in ("annotate", "annotate_stream", "iter_stream_annotations"):
        original = getattr(Annotator, method)

        def meddle(self: Annotator, *args: object, _original: object = original, **options: object) -> object:
            path.write_text(theirs, encoding="utf-8")  # another program saves the file meanwhile
            return _original(self, *args, **options)  # type: ignore[operator]

        monkeypatch.setattr(Annotator, method, meddle)
    code, out, err = run(capsys, "annotate", "--on", ON, "--in-place", "--backup", ".bak", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"bannedorgs: {path}: changed on disk while it was being annotated (another program wrote it); "
        "left as it is, run again\n"
    )
    assert path.read_text(encoding="utf-8") == theirs
    assert _files(tmp_path) == ["story.txt"]  # no backup of a version that was not replaced, no temp file


def test_a_failed_backup_leaves_the_previous_backup_and_the_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import errno

    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "story.txt.bak").write_text("the previous good backup\n", encoding="utf-8")
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the backup's: the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = run(capsys, "annotate", "--on", ON, "--in-place", "--backup", ".bak", str(path))
    assert code == 2
    assert err == f"bannedorgs: {path}: cannot be written (No space left on device)\n"
    assert path.read_text(encoding="utf-8") == ORIGINAL
    assert (tmp_path / "story.txt.bak").read_text(encoding="utf-8") == "the previous good backup\n"
    assert _files(tmp_path) == ["story.txt", "story.txt.bak"]


def test_stale_temp_files_of_a_killed_run_are_removed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead = int(gone.stdout)
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    stale = tmp_path / f".story.txt.{dead}.k2j4h5g6.bannedorgs-tmp"
    live = tmp_path / f".story.txt.{os.getppid()}.a1b2c3d4.bannedorgs-tmp"  # a run still going
    other = tmp_path / f".story.txt.{dead}.tmp"  # not of this program's naming
    for p in (stale, live, other):
        p.write_text("half", encoding="utf-8")
    assert run(capsys, "annotate", "--on", ON, "--in-place", str(path)) == (0, "", "")
    assert _files(tmp_path) == sorted([live.name, other.name, "story.txt"])


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file away needs root")
def test_owner_and_mode_are_kept_in_the_file_and_its_backup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    path.chmod(0o604)
    os.chown(path, 65534, 65534)
    assert run(capsys, "annotate", "--on", ON, "--in-place", "--backup", ".bak", str(path)) == (0, "", "")
    for p in (path, tmp_path / "story.txt.bak"):
        st = p.stat()
        assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o604)


def test_a_hard_link_keeps_the_original_and_a_symbolic_link_stays_a_link(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    hard = tmp_path / "hard.txt"
    os.link(path, hard)
    soft = tmp_path / "soft.txt"
    soft.symlink_to(path)
    assert run(capsys, "annotate", "--on", ON, "--in-place", str(soft)) == (0, "", "")
    assert soft.is_symlink()
    assert path.read_text(encoding="utf-8") == bannedorgs.annotate(ORIGINAL, on=ON).text
    assert hard.read_text(encoding="utf-8") == ORIGINAL  # as with sed -i: the link is broken


# -- size limits -----------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_input_stops_at_the_limit(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs import cli

    monkeypatch.setattr(cli, "MAX_READ", 1024 * 1024)
    code, out, err = run(capsys, "annotate", "/dev/zero", "/dev/null")
    assert (code, out) == (2, "")
    assert err == (
        "bannedorgs: /dev/zero: larger than 1 MiB, the most read at once "
        "(plain-text files larger than 8 MiB are streamed instead)\n"
    )
    code, _, err = run(capsys, "check", "/dev/zero")
    assert code == 2
    assert "/dev/zero: larger than 1 MiB" in err


# -- the text shapes that once cost time in the square of their length -----------------------


def _scaling() -> object:
    import importlib.util
    import sys

    benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"
    sys.path.insert(0, str(benchmarks))  # the script imports its harness as a sibling
    try:
        spec = importlib.util.spec_from_file_location("bench_scaling", benchmarks / "scaling.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(benchmarks))
    return module


def test_each_hostile_shape_finishes_with_the_right_answer() -> None:
    scaling = _scaling()
    shapes = {s.name: s for s in scaling.SHAPES}  # type: ignore[attr-defined]
    assert set(shapes) == {
        "mixed-script-word",
        "mixed-script-query",
        "acronym-crlf",
        "html-tag-stack",
        "html-view-only",
        "typo-pass",
        "defined-abbreviations",
        "names-in-one-address",
        "mixed-corpus",
        "markdown-view",
        "html-view-and-block",
        "marker-mask",
    }

    def answer(name: str, n: int) -> tuple[str, object]:
        text = shapes[name].build(n)
        return text, shapes[name].run(text)

    text, found = answer("mixed-script-word", 3000)
    assert [(m.org.id, m.start, m.end) for m in found] == [("hizb-ut-tahrir", 0, 14)]  # type: ignore[attr-defined]
    _, matches = answer("mixed-script-query", 3000)
    assert [m.org.id for m in matches] == ["taliban"]  # type: ignore[attr-defined]
    # a two-letter acronym without its full name or a cue word nearby is a word ("group" is no cue)
    _, found = answer("acronym-crlf", 300)
    assert found == []
    _, found = answer("html-tag-stack", 3000)
    assert found == []
    text, seen = answer("html-view-only", 3000)
    assert seen == "\x00" * len(text)
    _, found = answer("typo-pass", 300)
    assert [(m.org.id, m.start) for m in found] == [("al-nusra-front", 19 * i) for i in range(300)]  # type: ignore[attr-defined]
    # the long documents: every name found, its surface the text's, markup hidden, no mark taken
    text, found = answer("mixed-corpus", 50_000)
    assert found and all(text[m.start : m.end] == m.surface for m in found)  # type: ignore[attr-defined]
    text, seen = answer("markdown-view", 3)
    assert len(seen) == len(text) and seen.count("Хизб ут-Тахрир") == 3  # type: ignore[arg-type, attr-defined]
    assert "https" not in seen and "**" not in seen  # type: ignore[operator]
    text, found = answer("html-view-and-block", 50)
    assert [(m.org.id, m.marked) for m in found] == [("hizb-ut-tahrir", False)] * 50  # type: ignore[attr-defined]
    text, seen = answer("marker-mask", 100)
    assert seen is text  # no marker: the view itself
    text, found = answer("defined-abbreviations", 200)
    names = [m for m in found if m.rule == "exact"]  # type: ignore[attr-defined]
    defined = [m for m in found if m.rule == "abbreviation"]  # type: ignore[attr-defined]
    assert len(names) == 200
    abbreviations = scaling._abbreviations(200)  # type: ignore[attr-defined]
    assert len(set(abbreviations)) == 200
    from bannedorgs.matcher import _NOT_DEFINED

    assert not set(abbreviations) & _NOT_DEFINED  # none of the first 200 is a news agency's or a country's
    assert [m.surface for m in defined] == abbreviations
    assert all(text[m.start - 1] == "(" for m in defined)
    # one run without spaces ending in an address: a name is part of it where the address's
    # domain lies within the reach looked at around the name, and a name of its own elsewhere
    from bannedorgs.matcher import _ADDRESS_REACH

    text, found = answer("names-in-one-address", 200)
    domain_end = text.index("kz/") + len("kz/")
    expected = [5 * i for i in range(200) if 5 * i + len("ИГИЛ") + _ADDRESS_REACH < domain_end]
    assert 0 < len(expected) < 200
    assert [m.start for m in found] == expected  # type: ignore[attr-defined]


def test_deep_nesting_in_a_registry_file_is_refused_with_its_position(tmp_path: Path) -> None:
    from bannedorgs import _yaml

    path = tmp_path / "deep.yaml"
    path.write_text("footnotes: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load(MINI, extra=[path])
    first = info.value.errors[0]
    assert (first.line, first.column) == (1, 11 + _yaml.MAX_DEPTH)  # the bracket one level too deep
    assert first.message == f"lists and mappings nest deeper than {_yaml.MAX_DEPTH} levels here"
