"""Regression floor on the held-out sentences: the matcher must not get worse on them.

The sentences were written apart from the matcher; some of what they exposed was then fixed
in general form, so the floor guards those fixes too. Scores are per language.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_heldout", ROOT / "scripts" / "score_heldout.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl"])
def test_precision_and_recall_per_language(name: str) -> None:
    scorer = _scorer()
    counts, errors = scorer.score(scorer.load(ROOT / "tests" / "fixtures" / name))
    for lang, c in counts.items():
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["found"] / max(1, c["found"] + c["fn"])
        assert precision >= 0.95, (lang, precision, [e for e in errors if e[0] == "FP"])
        assert recall >= 0.95, (lang, recall, [e for e in errors if e[0] == "FN"])


# Sets written later from real usage (wire copy, court and NGO reports, long reads, headlines,
# Telegram posts, glosses, Unicode noise; Kazakh in the 2021, 2017 and 2018 Latin alphabets
# and in ad-hoc Latin), with a third of negatives built from namesakes. The floors are per
# language and script.
@pytest.mark.parametrize(
    ("name", "script", "floor"),
    [("heldout4.jsonl", "", 0.95), ("heldout5.jsonl", "", 0.95), ("heldout_kk_latn.jsonl", "-Latn", 0.95)],
)
def test_real_usage_per_language_and_script(name: str, script: str, floor: float) -> None:
    scorer = _scorer()
    counts, errors = scorer.score(scorer.load(ROOT / "tests" / "fixtures" / name))
    assert counts
    for lang, c in counts.items():
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["found"] / max(1, c["found"] + c["fn"])
        assert precision >= floor, (lang + script, precision, [e for e in errors if e[0] == "FP"])
        assert recall >= floor, (lang + script, recall, [e for e in errors if e[0] == "FN"])


# Sets written from real usage by someone who never saw the matcher. heldout6 was scored first on
# the code before the fixes it prompted (P 0.977, R 0.969) and then fixed against; heldout7 was
# written before the second round of fixes and scored first after it (P 0.996, R 0.978; Latin-
# script Kazakh R 0.95), and nothing was fixed against it. heldout8 was scored first on the code
# of data 2026.2 (P 0.980, R 0.961; Kazakh R 0.942) and then fixed against (Aleph, Da'esh, an
# acronym the text spells out as other words, ә left in Latin text, ś for ш, more sports and
# address words). heldout9 was written after those fixes and scored first on them (P 0.990,
# R 0.981; Kazakh R 0.964), then fixed against (a branch with the core group's name in quotes,
# ИМ). heldout10 (passages of several sentences) was written after that and scored first on
# it (P 0.992, R 0.978; Kazakh R 0.961), then fixed against (a headline in capitals on the
# article's first line, an abbreviation before its definition, the Indian Subcontinent's branch
# in Kazakh). heldout11 (court releases, posts, lists, transcripts, headlines, wire copy) was
# written after that and scored first on it (P 0.974, R 0.982; English P 0.969 R 0.959), then
# fixed against (addresses to believers, a hat tip, three capitals in a caps headline, single
# quotes, Alga's, compounds in title case, -дікі, the DVK's name in small letters, namesake
# acronyms). heldout12 (Markdown and wiki copy, PDF and OCR artefacts, legal lists, nested
# quotes and outlets' own markers, code-switching) was written after those fixes and scored
# first on them (P 0.983, R 1.000; English P 0.968), then fixed against (web addresses, an
# acronym with a model number, an address ending in an exclamation mark, namesakes).
# heldout13 (whole articles and long excerpts) was written after those fixes and scored first
# on them (P 0.994, R 0.989), then fixed against (Alga! after "party" at a sentence's end, the
# football club's and a company's words, a bracketed translation, another spelling).
# heldout14 (Kazakh-heavy: official language with long suffix chains, caps headlines, chat
# Latin) was written after that and scored first on it (P 1.000, R 0.990), then fixed
# against (an abbreviation with a hyphenated suffix in a caps headline). Each guards its
# level, with the Latin-script Kazakh cases (ids h6-kkl- … h14-kkl-) also scored on their own.
@pytest.mark.parametrize("latin_only", [False, True])
@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("heldout6", 0.98),
        ("heldout7", 0.95),
        ("heldout8", 0.96),
        ("heldout9", 0.96),
        ("heldout10", 0.94),
        ("heldout11", 0.96),
        ("heldout12", 0.96),
        ("heldout13", 0.96),
        ("heldout14", 0.96),
    ],
)
def test_unseen_sets_per_language_and_script(name: str, floor: float, latin_only: bool) -> None:
    scorer = _scorer()
    cases = scorer.load(ROOT / "tests" / "fixtures" / f"{name}.jsonl")
    if latin_only:
        cases = [c for c in cases if c["id"].startswith(f"h{name.removeprefix('heldout')}-kkl-")]
        assert len(cases) >= 37  # heldout13 has 40 (whole articles), heldout14 37, the others 50 or more
    counts, errors = scorer.score(cases)
    assert counts
    for lang, c in counts.items():
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["found"] / max(1, c["found"] + c["fn"])
        assert precision >= floor, (lang, latin_only, precision, [e for e in errors if e[0] == "FP"])
        assert recall >= floor, (lang, latin_only, recall, [e for e in errors if e[0] == "FN"])
