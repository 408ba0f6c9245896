"""Word and OpenDocument files through the HTTP API: built with python-docx as an editor's file
would be, sent as the request body, and the answer reopened with python-docx."""

from __future__ import annotations

import base64
import io
import json
import logging
import re
import sys
import zipfile
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the server tests need the 'server' extra (starlette)")
pytest.importorskip("httpx2", reason="Starlette's test client needs httpx2")
pytest.importorskip("docx", reason="the tests build Word files with python-docx")

import docx
from docx.oxml.ns import qn
from lxml import etree
from starlette.testclient import TestClient

from bannedorgs.docx import annotate_docx
from bannedorgs.odt import _sample_odt
from bannedorgs.server import create_app
from bannedorgs.server.app import DOCX_TYPE, ODT_TYPE, STATIC

API = "/api/v1"
ON = "2024-01-10"
RU = "Члены Хизб ут-Тахрир задержаны в Алматы."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _footnotes(document: docx.document.Document) -> dict[str, str]:
    """The footnotes of a reopened document by id, as their text (python-docx has no API for them)."""
    part = next(p for p in document.part.package.parts if p.partname == "/word/footnotes.xml")
    root = etree.fromstring(part.blob)
    return {
        note.get(f"{W}id"): "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
        for note in root.iter(f"{W}footnote")
        if note.get(f"{W}type") is None
    }


def test_annotate_document_answers_the_marked_docx_as_a_download(client: TestClient) -> None:
    article = _docx("Вчера в Алматы прошли задержания.", RU)
    answer = client.post(
        f"{API}/annotate-document?on={ON}&filename=Сот%20ісі.docx", content=article, headers={"Content-Type": DOCX_TYPE}
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"] == DOCX_TYPE
    # "Сот ісі": an ASCII fallback name, and the real one percent-encoded as UTF-8
    assert answer.headers["content-disposition"] == (
        'attachment; filename="article-footnotes.docx"; '
        "filename*=UTF-8''%D0%A1%D0%BE%D1%82%20%D1%96%D1%81%D1%96-footnotes.docx"
    )
    assert answer.headers["x-bannedorgs-mentions"] == "1"
    assert answer.headers["x-bannedorgs-organisations"] == "hizb-ut-tahrir"
    assert (answer.headers["x-bannedorgs-changed"], answer.headers["x-bannedorgs-lang"]) == ("true", "ru")
    assert answer.headers["cache-control"] == "no-store"

    reopened = docx.Document(io.BytesIO(answer.content))
    first, second = reopened.paragraphs
    assert first.text == "Вчера в Алматы прошли задержания."
    # the name keeps its text; Word's own footnote reference follows it
    runs = second._p.findall(qn("w:r"))
    reference = [r for r in runs if r.find(qn("w:footnoteReference")) is not None]
    assert len(reference) == 1
    before = "".join(t.text for r in runs[: runs.index(reference[0])] for t in r.iter(qn("w:t")))
    assert before == "Члены Хизб ут-Тахрир"
    note_id = reference[0].find(qn("w:footnoteReference")).get(qn("w:id"))
    note = _footnotes(reopened)[note_id]
    assert note.startswith("Организация «Хизб ут-Тахрир»")
    assert "Астанинского городского суда" in note
    # byte for byte what the library writes
    assert answer.content == annotate_docx(article, on=ON).data


def test_newsroom_footnotes_and_a_marker_come_from_the_query(client: TestClient) -> None:
    answer = client.post(
        f"{API}/annotate-document?on={ON}&footnotes=newsroom&marker=numbered&filename=a.docx",
        content=_docx(RU),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="a-footnotes.docx"'
    paragraphs = [p.text for p in docx.Document(io.BytesIO(answer.content)).paragraphs]
    assert paragraphs[0] == "Члены Хизб ут-Тахрир* задержаны в Алматы."
    assert paragraphs[-1].startswith("*Организация «Хизб ут-Тахрир»")
    assert "word/footnotes.xml" not in zipfile.ZipFile(io.BytesIO(answer.content)).namelist()


def test_the_json_report_holds_the_text_the_mentions_and_the_file(client: TestClient) -> None:
    article = _docx(RU)
    answer = client.post(
        f"{API}/annotate-document?on={ON}&report=json", content=article, headers={"Content-Type": DOCX_TYPE}
    )
    assert answer.status_code == 200
    report = answer.json()
    assert report["text"] == RU
    assert [(m["org"], m["start"], m["end"], m["surface"], m["state"]) for m in report["mentions"]] == [
        ("hizb-ut-tahrir", 6, 20, "Хизб ут-Тахрир", "banned")
    ]
    assert RU[6:20] == "Хизб ут-Тахрир"
    assert (report["filename"], report["content_type"], report["changed"], report["lang"], report["on"]) == (
        "article-footnotes.docx",
        DOCX_TYPE,
        True,
        "ru",
        ON,
    )
    assert report["header_mentions"] == []
    assert [f["org"] for f in report["footnotes"]] == ["hizb-ut-tahrir"]
    assert base64.b64decode(report["data"]) == annotate_docx(article, on=ON).data


def test_an_unchanged_document_comes_back_as_it_was(client: TestClient) -> None:
    article = _docx("Погода в Астане хорошая.")
    answer = client.post(f"{API}/annotate-document?on={ON}", content=article, headers={"Content-Type": DOCX_TYPE})
    assert answer.status_code == 200
    assert answer.content == article
    assert (answer.headers["x-bannedorgs-changed"], answer.headers["x-bannedorgs-mentions"]) == ("false", "0")
    assert answer.headers["x-bannedorgs-organisations"] == ""


def test_an_odt_file_is_annotated_as_opendocument(client: TestClient) -> None:
    article = _sample_odt("Members of Hizb ut-Tahrir were detained.")
    answer = client.post(
        f"{API}/annotate-document?on={ON}&report=json", content=article, headers={"Content-Type": ODT_TYPE}
    )
    assert answer.status_code == 200
    report = answer.json()
    assert (report["content_type"], report["filename"]) == (ODT_TYPE, "article-footnotes.odt")
    marked = zipfile.ZipFile(io.BytesIO(base64.b64decode(report["data"])))
    content = marked.read("content.xml").decode()
    assert "<text:note " in content
    assert "banned in Kazakhstan" in content
    # the kind follows the bytes, not the declared type
    guessed = client.post(f"{API}/annotate-document?on={ON}", content=article, headers={"Content-Type": DOCX_TYPE})
    assert guessed.headers["content-type"] == ODT_TYPE


def test_check_document_lists_the_unmarked_mentions_by_paragraph(client: TestClient) -> None:
    article = _docx("Вчера в Алматы прошли задержания.", RU)
    answer = client.post(f"{API}/check-document?on={ON}", content=article, headers={"Content-Type": DOCX_TYPE})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["on"], body["kind"], body["problems"]) == (ON, "docx", 1)
    [issue] = body["issues"]
    assert issue["kind"] == "unmarked"
    assert issue["warning"] is False
    assert (issue["org"], issue["surface"]) == ("hizb-ut-tahrir", "Хизб ут-Тахрир")
    assert (issue["part"], issue["paragraph"]) == ("word/document.xml", 2)
    assert issue["where"] == "word/document.xml, paragraph 2"
    marked = client.post(f"{API}/annotate-document?on={ON}", content=article, headers={"Content-Type": DOCX_TYPE})
    again = client.post(f"{API}/check-document?on={ON}", content=marked.content, headers={"Content-Type": DOCX_TYPE})
    assert again.json()["issues"] == []


@pytest.mark.parametrize(
    ("path", "body", "kind", "status", "says"),
    [
        ("/annotate-document", b"Just some text.", DOCX_TYPE, 415, "not a Word (.docx) or OpenDocument (.odt) file"),
        ("/check-document", b"%PDF-1.7", "application/octet-stream", 415, "zip archives"),
        ("/annotate-document", b"", DOCX_TYPE, 415, "zip archives"),
        ("/annotate-document", None, "text/plain", 415, "'text/plain' is not accepted here"),
        ("/check-document", None, "multipart/form-data", 415, "'multipart/form-data' is not accepted"),
        ("/annotate-document", "zip-of-csv", DOCX_TYPE, 415, "neither word/document.xml"),
        ("/annotate-document", "damaged", DOCX_TYPE, 400, "not a Word document (.docx): the zip cannot be read"),
        ("/check-document", "damaged", ODT_TYPE, 400, "not a OpenDocument text"),
        ("/annotate-document", "new-zip-version", DOCX_TYPE, 400, "the zip cannot be read (zip file version 21.6)"),
        (
            "/check-document",
            "encrypted",
            DOCX_TYPE,
            400,
            "its parts are encrypted with a password",
        ),
        ("/annotate-document?footnotes=endnotes", "docx", DOCX_TYPE, 400, "footnotes: 'endnotes' is not one of word"),
        ("/annotate-document?format=html", "docx", DOCX_TYPE, 400, "'format' is not an option here"),
        ("/annotate-document?report=pdf", "docx", DOCX_TYPE, 400, "report: 'pdf' is not json or file"),
        ("/check-document?on=2024-13-01", "docx", DOCX_TYPE, 400, "2024-13-01"),
    ],
)
def test_document_errors_are_json_sentences_with_the_right_status(  # noqa: PLR0917 -- one parameter per table column
    client: TestClient, path: str, body: bytes | str | None, kind: str, status: int, says: str
) -> None:
    if body == "docx":
        body = _docx(RU)
    elif body == "damaged":
        body = _docx(RU)[:300]  # the local header of the first part, and no central directory
    elif body in ("new-zip-version", "encrypted"):
        # the central directory entry of word/document.xml: "version needed" at +6, flags at +8
        article = bytearray(_docx(RU))
        entry = _central_entry(article, "word/document.xml")
        if body == "new-zip-version":
            article[entry + 6 : entry + 8] = (216).to_bytes(2, "little")  # 21.6: no zip reader knows it
        else:
            article[entry + 8] |= 1  # the "encrypted" flag
        body = bytes(article)
    elif body == "zip-of-csv":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("data.csv", "a,b\n")
        body = buffer.getvalue()
    answer = client.post(API + path, content=body or b"x", headers={"Content-Type": kind})
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    assert says in answer.json()["error"]


_DAMAGEABLE = {"docx": _docx(RU), "odt": _sample_odt("Members of Hizb ut-Tahrir were detained.")}


def _central_entry(archive: bytes | bytearray, name: str) -> int:
    """Where the central directory entry of the part ``name`` starts."""
    offset = archive.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(archive[offset + 28 : offset + 30], "little")
        if archive[offset + 46 : offset + 46 + name_length] == name.encode():
            return offset
        extra = int.from_bytes(archive[offset + 30 : offset + 32], "little")
        comment = int.from_bytes(archive[offset + 32 : offset + 34], "little")
        offset += 46 + name_length + extra + comment


def test_a_file_over_the_limit_is_refused_with_413() -> None:
    article = _docx(RU)
    with TestClient(create_app(max_body=len(article) - 1)) as c:
        answer = c.post(f"{API}/annotate-document", content=article, headers={"Content-Type": DOCX_TYPE})
        assert answer.status_code == 413
        assert f"({len(article) - 1} bytes)" in answer.json()["error"]
        assert c.post(f"{API}/check-document", content=article, headers={"Content-Type": DOCX_TYPE}).status_code == 413
    with TestClient(create_app(max_body=len(article))) as c:
        assert c.post(f"{API}/check-document", content=article, headers={"Content-Type": DOCX_TYPE}).status_code == 200


def test_the_token_guards_the_document_endpoints() -> None:
    with TestClient(create_app(token="s3cret")) as c:
        for path in ("annotate-document", "check-document"):
            refused = c.post(f"{API}/{path}", content=_docx(RU), headers={"Content-Type": DOCX_TYPE})
            assert refused.status_code == 401
            headers = {"Content-Type": DOCX_TYPE, "Authorization": "Bearer s3cret"}
            assert c.post(f"{API}/{path}", content=_docx(RU), headers=headers).status_code == 200


def test_without_lxml_the_endpoints_name_the_extra(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)  # an import of lxml now fails as if it were not installed
    for path in ("annotate-document", "check-document"):
        answer = client.post(f"{API}/{path}", content=b"PK\x03\x04", headers={"Content-Type": DOCX_TYPE})
        assert answer.status_code == 501
        assert "pip install 'bannedorgs[docx]'" in answer.json()["error"]


def test_document_texts_are_not_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    article = _docx("Секретный абзац про Хизб ут-Тахрир номер 7731.")
    with caplog.at_level(logging.DEBUG):
        client.post(f"{API}/annotate-document?report=json", content=article, headers={"Content-Type": DOCX_TYPE})
        client.post(f"{API}/check-document", content=article, headers={"Content-Type": DOCX_TYPE})
        client.post(f"{API}/check-document", content=article[:400], headers={"Content-Type": DOCX_TYPE})
    assert "7731" not in caplog.text


def test_cors_exposes_the_download_headers() -> None:
    with TestClient(create_app(cors_origin="https://cms.example")) as c:
        answer = c.post(
            f"{API}/annotate-document?on={ON}",
            content=_docx(RU),
            headers={"Content-Type": DOCX_TYPE, "Origin": "https://cms.example"},
        )
        exposed = {h.strip().lower() for h in answer.headers["access-control-expose-headers"].split(",")}
        assert {"content-disposition", "x-bannedorgs-mentions", "x-bannedorgs-organisations"} <= exposed


def test_the_schema_describes_the_document_endpoints(client: TestClient) -> None:
    schema = client.get(f"{API}/openapi.json").json()
    annotate = schema["paths"]["/api/v1/annotate-document"]["post"]
    assert set(annotate["requestBody"]["content"]) == {DOCX_TYPE, ODT_TYPE, "application/octet-stream"}
    assert {p["name"] for p in annotate["parameters"]} == {
        "on", "lang", "marker", "mentions", "footnotes", "superscript", "filename", "report"
    }  # fmt: skip
    assert set(annotate["responses"]["200"]["content"]) == {DOCX_TYPE, ODT_TYPE, "application/json"}
    assert {"400", "401", "413", "415", "501"} <= set(annotate["responses"])
    check = schema["paths"]["/api/v1/check-document"]["post"]
    assert check["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DocumentCheck"
    }
    json.dumps(schema)  # serialisable


def test_every_interface_string_is_in_kazakh_russian_and_english() -> None:
    script = (STATIC / "i18n.js").read_text("utf-8")
    blocks = re.split(r"\n  (?:en|ru|kk): \{", script.split("const STRINGS = {", 1)[1].split("\n};", 1)[0])[1:]
    keys = [set(re.findall(r'"([\w. -]+)": "', block)) for block in blocks]
    assert len(keys) == 3
    assert {"doc.download", "doc.chosen", "issues.paragraph", "err.fileTooLarge"} <= keys[0]
    assert keys[0] == keys[1] == keys[2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_file_damaged_anywhere_is_refused_with_a_sentence_never_a_failure(
    client: TestClient, data: st.DataObject
) -> None:
    article = bytearray(_DAMAGEABLE[data.draw(st.sampled_from(sorted(_DAMAGEABLE)), label="kind")])
    how = data.draw(st.sampled_from(["cut", "overwrite", "insert"]), label="how")
    at = data.draw(st.integers(0, len(article) - 1), label="at")
    noise = data.draw(st.binary(min_size=1, max_size=40), label="noise")
    if how == "cut":
        article = article[:at]
    elif how == "overwrite":
        article[at : at + len(noise)] = noise
    else:
        article[at:at] = noise
    for path in ("annotate-document", "check-document"):
        answer = client.post(f"{API}/{path}?on={ON}", content=bytes(article), headers={"Content-Type": DOCX_TYPE})
        assert answer.status_code in (200, 400, 415), answer.text
        if answer.status_code != 200:
            error = answer.json()["error"]
            assert "document" in error.lower() or "zip" in error, error  # it says what was wrong
            assert "Hizb" not in error and "Хизб" not in error  # the text is not repeated
