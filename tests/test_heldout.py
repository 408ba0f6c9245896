"""The held-out evaluation set is well-formed. Scores are not asserted here: see scripts/score_heldout.py."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bannedorgs.registry import default_registry

PATH = Path(__file__).parent / "fixtures" / "heldout.jsonl"
KEYS = {"id", "lang", "text", "published", "expect", "note"}
SPAN_KEYS = {"org", "surface", "start", "end"}


def _cases() -> list[dict[str, Any]]:
    with PATH.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASES = _cases()


def test_size_and_languages() -> None:
    langs = [case["lang"] for case in CASES]
    assert len(CASES) == 150
    assert {lang: langs.count(lang) for lang in set(langs)} == {"en": 50, "ru": 50, "kk": 50}


def test_ids_are_unique_and_match_language() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert re.fullmatch(rf"{case['lang']}-h\d{{3}}", case["id"]), case["id"]


def test_negatives_are_about_a_third() -> None:
    negatives = sum(1 for case in CASES if not case["expect"])
    assert 0.25 <= negatives / len(CASES) <= 0.45


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case_is_well_formed(case: dict[str, Any]) -> None:
    registry = default_registry()
    assert set(case) == KEYS
    assert case["lang"] in ("en", "ru", "kk")
    assert isinstance(case["text"], str) and case["text"].strip()
    assert isinstance(case["note"], str) and case["note"].strip()
    dt.date.fromisoformat(case["published"])
    text = case["text"]
    previous_end = -1
    for span in case["expect"]:
        assert set(span) == SPAN_KEYS
        assert registry.get(span["org"]) is not None, span["org"]
        start, end = span["start"], span["end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert 0 <= start < end <= len(text)
        assert text[start:end] == span["surface"]
        assert span["surface"] == span["surface"].strip()
        # quotation marks are outside the span
        assert span["surface"][0] not in "«»“”„\"'" and span["surface"][-1] not in '«»“”„"', span
        assert start >= previous_end, "spans are sorted and do not overlap"
        previous_end = end
