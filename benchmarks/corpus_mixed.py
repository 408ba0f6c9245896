"""A second, independent corpus for the benchmarks: a different mix from ``corpus.py``.

Where ``corpus.py`` writes plain news text, mostly Russian, with LF line ends, this one writes
what a newsroom's archive also holds:

- Kazakh first: 55% Kazakh, 30% Russian, 15% English articles;
- formats: 40% plain text, 30% Markdown (headings, emphasis, lists, links), 30% HTML
  (``<h1>``, ``<p>``, ``<b>``, ``<a href>``, entities);
- line ends: every third article uses CRLF;
- names as editors type them: capitals in headlines (ИСЛАМ МЕМЛЕКЕТІ, ТАЛИБАН), lower-case
  first words in running text («хизб ут-тахрир» in quotes), Kazakh case endings on every
  kind of name (Талибанның, «Хизб ут-Тахрир» ұйымына, ИГИЛ-дің), and the mentions set
  closer together (one sentence in 4-8).

Its sentences, names and forms are written apart from ``corpus.py`` (no template is shared),
so a speed-up tuned to one corpus shows up as a gap between the two. The same seed gives the
same text; a larger size gives a longer text with the same beginning.

    python benchmarks/corpus_mixed.py --size-mb 5 --seed 2 --out /tmp/mixed-5mb.txt
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["ARTICLE_SEPARATOR", "generate", "generate_articles", "split_articles"]

ARTICLE_SEPARATOR = "\n\n\n"  # as corpus.py: "\r\n\r\n" inside a CRLF article never holds it
LANGUAGES = (("kk", 0.55), ("ru", 0.30), ("en", 0.15))
FORMATS = (("text", 0.4), ("markdown", 0.3), ("html", 0.3))
MENTION_EVERY = (4, 8)  # one sentence in 4-8 names a banned organisation

_KK_NAMES = (
    "Ислам мемлекеті", "Ислам мемлекетінің", "Ислам мемлекетіне", "ИГИЛ-дің", "ИГИЛ-ге", "ДАИШ",
    "Талибан", "Талибанның", "Талибанға", "Әл-Каида", "Әл-Каиданың", "«Хизб ут-Тахрир»",
    "«Хизб ут-Тахрир» ұйымына", "Хизб ут-Тахрирдің", "Таблиғи жамағат", "Таблиғи жамағаттың",
    "Мұсылман бауырлар", "Мұсылман бауырлардың", "Көше партиясы", "Көше партиясының",
    "Өзбекстан ислам қозғалысы", "Шығыс Түркістан ислам партиясы", "Сұр қасқырлар",
    "Ән-Нұсра майданы", "АУМ Синрике", "Қазақстанның демократиялық таңдауы",
)  # fmt: skip
_RU_NAMES = (
    "Исламское государство", "Исламского государства", "ИГИЛ", "ДАИШ", "Талибан", "Талибана",
    "движения Талибан", "Аль-Каида", "Аль-Каиды", "«Хизб ут-Тахрир»", "Хизб ут-Тахрира",
    "Таблиги Джамаат", "Братья-мусульмане", "Братьев-мусульман", "Боз Гурд", "Фронт ан-Нусра",
    "Исламского движения Узбекистана", "Джунд аль-Халифат", "Ат-Такфир уаль-Хиджра",
    "Демократический выбор Казахстана", "Партия улицы",
)  # fmt: skip
_EN_NAMES = (
    "Islamic State", "the Islamic State's", "ISIS", "ISIL", "Daesh", "the Taliban", "the Taliban's",
    "al-Qaeda", "Al Qaeda", "Hizb ut-Tahrir", "Tablighi Jamaat", "the Muslim Brotherhood",
    "the Grey Wolves", "Jabhat al-Nusra", "Lashkar-e-Taiba", "Aum Shinrikyo", "Jund al-Khilafah",
    "the Islamic Movement of Uzbekistan", "Democratic Choice of Kazakhstan", "Koshe Party",
)  # fmt: skip
_HEADLINE_NAMES = {
    "kk": ("ИСЛАМ МЕМЛЕКЕТІ", "ТАЛИБАН", "ХИЗБ УТ-ТАХРИР", "ӘЛ-КАИДА", "ТАБЛИҒИ ЖАМАҒАТ"),
    "ru": ("ИСЛАМСКОЕ ГОСУДАРСТВО", "ТАЛИБАН", "ХИЗБ УТ-ТАХРИР", "АЛЬ-КАИДА", "БРАТЬЯ-МУСУЛЬМАНЕ"),
    "en": ("ISLAMIC STATE", "TALIBAN", "HIZB UT-TAHRIR", "AL-QAEDA", "TABLIGHI JAMAAT"),
}
_QUOTED_LOWER = {
    "kk": ("«хизб ут-тахрир»", "«талибан»", "«әл-каида»"),
    "ru": ("«хизб ут-тахрир»", "«талибан»", "«аль-каида»"),
    "en": ('"hizb ut-tahrir"', '"taliban"', '"al-qaeda"'),
}
_NAMES = {"kk": _KK_NAMES, "ru": _RU_NAMES, "en": _EN_NAMES}

_PLACES = {
    "kk": ("Шымкентте", "Ақтөбеде", "Қарағандыда", "Атырауда", "Түркістанда", "Павлодарда", "Семейде"),
    "ru": ("в Шымкенте", "в Актобе", "в Караганде", "в Атырау", "в Туркестане", "в Павлодаре", "в Семее"),
    "en": ("in Shymkent", "in Aktobe", "in Karaganda", "in Atyrau", "in Turkestan", "in Pavlodar", "in Semey"),
}
_PLAIN = {
    "kk": (
        "{place} жаңа мектептің құрылысы аяқталды, оқушылар қыркүйекте келеді.",
        "Облыс әкімдігі жол жөндеуге {n} миллион теңге бөлді.",
        "{place} көктемгі егіс науқаны басталды, фермерлер тұқым сатып алуда.",
        "Жергілікті команда маусымның соңғы ойынында {n}:{m} есебімен жеңді.",
        "Ауа райы бюросы келесі аптада қар жауатынын хабарлады.",
        "Қала тұрғындары аула абаттандыру жобасын талқылауға жиналды.",
        "Ауруханаға жаңа құрал-жабдық әкелінді, оның құны {n} миллион теңге.",
        "Университет студенттері {place} ғылыми конференция өткізді.",
        "Банк депозиттер бойынша мөлшерлемені {n} пайызға дейін көтерді.",
        "Мұражайда ұлттық қолөнер көрмесі ашылды.",
    ),
    "ru": (
        "{place} открылся новый детский сад на {n} мест.",
        "Городской совет утвердил бюджет на следующий год.",
        "{place} прошёл фестиваль уличной еды, его посетили около {n} тысяч человек.",
        "Синоптики обещают потепление до плюс {n} градусов к выходным.",
        "Местный клуб сыграл вничью со счётом {n}:{n}.",
        "Тарифы на отопление вырастут на {n} процентов с января.",
        "Библиотека получила в дар {n} книг на казахском языке.",
        "Жители района пожаловались на качество воды в многоэтажках.",
    ),
    "en": (
        "A new bridge {place} will open to traffic next month.",
        "The city council approved a plan to plant {n} trees along the river.",
        "Local farmers expect a good harvest after a wet spring.",
        "The regional hospital received {n} new ambulances.",
        "Ticket prices for the concert start at {n} tenge.",
        "Students {place} won a national robotics contest.",
    ),
}
_MENTION = {
    "kk": (
        "{place} сот {name} қызметіне қатысқан {n} адамды сотталды деп таныды.",
        "Прокуратура {name} үшін үгіт жүргізген тұрғынға қатысты іс қозғады.",
        "Сарапшылардың айтуынша, {name} желіде жастарды тартуға тырысады.",
        "Ұлттық қауіпсіздік комитеті {name} ұйымымен байланысы бар топты ұстады.",
        "Сот шешімімен {name} Қазақстанда тыйым салынған ұйым деп танылған.",
    ),
    "ru": (
        "{place} суд вынес приговор сторонникам {name}.",
        "По данным следствия, обвиняемый распространял материалы {name} в мессенджерах.",
        "Эксперты напомнили, что деятельность {name} запрещена в Казахстане.",
        "Задержанный признал, что переводил деньги {name}.",
    ),
    "en": (
        "A court {place} sentenced {n} men for supporting {name}.",
        "Prosecutors said the suspect shared {name} videos online.",
        "Analysts say {name} still recruits in the region.",
        "The security service said the group had ties to {name}.",
    ),
}
_HEADLINES = {
    "kk": ("{name}: СОТ ШЕШІМІ ШЫҚТЫ", "Жаңалықтар: {place} не болды", "Апта қорытындысы"),
    "ru": ("{name}: ВЫНЕСЕН ПРИГОВОР", "Новости: что произошло {place}", "Итоги недели"),
    "en": ("{name}: VERDICT IN COURT", "News: what happened {place}", "The week in review"),
}


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def _sentence(rng: random.Random, lang: str, mention: bool) -> str:
    if mention:
        name = rng.choice(_QUOTED_LOWER[lang]) if rng.random() < 0.1 else rng.choice(_NAMES[lang])
        template = rng.choice(_MENTION[lang])
    else:
        name, template = "", rng.choice(_PLAIN[lang])
    text = template.format(name=name, place=rng.choice(_PLACES[lang]), n=rng.randint(2, 90), m=rng.randint(0, 5))
    return text[0].upper() + text[1:]


def _paragraphs(rng: random.Random, lang: str) -> list[str]:
    countdown = rng.randint(*MENTION_EVERY)
    paragraphs = []
    for _ in range(rng.randint(3, 9)):
        sentences = []
        for _ in range(rng.randint(2, 6)):
            countdown -= 1
            sentences.append(_sentence(rng, lang, countdown == 0))
            if countdown == 0:
                countdown = rng.randint(*MENTION_EVERY)
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _headline(rng: random.Random, lang: str) -> str:
    template = rng.choice(_HEADLINES[lang])
    return template.format(name=rng.choice(_HEADLINE_NAMES[lang]), place=rng.choice(_PLACES[lang]))


def _as_text(headline: str, paragraphs: list[str], rng: random.Random) -> str:
    return "\n\n".join([headline, *paragraphs])


def _as_markdown(headline: str, paragraphs: list[str], rng: random.Random) -> str:
    out = [f"# {headline}"]
    for i, paragraph in enumerate(paragraphs):
        if i == 1:
            words = paragraph.split(" ")
            k = rng.randrange(len(words))
            words[k] = f"**{words[k]}**"
            out.append(" ".join(words))
        else:
            out.append(paragraph)
        if i == 2:
            out.append("- " + "\n- ".join(s for s in paragraph.split(". ")[:3] if s))
    out.append(f"[Source](https://example.kz/news/{rng.randint(1000, 99999)})")
    return "\n\n".join(out)


def _as_html(headline: str, paragraphs: list[str], rng: random.Random) -> str:
    body = [f"<h1>{headline}</h1>"]
    for i, paragraph in enumerate(paragraphs):
        html = paragraph
        if i == 1:  # a bold run that may end inside a name, as an editor's markup does
            html = f'<b>{html[:40]}</b>{html[40:]} <a href="https://example.kz/{rng.randint(1, 999)}">толығырақ</a>'
        if i % 2:
            html = html.replace("«", "&laquo;").replace("»", "&raquo;")
        body.append(f"<p>{html}</p>")
    return "<article>\n" + "\n".join(body) + "\n</article>"


_WRITERS: dict[str, Callable[[str, list[str], random.Random], str]] = {
    "text": _as_text,
    "markdown": _as_markdown,
    "html": _as_html,
}


def generate_articles(size_bytes: int, seed: int) -> list[str]:
    """Whole articles until their UTF-8 size reaches ``size_bytes``."""
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < size_bytes:
        lang = _pick(rng, LANGUAGES)
        fmt = _pick(rng, FORMATS)
        article = _WRITERS[fmt](_headline(rng, lang), _paragraphs(rng, lang), rng)
        if len(articles) % 3 == 2:
            article = article.replace("\n", "\r\n")
        articles.append(article)
        total += len(article.encode("utf-8")) + len(ARTICLE_SEPARATOR)
    return articles


def generate(size_bytes: int, seed: int) -> str:
    """About ``size_bytes`` of articles joined by :data:`ARTICLE_SEPARATOR`."""
    return ARTICLE_SEPARATOR.join(generate_articles(size_bytes, seed))


def split_articles(text: str) -> list[str]:
    return [a for a in text.split(ARTICLE_SEPARATOR) if a.strip()]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size-mb", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=2)
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    text = generate(int(args.size_mb * 1_000_000), args.seed)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
