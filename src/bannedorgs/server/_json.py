"""The library's results as JSON-ready dicts: what the API answers, field for field.

Offsets are those of the library: half-open, counted in Unicode code points of the text as
sent (what Python's ``str`` and PHP's ``mb_substr`` count; JavaScript counts UTF-16 units).
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from .._documents import DocumentAnnotation, DocumentIssue
from ..annotator import Annotation, Issue
from ..model import Court, Decision, Match, Mention, Organisation, Status
from ..registry import Registry

__all__ = ["annotation", "document_annotation", "document_issue", "issue", "match", "organisation", "status", "summary"]


def _court(court: Court | None) -> dict[str, Any] | None:
    if court is None:
        return None
    return {"id": court.id, "names": dict(court.names)}


def decision(d: Decision) -> dict[str, Any]:
    when = d.decided_on
    return {
        "kind": d.kind,
        "decided_on": str(when) if when else None,
        "precision": when.precision if when else None,
        "court": _court(d.court),
        "court_reported": d.court_reported,
        "reported_as": d.reported_as,
        "case_number": d.case_number,
        "in_force_on": str(d.in_force_on) if d.in_force_on else None,
        "listed_by": d.listed_by.isoformat() if d.listed_by else None,
        "renamed_to": d.renamed_to,
        "sources": [{"url": s.url, "says": s.says, "note": s.note} for s in d.sources],
        "notes": list(d.notes),
    }


def status(s: Status) -> dict[str, Any]:
    return {
        "on": s.on.isoformat(),
        "state": s.state.value,
        "reason": s.reason,
        "decision": decision(s.decision) if s.decision else None,
    }


def _names(org: Organisation) -> dict[str, str | None]:
    return {lang: (org.names[lang].value if lang in org.names else None) for lang in ("en", "ru", "kk")}


def summary(org: Organisation, registry: Registry, day: dt.date) -> dict[str, Any]:
    """One row of the list: names, category and the status on ``day``."""
    return {
        "id": org.id,
        "category": org.category,
        "names": _names(org),
        "status": status(registry.status(org, on=day)),
    }


def organisation(org: Organisation, registry: Registry, day: dt.date) -> dict[str, Any]:
    """The whole record: names, aliases, every decision with its court and sources, and the status on ``day``."""
    return {
        **summary(org, registry, day),
        "aliases": [{"value": a.value, "lang": a.lang} for a in org.aliases],
        "decisions": [decision(d) for d in org.decisions],
        "relations": [{"kind": r.kind, "id": r.id, "note": r.note} for r in org.relations],
        "notes": list(org.notes),
        "confidence": org.confidence,
    }


def match(m: Match) -> dict[str, Any]:
    return {
        "score": round(m.score, 1),
        "id": m.org.id,
        "names": _names(m.org),
        "alias": m.alias,
        "lang": m.lang,
        "method": m.method,
        "explanation": m.explanation,
    }


def mention(m: Mention) -> dict[str, Any]:
    return {
        "org": m.org.id,
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "state": m.state.value,
        "marked": m.marked,
        "rule": m.rule,
        "score": m.score,
    }


def annotation(a: Annotation, day: dt.date) -> dict[str, Any]:
    return {
        "text": a.text,
        "on": day.isoformat(),
        "lang": a.lang,
        "format": a.format,
        "mentions": [mention(m) for m in a.mentions],
        "footnotes": [{"marker": f.marker, "org": f.org.id, "text": f.text} for f in a.footnotes],
    }


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset``, as the command line prints them."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def issue(i: Issue, text: str) -> dict[str, Any]:
    line, column = line_col(text, i.mention.start)
    return {
        "kind": i.kind,
        "warning": i.warning,
        "org": i.mention.org.id,
        "start": i.mention.start,
        "end": i.mention.end,
        "surface": i.mention.surface,
        "line": line,
        "column": column,
        "message": i.message,
    }


def document_annotation(a: DocumentAnnotation, day: dt.date, filename: str, content_type: str) -> dict[str, Any]:
    """The report of a marked Word or OpenDocument file, the file itself in base64. The offsets
    of ``mentions`` are into ``text``, the body as the library read it (paragraphs separated by
    a blank line); ``header_mentions`` are those of headers and footers."""
    return {
        "filename": filename,
        "content_type": content_type,
        "changed": a.changed,
        "on": day.isoformat(),
        "lang": a.lang,
        "text": a.text,
        "mentions": [mention(m) for m in a.mentions],
        "header_mentions": [mention(m) for m in a.header_mentions],
        "footnotes": [{"marker": f.marker, "org": f.org.id, "text": f.text} for f in a.footnotes],
        "data": base64.b64encode(a.data).decode("ascii"),
    }


def document_issue(i: DocumentIssue) -> dict[str, Any]:
    """A problem of a document, placed by part and paragraph (``word/document.xml``, 3)."""
    part, _, paragraph = i.where.rpartition(", paragraph ")
    return {
        "kind": i.issue.kind,
        "warning": i.issue.warning,
        "org": i.issue.mention.org.id,
        "surface": i.issue.mention.surface,
        "where": i.where,
        "part": part,
        "paragraph": int(paragraph) if paragraph.isdigit() else None,
        "message": i.message,
    }
