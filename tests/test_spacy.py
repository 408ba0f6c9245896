"""The spaCy component on Russian, English and Kazakh (spaCy's multi-language "xx") text:
its spans are find()'s mentions, it keeps existing entities, and a saved pipeline answers
with the same data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import bannedorgs  # noqa: E402 - after the skip: the module needs spaCy
from bannedorgs.spacy import LABEL  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
DAY = "2020-01-01"

# text, language, and the organisations in it, in text order (read off the text by hand)
TEXTS = [
    (
        "ru",
        "Члены «Хизб ут-Тахрир» задержаны, а ИГИЛ и Талибана боятся.",
        ["hizb-ut-tahrir", "islamic-state", "taliban"],
    ),
    ("en", "The Taliban-led government and Daesh's fighters; al-Qaeda.", ["taliban", "islamic-state", "al-qaeda"]),
    ("xx", "Хизб ут-Тахрирдің мүшелері Талибанға қосылды.", ["hizb-ut-tahrir", "taliban"]),
]


def pipeline(lang: str, **config: object) -> spacy.language.Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("bannedorgs", config={"on": DAY, **config})
    return nlp


def triples(doc: spacy.tokens.Doc) -> list[tuple[int, int, str]]:
    return [(s.start_char, s.end_char, s._.bannedorgs_id) for s in doc.spans["bannedorgs"]]


@pytest.mark.parametrize(("lang", "text", "ids"), TEXTS, ids=[t[0] for t in TEXTS])
def test_spans_are_the_mentions_find_finds(lang: str, text: str, ids: list[str]) -> None:
    doc = pipeline(lang)(text)
    mentions = bannedorgs.find(text, on=DAY)
    assert [m.org.id for m in mentions] == ids
    assert triples(doc) == [(m.start, m.end, m.org.id) for m in mentions]
    for span, mention in zip(doc.spans["bannedorgs"], mentions, strict=True):
        assert span.text == mention.surface
        assert span.label_ == LABEL
        assert span.kb_id_ == mention.org.id
        assert span._.bannedorgs_rule == mention.rule
        assert span._.bannedorgs_status == "banned"
        assert (span._.bannedorgs_start_char, span._.bannedorgs_end_char) == (mention.start, mention.end)
    assert doc.ents == ()  # only with set_ents


def test_kazakh_suffixes_are_inside_the_span() -> None:
    doc = pipeline("xx")("Хизб ут-Тахрирдің мүшелері Талибанға қосылды.")
    assert [s.text for s in doc.spans["bannedorgs"]] == ["Хизб ут-Тахрирдің", "Талибанға"]


def test_a_mention_inside_a_token_gets_the_tokens_that_hold_it() -> None:
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    nlp.tokenizer = Tokenizer(nlp.vocab)  # whitespace only: "(Taliban)" is one token
    nlp.add_pipe("bannedorgs", config={"on": DAY})
    doc = nlp("They met (Taliban) envoys.")
    (span,) = doc.spans["bannedorgs"]
    assert span.text == "(Taliban)"  # alignment_mode="expand": the whole token
    assert (span._.bannedorgs_start_char, span._.bannedorgs_end_char) == (10, 17)
    assert doc.text[10:17] == "Taliban"


def test_status_on_the_configured_date() -> None:
    text = "The Taliban and Daesh."
    # the Taliban were taken off the list in December 2023 (data/registry.yaml)
    doc = pipeline("en", on="2024-06-01")(text)
    assert [s._.bannedorgs_id for s in doc.spans["bannedorgs"]] == ["islamic-state"]
    doc = pipeline("en", on="2024-06-01", include_unbanned=True)(text)
    assert [(s._.bannedorgs_id, s._.bannedorgs_status) for s in doc.spans["bannedorgs"]] == [
        ("taliban", "not banned"),
        ("islamic-state", "banned"),
    ]
    doc = pipeline("en", on="2020-06-01")(text)
    assert [s._.bannedorgs_status for s in doc.spans["bannedorgs"]] == ["banned", "banned"]


def test_a_bad_date_fails_when_the_pipeline_is_built() -> None:
    with pytest.raises(ValueError, match="yesterday"):
        pipeline("en", on="yesterday")


def test_set_ents_keeps_existing_entities() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Taliban"}, {"label": "GPE", "pattern": "Kabul"}])
    nlp.add_pipe("bannedorgs", config={"on": DAY, "set_ents": True})
    doc = nlp("The Taliban in Kabul and Daesh in Raqqa.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Taliban", "ORG"), ("Kabul", "GPE"), ("Daesh", LABEL)]
    assert [s.text for s in doc.spans["bannedorgs"]] == ["Taliban", "Daesh"]  # the spans keep every mention


def test_registry_and_extra_are_config_values() -> None:
    nlp = pipeline("en", registry=str(FIXTURES / "mini.yaml"))
    doc = nlp("The Red Banner and the Taliban.")
    assert [s._.bannedorgs_id for s in doc.spans["bannedorgs"]] == ["red-banner"]


def test_to_disk_and_back_answers_with_the_same_data(tmp_path: Path) -> None:
    registry = tmp_path / "mini.yaml"
    shutil.copy(FIXTURES / "mini.yaml", registry)
    nlp = pipeline("ru", registry=str(registry), spans_key="orgs", set_ents=True)
    text = "Красное знамя и Синий круг."
    before = nlp(text)
    nlp.to_disk(tmp_path / "model")
    registry.unlink()  # the saved pipeline carries its own copy of the registry
    again = spacy.load(tmp_path / "model")
    after = again(text)
    assert [(s.start_char, s.end_char, s._.bannedorgs_id) for s in after.spans["orgs"]] == [
        (s.start_char, s.end_char, s._.bannedorgs_id) for s in before.spans["orgs"]
    ]
    assert [s._.bannedorgs_id for s in after.spans["orgs"]] == ["red-banner", "blue-circle"]
    assert [e.text for e in after.ents] == ["Красное знамя", "Синий круг"]
    assert again.get_pipe("bannedorgs").on == DAY


def test_the_bundled_registry_round_trips_too(tmp_path: Path) -> None:
    nlp = pipeline("en")
    nlp.to_disk(tmp_path / "model")
    doc = spacy.load(tmp_path / "model")("Daesh.")
    assert [s._.bannedorgs_id for s in doc.spans["bannedorgs"]] == ["islamic-state"]


def test_the_factory_is_found_through_the_entry_point() -> None:
    # a fresh interpreter that never imports bannedorgs.spacy itself
    code = (
        "import spacy, sys; nlp = spacy.blank('en'); nlp.add_pipe('bannedorgs', config={'on': '2020-01-01'}); "
        "assert 'bannedorgs.spacy' in sys.modules; doc = nlp('Daesh'); print([s.text for s in doc.spans['bannedorgs']])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['Daesh']"


def test_a_missing_registry_file_is_named(tmp_path: Path) -> None:
    nlp = pipeline("en", registry=str(tmp_path / "gone.yaml"))
    with pytest.raises(FileNotFoundError, match=r"gone\.yaml"):
        nlp("Daesh.")
