"""The options are visible to type checkers: mypy --strict rejects a misspelt option or a
value of the wrong type where it is written, and accepts the documented calls."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bannedorgs import Annotator, annotate

GOOD = """
import datetime as dt

import bannedorgs
from bannedorgs import AnnotateOptions, Annotator, Issue

text = "Daesh claimed the attack."
result: bannedorgs.Annotation = bannedorgs.annotate(text, marker="*", on="2015-11-02", lang="en")
bannedorgs.annotate(text, marker=lambda i, org: f"[{i + 1}]", format="html", footnote_into="notes")
bannedorgs.annotate(text, on=dt.datetime(2015, 11, 2, 10, 0, tzinfo=dt.timezone.utc), mentions="all")
bannedorgs.find(text, on=dt.date(2015, 11, 2), format="text", include_unbanned=True)
issues: list[Issue] = bannedorgs.check(text, on="2015-11-02", format="markdown")
annotator = Annotator(on="2015-11-02", marker="superscript", footnotes=False)
annotator.annotate(text, marker="*", footnotes=True)
annotator.check(text, on=dt.date(2015, 11, 2))
options: AnnotateOptions = {"lang": "kk", "superscript_html": True}
bannedorgs.annotate(text, **options)
bannedorgs.is_banned("Daesh", on="2015-11-02")
bannedorgs.status("Daesh", on=bannedorgs.as_date("02/11/2015", order="dmy"))
"""

# each line is one mistake mypy must report on that line
BAD = """
import bannedorgs
from bannedorgs import Annotator

text = "Daesh claimed the attack."
bannedorgs.annotate(text, markr="*")
bannedorgs.annotate(text, on=20200101)
bannedorgs.annotate(text, lang="de")
bannedorgs.annotate(text, format="docx")
bannedorgs.annotate(text, mentions="every")
bannedorgs.find(text, on=20200101)
bannedorgs.find(text, marker="*")
bannedorgs.check(text, format="pdf")
Annotator(markr="*")
Annotator().annotate(text, footnote_into=3)
bannedorgs.is_banned("Daesh", on=20200101)
bannedorgs.as_date("01/02/2024", order="ymd")
"""


def _mypy(tmp_path: Path, name: str, source: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / name
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    env = {**os.environ, "MYPY_FORCE_COLOR": "0", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"),
         "--config-file", os.devnull, str(script)],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip


def test_mypy_strict_accepts_the_documented_calls_and_rejects_the_wrong_ones(tmp_path: Path) -> None:
    good = _mypy(tmp_path, "good.py", GOOD)
    assert good.returncode == 0, good.stdout + good.stderr

    bad = _mypy(tmp_path, "bad.py", BAD)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    lines = textwrap.dedent(BAD).splitlines()
    wrong = {n for n, line in enumerate(lines, 1) if line.startswith(("bannedorgs.", "Annotator("))}
    reported = {int(line.split(":")[1]) for line in bad.stdout.splitlines() if ": error:" in line}
    assert reported == wrong, bad.stdout
    markr = lines.index('bannedorgs.annotate(text, markr="*")') + 1
    assert any(f"bad.py:{markr}:" in line and '"markr"' in line for line in bad.stdout.splitlines()), bad.stdout


def test_annotator_defaults_are_overridden_by_a_call_and_kept_when_it_gives_none() -> None:
    annotator = Annotator(on="2024-06-01", marker="superscript", footnotes=False)
    text = "Talks with the Taliban resumed."
    assert annotator.annotate(text).text == text  # 2024: the Taliban is no longer banned
    assert annotator.annotate(text, on="2020-01-01").text == "Talks with the Taliban¹ resumed."
    assert annotator.annotate(text, on="2020-01-01", marker="*").text == "Talks with the Taliban* resumed."
    assert annotator.annotate(text, on="2020-01-01", marker=None).text == "Talks with the Taliban¹ resumed."
    assert annotator.annotate(text, on="2020-01-01", footnotes=True).text.count("*The Taliban") == 0
    assert "¹The Taliban has been banned" in annotator.annotate(text, on="2020-01-01", footnotes=True).text
    assert [m.org.id for m in annotator.find(text)] == []
    assert [m.org.id for m in annotator.find(text, on="2020-01-01")] == ["taliban"]
    assert annotator.check(text) == []
    assert [i.kind for i in annotator.check(text, on="2020-01-01")] == ["unmarked"]


def test_an_unknown_option_is_still_refused_at_run_time() -> None:
    with pytest.raises(TypeError, match="markr"):
        annotate("Daesh", markr="*")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="markr"):
        Annotator(markr="*")  # type: ignore[call-arg]


def test_the_types_made_when_asked_for_are_the_typed_ones() -> None:
    """The annotating modules make their typing objects only when asked for (the typing
    module costs a quick command a tenth of its time): they are what the type checker reads."""
    import typing

    from bannedorgs import annotator, formats, language

    assert typing.is_typeddict(annotator.AnnotateOptions)
    assert set(annotator.AnnotateOptions.__annotations__) == Annotator._OPTIONS
    assert annotator.AnnotateOptions.__total__ is False
    assert typing.get_args(annotator.FormatOption) == ("auto", *formats.FORMATS)
    assert typing.get_args(formats.Format) == formats.FORMATS == ("text", "markdown", "html")
    assert typing.get_args(language.Language) == language.LANGUAGES == ("en", "ru", "kk", "kk-Latn")
    assert formats.Format is formats.Format  # made once


def test_annotating_imports_no_typing() -> None:
    code = "import sys, bannedorgs.annotator, bannedorgs.cli; print('typing' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
