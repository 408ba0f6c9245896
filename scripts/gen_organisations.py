#!/usr/bin/env python3
"""Write docs/organisations.md, the list of every organisation in data/registry.yaml.

    python scripts/gen_organisations.py          # (re)write the page
    python scripts/gen_organisations.py --check  # exit 1 if the page is out of date

The page is generated from the registry as the library loads it (``bannedorgs.load``), so
it shows exactly what lookups and footnotes use: names with their verified flags, aliases,
the category, every decision with its date to the precision stored, the court, the sources
with what each says, notes and relations. The candidates (groups some source calls banned
but for which no Kazakh court ruling was found) come last, read from the same file; the
library never matches or footnotes them.

The output depends only on the registry file and this script, never on today's date.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = ROOT / "data" / "registry.yaml"
OUTPUT = ROOT / "docs" / "organisations.md"

# Use the library of this checkout, installed or not.
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402  (a dependency of bannedorgs)

from bannedorgs.model import LANGUAGES, Alias, Decision, Organisation, PartialDate, Source  # noqa: E402
from bannedorgs.registry import Registry, load  # noqa: E402

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
PRECISION = {"day": "to the day", "month": "known to the month", "year": "known to the year"}

_MD_SPECIAL = str.maketrans({**{c: "\\" + c for c in "\\`*_[]{}|#"}, "<": "&lt;", ">": "&gt;"})


def esc(text: str) -> str:
    """``text`` as literal Markdown: no emphasis, links, HTML or table cells made of it."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def code(text: str) -> str:
    """``text`` as inline code, whatever backquotes it holds."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link(url: str) -> str:
    """A Markdown link to ``url`` whose text is its host and path, shortened."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    label = host + (path if len(path) <= 40 else path[:37] + "…")
    safe = quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
    return f"[{esc(label)}]({safe.replace('(', '%28').replace(')', '%29')})"


def date_text(when: PartialDate | None) -> str:
    if when is None:
        return "unknown"
    return f"{code(str(when))} ({PRECISION[when.precision]})"


def alias_text(alias: Alias) -> str:
    flags = []
    if not alias.verified:
        flags.append("unverified")
    if alias.case_sensitive:
        flags.append("case-sensitive")
    if alias.quoted_only:
        flags.append("only in quotation marks")
    if alias.unless_near:
        flags.append("not near " + ", ".join(f"“{esc(n)}”" for n in alias.unless_near))
    text = esc(alias.value)
    if flags:
        text += f" ({'; '.join(flags)})"
    if alias.note:
        text += f": {esc(alias.note)}"
    return text


def source_lines(sources: Iterable[Source], indent: str) -> list[str]:
    lines = []
    for source in sources:
        where = link(source.url) if source.url else f"no address: {esc(source.note or '')}"
        if source.url and source.note:
            where += f" ({esc(source.note)})"
        lines.append(f"{indent}- {where}: {esc(source.says)}")
    return lines


def decision_lines(number: int, decision: Decision, registry: Registry) -> list[str]:
    lines = [f"{number}. **{decision.kind}**, {date_text(decision.decided_on)}"]
    indent = "    "
    if decision.reported_as:
        lines.append(f"{indent}- reported as: {esc(decision.reported_as)}")
    if decision.court is not None:
        court = decision.court
        lines.append(f"{indent}- court: {esc(court.name('en'))} ({esc(court.name('ru'))}; {code(court.id)})")
    else:
        lines.append(f"{indent}- court: not established by any source")
    if decision.court_reported:
        lines.append(f"{indent}- court as reported: {esc(decision.court_reported)}")
    if decision.case_number:
        lines.append(f"{indent}- case number: {esc(decision.case_number)}")
    if decision.in_force_on is not None:
        lines.append(f"{indent}- in force on: {date_text(decision.in_force_on)}")
    if decision.listed_by is not None:
        lines.append(f"{indent}- shown on the list by: {code(decision.listed_by.isoformat())}")
    if decision.renamed_to:
        target = registry.get(decision.renamed_to)
        name = target.name("en") if target else decision.renamed_to
        lines.append(f"{indent}- renamed to: [{esc(name)}](#{decision.renamed_to})")
    lines.append(f"{indent}- sources:")
    lines += source_lines(decision.sources, indent + "    ")
    if decision.notes:
        lines.append(f"{indent}- notes:")
        lines += [f"{indent}    - {esc(note)}" for note in decision.notes]
    return lines


def first_ban(org: Organisation) -> str:
    bans = org.bans
    if not bans:
        return "–"
    return str(bans[0].decided_on) if bans[0].decided_on else "unknown"


def removed(org: Organisation) -> str:
    unbans = [d for d in org.decisions if d.kind == "unban"]
    return ", ".join(str(d.decided_on or "unknown") for d in unbans) or ""


def organisation_section(org: Organisation, registry: Registry) -> list[str]:
    lines = [f"## {esc(org.name('en'))} {{#{org.id}}}", ""]
    lines.append(
        f"Id {code(org.id)}, category **{org.category or 'unknown'}**"
        + (f", confidence {org.confidence}" if org.confidence else "")
        + "."
    )
    lines += ["", "| language | name | verified |", "| --- | --- | --- |"]
    for lang in LANGUAGES:
        alias = org.names.get(lang)
        if alias is None:
            lines.append(f"| {lang} | (none) | |")
            continue
        note = f" ({esc(alias.note)})" if alias.note else ""
        lines.append(f"| {lang} | {esc(alias.value)}{note} | {'yes' if alias.verified else 'no'} |")
    lines.append("")
    by_lang = {lang: [a for a in org.aliases if a.lang == lang] for lang in LANGUAGES}
    if any(by_lang.values()):
        lines += ["Other spellings matched:", ""]
        for lang in LANGUAGES:
            if by_lang[lang]:
                lines.append(f"- {LANGUAGE_NAMES[lang]}: " + "; ".join(alias_text(a) for a in by_lang[lang]))
        lines.append("")
    lines += ["Decisions:", ""]
    for number, decision in enumerate(org.decisions, 1):
        lines += decision_lines(number, decision, registry)
    lines.append("")
    if org.relations:
        lines += ["Relations:", ""]
        for relation in org.relations:
            target = registry.get(relation.id)
            name = target.name("en") if target else relation.id
            text = f"- {relation.kind.replace('_', ' ')}: [{esc(name)}](#{relation.id})"
            if relation.note:
                text += f": {esc(relation.note)}"
            lines.append(text)
        lines.append("")
    if org.notes:
        lines += ["Notes:", ""]
        lines += [f"- {esc(note)}" for note in org.notes]
        lines.append("")
    return lines


def candidate_lines(raw: dict[str, Any]) -> list[str]:
    candidates = raw.get("candidates") or []
    if not candidates:
        return []
    lines = [
        "## Candidates, not listed {#candidates}",
        "",
        "Groups that some source calls banned in Kazakhstan, but for which no source names a",
        "Kazakh court ruling. They are kept in the registry file with the evidence, apart from",
        "the organisations above; the library never matches or footnotes them.",
        "",
    ]
    for cand in candidates:
        names = cand.get("names") or {}
        shown = "; ".join(f"{lang}: {esc(names[lang])}" for lang in LANGUAGES if names.get(lang) not in (None, "null"))
        lines += [f"### {code(cand['id'])}", "", f"Names: {shown or '(none)'}.", ""]
        others = cand.get("other_names") or {}
        spelled = "; ".join(f"{lang}: {', '.join(esc(v) for v in others[lang])}" for lang in LANGUAGES if others.get(lang))
        if spelled:
            lines += [f"Also written: {spelled}.", ""]
        lines += ["Evidence:", ""]
        for item in cand.get("evidence") or []:
            url = item.get("url")
            url = None if url in (None, "null") else url
            note = item.get("source_note")
            lines += source_lines([Source(url, item.get("says", ""), note)], "")
        lines += ["", f"Why not listed: {esc(cand.get('why_not_listed', ''))}", ""]
    return lines


def render(registry_path: Path = REGISTRY) -> str:
    registry = load(registry_path)
    raw = yaml.load(registry_path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar a string
    orgs = list(registry)
    lines = [
        "<!-- Generated by scripts/gen_organisations.py from data/registry.yaml: do not edit by hand. -->",
        "",
        "# Organisations",
        "",
        f"The {len(orgs)} organisations of the registry, data version **{registry.data_version}**",
        f"(facts last checked on {registry.updated_on.isoformat()}), in the order of the file. Each",
        "decision gives its date to the precision the sources allow, the court when a source",
        "establishes it, and every source with a one-line paraphrase of what it says. How the",
        "data is kept and corrected: [data policy](data.md); the file's shape: [schema](schema.md).",
        "",
        "A name with *no* in the verified column is the regular rendering in that language, but",
        "no source was seen to use it. Aliases are the other spellings the matcher knows; inflected",
        "forms (Russian cases, Kazakh suffixes, possessives) are derived, never listed.",
        "",
        "| organisation | id | category | first ban | removed |",
        "| --- | --- | --- | --- | --- |",
    ]
    for org in orgs:
        lines.append(
            f"| [{esc(org.name('en'))}](#{org.id}) | {code(org.id)} | {org.category or 'unknown'} "
            f"| {first_ban(org)} | {removed(org)} |"
        )
    lines.append("")
    for org in orgs:
        lines += organisation_section(org, registry)
    lines += candidate_lines(raw)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is out of date; write nothing")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if args.check:
        if current == text:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True), text.splitlines(keepends=True), str(args.output), "generated", n=1
        )
        sys.stderr.writelines(list(diff)[:40])
        print(
            f"{args.output} is out of date; run: python scripts/gen_organisations.py",
            file=sys.stderr,
        )
        return 1
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
