"""The promises of annotate, for the whole product of its options.

For every marker style x format (text, Markdown, HTML, detected) x language x publication date
(before, on or inside, and after each decision of the organisations named, month- and
year-precision ones included) x generated document (names at the start, in the middle and at
the end, in quotes, brackets, emphasis, links and headings, nested markup, content after
``</html>``, code left open at the end, CRLF line endings, a byte order mark):

* the output is the input plus insertions;
* annotating the output again changes nothing;
* ``check`` with the same options reports nothing;
* each marked organisation has exactly one footnote.

A day inside a decision known only to the month or year leaves the status uncertain, and
the organisation counts as banned: it is marked and footnoted like any other.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bannedorgs import default_registry
from bannedorgs.annotator import Annotator
from bannedorgs.errors import UnclosedMarkupWarning
from bannedorgs.model import Organisation, PartialDate
from test_annotate import strip_insertions


def bracketed(i: int, org: Organisation) -> str:
    return f"[{i + 1}]"


STYLES: dict[str, Any] = {"star": "*", "superscript": "superscript", "numbered": "numbered", "dagger": "†"}
STYLES["callable"] = bracketed
FORMATS = ["text", "markdown", "html", "auto"]
ORGS = ["hizb-ut-tahrir", "islamic-state", "taliban", "aum-shinrikyo", "islamic-party-of-turkestan", "al-qaeda"]
WORDS = {
    "en": "the court said members of group were detained in Taraz on Monday and later".split(),
    "ru": "суд сообщил что члены группы задержаны в Таразе в понедельник и позже".split(),
    "kk": "сот хабарлады мүшелері топтың Таразда дүйсенбі күні ұсталды және кейін".split(),
}
ANNOTATOR = Annotator(default_registry())


def _name(org_id: str, lang: str) -> str:
    org = default_registry().get(org_id)
    assert org is not None
    return org.names[lang].value


def _windows(org_id: str) -> list[PartialDate]:
    org = default_registry().get(org_id)
    assert org is not None
    return [d.decided_on for d in org.decisions if d.decided_on is not None]


def _uncertain(org_id: str, day: dt.date) -> bool:
    """Whether ``day`` falls inside a decision of the organisation known only to the month or year."""
    return any(w.precision != "day" and w.first_day <= day <= w.last_day for w in _windows(org_id))


@st.composite
def days(draw: st.DrawFn, orgs: list[str]) -> dt.date:
    when = draw(st.sampled_from([w for org in orgs for w in _windows(org)]))
    where = draw(st.sampled_from(["before", "inside", "after"]))
    if where == "before":
        return when.first_day - dt.timedelta(days=1)
    if where == "after":
        return when.last_day + dt.timedelta(days=1)
    span = (when.last_day - when.first_day).days
    return when.first_day + dt.timedelta(days=draw(st.integers(0, span)))


def _wrap(name: str, fmt: str, how: str) -> str:
    plain = {
        "plain": name,
        "guillemets": f"«{name}»",
        "quotes": f"“{name}”",
        "low-quotes": f"„{name}‟",
        "corner": f"「{name}」",
        "brackets": f"({name})",
        "possessive": f"{name}'s",
        "backtick": f"{name}`s",
        "dash": f"{name}—",
        "comma": f"{name},",
        "colon": f"{name}:",
    }
    if how in plain:
        return plain[how]
    if fmt == "markdown":
        return {
            "strong": f"**{name}**",
            "em": f"*{name}*",
            "both": f"***{name}***",
            "under": f"_{name}_",
            "link": f"[{name}](https://example.com/a)",
            "nested": f"**[«{name}»](https://example.com/b)**",
        }[how]
    if fmt == "html":
        return {
            "strong": f"<b>{name}</b>",
            "em": f"<i>{name}</i>",
            "both": f"<b><i>{name}</i></b>",
            "under": f"<span class=x>{name}</span>",
            "link": f'<a href="https://example.com/a">{name}</a>',
            "nested": f"<strong><a href=/b>«<em>{name}</em>»</a></strong>",
        }[how]
    return name


WRAPS = ["plain", "guillemets", "quotes", "low-quotes", "corner", "brackets", "possessive", "backtick", "dash"]
WRAPS += ["comma", "colon"]
WRAPS += ["strong", "em", "both", "under", "link", "nested"]


@st.composite
def documents(draw: st.DrawFn, fmt: str, lang: str, orgs: list[str], *, detected: bool = False) -> str:
    words = WORDS[lang]
    # "*name*" alone does not make a text Markdown, and read as plain text it is a marked name
    wraps = [w for w in WRAPS if not (detected and w == "em")]
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        pieces = draw(st.lists(st.sampled_from(words), min_size=0, max_size=6))
        for org in draw(st.lists(st.sampled_from(orgs), min_size=0, max_size=3)):
            at = draw(st.integers(0, len(pieces)))  # start, middle or end of the paragraph
            pieces.insert(at, _wrap(_name(org, lang), fmt, draw(st.sampled_from(wraps))))
        sentence = " ".join(pieces) + draw(st.sampled_from([".", "", ",", "!"]))
        heading = draw(st.booleans()) and draw(st.booleans())
        if fmt == "markdown" and heading:
            sentence = draw(st.sampled_from([f"## {sentence}", f"> {sentence}", f"- {sentence}\n- {words[1]}"]))
        elif fmt == "html":
            sentence = f"<h2>{sentence}</h2>" if heading else f"<p>{sentence}</p>"
            if draw(st.booleans()):
                sentence = f"<blockquote><div>{sentence}</div></blockquote>"
        paragraphs.append(sentence)
    if fmt == "html":
        body = "\n".join(paragraphs)
        if draw(st.booleans()):
            head = "<head><meta charset=utf-8><style>p { margin: 0 }</style><title>News</title></head>"
            body = f"<!DOCTYPE html>\n<html lang={lang}-KZ>{head}<body><div>{body}</div></body></html>"
            if draw(st.booleans()):  # content after </html>
                body += f"\n<p>{_name(draw(st.sampled_from(orgs)), lang)} {words[0]}</p>"
        ending = draw(st.sampled_from(["", "", "<pre>x = 1", "<code>y", "<svg><text>z</text>", "<script>"]))
        doc = body + ending
    else:
        doc = "\n\n".join(paragraphs)
        if fmt == "markdown":
            if draw(st.booleans()):
                doc = f"---\ntitle: News\nlang: {lang}\n---\n{doc}"
            if draw(st.booleans()):  # a code fence left open at the end
                doc += "\n\n```\ncode"
    doc += draw(st.sampled_from(["", "\n", "\n\n"]))
    if draw(st.booleans()):
        doc = doc.replace("\n", "\r\n")
    if draw(st.booleans()):
        doc = "\ufeff" + doc
    return doc


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@st.composite
def cases(draw: st.DrawFn, base: str, *, detected: bool) -> tuple[str, str, dt.date, str]:
    lang = draw(st.sampled_from(["en", "ru", "kk"]))
    orgs = draw(st.lists(st.sampled_from(ORGS), min_size=1, max_size=3, unique=True))
    return base, lang, draw(days(orgs)), draw(documents(base, lang, orgs, detected=detected))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("style_name", list(STYLES))
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_promise_holds(style_name: str, fmt: str, data: st.DataObject) -> None:
    style: str | Callable[[int, Organisation], str] = STYLES[style_name]
    base = data.draw(st.sampled_from(["text", "markdown", "html"])) if fmt == "auto" else fmt
    _, lang, day, doc = data.draw(cases(base, detected=fmt == "auto"))
    declared = f"lang: {lang}\n" in doc or f"lang={lang}-KZ" in doc
    options: dict[str, Any] = {"on": day, "marker": style}
    if fmt != "auto":
        options["format"] = fmt
    with warnings.catch_warnings():  # a <script> left open: footnotes before it, with a warning
        warnings.simplefilter("ignore", UnclosedMarkupWarning)
        first = ANNOTATOR.annotate(doc, **options)
        again = ANNOTATOR.annotate(first.text, **options)
    # insertions only
    assert strip_insertions(first) == doc
    assert _is_subsequence(doc, first.text)
    # footnotes in the language the document declares (else the one its prose is in)
    assert first.lang == lang if declared else first.lang in ("en", "ru", "kk", "kk-Latn")
    # idempotent
    assert again.text == first.text
    assert again.footnotes == ()
    assert again.format == first.format  # the markers do not change how the text is read
    # check reports nothing
    assert ANNOTATOR.check(first.text, on=day, format=options.get("format"), marker=style) == []
    # exactly one footnote per marked organisation, inside a month-precision decision too
    noted = [f.org.id for f in first.footnotes]
    assert len(noted) == len(set(noted))
    assert {m.org.id for m in again.mentions if m.marked} == set(noted)
    # a day inside a month- or year-precision decision: the organisation counts as banned
    assert {m.org.id for m in first.mentions if _uncertain(m.org.id, day)} <= set(noted)
