"""annotate_many in worker processes: the same results as in this process, and a bounded
number of texts taken from the input and not yet handed out, however slow the consumer."""

from __future__ import annotations

import gc
import multiprocessing
import os
import subprocess
import sys
import textwrap
import time
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bannedorgs import Annotator
from bannedorgs.cli import main
from bannedorgs.errors import UnclosedMarkupWarning
from bannedorgs.parallel import IN_FLIGHT
from bannedorgs.registry import Registry

TEXTS = ["Text {}: the Red Banner Front marched.", "Text {}: nothing.", "Text {}: Красного знамени."]


class _Source:
    """An endless-looking input that counts how many texts were taken from it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.taken = 0

    def __iter__(self) -> Iterator[str]:
        for i in range(self.count):
            self.taken += 1
            yield TEXTS[i % len(TEXTS)].format(i)


def test_a_slow_consumer_keeps_the_input_read_ahead_bounded(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01")
    chunk, processes = 4, 2
    bound = (IN_FLIGHT * processes + 1) * chunk  # chunks taken (sent or kept here) and not yet handed out
    source = _Source(2000)
    results = annotator.annotate_many(source, processes=processes, chunksize=chunk)
    seen: list[str] = []
    ahead = []
    for result in results:
        seen.append(result.text)
        ahead.append(source.taken - len(seen))
        if len(seen) in (1, 50, 51):
            time.sleep(0.3)  # a slow consumer: the workers would race ahead if they could
        if len(seen) == 60:
            break
    results.close()  # type: ignore[attr-defined]
    assert max(ahead) <= bound
    assert source.taken <= 60 + bound  # far from the 2,000 texts a greedy reader takes
    assert seen[0] == "Text 0: the Red Banner Front* marched.\n\n" + seen[0].split("\n\n", 1)[1]


def test_results_equal_those_made_in_this_process(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01", marker="numbered")
    texts = [t.format(i) for i in range(30) for t in TEXTS]
    serial = [annotator.annotate(t) for t in texts]
    parallel = list(annotator.annotate_many(iter(texts), processes=2, chunksize=5))
    assert parallel == serial
    assert sum(len(a.mentions) for a in parallel) == 60
    # the parent rebuilds mentions on its own organisation objects
    assert all(m.org is mini.get(m.org.id) for a in parallel for m in a.mentions)


def test_a_bad_chunksize_is_refused(mini: Registry) -> None:
    with pytest.raises(ValueError, match="chunksize must be at least 1, not 0"):
        list(Annotator(mini).annotate_many(["x"], processes=2, chunksize=0))


def test_texts_from_a_generator_travel_to_the_workers(mini: Registry) -> None:
    # a generator is not the forked workers' own copy: its texts are sent with each chunk
    annotator = Annotator(mini, on="2015-01-01")
    texts = [t.format(i) for i in range(40) for t in TEXTS]
    parallel = list(annotator.annotate_many((t for t in texts), processes=2, chunksize=7))
    assert [a.text for a in parallel] == [annotator.annotate(t).text for t in texts]
    assert parallel[0].text.startswith("Text 0: the Red Banner Front* marched.")


def test_default_chunks_are_sized_by_characters(mini: Registry) -> None:
    # one long text among short ones: the results come back whole and in order
    annotator = Annotator(mini, on="2015-01-01")
    texts = ["the Red Banner Front " * 5000, *(t.format(i) for i in range(300) for t in TEXTS), ""]
    assert list(annotator.annotate_many(texts, processes=2)) == [annotator.annotate(t) for t in texts]
    assert list(annotator.annotate_many([], processes=2)) == []


def test_default_chunks_shrink_towards_the_end(mini: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    # each chunk takes a share of what is left, down to 16 Ki characters: the last chunks are
    # small, so no worker runs a large one alone at the end
    from bannedorgs import parallel

    texts = [f"{i:04} the Red Banner Front. " + "word " * 194 + "end" for i in range(400)]
    assert {len(t) for t in texts} == {1000}
    sent: list[int] = []  # the characters of each chunk, sent to the worker or kept here, in order
    kept: list[int] = []  # which of them this process annotated itself
    send, annotate_chunk = parallel._Pool.send, parallel._annotate_chunk

    def record(self: Any, worker: int, job: Any) -> None:
        sent.append(sum(len(texts[i]) for i in job) if isinstance(job, range) else sum(map(len, job)))
        send(self, worker, job)

    def record_kept(annotator: Annotator, chunk: list[str], *, options: Any, here: bool = False) -> Any:
        if here:  # (a forked worker's calls land in the worker's copy of these lists)
            kept.append(len(sent))
            sent.append(sum(map(len, chunk)))
        return annotate_chunk(annotator, chunk, options=options, here=here)

    monkeypatch.setattr(parallel._Pool, "send", record)
    monkeypatch.setattr(parallel, "_annotate_chunk", record_kept)
    annotator = Annotator(mini, on="2015-01-01")
    assert list(annotator.annotate_many(texts, processes=2)) == [annotator.annotate(t) for t in texts]
    assert sum(sent) == 400_000
    assert sent[0] == 50_000  # what is left / (2 processes * 4)
    assert kept  # this process annotated chunks too, and the worker the rest
    assert len(kept) < len(sent)
    assert sent == sorted(sent, reverse=True)
    assert sent[-2] == 17_000  # the smallest: 16,384 characters, in whole texts


def test_a_bad_text_raises_its_own_error_after_the_texts_before_it(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01")
    texts: list[Any] = [t.format(i) for i in range(10) for t in TEXTS]
    texts[17] = 42  # not a text: annotate() refuses it
    with pytest.raises(Exception) as alone:  # noqa: PT011 - the same error, whatever it is
        list(annotator.annotate_many(texts, processes=1))
    seen: list[str] = []

    def take_all() -> None:
        for result in annotator.annotate_many(texts, processes=2, chunksize=4):
            seen.append(result.text)

    with pytest.raises(type(alone.value)) as together:
        take_all()
    assert str(together.value) == str(alone.value)
    assert len(seen) == 17  # every text before the bad one, as in one process
    assert seen == [annotator.annotate(t).text for t in texts[:17]]
    assert not multiprocessing.active_children()  # the workers were stopped


def test_a_warning_in_a_worker_reaches_the_caller(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01")
    texts = [t.format(i) for i in range(6) for t in TEXTS]
    texts[10] = "<p>the Red Banner Front</p>\n<script>var x = 1;\n"
    with pytest.warns(UnclosedMarkupWarning) as alone:
        serial = list(annotator.annotate_many(texts, processes=1))
    with pytest.warns(UnclosedMarkupWarning) as together:
        parallel = list(annotator.annotate_many(texts, processes=2, chunksize=4))
    assert parallel == serial
    assert [str(w.message) for w in together] == [str(w.message) for w in alone]
    assert len(together) == 1


def _never_ready(monkeypatch: pytest.MonkeyPatch, ready: bool) -> None:
    """Make the parent see every result as not back yet (it then annotates chunks itself up
    to its limit) or as back already (it then leaves every chunk to the workers)."""
    from bannedorgs import parallel

    monkeypatch.setattr(parallel._Pool, "ready", lambda self, worker: ready)


def _die_in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker (never this process) that meets the text "die" ends at once, as if killed."""
    original, parent = Annotator.annotate, os.getpid()

    def annotate(self: Annotator, text: str, **options: Any) -> Any:
        if text == "die" and os.getpid() != parent:
            os._exit(3)  # a worker killed (by the OOM killer, say) in the middle of a chunk
        return original(self, text, **options)

    monkeypatch.setattr(Annotator, "annotate", annotate)


@pytest.mark.parametrize("parent_works", [False, True])
def test_this_process_and_its_workers_share_the_texts(
    mini: Registry, monkeypatch: pytest.MonkeyPatch, parent_works: bool
) -> None:
    # whoever annotates a chunk, the results are this process's own and come in order
    from bannedorgs import parallel

    _never_ready(monkeypatch, not parent_works)
    kept = []
    annotate_chunk = parallel._annotate_chunk

    def record(annotator: Annotator, chunk: list[str], *, options: Any, here: bool = False) -> Any:
        if here:
            kept.extend(chunk)
        return annotate_chunk(annotator, chunk, options=options, here=here)

    monkeypatch.setattr(parallel, "_annotate_chunk", record)
    annotator = Annotator(mini, on="2015-01-01", marker="numbered")
    texts = [t.format(i) for i in range(40) for t in TEXTS]
    serial = [annotator.annotate(t) for t in texts]
    for source in (texts, iter(texts)):
        kept.clear()
        assert list(annotator.annotate_many(source, processes=3, chunksize=5)) == serial
        if parent_works:
            assert 0 < len(kept) < len(texts)  # this process took its share, the workers the rest
            assert len(kept) <= len(texts) // 2  # never more than IN_FLIGHT chunks ahead of two workers
        else:
            assert kept == []


@pytest.mark.parametrize("parent_works", [False, True])
def test_warnings_reach_the_caller_at_their_texts_turn(
    mini: Registry, monkeypatch: pytest.MonkeyPatch, parent_works: bool
) -> None:
    # each warning comes with its own text's result, whichever process annotated it
    _never_ready(monkeypatch, not parent_works)
    annotator = Annotator(mini, on="2015-01-01")
    texts = [t.format(i) for i in range(12) for t in TEXTS]
    for i in range(2, len(texts), 5):
        texts[i] = "\n" * i + "<p>the Red Banner Front</p>\n<script>var x = 1;\n"  # each warns of its own line

    where: set[str] = set()

    def turns(processes: int) -> list[tuple[str, list[str]]]:
        seen = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for result in annotator.annotate_many(texts, processes=processes, chunksize=3):
                seen.append((result.text, [str(w.message) for w in caught]))
                where.update(w.filename for w in caught)
                caught.clear()
        return seen

    alone = turns(1)
    assert sum(len(told) for _, told in alone) == 7  # texts 2, 7, ..., 32
    assert len({m for _, told in alone for m in told}) == 7
    where.clear()
    assert turns(2) == alone
    assert where == {__file__}  # raised where the results are taken, as warnings.warn's stacklevel says


def test_a_text_the_insertions_do_not_make_is_sent_back_whole(mini: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    # the parent rebuilds a worker's text from its input and the insertions, unless the
    # worker's text is something else: then it comes back as it is
    import attrs

    original = Annotator.annotate

    def annotate(self: Annotator, text: str, **options: Any) -> Any:
        result = original(self, text, **options)
        return attrs.evolve(result, text=result.text.upper()) if "nothing" in text else result

    monkeypatch.setattr(Annotator, "annotate", annotate)
    _never_ready(monkeypatch, True)  # every chunk to the worker
    annotator = Annotator(mini, on="2015-01-01")
    texts = [t.format(i) for i in range(5) for t in TEXTS]
    parallel = list(annotator.annotate_many(texts, processes=2, chunksize=2))
    assert parallel == [annotator.annotate(t) for t in texts]
    assert parallel[1].text.startswith("TEXT 0: NOTHING.")
    assert parallel[0].text.startswith("Text 0: the Red Banner Front* marched.")


def test_a_worker_that_dies_is_reported_not_waited_for(mini: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    _never_ready(monkeypatch, True)  # every chunk to the worker, "die" too
    _die_in_workers(monkeypatch)
    texts = ["Text: the Red Banner Front."] * 10 + ["die"] + ["Text."] * 10
    with pytest.raises(RuntimeError, match=r"worker process \d+ stopped before it sent its results \(exit code 3\)"):
        list(Annotator(mini).annotate_many(texts, processes=2, chunksize=3))
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_with_the_last_chunk_is_reported_and_the_rest_cleaned_up(
    mini: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the dead worker's chunk is the last one awaited: the others are told to stop, and the
    # dead one, which can no longer be told, must not turn the report into a BrokenPipeError
    _die_in_workers(monkeypatch)  # the worker has both chunks before this process takes any
    with pytest.raises(RuntimeError, match=r"worker process \d+ stopped before it sent its results \(exit code 3\)"):
        list(Annotator(mini).annotate_many(["Text: the Red Banner Front.", "die"], processes=2, chunksize=1))
    assert not multiprocessing.active_children()
    assert gc.get_freeze_count() == 0


def test_workers_gone_after_their_last_result_do_not_break_the_end(mini: Registry) -> None:
    # every result was handed out, then the workers died (a Ctrl-C reaches them too): the
    # generator still ends cleanly, the heap unfrozen
    annotator = Annotator(mini, on="2015-01-01")
    texts = [t.format(i) for i in range(2) for t in TEXTS]
    expected = [annotator.annotate(t) for t in texts]
    results = annotator.annotate_many(texts, processes=2, chunksize=3)
    got = [next(results) for _ in texts]  # both chunks received: nothing left to wait for
    for process in multiprocessing.active_children():
        process.kill()
        process.join()
    assert list(results) == []
    assert got == expected
    assert gc.get_freeze_count() == 0


def test_a_worker_that_cannot_start_leaves_no_workers_and_no_frozen_heap(
    mini: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = []
    start = multiprocessing.Process.start

    def start_some(self: multiprocessing.Process) -> None:
        if started:
            raise OSError(11, "Resource temporarily unavailable")  # fork() failed: too many processes
        start(self)
        started.append(self)

    monkeypatch.setattr(multiprocessing.Process, "start", start_some)
    texts = [t.format(i) for i in range(4) for t in TEXTS]
    with pytest.raises(OSError, match="Resource temporarily unavailable"):
        list(Annotator(mini).annotate_many(texts, processes=3, chunksize=1))  # chunks for both workers
    assert started
    assert not multiprocessing.active_children()  # the one that started was stopped
    assert gc.get_freeze_count() == 0


def test_stopping_early_ends_the_workers_and_unfreezes_the_heap(mini: Registry) -> None:
    annotator = Annotator(mini, on="2015-01-01")
    results = annotator.annotate_many([t.format(i) for i in range(3000) for t in TEXTS], processes=2, chunksize=8)
    next(results)
    assert gc.get_freeze_count() > 0  # the heap the workers share is not walked while they run
    results.close()  # type: ignore[attr-defined]
    assert not multiprocessing.active_children()
    assert gc.get_freeze_count() == 0


def test_prepare_compiles_every_form_the_workers_would_meet(mini: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs.matcher import Matcher
    from bannedorgs.parallel import prepare

    texts = [t.format(i) for i in range(3) for t in TEXTS]
    expected = [Annotator(mini, on="2015-01-01").annotate(t) for t in texts]
    annotator = Annotator(mini, on="2015-01-01")
    prepare(annotator)

    def compile_again(self: Matcher, index: int) -> None:
        raise AssertionError(f"form {index} compiled again")

    monkeypatch.setattr(Matcher, "_compile", compile_again)
    assert [annotator.annotate(t) for t in texts] == expected


def _articles(directory: Path, count: int) -> list[str]:
    names = []
    for i in range(count):
        path = directory / f"{i:03}.txt"
        text = [
            f"{i}: Members of Hizb ut-Tahrir were detained.\n",
            f"{i}: Погода хорошая.\n",
            f"{i}: ИГИЛ и «Талибан».\n",
        ]
        path.write_text(text[i % 3], encoding="utf-8")
        names.append(str(path))
    return names


def test_jobs_give_the_same_bytes_and_messages_in_batches(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 70 files go out in batches of several files; one in the middle cannot be read
    files = _articles(tmp_path, 70)
    (tmp_path / "033.txt").unlink()
    seen = {}
    for jobs in ("1", "2", "4"):
        code = main(["annotate", "--on", "2024-01-10", "--jobs", jobs, *files])
        seen[jobs] = (code, *capsys.readouterr())
    assert seen["2"] == seen["1"] == seen["4"]
    code, out, err = seen["1"]
    assert code == 2
    assert out.count("Hizb ut-Tahrir*") == 23
    assert out.index("32: ИГИЛ*") < out.index("34: Погода") < out.index("68: ИГИЛ*")
    assert err.count("\n") == 1
    assert err.startswith(f"bannedorgs: {files[33]}: ")


def test_jobs_annotate_with_the_lean_registry_and_give_what_one_process_gives(tmp_path: Path) -> None:
    """With the cache holding the registry's lean form, --jobs annotates plain text, Markdown
    and HTML without the model (as one process does) and a Word file with it, and prints
    what one process prints."""
    docx = pytest.importorskip("docx")
    files = _articles(tmp_path, 9)
    (tmp_path / "a.md").write_text("# ИГИЛ\n\nСторонники «Хизб ут-Тахрир» задержаны.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Members of Hizb ut-Tahrir were detained.</p>\n", encoding="utf-8")
    for name in ("c.docx", "d.docx", "e.docx"):
        document = docx.Document()
        document.add_paragraph(f"{name}: members of Hizb ut-Tahrir were detained.")
        document.save(str(tmp_path / name))
    files += [str(tmp_path / n) for n in ("a.md", "b.html")]
    env = {**os.environ, "BANNEDORGS_CACHE_DIR": str(tmp_path / "cache")}

    def run(*words: str, importtime: bool = False) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "bannedorgs", "annotate"]
        return subprocess.run(
            [*command, "--on", "2024-01-10", *words], capture_output=True, text=True, env=env, check=False
        )

    one = run("--jobs", "1", *files)  # and the cache is filled
    two = run("--jobs", "2", *files, importtime=True)
    assert (two.returncode, two.stdout) == (one.returncode, one.stdout) == (0, one.stdout)
    assert one.stdout.count("*") >= 12
    imported = {line.split("|")[-1].strip() for line in two.stderr.splitlines() if line.startswith("import time:")}
    assert "bannedorgs._lean" in imported and "bannedorgs.parallel" in imported
    assert not imported & {"attrs", "bannedorgs.model", "bannedorgs.registry"}, imported & {"attrs"}
    # Word files are annotated with the model, in the workers as here
    assert run("--jobs", "2", "--in-place", *(str(tmp_path / n) for n in ("c.docx", "d.docx"))).returncode == 0
    assert run("--jobs", "1", "--in-place", str(tmp_path / "e.docx")).returncode == 0
    parts = []
    for name in ("c.docx", "d.docx", "e.docx"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            parts.append({n: archive.read(n).replace(name.encode(), b"") for n in archive.namelist()})
    assert parts[0] == parts[1] == parts[2]
    assert b"Hizb ut-Tahrir" in parts[0]["word/footnotes.xml"] and b"2005" in parts[0]["word/footnotes.xml"]


def test_jobs_report_the_files_before_an_unexpected_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = _articles(tmp_path, 40)
    original = Annotator.annotate

    def annotate(self: Annotator, text: str, **options: Any) -> Any:
        if text.startswith("20:"):
            raise ZeroDivisionError("a fault in the library")
        return original(self, text, **options)

    monkeypatch.setattr(Annotator, "annotate", annotate)
    for jobs in ("1", "2"):
        with pytest.raises(ZeroDivisionError, match="a fault in the library"):
            main(["annotate", "--on", "2024-01-10", "--jobs", jobs, *files])
        out = capsys.readouterr().out
        assert out.count("Hizb ut-Tahrir*") == 7, jobs  # files 0, 3, ..., 18: the ones before 20
        assert "19: Погода" in out
        assert "20:" not in out


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (an ended child nobody reaped is a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_workers_stop_when_their_parent_is_killed(tmp_path: Path) -> None:
    # A forked worker held copies of the parent's ends of the pipes, so a parent killed with
    # SIGKILL left its workers waiting for a message that could never come, for ever.
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(
            """
            import multiprocessing, time
            from bannedorgs import Annotator
            texts = ["Members of Hizb ut-Tahrir were detained in Almaty. " * 40] * 4000
            results = Annotator().annotate_many(texts, processes=3)
            next(results)  # both workers are at work, and more is in flight than is taken
            print(*(p.pid for p in multiprocessing.active_children()), flush=True)
            time.sleep(120)
            """
        )
    )
    with subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True) as parent:
        try:
            assert parent.stdout is not None
            pids = [int(pid) for pid in parent.stdout.readline().split()]
        finally:
            parent.kill()
    assert len(pids) == 2
    deadline = time.monotonic() + 30
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = {pid for pid in alive if _running(pid)}
    for pid in alive:  # leave nothing behind, whatever the outcome
        os.kill(pid, 9)
    assert not alive, f"workers {sorted(alive)} still running 30 s after their parent was killed"


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` now."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def test_jobs_workers_stop_when_the_command_is_killed(tmp_path: Path) -> None:
    # the workers of --jobs (two, besides the command) waited on a pool's queue, whose ends
    # they held copies of: a command killed with SIGKILL left them waiting for ever
    for i in range(300):
        (tmp_path / f"{i:03}.txt").write_text("Members of Hizb ut-Tahrir were detained in Almaty. " * 400)
    command = [sys.executable, "-m", "bannedorgs", "annotate", "--jobs", "3", *sorted(map(str, tmp_path.glob("*.txt")))]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as parent:
        try:
            deadline = time.monotonic() + 30
            workers: set[int] = set()
            while len(workers) < 2 and parent.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
                workers = _children(parent.pid)
        finally:
            parent.kill()
    assert len(workers) == 2, "the command ended before both workers were seen: give it more files"
    deadline = time.monotonic() + 30
    while workers and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = {pid for pid in workers if _running(pid)}
    for pid in workers:
        os.kill(pid, 9)
    assert not workers, f"workers {sorted(workers)} still running 30 s after the command was killed"
