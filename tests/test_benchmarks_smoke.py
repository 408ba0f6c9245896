"""The benchmark scripts run (in their --quick form) and the corpus generator keeps its promises."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCHMARKS / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is made
    spec.loader.exec_module(module)
    return module


def _run(script: str, *options: str, quick: bool = True) -> str:
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *(["--quick"] if quick else []), *options],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_throughput_quick() -> None:
    out = _run("throughput.py")
    for heading in (
        "== Throughput",
        "== Scaling",
        "== annotate_many",
        "== Registry load",
        "== Cold start",
        "== Peak memory",
    ):
        assert heading in out
    for contender in ("(a) pyahocorasick", "(b) flashtext", "(c) re alternation", "(d) bannedorgs find()"):
        assert contender in out
    assert "(e) bannedorgs annotate() per article" in out
    assert re.search(r"contender\s+input\s+MB\s+runs\s+MB/s\s+vs \(a\)\s+mentions", out)
    assert re.search(r"\(d\) and \(a\) run in turns, \d+ pairs: find\(\) at [\d.]+×", out)


def test_coldstart_quick() -> None:
    out = _run("coldstart.py")
    assert "== Cold start, CPU time (median of 2 pairs with python -c pass)" in out
    for command in (
        'python -c "import attrs"',
        "bannedorgs annotate < one line",
        "bannedorgs lookup Taliban",
        "annotate, BANNEDORGS_NO_CACHE=1",
    ):
        assert re.search(rf"{re.escape(command)}\s+[\d.]+\s+[\d.]+×", out), command
    assert "bannedorgs lookup Taliban: " in out and "plan.load()" in out


def test_parallel_quick() -> None:
    out = _run("parallel.py", "--no-cli")
    for corpus in ("news", "mixed"):
        assert f"== (a) annotate_many, {corpus}:" in out
    assert re.search(r"2 processes: parent\s+[\d.]+\s+[\d.]+\s+[\d.]+", out)
    assert re.search(r"predicted speed-up on 2 idle cores: [\d.]+x", out)


def test_lookups_quick() -> None:
    out = _run("lookups.py")
    assert "== Lookup and search latency" in out
    assert re.search(r"queries\s+n\s+search µs\s+naive µs\s+search/naive\s+lookup µs", out)
    assert "all of the above" in out
    assert "== Cold start" in out


def test_documents_quick() -> None:
    out = _run("documents.py")
    assert "== documents (every mention marked)" in out
    for row in ("annotate(text), the baseline", "annotate_docx, Word footnotes", "check_docx", "annotate_odt"):
        assert row in out


@pytest.mark.parametrize("clock", [[], ["--cpu"]])
def test_versus_runs_two_versions_in_turns(clock: list[str]) -> None:
    src = BENCHMARKS.parent / "src"
    out = _run("versus.py", str(src), "--size-mb", "0.05", "--rounds", "1", *clock, quick=False)
    for heading in ("== corpus.py:", "== corpus_mixed.py:"):
        assert heading in out
    for row in ("find()", "find() per article", "annotate() per article"):
        assert re.search(rf"^{re.escape(row)}\s+[\d.]+\s+[\d.]+\s+[\d.]+×\s+[\d.]+×\s+[\d.]+×$", out, re.M)


def test_same_find_compares_two_versions_on_random_text() -> None:
    src = BENCHMARKS.parent / "src"
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / "same_find.py"), str(src), "--texts", "40", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    found = re.fullmatch(r"40 texts, (\d+) mentions: the same in both versions\n", proc.stdout)
    assert found is not None, proc.stdout
    assert int(found.group(1)) > 40  # the texts are made of names: most hold several


def test_same_find_shows_a_version_that_finds_otherwise(tmp_path: Path) -> None:
    """A copy of this version without the typo pass differs on the first text with a typo."""
    root = BENCHMARKS.parent
    package = tmp_path / "src" / "bannedorgs"
    shutil.copytree(root / "src" / "bannedorgs", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "data").mkdir()
    shutil.copy(root / "data" / "registry.yaml", package / "data" / "registry.yaml")
    source = (package / "matcher.py").read_text(encoding="utf-8")
    assert "\n_FUZZY_MIN = 10 " in source
    (package / "matcher.py").write_text(source.replace("\n_FUZZY_MIN = 10 ", "\n_FUZZY_MIN = 1000 "), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / "same_find.py"), str(package.parent), "--texts", "300", "--seed", "3"],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert re.match(r"text \d+ differs:\n", proc.stdout)
    assert "'fuzzy'" in proc.stdout  # what this version found and the copy did not


def test_phases_times_every_step_of_annotate() -> None:
    out = _run("phases.py", "--size-mb", "0.05", "--passes", "1", quick=False)
    for heading in ("== corpus.py:", "== corpus_mixed.py:"):
        assert heading in out
    # every step annotate() takes is still the function the script wraps: each one ran
    steps = (
        "date and format",
        "view and footnote block search",
        "language: prose sample and guess",
        "scan and mentions",
    )
    for step in (*steps, "markers placed", "output text"):
        assert re.search(rf"^  step: {re.escape(step)}\s+[\d.]+\s+\d+%$", out, re.M), step


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return _corpus()


def test_corpus_is_deterministic(corpus: ModuleType) -> None:
    assert corpus.generate(60_000, 7) == corpus.generate(60_000, 7)
    assert corpus.generate(60_000, 7) != corpus.generate(60_000, 8)
    # a longer corpus of the same seed starts with the shorter one
    assert corpus.generate(120_000, 7).startswith(corpus.generate(60_000, 7)[:50_000])


@pytest.mark.parametrize("size", [5_000, 200_000, 1_000_000])
def test_corpus_size(corpus: ModuleType, size: int) -> None:
    text = corpus.generate(size, 3)
    assert abs(len(text.encode("utf-8")) - size) <= size * 0.10


def test_corpus_has_mentions_and_lookalikes(corpus: ModuleType) -> None:
    stats = corpus.CorpusStats()
    articles = corpus.generate_articles(200_000, 1, stats)
    text = corpus.ARTICLE_SEPARATOR.join(articles)
    assert corpus.split_articles(text) == articles
    assert set(stats.by_language) == {"ru", "kk", "en"}
    # about one mention per 1-2 KB
    assert 200_000 / 2500 <= stats.mentions <= 200_000 / 800
    assert stats.lookalikes > 0
    assert re.search(r"Исламского государства|Аль-Каид[аыуеой]|Хизб ут-Тахрир", text)
    assert re.search(r"ИГИЛ-\w+|Әл-Каида\w+|Талибан\w+", text)
    assert re.search(r"\b(?:ISIS|IS's|Hizb ut-Tahrir|al-Qaeda|the Taliban)", text)
    counts = corpus.template_counts()
    assert all(c["sentences"] >= 60 for c in counts.values())


def test_load_quick() -> None:
    pytest.importorskip("uvicorn", reason="the load test runs the server (the 'server' extra)")
    out = _run("load.py")
    assert "== Load: POST /api/v1/annotate ==" in out
    rows = re.findall(r"^1\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+$", out, re.M)
    assert [(clients, errors) for clients, _, errors in rows] == [("1", "0"), ("10", "0")]


def test_compile_quick() -> None:
    out = _run("compile.py")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines() if line.startswith("| ")}
    assert {"compile_all()", "annotate one line", "annotate one 4 KB article"} <= rows.keys()
    compiled = re.search(r"\| compile_all\(\) \| [\d.]+ \((\d+)\) \| [\d.]+ \((\d+)\)", rows["compile_all()"])
    assert compiled is not None
    # every form of the registry, compiled or made from its record: hundreds of patterns
    assert int(compiled.group(1)) + int(compiled.group(2)) > 100
