"""The command line's lean registry (bannedorgs._lean) annotates exactly as the registry does.

``bannedorgs annotate`` reads a plain-data form of the registry from the cache so that it
imports neither attrs nor the model. Its answers must be the registry's own: the state of
every organisation on every day, the footnote in every language, and whole annotations over
the product of marker styles x formats x languages x dates x generated documents. A
damaged or foreign cache entry is a miss, and the command then uses the full registry.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bannedorgs import _cache, _lean, default_registry
from bannedorgs.annotator import MENTION_FIELDS, Annotator
from bannedorgs.errors import UnclosedMarkupWarning
from bannedorgs.footnotes import render
from bannedorgs.model import Mention
from test_promises import cases

REGISTRY = default_registry()
LEAN = _lean.LeanRegistry(_lean.build(REGISTRY))
FULL = Annotator(REGISTRY)
LIGHT = Annotator(LEAN)
STRING_STYLES = ["*", "numbered", "superscript", "†", "[*]"]


def test_the_mention_fields_are_the_models() -> None:
    assert tuple(f.name for f in attrs.fields(Mention)) == MENTION_FIELDS


def _edges() -> list[tuple[str, dt.date]]:
    """Every organisation with the days around each of its decisions' dates."""
    out = []
    for org in REGISTRY:
        for decision in org.decisions:
            when = decision.decided_on
            if when is None:
                continue
            for day in (when.first_day, when.last_day):
                for step in (-1, 0, 1):
                    if dt.date.min < day + dt.timedelta(days=step) < dt.date.max:
                        out.append((org.id, day + dt.timedelta(days=step)))
        out.append((org.id, dt.date(2026, 11, 30)))
    return out


def test_state_and_footnote_around_every_decision() -> None:
    lean_orgs = {o.id: o for o in LEAN}
    assert set(lean_orgs) == {o.id for o in REGISTRY}
    for org_id, day in _edges():
        org = REGISTRY.get(org_id)
        assert org is not None
        assert LEAN._state_on(lean_orgs[org_id], day) is REGISTRY._state_on(org, day), (org_id, day)
        for lang in _lean.LANGS:
            expected = render(org, lang, on=day, templates=REGISTRY.templates or None)
            assert LEAN._footnote_sentence(lean_orgs[org_id], lang, day, None) == expected, (org_id, day, lang)


@settings(max_examples=300, deadline=None)
@given(org_index=st.integers(0, len(REGISTRY) - 1), day=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))
def test_state_and_footnote_on_any_day(org_index: int, day: dt.date) -> None:
    org = list(REGISTRY)[org_index]
    lean_org = next(o for o in LEAN if o.id == org.id)
    assert LEAN._state_on(lean_org, day) is REGISTRY._state_on(org, day)
    for lang in _lean.LANGS:
        assert LEAN._footnote_sentence(lean_org, lang, day, None) == render(org, lang, on=day)


def test_aliases_are_the_models_in_order() -> None:
    for org in REGISTRY:
        lean_org = next(o for o in LEAN if o.id == org.id)
        assert [tuple(getattr(a, f) for f in _lean._ALIAS_FIELDS) for a in org.all_aliases()] == [
            a._fields() for a in lean_org.all_aliases()
        ]


def _same(a: Any, b: Any) -> None:
    assert a.text == b.text
    assert (a.lang, a.format) == (b.lang, b.format)
    assert [(i.offset, i.text) for i in a.insertions] == [(i.offset, i.text) for i in b.insertions]
    assert [(f.marker, f.org.id, f.text) for f in a.footnotes] == [(f.marker, f.org.id, f.text) for f in b.footnotes]
    fields = [f for f in MENTION_FIELDS if f != "org"]
    assert [(m.org.id, *(getattr(m, f) for f in fields)) for m in a.mentions] == [
        (m.org.id, *(getattr(m, f) for f in fields)) for m in b.mentions
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "auto"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_annotations_are_the_registrys(fmt: str, data: st.DataObject) -> None:
    base = data.draw(st.sampled_from(["text", "markdown", "html"])) if fmt == "auto" else fmt
    _, _, day, doc = data.draw(cases(base, detected=fmt == "auto"))
    options: dict[str, Any] = {
        "on": day,
        "marker": data.draw(st.sampled_from(STRING_STYLES)),
        "lang": data.draw(st.sampled_from([None, "en", "ru", "kk", "kk-Latn"])),
        "mentions": data.draw(st.sampled_from(["first", "all"])),
        "footnotes": data.draw(st.booleans()),
        "headings": data.draw(st.booleans()),
    }
    if fmt != "auto":
        options["format"] = fmt
    if base == "html":
        options["superscript_html"] = data.draw(st.booleans())
    if base == "markdown":
        options["markdown_footnotes"] = data.draw(st.booleans())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnclosedMarkupWarning)
        full, light = FULL.annotate(doc, **options), LIGHT.annotate(doc, **options)
        _same(full, light)
        again = dict(options, on=day)
        _same(FULL.annotate(full.text, **again), LIGHT.annotate(light.text, **again))
    streamed = list(LIGHT.iter_stream_annotations([doc], on=day, marker=options["marker"]))
    assert "".join(r.text for r in streamed) == "".join(
        r.text for r in FULL.iter_stream_annotations([doc], on=day, marker=options["marker"])
    )


def test_a_text_defining_an_abbreviation() -> None:
    text = "The Party of Islamic Revival of Tajikistan (PIRT) met. Later PIRT said so. Hizb ut-Tahrir too."
    text += " The Islamic Movement of Uzbekistan (IMU) and the IMU's leaders."
    _same(FULL.annotate(text, on="2024-01-01", mentions="all"), LIGHT.annotate(text, on="2024-01-01", mentions="all"))


def test_other_templates_need_the_full_registry() -> None:
    org = next(iter(LEAN))
    with pytest.raises(ValueError, match="templates other than the registry's"):
        LEAN._footnote_sentence(org, "en", dt.date(2024, 1, 1), {"en": {"day": "{name}."}})


def _damaged(data: dict[str, Any]) -> list[Any]:
    first = data["orgs"][0]
    sentences = dict(first[4])
    sentences["en"] = ([5, 1], sentences["en"][1])  # days out of order
    return [
        None,
        [],
        {**data, "version": 0},
        {**data, "fingerprint": "another"},
        {**data, "updated_on": 0},
        {**data, "orgs": [("x", "terrorist", [("a",)], [], first[4])]},  # an alias of one field
        {**data, "orgs": [(*first[:4], sentences)]},
        {**data, "orgs": [(*first[:3], [["ban", "2005", 10**9, None, None]], first[4])]},  # a day out of range
        {**data, "orgs": [(*first[:2], [("v", "en", 1, True, False, False, (), None)], *first[3:])]},  # int, not bool
        {**data, "not_mentions": [["a", "en"]]},
        {**data, "templates": {"en": {"day": 1}}},
    ]


def test_a_damaged_entry_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANNEDORGS_CACHE_DIR", str(tmp_path))
    key = REGISTRY.fingerprint
    assert key
    data = _lean.build(REGISTRY)
    assert _cache.put(_lean.KIND, key, data)
    found = _lean.load(key)
    assert found is not None and len(found) == len(REGISTRY)
    for bad in _damaged(data):
        _cache.put(_lean.KIND, key, bad)
        assert _lean.load(key) is None, bad


def _run(args: list[str], text: str, cache: Path, *, importtime: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BANNEDORGS_CACHE_DIR=str(cache))
    head = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "bannedorgs"]
    return subprocess.run([*head, *args], input=text, capture_output=True, text=True, env=env, check=False)


def test_the_command_annotates_without_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANNEDORGS_CACHE_DIR", str(tmp_path))  # this process's cache is the command's
    text = "Members of Hizb ut-Tahrir and of «Исламское государство» were detained.\n"
    args = ["annotate", "--on", "2024-01-10"]
    first = _run(args, text, tmp_path)  # an empty cache: the full registry, which keeps its lean form
    assert first.returncode == 0, first.stderr
    second = _run(args, text, tmp_path, importtime=True)
    assert second.returncode == 0
    assert second.stdout == first.stdout == FULL.annotate(text, on="2024-01-10").text
    imported = {line.split("|")[-1].strip() for line in second.stderr.splitlines() if line.startswith("import time")}
    assert "bannedorgs.annotator" in imported  # what was looked at is the annotate command's imports
    assert not {"attr", "attrs", "bannedorgs.model", "bannedorgs.registry", "bannedorgs.footnotes"} & imported
    # a damaged lean entry: the command still annotates, with the full registry
    key = REGISTRY.fingerprint
    assert key
    assert _cache.get(_lean.KIND, key) is not None  # kept by the first run
    assert _cache.put(_lean.KIND, key, {"version": 99})
    third = _run(args, text, tmp_path, importtime=True)
    assert third.returncode == 0 and third.stdout == first.stdout
    assert "bannedorgs.model" in {line.split("|")[-1].strip() for line in third.stderr.splitlines() if "|" in line}


def test_a_word_file_is_annotated_with_the_full_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs.cli import main
    from bannedorgs.docx import annotate_docx
    from test_docx import _article

    cache = tmp_path / "cache"
    monkeypatch.setenv("BANNEDORGS_CACHE_DIR", str(cache))
    _lean.store(REGISTRY)  # the command finds the lean registry, and needs the model for Word
    assert _lean.load(REGISTRY.fingerprint or "") is not None
    source, target = tmp_path / "a.docx", tmp_path / "b.docx"
    source.write_bytes(_article())
    assert main(["annotate", "--on", "2024-01-10", str(source), "-o", str(target)]) == 0
    expected = annotate_docx(source.read_bytes(), on="2024-01-10")
    assert target.read_bytes() == expected.data


def test_nothing_is_built_when_caching_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # every command would otherwise write each footnote ahead for nothing
    def refuse(registry: object) -> None:
        raise AssertionError("built with caching off")

    monkeypatch.setenv("BANNEDORGS_NO_CACHE", "1")
    monkeypatch.setattr(_lean, "_plain", refuse)
    _lean.store(REGISTRY)
    monkeypatch.delenv("BANNEDORGS_NO_CACHE")
    with pytest.raises(AssertionError, match="caching off"):
        _lean.store(REGISTRY)
