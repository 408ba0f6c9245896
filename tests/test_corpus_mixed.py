"""The second benchmark corpus keeps its promises: seeded, prefix-stable, and the mix it claims."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus_mixed", BENCHMARKS / "corpus_mixed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_mix_is_what_the_module_says() -> None:
    mixed = _module()
    text = mixed.generate(200_000, 5)
    assert text == mixed.generate(200_000, 5)
    assert mixed.generate(400_000, 5).startswith(text)
    articles = mixed.split_articles(text)
    assert mixed.ARTICLE_SEPARATOR.join(articles) == text
    crlf = [a for a in articles if "\r\n" in a]
    assert len(crlf) == len(articles) // 3
    assert all("\n" not in a.replace("\r\n", "") for a in crlf)
    html = [a for a in articles if a.startswith("<article>")]
    markdown = [a for a in articles if a.startswith("# ")]
    assert 0.2 < len(html) / len(articles) < 0.4 and 0.2 < len(markdown) / len(articles) < 0.4
    kazakh = sum(any(c in a for c in "әғқңөұүһі") for a in articles)
    assert kazakh / len(articles) > 0.5
    assert any(name in text for name in ("ИСЛАМ МЕМЛЕКЕТІ", "ТАЛИБАН", "ХИЗБ УТ-ТАХРИР"))
