"""Fuzzing: hostile text, markup and registry files in, a valid answer out, and the fast paths
against slow, obviously correct references.

In the test run each property tries ``BANNEDORGS_FUZZ_EXAMPLES`` inputs (default 40, with a
fixed seed, so a run is repeatable). ``python benchmarks/fuzz.py`` runs the same properties
with a large budget and random seeds and reports how many inputs they tried.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bannedorgs
from bannedorgs import OrganisationNotFoundError, RegistryError, UnclosedMarkupWarning
from bannedorgs import matcher as matcher_module
from bannedorgs.annotator import Annotator, _apply, default_annotator
from bannedorgs.errors import Problem, UnclosedMarkupError
from bannedorgs.footnotes import render, template_problem
from bannedorgs.formats import html
from bannedorgs.normalize import _mend, mend_mixed
from bannedorgs.registry import load

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = int(os.environ.get("BANNEDORGS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 200,  # the test run is repeatable; the long run explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
ON = "2024-01-10"

# Pieces that hit the parsers' corners: names and their fragments, markup of each format,
# scripts mixed inside words, line endings, references, markers.
PIECES = [
    "Hizb ut-Tahrir", "Хизб ут-Тахрир", "Тaлибан", "Taliban", "IS", "ИГ", "ИГИЛ", "Jabhat al-Nusa",
    "Islamic State", "«", "»", "(", ")", "(IS)", "(HT)", "(ABC)", " (AB-C)", "AB", "A-A-",
    " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "\u00a0", "\u2011", "-", ".", ",",
    "*", "\\*", "¹", "[^1]", "[^1]: x", "**", "_", "`", "```", "~~~", "#", "# ", "> ", "- ", "1. ",
    "<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<?x", "<!DOCTYPE html>", "<p>", "</p>",
    '<p class="bannedorgs-footnote">', "<b>", "</b>", "<a href=\"x\">", "</a>", "<code>", "</code>",
    "<pre>", "</pre>", "<script>", "</script>", "<style>", "<svg/>", "<math>", "</math>",
    "<body>", "</body>", "<html>", "</html>", "<br>", "<img alt='x>", "&amp;", "&laquo;", "&#8209;",
    "&#x;", "https://x.org/Hizb", "a@b.kz", "member", "terror", "боевик", "b" * 40, "е", "ё", "a",
]  # fmt: skip
hostile_text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=30).map("".join),
)
formats = st.sampled_from(["auto", "text", "markdown", "html"])


def _annotator() -> Annotator:
    return default_annotator()


# -- the library on any text -----------------------------------------------------------------


@FUZZ
@given(hostile_text, formats)
def test_find_gives_sorted_mentions_inside_the_text(text: str, fmt: str) -> None:
    mentions = bannedorgs.find(text, on=ON, format=fmt)
    last_end = 0
    for m in mentions:
        assert last_end <= m.start < m.end <= len(text)
        assert m.surface == text[m.start : m.end]
        last_end = m.end


@FUZZ
@given(hostile_text, formats)
def test_annotate_only_inserts(text: str, fmt: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnclosedMarkupWarning)
        result = bannedorgs.annotate(text, on=ON, format=fmt)
        bannedorgs.annotate(result.text, on=ON, format=result.format)  # an annotated text is any text too
    # the output is the input with the insertions, each inside it
    assert all(0 <= ins.offset <= len(text) for ins in result.insertions)
    assert _apply(text, result.insertions) == result.text
    default_annotator().check(result.text, on=ON, format=result.format)


@FUZZ
@given(hostile_text)
def test_lookup_and_search_answer_any_query(query: str) -> None:
    missing: OrganisationNotFoundError | None = None
    try:
        assert bannedorgs.lookup(query).id
    except OrganisationNotFoundError as exc:
        missing = exc
    assert missing is None or missing.query == query
    for match in bannedorgs.search(query, limit=3):
        assert 0 <= match.score <= 100


# -- registry files --------------------------------------------------------------------------

yaml_pieces = st.lists(
    st.sampled_from(
        [
            "a: ", "&x ", "*x", "[", "]", "{", "}", ", ", "- ", "\n", "  ", "'", '"', "#", "? ", ": ",
            "footnotes:", "en:", "day:", "organisations:", "id: x", "{name}", "{name:>9}", "{", "}",
            "!!python/object:os.system", "!tag ", "%YAML 1.1\n", "---\n", "...\n", "|", ">",
            "<<: *x", "\t", "\ufeff", "\x00", "1", "null", "ON",
        ]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@FUZZ
@given(st.one_of(yaml_pieces, st.text(max_size=200)))
def test_any_registry_file_is_read_or_refused_with_positions(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "extra.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        refused: RegistryError | None = None
        try:
            load(FIXTURES / "mini.yaml", extra=[path])
        except RegistryError as exc:
            refused = exc
    if refused is not None:
        assert refused.errors
        assert str(pickle.loads(pickle.dumps(refused))) == str(refused)
        assert all(problem.line >= 0 and problem.column >= 0 for problem in refused.errors)


@FUZZ
@given(st.sampled_from(["day", "day_court", "category_none", "court_from_name", "nope"]), yaml_pieces)
def test_a_template_is_refused_or_renders(key: str, template: str) -> None:
    problem = template_problem("en", key, template)
    if problem is None:
        org = load(FIXTURES / "mini.yaml").get("red-banner")
        assert org is not None
        sentence = render(org, "en", on=dt.date(2024, 1, 10), templates={"en": {key: template}})
        assert sentence is None or len(sentence) < 10 * (len(template) + 200)


@FUZZ
@given(
    st.lists(st.tuples(st.text(max_size=9), st.integers(0, 99), st.integers(0, 99), st.text(max_size=9)), max_size=4)
)
def test_registry_errors_pickle_with_their_problems(rows: list[tuple[str, int, int, str]]) -> None:
    error = RegistryError([Problem(p, line, col, "f", msg) for p, line, col, msg in rows])
    assert pickle.loads(pickle.dumps(error)).errors == error.errors


# -- fast paths against their references -----------------------------------------------------

_OLD_MIXED = re.compile(r"\w*(?:[a-z][а-яё]|[а-яё][a-z])\w*")
mixed_text = st.lists(st.sampled_from(["a", "b", "о", "е", "x", "я", "1", "_", " ", "-", "é", "ӘҒ", "\n"]), max_size=60)


@FUZZ
@given(mixed_text.map("".join))
def test_mend_mixed_mends_what_the_backtracking_pattern_did(text: str) -> None:
    assert mend_mixed(text) == (
        _OLD_MIXED.sub(_mend, text) if re.search("[a-z]", text) and re.search("[а-яё]", text) else text
    )


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 20)), max_size=40),
    st.lists(st.tuples(st.booleans(), st.integers(0, 300), st.integers(1, 20)), max_size=300),
)
def test_spans_answer_as_a_list_scanned_whole(first: list[tuple[int, int]], ops: list[tuple[bool, int, int]]) -> None:
    spans = matcher_module._Spans((s, s + n) for s, n in first)
    every = [(s, s + n) for s, n in first]
    for add, start, length in ops:
        end = start + length
        if add:
            spans.add(start, end)
            every.append((start, end))
        else:
            assert spans.overlaps(start, end) == any(s < end and start < e for s, e in every)


@FUZZ
@given(
    st.lists(st.sampled_from(["AB", "ABC", "A-A-", "BA", "X", " ", "-", "a", "\n", "AB-"]), max_size=60).map("".join),
    st.lists(st.sampled_from(["AB", "ABC", "A-A-", "BA", "AB-", "BAB"]), min_size=1, max_size=6, unique=True),
    st.integers(0, 20),
)
def test_later_uses_of_abbreviations_one_pass_or_many(text: str, abbrs: list[str], after: int) -> None:
    found = {a: matcher_module.Candidate(0, min(after, len(text)), None) for a in abbrs}  # type: ignore[arg-type]
    few = sorted(matcher_module._later_uses(text, found))
    old = matcher_module._FEW_ABBREVIATIONS
    matcher_module._FEW_ABBREVIATIONS = 0
    try:
        many = sorted(matcher_module._later_uses(text, found))
    finally:
        matcher_module._FEW_ABBREVIATIONS = old
    assert few == many


def _old_cue_near(text: str, cand: matcher_module.Candidate) -> bool:
    lo = max(0, cand.start - 150, text.rfind("\n\n", 0, cand.start) + 1)
    hi = text.find("\n\n", cand.end)
    hi = min(len(text), cand.end + 150, hi if hi >= 0 else len(text))
    return matcher_module._cues().search(text, lo, hi) is not None


@FUZZ
@given(
    st.lists(st.sampled_from(["\n\n", "\r\n", "\n", " ", "x" * 50, "member", "IS", "terror"]), max_size=30).map(
        "".join
    ),
    st.integers(0, 2000),
    st.integers(1, 5),
)
def test_cue_near_looks_as_far_as_before(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    cand = matcher_module.Candidate(start, min(len(text), start + length), None)  # type: ignore[arg-type]
    assert matcher_module._cue_near(text, cand) == _old_cue_near(text, cand)


def _old_sentence_start(text: str, lo: int, start: int, end: int) -> int:
    before = [m.end() for m in matcher_module._SENTENCE_END.finditer(text, lo, end) if m.end() <= start]
    return before[-1] if before else lo


@FUZZ
@given(
    st.lists(
        st.sampled_from([".", "!", "?", "…", "\n", "\r\n", " ", "  ", "«", "(", "Ab", "ab", "3", "ИГ"]), max_size=40
    ).map("".join),
    st.integers(0, 80),
    st.integers(0, 80),
    st.integers(0, 6),
)
def test_sentence_start_searched_back_as_forwards(text: str, lo: int, start: int, length: int) -> None:
    start = min(start, len(text))
    lo, end = min(lo, start), min(len(text), start + length)
    assert matcher_module._sentence_start(text, lo, start, end) == _old_sentence_start(text, lo, start, end)


def _old_view(text: str) -> str:
    out: list[str] = []
    pos = 0
    stack: list[str] = []
    for tok in html.tokens(text):
        if tok.start > pos:
            out.append(html.HARD * (tok.start - pos) if stack else html.prose_view(text[pos : tok.start]))
        soft = False
        if tok.kind == "tag":
            name = tok.name
            if tok.closing:
                if name in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(name) :]
                elif name in ("body", "html"):
                    stack.clear()
                else:
                    soft = name in html.INLINE and not stack
            elif name in html.HARD_CONTENT:
                if not (name in ("svg", "math") and html._self_closing(text, tok)):
                    stack.append(name)
            else:
                soft = name in html.INLINE and not stack
        out.append((html.SOFT if soft else html.HARD) * (tok.end - tok.start))
        pos = tok.end
    if pos < len(text):
        out.append(html.HARD * (len(text) - pos) if stack else html.prose_view(text[pos:]))
    return "".join(out)


def _old_existing_block_start(text: str) -> int:
    paras = []
    open_p = None
    for tok in html.tokens(text):
        if tok.kind != "tag":
            continue
        if tok.name == "p" and not tok.closing:
            if open_p is not None:
                paras.append((open_p, tok.start, tok.start))
            open_p = tok
        elif open_p is not None and ((tok.name == "p" and tok.closing) or (tok.name in html._BLOCK_ENDS_P)):
            paras.append((open_p, tok.start, tok.end if tok.name == "p" else tok.start))
            open_p = None
    if open_p is not None:
        paras.append((open_p, len(text), len(text)))
    if not paras:
        return len(text)
    gap = html._AFTER.match(text, paras[-1][2])
    if gap is None or gap.end() != len(text):
        return len(text)
    limit, found = paras[-1][2], len(text)
    the_view = _old_view(text)
    for p_tag, c_end, end in reversed(paras):
        if end < limit:
            between = html._BETWEEN.match(text, end, limit)
            if between is None or between.end() != limit:
                break
        classes = html.attributes(text, p_tag.attrs_start, p_tag.attrs_end).get("class", "")
        if (
            html.FOOTNOTE_CLASS not in classes.split()
            and html._marker_start("").match(the_view, p_tag.end, c_end) is None
        ):
            break
        found = limit = p_tag.start
    return found


html_text = st.lists(
    st.sampled_from([p for p in PIECES if "<" in p or ">" in p or p in (" ", "\n", "*", "x", "a")]), max_size=50
).map("".join)


@FUZZ
@given(st.one_of(html_text, hostile_text))
def test_html_view_and_footnote_block_as_the_simple_versions(text: str) -> None:
    old_join = html._JOIN
    html._JOIN = 3  # join in chunks even in short documents
    try:
        assert html.view(text) == _old_view(text)
    finally:
        html._JOIN = old_join
    assert html.existing_block_start(text) == _old_existing_block_start(text)
    toks = list(html.tokens(text))
    closing = [t for t in toks if t.kind == "tag" and t.closing and t.name in ("body", "html")]
    unclosed: UnclosedMarkupError | None = None
    try:
        offset, _, _ = html.block_insertion(text)
    except UnclosedMarkupError as exc:
        unclosed = exc
    if unclosed is not None:  # what is open is after the last </body> or </html>, if any
        assert not closing or unclosed.offset >= closing[-1].end
        assert 0 <= unclosed.offset < len(text)
        assert text[unclosed.offset] == "<"
    elif closing:
        # before the last </body> (else </html>) when only whitespace, comments and end tags
        # follow it; else after what follows, before the whitespace that ends the text ("</body>*")
        expected = len(text.rstrip())
        for name in ("body", "html"):
            last = [t for t in closing if t.name == name]
            if last and re.fullmatch(r"(?:\s|<!--.*?-->|</[A-Za-z][^>]*>)*", text[last[-1].start :], re.S):
                expected = last[-1].start
                break
        assert offset == expected
