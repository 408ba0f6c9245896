"""What reading and writing a Word or OpenDocument file costs on top of annotating its text.

A generated article of N paragraphs (each naming an organisation, the name split over a bold
run as Word splits words) is annotated as a ``.docx`` in both footnote styles and checked, and
the same article as an ``.odt``; the baseline is ``bannedorgs.annotate`` of the document's
text as plain text (what the document functions run inside), timed in the same run. Each row
gives the median time and its ratio to the baseline, from pairs run in turns.

    python benchmarks/documents.py
    python benchmarks/documents.py --quick

Needs python-docx (the test extra) to write the article.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable
from typing import Any

import _harness as h

ENV = h.import_bannedorgs()

import docx  # noqa: E402

import bannedorgs  # noqa: E402
from bannedorgs.docx import annotate_docx, check_docx, docx_text  # noqa: E402
from bannedorgs.odt import _sample_odt, annotate_odt  # noqa: E402

ON = "2024-01-10"
NAMES = ("Hizb ut-Tahrir", "Islamic State", "Muslim Brotherhood", "Yakyn Inkar", "Tablighi Jamaat")


def article(paragraphs: int) -> tuple[bytes, bytes]:
    """The same article as a .docx (names split over a bold run) and as an .odt."""
    document = docx.Document()
    lines = []
    for i in range(paragraphs):
        name = NAMES[i % len(NAMES)]
        head = f"Paragraph {i}: police in Almaty said that members of "
        tail = " were questioned about the events of the week, and the court will sit again."
        p = document.add_paragraph(head)
        p.add_run(name[:4]).bold = True
        p.add_run(name[4:] + tail)
        lines.append(head + name + tail)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), _sample_odt(*lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=3000, help="paragraphs in the article (default 3000)")
    parser.add_argument("--pairs", type=int, default=5, help="timed pairs per row (default 5)")
    parser.add_argument("--quick", action="store_true", help="200 paragraphs, 1 pair (a smoke test)")
    args = parser.parse_args()
    paragraphs, pairs = (200, 1) if args.quick else (args.paragraphs, args.pairs)
    h.print_machine(h.machine())
    word, odt = article(paragraphs)
    text = docx_text(word)
    print(f"article: {paragraphs} paragraphs, {len(text)} characters; .docx {len(word)} bytes, .odt {len(odt)} bytes")

    def baseline() -> Any:
        return bannedorgs.annotate(text, on=ON, mentions="all")

    contenders: list[tuple[str, Callable[[], Any]]] = [
        ("annotate_docx, Word footnotes", lambda: annotate_docx(word, on=ON, mentions="all")),
        ("annotate_docx, newsroom", lambda: annotate_docx(word, on=ON, mentions="all", footnotes="newsroom")),
        ("check_docx", lambda: check_docx(word, on=ON)),
        ("annotate_odt, footnotes", lambda: annotate_odt(odt, on=ON, mentions="all")),
    ]
    base, _ = h.time_call(baseline, pairs)
    table = h.Table("documents (every mention marked)", ["what", "median ms", "time vs annotate(text)"])
    table.add("annotate(text), the baseline", h.fmt_ms(base.median), "1×")
    for label, fn in contenders:
        timing, _ = h.time_call(fn, pairs)
        # paired_ratios(a, b) is a's time over b's, per pair: here the document call's over annotate's
        ratio = h.paired_ratios(fn, baseline, pairs)["median"]
        table.add(label, h.fmt_ms(timing.median), h.fmt_ratio(ratio))
    table.notes.append("time vs annotate(text): the median over pairs of the document call's time / annotate's")
    table.print()


if __name__ == "__main__":
    main()
