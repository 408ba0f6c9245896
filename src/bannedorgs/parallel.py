"""Annotate many texts in this process and worker processes, in order; `annotate --jobs` runs on it too."""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import operator
import os
import queue
import sys
import threading
import warnings
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .annotator import Annotation, Annotator
    from .matcher import Matcher
    from .model import Organisation

__all__ = ["IN_FLIGHT", "annotate_many", "annotate_partition", "in_order", "prepare"]


# A result as it travels back: the annotated text (None when it is the input with the
# insertions applied, which the parent can do itself), its mentions as tuples of plain values
# (organisation id, start, end, score, rule, alias, marked, state), footnotes as (marker,
# organisation id, text), insertions as (offset, text), the language and the format. The
# parent has the input, so neither a mention's surface nor the text is sent back.
Packed = tuple[
    str | None, tuple[tuple[Any, ...], ...], tuple[tuple[str, str, str], ...], tuple[tuple[int, str], ...], str, str
]
# A chunk of work: its items (or, in a forked worker, the range of them in its copy of the
# input).
Job = list[Any] | range
# What comes back for a chunk: the results up to the first item that raised (packed from a
# worker, as they are from the parent), the warnings raised on the way with the index of
# their item, and that error (or None).
Done = tuple[list[Any], list[tuple[int, Warning]], BaseException | None]
# What runs a chunk: ``work(items)`` in a worker, ``work(items, here=True)`` in the parent,
# whose results need no sending (for annotate_many, _annotate_chunk with its Annotator and
# options). Forked workers inherit it; elsewhere it is pickled once for each worker.
Work = Callable[..., Done]


def _serve(
    conn: Connection, work: Work, shared: Sequence[Any], first: Job, inherited: Sequence[Connection] = ()
) -> None:
    """A worker: run ``first`` and each chunk received after it and send back what each
    gave, until told to stop. The first chunk comes with the process, so the worker starts
    on it without waiting for a message.

    A thread receives the chunks, so the parent can always hand over the next one: were the
    parent to wait until this process read it while this process waited to send a result
    the parent is not reading yet, neither would go on. Another thread sends the results, so
    this process goes on with its next chunk while a large result waits in the pipe for the
    parent, which reads the workers' results in the order of their chunks.

    ``inherited`` are the parent's ends of the pipes, which a forked worker holds copies of:
    they are closed first, so that when the parent dies, even killed, no end of this
    worker's pipe is left open elsewhere, and the worker reads the end of it and stops.
    """
    for end in inherited:
        end.close()
    jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
    results: queue.SimpleQueue[Done | None] = queue.SimpleQueue()
    jobs.put(first)

    def receive() -> None:
        try:
            while (job := conn.recv()) is not None:
                jobs.put(job)
        except (EOFError, OSError):
            pass  # the parent has gone: stop too
        jobs.put(None)

    def send() -> None:
        try:
            while (done := results.get()) is not None:
                try:
                    conn.send(done)
                except (EOFError, OSError):
                    raise
                except Exception:  # an error or a warning that does not pickle goes back as text
                    packed, noted, error = done
                    conn.send((packed, [(i, UserWarning(str(w))) for i, w in noted], error and _plain_error(error)))
        except (EOFError, OSError):
            pass  # the parent has gone: nothing to report
        finally:
            jobs.put(None)  # nothing more can be sent: stop

    threading.Thread(target=receive, daemon=True).start()
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        while (job := jobs.get()) is not None:
            results.put(work(job if isinstance(job, list) else map(shared.__getitem__, job)))
        results.put(None)
        sender.join()
    except KeyboardInterrupt:
        pass  # interrupted with the parent: nothing to report


def _annotate_chunk(annotator: Annotator, texts: Iterable[str], *, options: dict[str, Any], here: bool = False) -> Done:
    """The results of a chunk, packed to be sent back unless the chunk is annotated ``here``
    (in the parent, which keeps the results as they are), up to the first text that raised;
    the warnings and the error are raised in the parent when their texts' turn comes."""
    done: list[Any] = []
    noted: list[tuple[int, Warning]] = []
    error: BaseException | None = None
    with warnings.catch_warnings(record=True) as caught:  # the filters of the parent still apply
        try:
            for text in texts:
                result = annotator.annotate(text, **options)
                done.append(result if here else _pack(text, result))
                if caught:
                    noted += [(len(done) - 1, w.message) for w in caught if isinstance(w.message, Warning)]
                    caught.clear()
        except Exception as exc:  # raised in the parent when its text's turn comes
            error = exc
        noted += [(len(done), w.message) for w in caught if isinstance(w.message, Warning)]
    return done, noted, error


def _plain_error(error: BaseException) -> BaseException:
    """An error that pickles, for one that does not: its type's name and its message."""
    return RuntimeError(f"{type(error).__name__}: {error}")


# A mention, footnote and insertion as plain values, read by C code rather than a loop of
# attribute look-ups; a state's value is read from the member's own attribute (``value`` is
# a property of Python code).
_MENTION = operator.attrgetter("org.id", "start", "end", "score", "rule", "alias", "marked", "state._value_")
_FOOTNOTE = operator.attrgetter("marker", "org.id", "text")
_INSERTION = operator.attrgetter("offset", "text")


_OFFSET = operator.itemgetter(0)


def _insert(text: str, insertions: tuple[tuple[int, str], ...]) -> str:
    """``text`` with the insertions, as (offset, text), made: those at one offset in the order given."""
    if not insertions:
        return text
    parts: list[str] = []
    last = 0
    for offset, piece in sorted(insertions, key=_OFFSET):
        parts += (text[last:offset], piece)
        last = offset
    parts.append(text[last:])
    return "".join(parts)


def _pack(text: str, result: Annotation) -> Packed:
    """The result of annotating ``text`` without its objects: a fraction of the bytes to
    send back, and plain values are what pickles fastest. The annotated text goes only
    when the parent cannot make it from the input and the insertions (by the same function)."""
    insertions = tuple(map(_INSERTION, result.insertions))
    return (
        result.text if result.text != _insert(text, insertions) else None,
        tuple(map(_MENTION, result.mentions)),
        tuple(map(_FOOTNOTE, result.footnotes)),
        insertions,
        result.lang,
        result.format,
    )


def _unpacker(organisations: dict[str, Organisation]) -> Callable[[str, Packed], Annotation]:
    import attrs

    from .annotator import Annotation, Insertion
    from .model import Footnote, Mention, State

    org = organisations.__getitem__
    state = {s.value: s for s in State}.__getitem__
    notes: dict[tuple[str, str, str], Footnote] = {}  # the same few footnotes come back again and again
    # Mentions and insertions have their slots filled one by one: the same objects as their
    # classes make, without attrs' frozen __init__ (a Python call and one
    # object.__setattr__ per field); 3,455 mentions of 5 MB of news: 12.5 -> 9.4 ms
    new = object.__new__
    set_org, set_start, set_end, set_surface, set_score, set_rule, set_alias, set_marked, set_state = (
        Mention.__dict__[field.name].__set__ for field in attrs.fields(Mention)
    )
    set_offset, set_piece = (Insertion.__dict__[field.name].__set__ for field in attrs.fields(Insertion))

    def note(marker: str, org_id: str, sentence: str) -> Footnote:
        key = (marker, org_id, sentence)
        found = notes.get(key)
        if found is None:
            if len(notes) > 4096:
                notes.clear()
            found = notes[key] = Footnote(marker, org(org_id), sentence)
        return found

    def insertion(offset: int, piece: str) -> Insertion:
        made = new(Insertion)
        set_offset(made, offset)
        set_piece(made, piece)
        return made

    def unpack(text: str, packed: Packed) -> Annotation:
        out, mentions, footnotes, insertions, lang, fmt = packed
        built = []
        for org_id, start, end, score, rule, alias, marked, value in mentions:
            mention = new(Mention)
            set_org(mention, org(org_id))
            set_start(mention, start)
            set_end(mention, end)
            set_surface(mention, text[start:end])
            set_score(mention, score)
            set_rule(mention, rule)
            set_alias(mention, alias)
            set_marked(mention, marked)
            set_state(mention, state(value))
            built.append(mention)
        return Annotation(
            _insert(text, insertions) if out is None else out,
            tuple(built),
            tuple([note(*f) for f in footnotes]),
            tuple([insertion(*i) for i in insertions]),
            lang,
            fmt,
        )

    return unpack


IN_FLIGHT = 2  # chunks per worker sent and not yet handed out: enough to keep a worker busy
# Characters per chunk: a message costs the same whatever its size, so chunks are large, but
# the last one runs alone while the other workers wait, so not too large either. When the
# total is known each chunk takes a share of what is left (guided self-scheduling): large
# chunks first, few messages, and small ones at the end, so that the workers finish together.
_CHUNK_CHARS = (16_384, 262_144)  # between these
_CHUNK_SHARE = 4  # a chunk: what is left / (workers * this)
_CHUNK_TEXTS = 1024  # and at most so many texts, however short
_PREPARED: weakref.WeakSet[Matcher] = weakref.WeakSet()  # matchers that served a parallel call here


def _length(text: object) -> int:
    return len(text) if isinstance(text, str) else 0  # annotate() says what is wrong with a non-text


def prepare(annotator: Annotator) -> None:
    """Build now, in this process, what every worker forked afterwards would otherwise build
    for itself on its first texts: the matcher and every one of its forms."""
    annotator.matcher.compile_all()


def annotate_many(
    annotator: Annotator,
    texts: Iterable[str],
    *,
    processes: int | None = None,
    chunksize: int | None = None,
    **options: Any,
) -> Iterator[Annotation]:
    """Yield ``annotator.annotate(text, **options)`` for each text, in order.

    ``processes=None`` uses every core; ``processes=1`` works in this process. With N
    processes this process and N - 1 workers annotate chunks of texts: ``chunksize`` texts,
    or by default as many as make a quarter of each process's share of the characters not
    yet taken (between 16 Ki and 256 Ki characters, so chunks shrink towards the end and the
    processes finish together; 64 Ki when the input's length is not known beforehand). The
    workers are forked from this process where the system can (elsewhere the Annotator is
    sent to each once); this process annotates a chunk of its own whenever the result it
    hands out next is not back yet, so it does not sit idle, and its own results need no
    sending. Texts are read from ``texts`` only as results are taken: at most ``IN_FLIGHT``
    chunks per process are taken and not yet handed out, so a slow consumer holds memory for
    those only, however long the input. A text that cannot be annotated raises the error it
    raises in this process.

    In the first call with an Annotator each process compiles the forms its texts meet, as
    one process does, all of them at the same time. From the second call on, where workers
    are forked, this process compiles every form once first (about a third of a second), so
    that the workers of that and every later call inherit them.
    """
    if processes is not None and processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    processes = processes or os.cpu_count() or 1
    if isinstance(texts, list | tuple) and len(texts) < 2:
        processes = 1  # no second text for a second process
    if processes == 1:
        for text in texts:
            yield annotator.annotate(text, **options)
        return
    total = sum(map(_length, texts)) if isinstance(texts, list | tuple) else None
    matcher = annotator.matcher  # built before forking, so that every worker inherits it
    fork = multiprocessing.get_start_method() == "fork"
    if fork:
        if matcher in _PREPARED:
            prepare(annotator)
        _PREPARED.add(matcher)
    limit, most = 65_536, _CHUNK_TEXTS
    if chunksize is not None:
        limit, most = sys.maxsize, chunksize
    low, high = _CHUNK_CHARS
    left = total  # characters not yet taken, when known
    orgs: dict[str, Any] = {org.id: org for org in annotator.registry}
    unpack = _unpacker(orgs)
    source = iter(texts)

    def take() -> list[str]:
        nonlocal left
        most_chars = limit
        if left is not None and chunksize is None:
            most_chars = max(low, min(high, left // (processes * _CHUNK_SHARE)))
        chunk: list[str] = []
        size = 0
        for text in source:
            chunk.append(text)
            size += _length(text)
            if size >= most_chars or len(chunk) >= most:
                break
        if left is not None:
            left -= size
        return chunk

    # a list or tuple is the forked workers' own copy already: only ranges of it are sent
    shared = texts if fork and isinstance(texts, list | tuple) else ()
    work = functools.partial(_annotate_chunk, annotator, options=options)
    yield from in_order(work, take, processes=processes, shared=shared, fork=fork, rebuild=unpack)


def in_order(
    work: Work,
    take: Callable[[], list[Any]],
    *,
    processes: int,
    shared: Sequence[Any] = (),
    fork: bool | None = None,
    rebuild: Callable[[Any, Any], Any] | None = None,
) -> Iterator[Any]:
    """Yield the results of ``work`` over chunks from ``take`` (an empty chunk ends them), in
    order, run by this process and ``processes - 1`` worker processes.

    Each worker holds at most ``IN_FLIGHT`` chunks, and at most ``IN_FLIGHT`` per process
    (and one more) are taken and not yet handed out. This process runs a chunk itself
    whenever the result to hand out next is not back yet. ``shared`` is the input itself
    when forked workers have their own copy of it: only ranges of it are then sent.
    ``rebuild(item, result)`` turns what a worker sent back into the result; a chunk's
    warnings are raised and its error is raised when their item's turn comes. A worker that
    dies, or cannot be started, raises here, and no worker is left running however this
    generator ends.
    """
    if fork is None:
        fork = multiprocessing.get_start_method() == "fork"
    # Forked workers share this process's memory until one side writes to it, and a garbage
    # collection writes to every object it visits: objects frozen before the fork are not
    # visited, in the workers nor here while they run, so neither side copies the heap page
    # by page.
    if fork:
        gc.freeze()
    pool = _Pool(work, shared, fork)  # workers start with their first chunk
    taken = 0
    workers = processes - 1
    # chunks taken, in order, as [texts, worker (_HERE for this process), what they gave once known]
    pending: deque[list[Any]] = deque()
    sent: list[deque[list[Any]]] = [deque() for _ in range(workers)]  # each worker's, not yet back
    most_pending = IN_FLIGHT * processes + 1

    def hand(worker: int) -> bool:
        """Send the worker the next chunk, if there is one."""
        nonlocal taken
        chunk = take()
        if not chunk:
            return False
        pool.send(worker, range(taken, taken + len(chunk)) if shared else chunk)
        taken += len(chunk)
        entry = [chunk, worker, None]
        pending.append(entry)
        sent[worker].append(entry)
        return True

    def top_up() -> None:
        """Give each worker chunks up to IN_FLIGHT, as far as the read-ahead allows."""
        for _ in range(IN_FLIGHT):
            for worker in range(workers):
                if len(sent[worker]) < IN_FLIGHT and len(pending) < most_pending and not hand(worker):
                    return

    def collect(worker: int) -> None:
        """Receive what the worker's oldest chunk gave (waiting for it if need be)."""
        sent[worker][0][2] = pool.receive(worker)
        sent[worker].popleft()

    def work_here() -> bool:
        """Run the next chunk in this process, if there is one; its results wait their turn."""
        nonlocal taken
        chunk = take()
        if not chunk:
            return False
        taken += len(chunk)
        pending.append([chunk, _HERE, work(chunk, here=True)])
        return True

    try:
        top_up()
        while pending or work_here():
            head = pending[0]
            while head[2] is None:
                # Results that are back are taken at once and their workers given more, so no
                # worker runs dry while this process annotates a chunk itself, which it does
                # while the result to hand out next is not back yet.
                for worker in range(workers):
                    if sent[worker] and pool.ready(worker):
                        collect(worker)
                top_up()
                if head[2] is None and not (len(pending) < most_pending and work_here()):
                    collect(head[1])
                    top_up()
            chunk, worker, (results, noted, error) = pending.popleft()
            made = rebuild if worker != _HERE else None
            told = iter(noted)
            warning = next(told, None)
            for index, (item, one) in enumerate(zip(chunk, results, strict=error is None)):
                while warning is not None and warning[0] == index:
                    warnings.warn(warning[1], stacklevel=3)
                    warning = next(told, None)
                yield one if made is None else made(item, one)
            if error is not None:
                for _, message in [*([warning] if warning else []), *told]:
                    warnings.warn(message, stacklevel=3)
                raise error
            top_up()
    finally:
        try:
            pool.close(finished=not pending)
        finally:
            if fork:
                gc.unfreeze()


_HERE = -1  # the worker of a chunk annotated in this process


class _Pool:
    """Worker processes, each on its own pipe: chunks go out and results come back in the
    order sent, with no thread in this process."""

    def __init__(self, work: Work, shared: Sequence[Any], fork: bool) -> None:
        self.work, self.shared, self.fork = work, shared, fork
        self.conns: list[Connection] = []
        self.processes: list[multiprocessing.Process] = []

    def _start(self, first: Job) -> None:
        here, there = multiprocessing.Pipe()
        # a forked worker gets copies of this process's ends of every pipe so far: it closes them
        inherited = [*self.conns, here] if self.fork else []
        try:
            process = multiprocessing.Process(
                target=_serve, args=(there, self.work, self.shared, first, inherited), daemon=True
            )
            process.start()
        except BaseException:  # fork() failed, say: in_order's cleanup stops the others
            here.close()
            raise
        finally:
            there.close()
        self.conns.append(here)
        self.processes.append(process)

    def send(self, worker: int, job: Job) -> None:
        """Send a job; a worker's first starts it (workers are started in turn), so the
        first worker is at work while the next one is forked."""
        if worker == len(self.processes):
            self._start(job)
            return
        with contextlib.suppress(OSError):  # a worker that stopped: receive() says so when its turn comes
            self.conns[worker].send(job)

    def ready(self, worker: int) -> bool:
        """Whether the worker's next result (or its end) can be read without waiting."""
        try:
            return self.conns[worker].poll()
        except OSError:
            return True  # receive() says what happened

    def receive(self, worker: int) -> Done:
        try:
            done: Done = self.conns[worker].recv()
        except (EOFError, OSError):
            process = self.processes[worker]
            process.join(1)
            raise RuntimeError(
                f"worker process {process.pid} stopped before it sent its results (exit code {process.exitcode})"
            ) from None
        return done

    def close(self, *, finished: bool) -> None:
        """Stop the workers: let them end once every result was taken, else end them now
        (they may be busy with chunks nobody will take)."""
        if finished:
            for conn in self.conns:
                with contextlib.suppress(OSError):  # a worker that died after its last result
                    conn.send(None)
            for process in self.processes:
                process.join()
        else:
            for process in self.processes:
                process.terminate()
            for process in self.processes:
                process.join()
        for conn in self.conns:
            conn.close()


def annotate_partition(
    texts: Iterable[str],
    *,
    registry: str | None = None,
    extra: Iterable[str] = (),
    **options: Any,
) -> Iterator[str]:
    """Annotate the texts of one partition of a distributed collection, in order.

    Made for ``dask.bag.Bag.map_partitions`` and PySpark's ``RDD.mapPartitions``: each
    partition builds one Annotator (from the on-disk cache when the worker has one) and
    yields the annotated texts. ``registry`` and ``extra`` are file paths, so only strings
    travel to the workers.
    """
    from .annotator import Annotator, default_annotator
    from .registry import load

    annotator = Annotator(load(registry, extra=list(extra))) if registry or extra else default_annotator()
    for text in texts:
        yield annotator.annotate(text, **options).text
