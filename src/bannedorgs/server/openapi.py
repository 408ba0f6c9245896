"""The OpenAPI 3.1 description of ``/api/v1``, written by hand next to the handlers it describes."""

from __future__ import annotations

from typing import Any

from .. import __version__

__all__ = ["schema"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _query(name: str, description: str, *, required: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": {"type": "string", **extra},
    }


_ON = _query("on", "the day to judge the status on, YYYY-MM-DD (default: today)", format="date")
_ERRORS = {
    str(code): {"description": what, "content": {"application/json": {"schema": _ref("Error")}}}
    for code, what in (
        (400, "a bad date, option or body"),
        (401, "the server wants a bearer token and none (or a wrong one) was sent"),
    )
}


def _answer(description: str, body: dict[str, Any], *codes: tuple[int, str]) -> dict[str, Any]:
    answers = {"200": {"description": description, "content": {"application/json": {"schema": body}}}, **_ERRORS}
    for code, what in codes:
        answers[str(code)] = {"description": what, "content": {"application/json": {"schema": _ref("Error")}}}
    return answers


def _text_body(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "required": True,
        "description": "a JSON object with the text and options, or the text itself as text/plain "
        "with the options in the query string",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {"text": {"type": "string"}, **options},
                    "additionalProperties": False,
                }
            },
            "text/plain": {"schema": {"type": "string"}},
        },
    }


_TEXT_ERRORS = ((413, "the body is larger than the server's limit"), (415, "neither application/json nor text/plain"))
_DATE = {"type": "string", "format": "date", "description": "the publication date (default: today)"}
_FORMAT = {"type": "string", "enum": ["auto", "text", "markdown", "html"], "default": "auto"}


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ODT = "application/vnd.oasis.opendocument.text"
_FILE_BODY = {
    "required": True,
    "description": "the file's bytes as they are (no multipart form): a Word (.docx) or OpenDocument text (.odt); "
    "which of the two is read from the bytes, so application/octet-stream will do",
    "content": {
        kind: {"schema": {"type": "string", "format": "binary"}} for kind in (_DOCX, _ODT, "application/octet-stream")
    },
}
_FILE_ERRORS = (
    (413, "the file is larger than the server's limit"),
    (415, "another content type, or a file that is not a Word or OpenDocument zip"),
    (501, "the server is installed without the 'docx' extra (lxml) and cannot read such files"),
)
_FILENAME = _query("filename", "the file's name: the download is named after it (<name>-footnotes.docx)")


def schema(max_body: int) -> dict[str, Any]:
    """The schema of the running server (``max_body`` is its request size limit)."""
    string = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    names = {"type": "object", "properties": dict.fromkeys(("en", "ru", "kk"), nullable)}
    decision = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["ban", "unban", "rename"]},
            "decided_on": {**nullable, "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
            "precision": {"type": ["string", "null"], "enum": ["day", "month", "year", None]},
            "court": {"type": ["object", "null"], "properties": {"id": string, "names": names}},
            "court_reported": nullable,
            "reported_as": nullable,
            "case_number": nullable,
            "in_force_on": nullable,
            "listed_by": nullable,
            "renamed_to": nullable,
            "sources": {
                "type": "array",
                "items": {"type": "object", "properties": {"url": nullable, "says": string, "note": nullable}},
            },
            "notes": {"type": "array", "items": string},
        },
    }
    status = {
        "type": "object",
        "properties": {
            "on": {"type": "string", "format": "date"},
            "state": {"type": "string", "enum": ["banned", "not banned", "uncertain"]},
            "reason": string,
            "decision": {"oneOf": [_ref("Decision"), {"type": "null"}]},
        },
    }
    summary = {
        "type": "object",
        "properties": {
            "id": string,
            "category": {"type": ["string", "null"], "enum": ["terrorist", "extremist", None]},
            "names": names,
            "status": _ref("Status"),
        },
    }
    organisation = {
        "allOf": [
            _ref("Summary"),
            {
                "type": "object",
                "properties": {
                    "aliases": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"value": string, "lang": string}},
                    },
                    "decisions": {"type": "array", "items": _ref("Decision")},
                    "relations": {"type": "array", "items": {"type": "object"}},
                    "notes": {"type": "array", "items": string},
                    "confidence": nullable,
                },
            },
        ]
    }
    offsets = "half-open, in Unicode code points of the text as sent"
    mention = {
        "type": "object",
        "description": f"an occurrence of an organisation; start and end are {offsets}",
        "properties": {
            "org": string,
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "surface": string,
            "state": {"type": "string", "enum": ["banned", "not banned", "uncertain"]},
            "marked": {"type": "boolean"},
            "rule": string,
            "score": {"type": "number"},
        },
    }
    annotation = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "the text with markers and footnotes"},
            "on": {"type": "string", "format": "date"},
            "lang": {"type": "string", "enum": ["en", "ru", "kk", "kk-Latn"]},
            "format": {"type": "string", "enum": ["text", "markdown", "html"]},
            "mentions": {"type": "array", "items": _ref("Mention")},
            "footnotes": {
                "type": "array",
                "items": {"type": "object", "properties": {"marker": string, "org": string, "text": string}},
            },
        },
    }
    issue = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["unmarked", "no-footnote", "marked-not-banned"]},
            "warning": {"type": "boolean"},
            "org": string,
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "surface": string,
            "line": {"type": "integer", "description": "1-based"},
            "column": {"type": "integer", "description": "1-based, in code points"},
            "message": string,
        },
    }
    check = {
        "type": "object",
        "properties": {
            "on": {"type": "string", "format": "date"},
            "problems": {"type": "integer", "description": "issues that are not warnings"},
            "issues": {"type": "array", "items": _ref("Issue")},
        },
    }
    document_annotation = {
        "type": "object",
        "description": "the report of report=json: the marked file in base64 beside what was found",
        "properties": {
            "filename": {"type": "string", "description": "the name to save the marked file under"},
            "content_type": {"type": "string", "enum": [_DOCX, _ODT]},
            "changed": {"type": "boolean", "description": "false when there was nothing to add: data is the input"},
            "on": {"type": "string", "format": "date"},
            "lang": {"type": "string", "enum": ["en", "ru", "kk", "kk-Latn"]},
            "text": {"type": "string", "description": "the body as read: paragraphs separated by a blank line"},
            "mentions": {"type": "array", "items": _ref("Mention"), "description": "offsets into text"},
            "header_mentions": {"type": "array", "items": _ref("Mention")},
            "footnotes": {
                "type": "array",
                "items": {"type": "object", "properties": {"marker": string, "org": string, "text": string}},
            },
            "data": {"type": "string", "contentEncoding": "base64", "description": "the marked file"},
        },
    }
    document_check = {
        "type": "object",
        "properties": {
            "on": {"type": "string", "format": "date"},
            "kind": {"type": "string", "enum": ["docx", "odt"]},
            "problems": {"type": "integer", "description": "issues that are not warnings"},
            "issues": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string", "enum": ["unmarked", "no-footnote", "marked-not-banned"]},
                        "warning": {"type": "boolean"},
                        "org": string,
                        "surface": string,
                        "where": {"type": "string", "description": "'word/document.xml, paragraph 3'"},
                        "part": {"type": "string", "description": "the part of the zip (a header is its own part)"},
                        "paragraph": {"type": ["integer", "null"], "description": "1-based, within the part"},
                        "message": string,
                    },
                },
            },
        },
    }
    match = {
        "type": "object",
        "properties": {
            "score": {"type": "number"},
            "id": string,
            "names": names,
            "alias": string,
            "lang": string,
            "method": {"type": "string", "enum": ["id", "exact", "fuzzy"]},
            "explanation": string,
        },
    }
    error = {
        "type": "object",
        "required": ["error", "status"],
        "properties": {
            "error": {"type": "string", "description": "a sentence naming the bad value"},
            "status": {"type": "integer"},
        },
    }
    annotate_options = {
        "on": _DATE,
        "lang": {
            "type": "string",
            "enum": ["auto", "en", "ru", "kk", "kk-Latn"],
            "default": "auto",
            "description": "language of the footnotes (kk-Latn: Kazakh in the Latin script)",
        },
        "format": _FORMAT,
        "marker": {
            "type": "string",
            "default": "*",
            "description": "'*', 'numbered', 'superscript' or up to 16 characters",
        },
        "mentions": {"type": "string", "enum": ["first", "all"], "default": "first"},
        "footnotes": {"type": "boolean", "default": True},
        "superscript_html": {"type": "boolean", "default": False},
        "markdown_footnotes": {"type": "boolean", "default": False},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "bannedorgs",
            "version": __version__,
            "description": "Organisations banned by Kazakh courts as terrorist or extremist: lookups and footnote "
            f"annotation of news text. Request bodies are limited to {max_body} bytes. Texts are never logged "
            "or stored.",
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": error,
                "Decision": decision,
                "Status": status,
                "Summary": summary,
                "Organisation": organisation,
                "Mention": mention,
                "Annotation": annotation,
                "Issue": issue,
                "Check": check,
                "Found": {
                    "type": "object",
                    "properties": {
                        "on": {"type": "string", "format": "date"},
                        "mentions": {"type": "array", "items": _ref("Mention")},
                    },
                },
                "Match": match,
                "DocumentAnnotation": document_annotation,
                "DocumentCheck": document_check,
            },
        },
        "security": [{}, {"bearer": []}],
        "paths": {
            "/api/v1/annotate": {
                "post": {
                    "summary": "Mark the banned organisations in a text and append footnotes",
                    "operationId": "annotate",
                    "requestBody": _text_body(annotate_options),
                    "responses": _answer("the annotated text", _ref("Annotation"), *_TEXT_ERRORS),
                }
            },
            "/api/v1/check": {
                "post": {
                    "summary": "List the banned organisations without a footnote marker",
                    "operationId": "check",
                    "requestBody": _text_body({"on": _DATE, "format": _FORMAT}),
                    "responses": _answer("the problems found, in text order", _ref("Check"), *_TEXT_ERRORS),
                }
            },
            "/api/v1/find": {
                "post": {
                    "summary": "Every mention of a banned organisation (and, when asked, of one no longer banned)",
                    "operationId": "find",
                    "requestBody": _text_body(
                        {
                            "on": _DATE,
                            "format": _FORMAT,
                            "include_unbanned": {
                                "type": "boolean",
                                "default": False,
                                "description": "also the organisations not banned that day",
                            },
                        }
                    ),
                    "responses": _answer("the mentions, in text order", _ref("Found"), *_TEXT_ERRORS),
                }
            },
            "/api/v1/annotate-document": {
                "post": {
                    "summary": "Mark the banned organisations in a Word or OpenDocument file and add footnotes",
                    "operationId": "annotateDocument",
                    "parameters": [
                        _ON,
                        _query(
                            "lang",
                            "language of the footnotes (default: detected)",
                            enum=["auto", "en", "ru", "kk", "kk-Latn"],
                        ),
                        _query(
                            "marker",
                            "text markers (footnotes=newsroom): '*', 'numbered', 'superscript' or up to 16 characters",
                        ),
                        _query("mentions", "mark the first mention of each organisation or all", enum=["first", "all"]),
                        _query(
                            "footnotes",
                            "word: the word processor's own footnotes (default); newsroom: text markers and "
                            "paragraphs at the end of the body",
                            enum=["word", "newsroom"],
                        ),
                        _query("superscript", "raise text markers (true or false)", enum=["true", "false"]),
                        _FILENAME,
                        _query(
                            "report",
                            "file (default): the marked file as a download, with X-Bannedorgs-Mentions, "
                            "-Organisations, -Changed and -Lang headers; json: a DocumentAnnotation",
                            enum=["file", "json"],
                        ),
                    ],
                    "requestBody": _FILE_BODY,
                    "responses": {
                        **_answer(
                            "",
                            {},
                            *_FILE_ERRORS,
                            (400, "a bad option, or a damaged file (the sentence says what is wrong)"),
                        ),
                        "200": {
                            "description": "the marked file (Content-Disposition: attachment), or its report",
                            "content": {
                                _DOCX: {"schema": {"type": "string", "format": "binary"}},
                                _ODT: {"schema": {"type": "string", "format": "binary"}},
                                "application/json": {"schema": _ref("DocumentAnnotation")},
                            },
                        },
                    },
                }
            },
            "/api/v1/check-document": {
                "post": {
                    "summary": "List the banned organisations a Word or OpenDocument file leaves unmarked",
                    "operationId": "checkDocument",
                    "parameters": [_ON, _FILENAME],
                    "requestBody": _FILE_BODY,
                    "responses": _answer(
                        "the problems found, body first, then headers and footers",
                        _ref("DocumentCheck"),
                        *_FILE_ERRORS,
                        (400, "a bad date, or a damaged file (the sentence says what is wrong)"),
                    ),
                }
            },
            "/api/v1/lookup": {
                "get": {
                    "summary": "The organisation with this exact name, alias or id, and its status",
                    "operationId": "lookup",
                    "parameters": [
                        _query("name", "a name, alias or id in any of the three languages", required=True),
                        _ON,
                    ],
                    "responses": _answer(
                        "the organisation", _ref("Organisation"), (404, "no organisation has this name")
                    ),
                }
            },
            "/api/v1/search": {
                "get": {
                    "summary": "Organisations whose names resemble the query, best first",
                    "operationId": "search",
                    "parameters": [
                        _query("q", "what to look for", required=True),
                        _query("limit", "at most this many results, 1 to 100 (default 10)"),
                    ],
                    "responses": _answer("the matches", {"type": "array", "items": _ref("Match")}),
                }
            },
            "/api/v1/organisations": {
                "get": {
                    "summary": "Every organisation of the registry with its status on a day",
                    "operationId": "organisations",
                    "parameters": [_ON, _query("category", "terrorist or extremist", enum=["terrorist", "extremist"])],
                    "responses": _answer("the organisations, by id", {"type": "array", "items": _ref("Summary")}),
                }
            },
            "/api/v1/organisations/{id}": {
                "get": {
                    "summary": "One organisation: names, every decision with its court and sources, status",
                    "operationId": "organisation",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                        _ON,
                    ],
                    "responses": _answer(
                        "the organisation", _ref("Organisation"), (404, "no organisation has this id")
                    ),
                }
            },
        },
    }
