"""The HTTP API and the pages, through Starlette's test client (no socket, no browser)."""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

pytest.importorskip("starlette", reason="the server tests need the 'server' extra (starlette)")
pytest.importorskip("httpx2", reason="Starlette's test client needs httpx2")

from starlette.testclient import TestClient

import bannedorgs
from bannedorgs.server import TOKEN_VARIABLE, app_from_environment, create_app
from bannedorgs.server.app import STATIC

API = "/api/v1"
# "Члены " is six characters, so the name runs from 6 to 6 + len("Хизб ут-Тахрир") = 20
RU = "Члены Хизб ут-Тахрир задержаны."


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


# -- annotate and check ---------------------------------------------------------------------


def test_annotate_answers_what_the_library_answers(client: TestClient) -> None:
    answer = client.post(f"{API}/annotate", json={"text": RU, "on": "2024-01-10"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["text"].startswith("Члены Хизб ут-Тахрир* задержаны.\n\n*Организация «Хизб ут-Тахрир»")
    assert "Астанинского городского суда" in body["text"]
    assert body["mentions"] == [
        {
            "org": "hizb-ut-tahrir",
            "start": 6,
            "end": 20,
            "surface": "Хизб ут-Тахрир",
            "state": "banned",
            "marked": False,
            "rule": "exact",
            "score": 100.0,
        }
    ]
    assert (body["on"], body["lang"], body["format"]) == ("2024-01-10", "ru", "text")
    library = bannedorgs.annotate(RU, on="2024-01-10")
    assert body["text"] == library.text
    assert body["footnotes"] == [{"marker": f.marker, "org": f.org.id, "text": f.text} for f in library.footnotes]


def test_annotate_takes_the_library_options(client: TestClient) -> None:
    text = "<p>Members of Hizb ut-Tahrir and of the Taliban were detained.</p>"
    options = {"on": "2020-06-01", "lang": "ru", "format": "html", "marker": "numbered", "superscript_html": True}
    body = client.post(f"{API}/annotate", json={"text": text, **options}).json()
    library = bannedorgs.annotate(text, **options)
    assert body["text"] == library.text
    # "numbered" writes *, **, ... in order of first mention
    assert "Hizb ut-Tahrir<sup>*</sup>" in body["text"] and "Taliban<sup>**</sup>" in body["text"]
    assert [f["org"] for f in body["footnotes"]] == ["hizb-ut-tahrir", "taliban"]
    assert body["lang"] == "ru" and body["format"] == "html"


def test_annotate_reads_a_plain_text_body_with_options_in_the_query(client: TestClient) -> None:
    answer = client.post(
        f"{API}/annotate?on=2024-01-10&marker=superscript&footnotes=false",
        content=RU.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert answer.status_code == 200
    assert answer.json()["text"] == "Члены Хизб ут-Тахрир¹ задержаны."
    assert answer.json()["footnotes"] == []


def test_offsets_count_code_points_as_the_library_does(client: TestClient) -> None:
    text = "😀 Талибан 😀 and Hizb ut-Tahrir."  # astral characters before the names
    body = client.post(f"{API}/annotate", json={"text": text, "on": "2020-06-01", "lang": "en"}).json()
    for m in body["mentions"]:
        assert text[m["start"] : m["end"]] == m["surface"]
    assert [m["org"] for m in body["mentions"]] == ["taliban", "hizb-ut-tahrir"]


def test_check_lists_unmarked_mentions_with_line_and_column(client: TestClient) -> None:
    text = "Заголовок\nВчера члены Хизб ут-Тахрир были задержаны."
    body = client.post(f"{API}/check", json={"text": text, "on": "2024-01-10"}).json()
    assert body["problems"] == 1
    (issue,) = body["issues"]
    # line 2; "Вчера члены " is 12 characters, so the name starts in column 13
    assert (issue["kind"], issue["org"], issue["line"], issue["column"]) == ("unmarked", "hizb-ut-tahrir", 2, 13)
    assert issue["surface"] == "Хизб ут-Тахрир" and issue["warning"] is False
    marked = bannedorgs.annotate(text, on="2024-01-10").text
    assert client.post(f"{API}/check", json={"text": marked, "on": "2024-01-10"}).json() == {
        "on": "2024-01-10",
        "problems": 0,
        "issues": [],
    }


def test_find_gives_the_library_mentions_with_their_state(client: TestClient) -> None:
    text = "Талибан и Хизб ут-Тахрир."
    banned_only = client.post(f"{API}/find", json={"text": text, "on": "2024-06-01"}).json()
    assert [m["org"] for m in banned_only["mentions"]] == ["hizb-ut-tahrir"]
    every = client.post(f"{API}/find", json={"text": text, "on": "2024-06-01", "include_unbanned": True}).json()
    # the Taliban's ban was lifted in December 2023: not banned in June 2024, uncertain inside that month
    assert [(m["org"], m["state"], m["start"], m["end"]) for m in every["mentions"]] == [
        ("taliban", "not banned", 0, 7),
        ("hizb-ut-tahrir", "banned", 10, 24),
    ]
    december = client.post(f"{API}/find", json={"text": text, "on": "2023-12-15", "include_unbanned": True}).json()
    assert december["mentions"][0]["state"] == "uncertain"
    library = bannedorgs.find(text, on="2024-06-01", include_unbanned=True)
    assert [(m.org.id, m.start, m.end, m.surface) for m in library] == [
        (m["org"], m["start"], m["end"], m["surface"]) for m in every["mentions"]
    ]


# -- lookups ---------------------------------------------------------------------------------


def test_lookup_gives_the_record_and_the_status_on_the_day(client: TestClient) -> None:
    before = client.get(f"{API}/lookup", params={"name": "Талибан", "on": "2020-06-01"}).json()
    after = client.get(f"{API}/lookup", params={"name": "Талибан", "on": "2024-06-01"}).json()
    assert before["id"] == after["id"] == "taliban"
    assert (before["status"]["state"], after["status"]["state"]) == ("banned", "not banned")
    assert after["status"]["decision"]["kind"] == "unban"


def test_search_is_best_first(client: TestClient) -> None:
    matches = client.get(f"{API}/search", params={"q": "Hizb ut Tahir", "limit": "3"}).json()
    assert matches[0]["id"] == "hizb-ut-tahrir"
    assert len(matches) <= 3
    assert matches == sorted(matches, key=lambda m: -m["score"])


def test_organisations_filter_by_category_and_date(client: TestClient) -> None:
    every = client.get(f"{API}/organisations", params={"on": "2020-06-01"}).json()
    assert [o["id"] for o in every] == sorted(o.id for o in bannedorgs.default_registry())
    terrorist = client.get(f"{API}/organisations", params={"category": "terrorist", "on": "2020-06-01"}).json()
    assert terrorist and {o["category"] for o in terrorist} == {"terrorist"}
    assert len(terrorist) < len(every)
    states = {o["id"]: o["status"]["state"] for o in every}
    assert states["taliban"] == "banned"


def test_one_organisation_holds_decisions_courts_and_sources(client: TestClient) -> None:
    record = client.get(f"{API}/organisations/hizb-ut-tahrir", params={"on": "2024-01-10"}).json()
    assert record["names"]["ru"] == "Хизб ут-Тахрир"
    first = record["decisions"][0]
    assert (first["kind"], first["decided_on"], first["precision"]) == ("ban", "2005-03-28", "day")
    assert first["court"]["names"]["en"] == "Astana City Court"
    assert first["sources"][0]["url"].startswith("https://")
    assert record["status"]["state"] == "banned"


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "says"),
    [
        ("get", "/organisations/red-cross", {}, 404, "'red-cross'"),
        ("get", "/lookup", {"params": {"name": "Red Cross"}}, 404, "'Red Cross'"),
        ("get", "/lookup", {}, 400, "needs a name"),
        ("get", "/lookup", {"params": {"name": "ИГИЛ", "on": "2024-13-45"}}, 400, "2024-13-45"),
        ("get", "/search", {}, 400, "needs a query"),
        ("get", "/search", {"params": {"q": "x", "limit": "0"}}, 400, "limit"),
        ("get", "/organisations", {"params": {"category": "criminal"}}, 400, "'criminal'"),
        ("get", "/organisations", {"params": {"on": "yesterday-ish"}}, 400, "yesterday-ish"),
        ("get", "/annotate", {}, 405, "GET"),
        ("delete", "/organisations", {}, 405, "DELETE"),
        ("get", "/nowhere", {}, 404, "/api/v1/nowhere"),
        ("post", "/annotate", {"json": {"text": "x", "on": "2024-02-30"}}, 400, "2024-02-30"),
        ("post", "/annotate", {"json": {"text": "x", "lang": "de"}}, 400, "'de'"),
        ("post", "/annotate", {"json": {"text": "x", "format": "docx"}}, 400, "'docx'"),
        ("post", "/annotate", {"json": {"text": "x", "colour": "red"}}, 400, "'colour'"),
        ("post", "/annotate", {"json": {"text": "x", "footnotes": "maybe"}}, 400, "'maybe'"),
        ("post", "/annotate", {"json": {"text": "x", "marker": ""}}, 400, "marker"),
        ("post", "/annotate", {"json": {"txt": "x"}}, 400, "'text'"),
        ("post", "/annotate", {"json": ["x"]}, 400, "JSON object"),
        ("post", "/check", {"json": {"text": "x", "lang": "ru"}}, 400, "'lang'"),
        (
            "post",
            "/annotate",
            {"content": b"{", "headers": {"Content-Type": "application/json"}},
            400,
            "not valid JSON",
        ),
        ("post", "/annotate", {"content": b"\xff", "headers": {"Content-Type": "text/plain"}}, 400, "UTF-8"),
        ("post", "/check", {"content": b"[" * 100000, "headers": {"Content-Type": "application/json"}}, 400, "nested"),
        ("post", "/annotate", {"data": {"text": "x"}}, 415, "application/x-www-form-urlencoded"),
        ("post", "/check", {"content": b"x"}, 415, "(none)"),
    ],
)
def test_errors_are_json_sentences_with_the_right_status(  # noqa: PLR0917 -- one parameter per table column
    client: TestClient, method: str, path: str, kwargs: dict[str, object], status: int, says: str
) -> None:
    answer = client.request(method.upper(), API + path, **kwargs)  # type: ignore[arg-type]
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["status"] == status
    assert says in body["error"]


def test_a_body_over_the_limit_is_refused_with_413() -> None:
    with TestClient(create_app()) as c:
        text = "a" * (5 * 1024 * 1024 + 1)
        answer = c.post(f"{API}/annotate", content=text.encode(), headers={"Content-Type": "text/plain"})
        assert answer.status_code == 413
        assert "5242880 bytes" in answer.json()["error"]
        exactly = "a" * (5 * 1024 * 1024)
        ok = c.post(f"{API}/check", content=exactly.encode(), headers={"Content-Type": "text/plain"})
        assert ok.status_code == 200


def test_the_limit_holds_without_a_content_length_and_is_configurable() -> None:
    def pieces() -> Iterator[bytes]:
        yield from (b"x" * 60 for _ in range(2))  # sent chunked: the length is not announced

    with TestClient(create_app(max_body=100)) as c:
        chunked = c.post(f"{API}/check", content=pieces(), headers={"Content-Type": "text/plain"})
        assert chunked.status_code == 413
        assert "(100 bytes)" in chunked.json()["error"]
        assert c.post(f"{API}/check", content=b"x" * 100, headers={"Content-Type": "text/plain"}).status_code == 200
    with pytest.raises(ValueError, match="max_body"):
        create_app(max_body=0)


# -- token, CORS, headers --------------------------------------------------------------------


def test_the_token_guards_the_api_but_not_the_schema() -> None:
    with TestClient(create_app(token="s3cret")) as c:
        missing = c.get(f"{API}/organisations")
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"] == "Bearer"
        assert "Bearer" in missing.json()["error"]
        assert c.get(f"{API}/organisations", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get(f"{API}/organisations", headers={"Authorization": "Basic s3cret"}).status_code == 401
        assert c.post(f"{API}/annotate", json={"text": RU}).status_code == 401
        good = {"Authorization": "Bearer s3cret"}
        assert c.get(f"{API}/organisations", headers=good).status_code == 200
        assert c.post(f"{API}/annotate", json={"text": RU}, headers=good).status_code == 200
        assert c.get(f"{API}/openapi.json").status_code == 200
        assert c.get("/").status_code == 200


def test_a_worker_compiles_every_form_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker's first requests are no slower than the rest: nothing is left to compile
    from bannedorgs.matcher import Matcher

    app = app_from_environment()

    def compile_again(self: Matcher, index: int) -> None:
        raise AssertionError(f"form {index} compiled on a request")

    monkeypatch.setattr(Matcher, "_compile", compile_again)
    with TestClient(app) as c:
        answer = c.post(
            f"{API}/annotate", json={"text": "Члены «Хизб ут-Тахрир» и ИГИЛ задержаны.", "on": "2024-01-10"}
        )
    assert answer.status_code == 200
    assert [m["org"] for m in answer.json()["mentions"]] == ["hizb-ut-tahrir", "islamic-state"]


def test_the_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "from-env")
    monkeypatch.setenv(
        "BANNEDORGS_SERVER_SETTINGS", json.dumps({"max_body": 50, "cors_origins": ["https://cms.example"]})
    )
    with TestClient(app_from_environment()) as c:
        assert c.get(f"{API}/search?q=isis").status_code == 401
        assert c.get(f"{API}/search?q=isis", headers={"Authorization": "Bearer from-env"}).status_code == 200
        big = c.post(
            f"{API}/check",
            content=b"x" * 51,
            headers={"Content-Type": "text/plain", "Authorization": "Bearer from-env"},
        )
        assert big.status_code == 413
        cors = c.get(f"{API}/search?q=isis", headers={"Origin": "https://cms.example"})
        assert cors.headers["access-control-allow-origin"] == "https://cms.example"


def test_cors_is_off_by_default(client: TestClient) -> None:
    answer = client.get(f"{API}/search?q=isis", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers
    preflight = client.options(
        f"{API}/annotate", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_the_given_origin_only() -> None:
    with TestClient(create_app(cors_origin="https://cms.example", token="t")) as c:
        preflight = c.options(
            f"{API}/annotate",
            headers={
                "Origin": "https://cms.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200  # a preflight carries no token and still passes
        assert preflight.headers["access-control-allow-origin"] == "https://cms.example"
        other = c.get(f"{API}/search?q=isis", headers={"Origin": "https://evil.example", "Authorization": "Bearer t"})
        assert "access-control-allow-origin" not in other.headers


def test_every_answer_forbids_inline_script(client: TestClient) -> None:
    for path in (
        "/",
        "/organisations",
        "/organisations/taliban",
        f"{API}/docs",
        "/static/desk.js",
        f"{API}/search?q=x",
    ):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert client.get(f"{API}/search?q=x").headers["cache-control"] == "no-store"


# -- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "lang"), [("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("kk", "kk"), ("de, en;q=0.5", "en"), ("", "en")]
)
def test_the_page_language_follows_accept_language(client: TestClient, accept: str, lang: str) -> None:
    page = client.get("/", headers={"Accept-Language": accept})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert 'content="5242880"' in page.text


def test_pages_hold_no_inline_script_and_no_outside_address() -> None:
    for path in STATIC.iterdir():
        text = path.read_text("utf-8")
        if path.suffix == ".html":
            scripts = re.findall(r"<script\b[^>]*>", text)
            assert scripts and all(" src=" in s for s in scripts), path.name
            assert not re.search(r"\son\w+=", text), path.name  # no inline event handlers
            assert "style=" not in text, path.name
        # every asset is served by the package: no CDN, no font service
        assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", text), path.name
        if path.suffix == ".js":
            assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text


def test_registry_pages_and_api_docs_are_served(client: TestClient) -> None:
    for path in ("/organisations", "/organisations/taliban", f"{API}/docs"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        f"{API}/annotate",
        f"{API}/check",
        f"{API}/find",
        f"{API}/annotate-document",
        f"{API}/check-document",
        f"{API}/lookup",
        f"{API}/search",
        f"{API}/organisations",
        f"{API}/organisations/{{id}}",
    }
    for name in ("Annotation", "Mention", "Issue", "Organisation", "Error"):
        assert name in schema["components"]["schemas"]
    # every reference in the schema points at a schema that exists
    refs = set(re.findall(r'"#/components/schemas/(\w+)"', json.dumps(schema)))
    assert refs <= set(schema["components"]["schemas"])


def test_texts_are_not_logged(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Секретный абзац про Хизб ут-Тахрир номер 7731."
    with caplog.at_level(logging.DEBUG):
        client.post(f"{API}/annotate", json={"text": secret})
        client.post(f"{API}/check", content=secret.encode(), headers={"Content-Type": "text/plain"})
    assert "7731" not in caplog.text


# -- the core stays free of web dependencies -------------------------------------------------


def test_the_core_and_the_cli_import_no_web_framework(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(RU, encoding="utf-8")
    code = (
        "import sys, contextlib, io\n"
        "import bannedorgs\n"
        "from bannedorgs.cli import main\n"
        "bannedorgs.annotate('Талибан', on='2020-01-01'); bannedorgs.search('isis')\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for argv in (['lookup', 'ИГИЛ'], ['search', 'isis'], ['list'], ['show', 'taliban'],\n"
        "                 ['annotate', sys.argv[1]], ['check', sys.argv[1]], ['validate'], ['--version']):\n"
        "        main(argv)\n"
        "web = [m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'httpx', 'httpx2', 'anyio')]\n"
        "web += [m for m in sys.modules if m.startswith('bannedorgs.server')]\n"
        "print(web)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(article)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_without_the_extra_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None\n"
        "from bannedorgs.cli import main\n"
        "sys.exit(main(['serve', '--port', '1']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert "bannedorgs[server]" in out.stderr and "starlette" in out.stderr


def test_the_listening_socket_of_several_workers_states_tcp() -> None:
    # asyncio turns Nagle's algorithm off only on connections of a socket whose proto is TCP;
    # without it every answer of a multi-worker server waited ~40 ms for a delayed ACK
    import socket

    from bannedorgs.server import TcpConfig

    config = TcpConfig("bannedorgs.server:app_from_environment", factory=True, host="127.0.0.1", port=0, workers=2)
    sock = config.bind_socket()
    try:
        assert (sock.family, sock.type, sock.proto) == (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        assert sock.get_inheritable()
    finally:
        sock.close()


def _curl_commands(page: Path) -> list[list[str]]:
    import shlex

    return [shlex.split(line) for line in page.read_text("utf-8").splitlines() if line.startswith("curl ")]


def _example_file(name: str) -> bytes:
    """The file a curl example sends: a short article as Word, OpenDocument or plain text."""
    article = "Члены Хизб ут-Тахрир задержаны."
    if name.endswith(".docx"):
        import io

        docx = pytest.importorskip("docx", reason="the example Word file is written with python-docx")
        document = docx.Document()
        document.add_paragraph(article)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    if name.endswith(".odt"):
        from bannedorgs.odt import _sample_odt

        return _sample_odt(article)
    return article.encode()


def test_the_curl_examples_of_the_docs_work(client: TestClient) -> None:
    page = Path(__file__).resolve().parents[1] / "docs" / "cms.md"
    commands = _curl_commands(page)
    assert len(commands) >= 8
    answers = []
    for argv in commands:
        method, headers, data, url = "GET", {}, None, None
        args = iter(argv[1:])
        for arg in args:
            if arg == "-X":
                method = next(args)
            elif arg == "-H":
                name, _, value = next(args).partition(":")
                headers[name] = value.strip()
            elif arg in ("-d", "--data-binary"):
                value = next(args)
                data = _example_file(value[1:]) if value.startswith("@") else value.encode()
            elif arg.startswith("http://127.0.0.1:8000/"):
                url = arg.removeprefix("http://127.0.0.1:8000")
            else:
                assert arg in ("-s", "-OJ"), f"{arg!r} is not understood by this test: {argv}"
        assert url is not None
        answer = client.request(method, url, headers=headers, content=data)
        assert answer.status_code == 200, (argv, answer.text)
        if answer.headers["content-type"] == "application/json":
            answers.append(answer.json())
        else:  # a marked file, saved by curl under the name of its Content-Disposition
            assert answer.headers["content-disposition"].startswith("attachment; filename=")
    # the answer shown on the page is what the first call returns
    shown = page.read_text("utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(shown) == answers[0]


def test_an_unexpected_failure_is_a_json_500_without_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from bannedorgs.annotator import Annotator

    def broken(self: Annotator, text: str, **options: object) -> None:
        raise RuntimeError(f"failed on {text}")

    monkeypatch.setattr(Annotator, "annotate", broken)
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        answer = c.post(f"{API}/annotate", json={"text": "secret words"})
    assert answer.status_code == 500
    assert answer.json() == {"error": "the server failed to answer this request", "status": 500}


def _serve_with_two_workers(
    tmp_path: Path, env: dict[str, str] | None = None
) -> tuple[int, subprocess.Popen[bytes], BinaryIO]:
    """``bannedorgs serve --workers 2`` on a free loopback port, logging to tmp_path/log.txt:
    the port, the process and the open log."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "log.txt").open("wb")
    child = subprocess.Popen(
        [sys.executable, "-m", "bannedorgs", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return port, child, log


def test_serve_runs_several_workers_with_the_token_from_the_environment(tmp_path: Path) -> None:
    import os
    import socket
    import time
    import urllib.error
    import urllib.request

    port, child, log = _serve_with_two_workers(tmp_path, {**os.environ, TOKEN_VARIABLE: "env-token"})
    url = f"http://127.0.0.1:{port}/api/v1/lookup?name=%D0%98%D0%93%D0%98%D0%9B"  # ИГИЛ
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert child.poll() is None and time.monotonic() < deadline, (tmp_path / "log.txt").read_text()
                time.sleep(0.2)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=30)
        refused.value.close()
        assert refused.value.code == 401
        request = urllib.request.Request(url, headers={"Authorization": "Bearer env-token"})
        for _ in range(4):  # answered by whichever worker takes the connection
            with urllib.request.urlopen(request, timeout=30) as answer:
                assert json.load(answer)["id"] == "islamic-state"
    finally:
        child.terminate()
        child.wait(timeout=30)
        log.close()
    assert "env-token" not in (tmp_path / "log.txt").read_text()


def _processes(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += _processes(int(child))
    return found


def _sockets_of_port(port: int, state: str) -> set[str]:
    """The inodes of the TCP sockets (IPv4) whose local port is ``port``, in ``state``
    (``0A`` listening, ``01`` established), from /proc/net/tcp."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
            inodes.add(fields[9])
    return inodes


def _owners(pids: list[int], inodes: set[str]) -> dict[str, int]:
    """Which of ``pids`` holds each socket of ``inodes``."""
    import os

    owners = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                owners[target[8:-1]] = pid
    return owners


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; SO_REUSEPORT spreads load on Linux")
def test_several_workers_each_take_a_share_of_connections_opened_together(tmp_path: Path) -> None:
    """Keep-alive connections a client opens at once are spread over the workers (each
    listens on a socket of its own), not all accepted by the first worker to wake."""
    import socket
    import time

    port, child, log = _serve_with_two_workers(tmp_path)
    connections: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while len(_sockets_of_port(port, "0A")) < 2:  # both workers listening
            assert child.poll() is None and time.monotonic() < deadline, (tmp_path / "log.txt").read_text()
            time.sleep(0.1)
        workers = _processes(child.pid)[1:]
        listening = _owners(workers, _sockets_of_port(port, "0A"))
        assert len(set(listening.values())) == 2  # a socket in each worker, none in the supervisor
        request = f"GET /api/v1/lookup?name=Taliban HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        for _ in range(16):
            connection = socket.create_connection(("127.0.0.1", port), timeout=30)
            connections.append(connection)
        for connection in connections:  # each answered on its connection, which stays open
            connection.sendall(request)
            assert connection.recv(65536).startswith(b"HTTP/1.1 200")
        served = _owners(workers, _sockets_of_port(port, "01"))
        assert len(served) == 16
        shares = sorted(list(served.values()).count(pid) for pid in set(listening.values()))
        assert shares[0] >= 1, shares  # all 16 on one worker: 2 chances in 65,536 if spread at random
    finally:
        for connection in connections:
            connection.close()
        child.terminate()
        child.wait(timeout=30)
        log.close()
    assert f"running on http://127.0.0.1:{port}" in (tmp_path / "log.txt").read_text()


def test_a_worker_s_own_socket_states_tcp_and_shares_the_port() -> None:
    import pickle
    import socket

    from bannedorgs import server

    if not server._OWN_SOCKETS:
        pytest.skip("this system shares one socket between the workers")
    held = server._port_socket(socket.AF_INET, ("127.0.0.1", 0))
    try:
        address = held.getsockname()
        # what a worker process receives: a socket of its own, bound to the same port
        own = pickle.loads(pickle.dumps(server._OwnSocket(socket.AF_INET, address)))
        try:
            assert (own.family, own.type, own.proto) == (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
            assert own.getsockname() == address
            assert own.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
        finally:
            own.close()
    finally:
        held.close()


def test_serve_on_a_port_in_use_says_which() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "bannedorgs", "serve", "--port", str(port), "--workers", "2"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode != 0
    assert str(port) in done.stderr and "in use" in done.stderr
