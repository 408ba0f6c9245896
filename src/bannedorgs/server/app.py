"""The ASGI application: the JSON API under ``/api/v1``, the page and the registry pages.

Every answer is the library's own: the handlers only read the request, call the one
:class:`~bannedorgs.Annotator` of the process and turn the result into JSON. Texts are held
for the length of a request and are never logged or stored.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import json
import re
import zipfile
import zlib
from collections.abc import Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import _documents
from .._dates import as_date
from ..annotator import Annotator
from ..docx import annotate_docx, check_docx, is_docx
from ..errors import OrganisationNotFoundError
from ..odt import annotate_odt, check_odt, is_odt
from ..registry import Registry, default_registry
from . import _json
from .openapi import schema

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

DEFAULT_MAX_BODY = 5 * 1024 * 1024
STATIC = Path(__file__).parent / "static"
UI_LANGUAGES = ("kk", "ru", "en")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

_ANNOTATE_OPTIONS = (
    "on",
    "lang",
    "format",
    "marker",
    "mentions",
    "footnotes",
    "superscript_html",
    "markdown_footnotes",
)
_CHECK_OPTIONS = ("on", "format")
_FIND_OPTIONS = ("on", "format", "include_unbanned")
_CHOICES = {
    "lang": ("auto", "en", "ru", "kk", "kk-Latn"),
    "format": ("auto", "text", "markdown", "html"),
    "mentions": ("first", "all"),
}
_FLAGS = ("footnotes", "superscript_html", "markdown_footnotes", "include_unbanned")
_LONGEST_MARKER = 16

# Word and OpenDocument files: the body is the file itself, the options are in the query
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
_DOCUMENT_KINDS = {DOCX_TYPE: "docx", ODT_TYPE: "odt"}
_DOCUMENT_TYPES = {"docx": DOCX_TYPE, "odt": ODT_TYPE}
_ANNOTATE_DOCUMENT_OPTIONS = ("on", "lang", "marker", "mentions", "footnotes", "superscript")
_DOCUMENT_CHOICES = {**_CHOICES, "footnotes": ("word", "newsroom")}
_DOCUMENT_FLAGS = ("superscript",)
# what zipfile raises on a damaged, encrypted or exotic zip besides BadZipFile
_UNREADABLE_ZIP = (zipfile.BadZipFile, EOFError, ValueError, KeyError, NotImplementedError, RuntimeError, zlib.error)
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')
# what a CMS reads from the download's headers (and a browser may read across origins)
SUMMARY_HEADERS = ("X-Bannedorgs-Mentions", "X-Bannedorgs-Organisations", "X-Bannedorgs-Changed", "X-Bannedorgs-Lang")


class ApiError(Exception):
    """An answer with a 4xx status and a JSON body ``{"error": message}``."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=dict(headers or {}))


class _SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every answer, and forbids caching
    of API answers (they may hold an article)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += _SECURITY_HEADERS
                if api:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def ui_language(accept_language: str | None) -> str:
    """The first of kk, ru, en the browser asks for (by q-value, then order), else en.

    >>> ui_language("ru-RU,ru;q=0.9,en;q=0.8"), ui_language("de, kk;q=0.5"), ui_language(None)
    ('ru', 'kk', 'en')
    """
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in UI_LANGUAGES and q > 0:
            ranked.append((-q, index, primary))
    return min(ranked)[2] if ranked else "en"


def _flag(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "1", "yes", "false", "0", "no"):
        return value.lower() in ("true", "1", "yes")
    raise ApiError(400, f"{name}: {value!r} is not true or false")


def _options(
    raw: Mapping[str, Any],
    allowed: tuple[str, ...],
    *,
    flags: tuple[str, ...] = _FLAGS,
    choices: Mapping[str, tuple[str, ...]] = _CHOICES,
) -> dict[str, Any]:
    """The library's keyword options from a JSON object or a query string, checked one by one."""
    options: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in allowed:
            raise ApiError(400, f"{name!r} is not an option here; the options are {', '.join(allowed)}")
        if value is None:
            continue
        if name in flags:
            options[name] = _flag(name, value)
        elif not isinstance(value, str):
            raise ApiError(400, f"{name}: {value!r} is not a string")
        elif name in choices and value not in choices[name]:
            raise ApiError(400, f"{name}: {value!r} is not one of {', '.join(choices[name])}")
        elif name == "marker" and not 0 < len(value) <= _LONGEST_MARKER:
            raise ApiError(400, f"marker: {value!r} is not 'numbered', 'superscript' or 1 to 16 characters")
        elif name == "lang" and value == "auto":
            continue
        else:
            options[name] = value
    options["on"] = as_date(options.get("on"))  # a ValueError naming the date becomes a 400
    return options


def _document_kind(data: bytes) -> str:
    """``docx`` or ``odt`` as the bytes themselves say (a browser's declared type is a guess from
    the file's name), or ``""`` for a zip too damaged to tell; a 415 for anything else."""
    if not data.startswith(b"PK\x03\x04"):
        raise ApiError(
            415,
            "the body is not a Word (.docx) or OpenDocument (.odt) file: those are zip archives and it is not one",
        )
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        if "word/document.xml" in names and is_docx(data):
            return "docx"
        if is_odt(data):
            return "odt"
    except _UNREADABLE_ZIP:
        return ""  # damaged: the library says what is wrong with it
    raise ApiError(
        415,
        "the zip is not a Word (.docx) or OpenDocument (.odt) file: "
        "it holds neither word/document.xml nor an OpenDocument text mimetype",
    )


@contextlib.contextmanager
def _unreadable_as_400(kind: str) -> Iterator[None]:
    """A zip the library cannot open for a reason it does not put in a sentence of its own (an
    exotic version or compression, encryption) is a damaged file too, not a failure of the server."""
    what = "Word document (.docx)" if kind == "docx" else "OpenDocument text (.odt)"
    try:
        yield
    except (zipfile.BadZipFile, EOFError, NotImplementedError, zlib.error) as exc:
        raise ApiError(400, f"not a {what}: the zip cannot be read ({exc})") from None
    except RuntimeError as exc:
        if "encrypted" not in str(exc):
            raise  # not the file's fault: a 500 that does not repeat it
        raise ApiError(400, f"not a {what} that can be read: its parts are encrypted with a password") from None


def download_name(filename: str | None, kind: str) -> str:
    r"""The name of the marked file: the sent name's stem with ``-footnotes`` (``article`` if none).

    >>> download_name("C:\\News\\Соттан.docx", "docx"), download_name('a"b;.odt', "odt"), download_name(None, "docx")
    ('Соттан-footnotes.docx', 'a_b_-footnotes.odt', 'article-footnotes.docx')
    """
    base = re.split(r"[\\/]", filename or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _UNSAFE_IN_NAME.sub("_", stem).strip(" .")[:120] or "article"
    return f"{stem}-footnotes.{kind}"


def content_disposition(name: str) -> str:
    r"""An attachment header for ``name``: plain when ASCII, else RFC 6266's ``filename*`` beside
    an ASCII fallback (header values are Latin-1).

    >>> print(content_disposition("a-footnotes.docx"))
    attachment; filename="a-footnotes.docx"
    >>> print(content_disposition("Сот-footnotes.odt"))
    attachment; filename="article-footnotes.odt"; filename*=UTF-8''%D0%A1%D0%BE%D1%82-footnotes.odt
    """
    if name.isascii():
        return f'attachment; filename="{name}"'
    fallback = "article-footnotes." + name.rsplit(".", 1)[-1]
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


class App:
    """The state one worker process needs: the registry, its annotator and the settings."""

    def __init__(self, registry: Registry, *, token: str | None, max_body: int) -> None:
        self.registry = registry
        self.annotator = Annotator(registry)
        _ = self.annotator.matcher  # built now, at start-up, not on the first request
        self.token = token.encode() if token else None
        self.max_body = max_body
        self.pages = {
            name: (STATIC / f"{name}.html").read_text("utf-8")
            for name in ("index", "organisations", "organisation", "docs")
        }

    # -- plumbing ------------------------------------------------------------------------
    def _authorize(self, request: Request) -> None:
        if self.token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token):
            raise ApiError(
                401, "a bearer token is needed: send 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
            )

    async def _body(self, request: Request) -> bytes:
        too_large = ApiError(413, f"the request is larger than this server accepts ({self.max_body} bytes)")
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)

    async def _text_and_options(self, request: Request, allowed: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
        """The text and options of a POST: a JSON object, or a text/plain body with the options in the query."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in ("application/json", "text/plain"):
            raise ApiError(
                415, f"content type {kind or '(none)'!r} is not accepted; send application/json or text/plain"
            )
        raw = await self._body(request)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"the body is not valid UTF-8 (byte {exc.start})") from None
        if kind == "text/plain":
            return body, _options(request.query_params, allowed)
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise ApiError(
                400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            ) from None
        except RecursionError:
            raise ApiError(400, "the body is JSON nested too deeply to read") from None
        if not isinstance(data, dict):
            raise ApiError(400, "the body must be a JSON object with a 'text' field")
        text = data.pop("text", None)
        if not isinstance(text, str):
            raise ApiError(400, "the body must hold 'text', a string")
        return text, _options(data, allowed)

    async def _document(self, request: Request, filename: str | None) -> tuple[bytes, str]:
        """The bytes of a Word or OpenDocument file sent as the body, and which of the two it is."""
        try:
            _documents.etree()
        except ModuleNotFoundError:
            raise ApiError(
                501,
                "this server cannot read Word or OpenDocument files: "
                "install the 'docx' extra beside it (pip install 'bannedorgs[docx]')",
            ) from None
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in (*_DOCUMENT_KINDS, "application/octet-stream"):
            raise ApiError(
                415,
                f"content type {kind or '(none)'!r} is not accepted here; send the file's bytes as "
                f"{DOCX_TYPE}, {ODT_TYPE} or application/octet-stream",
            )
        data = await self._body(request)
        named = "odt" if (filename or "").lower().endswith(".odt") else "docx"
        return data, _document_kind(data) or _DOCUMENT_KINDS.get(kind) or named

    def _day(self, request: Request) -> Any:
        return as_date(request.query_params.get("on") or None)

    def endpoint(self, handler: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
        """An API endpoint: the token checked, the result as JSON, the library's errors as 4xx."""

        async def run(request: Request) -> Response:
            try:
                self._authorize(request)
                answer = await handler(request)
                return answer if isinstance(answer, Response) else JSONResponse(answer)
            except ApiError as exc:
                return _error(exc.status, exc.message, exc.headers)
            except OrganisationNotFoundError as exc:
                return _error(404, str(exc))
            except ValueError as exc:  # a bad date or option, named by the library
                return _error(400, str(exc))

        return run

    # -- the API -------------------------------------------------------------------------
    async def annotate(self, request: Request) -> Any:
        text, options = await self._text_and_options(request, _ANNOTATE_OPTIONS)
        return _json.annotation(self.annotator.annotate(text, **options), options["on"])

    async def check(self, request: Request) -> Any:
        text, options = await self._text_and_options(request, _CHECK_OPTIONS)
        issues = self.annotator.check(text, on=options["on"], format=options.get("format"))
        return {
            "on": options["on"].isoformat(),
            "problems": sum(not i.warning for i in issues),
            "issues": [_json.issue(i, text) for i in issues],
        }

    async def find(self, request: Request) -> Any:
        text, options = await self._text_and_options(request, _FIND_OPTIONS)
        mentions = self.annotator.find(text, **options)
        return {"on": options["on"].isoformat(), "mentions": [_json.mention(m) for m in mentions]}

    async def annotate_document(self, request: Request) -> Any:
        query = dict(request.query_params)
        filename, report = query.pop("filename", None), query.pop("report", None)
        if report not in (None, "", "json", "file"):
            raise ApiError(400, f"report: {report!r} is not json or file")
        options = _options(query, _ANNOTATE_DOCUMENT_OPTIONS, flags=_DOCUMENT_FLAGS, choices=_DOCUMENT_CHOICES)
        data, kind = await self._document(request, filename)
        annotate = annotate_docx if kind == "docx" else annotate_odt
        with _unreadable_as_400(kind):
            result = annotate(data, annotator=self.annotator, **options)
        name = download_name(filename, kind)
        if report == "json":
            return _json.document_annotation(result, options["on"], name, _DOCUMENT_TYPES[kind])
        headers = {
            "Content-Disposition": content_disposition(name),
            "X-Bannedorgs-Mentions": str(len(result.mentions) + len(result.header_mentions)),
            "X-Bannedorgs-Organisations": ",".join(
                dict.fromkeys(m.org.id for m in (*result.mentions, *result.header_mentions))
            ),
            "X-Bannedorgs-Changed": "true" if result.changed else "false",
            "X-Bannedorgs-Lang": result.lang,
        }
        return Response(result.data, media_type=_DOCUMENT_TYPES[kind], headers=headers)

    async def check_document(self, request: Request) -> Any:
        query = dict(request.query_params)
        filename = query.pop("filename", None)
        options = _options(query, ("on",))
        data, kind = await self._document(request, filename)
        check = check_docx if kind == "docx" else check_odt
        with _unreadable_as_400(kind):
            issues = check(data, on=options["on"], annotator=self.annotator)
        return {
            "on": options["on"].isoformat(),
            "kind": kind,
            "problems": sum(not i.issue.warning for i in issues),
            "issues": [_json.document_issue(i) for i in issues],
        }

    async def lookup(self, request: Request) -> Any:
        name = request.query_params.get("name")
        if not name:
            raise ApiError(400, "lookup needs a name: /api/v1/lookup?name=...")
        return _json.organisation(self.registry.lookup(name), self.registry, self._day(request))

    async def search(self, request: Request) -> Any:
        query = request.query_params.get("q")
        if not query:
            raise ApiError(400, "search needs a query: /api/v1/search?q=...")
        limit_text = request.query_params.get("limit", "10")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= 100:
            raise ApiError(400, f"limit: {limit_text!r} is not a whole number from 1 to 100")
        return [_json.match(m) for m in self.registry.search(query, limit=int(limit_text))]

    async def organisations(self, request: Request) -> Any:
        category = request.query_params.get("category") or None
        if category not in (None, "terrorist", "extremist"):
            raise ApiError(400, f"category: {category!r} is not terrorist or extremist")
        day = self._day(request)
        orgs = sorted(self.registry, key=lambda o: o.id)
        return [_json.summary(o, self.registry, day) for o in orgs if category is None or o.category == category]

    async def organisation(self, request: Request) -> Any:
        org_id = request.path_params["org_id"]
        org = self.registry.get(org_id)
        if org is None:
            raise ApiError(404, f"no organisation in the registry has the id {org_id!r}")
        return _json.organisation(org, self.registry, self._day(request))

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(schema(self.max_body))

    # -- pages ---------------------------------------------------------------------------
    def page(self, name: str) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            html = self.pages[name]
            html = html.replace("{{lang}}", ui_language(request.headers.get("accept-language")))
            html = html.replace("{{max_body}}", str(self.max_body))
            return HTMLResponse(html, headers={"Vary": "Accept-Language"})

        return run


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        messages = {404: f"there is nothing at {request.url.path}", 405: f"{request.method} is not allowed here"}
        return _error(exc.status_code, messages.get(exc.status_code, str(exc.detail)), exc.headers)
    return Response(str(exc.detail), status_code=exc.status_code, headers=exc.headers, media_type="text/plain")


async def _server_error(request: Request, exc: Exception) -> Response:
    # the message of an unexpected error may quote the text: it is not repeated to the client
    return _error(500, "the server failed to answer this request")


def create_app(
    registry: Registry | None = None,
    *,
    token: str | None = None,
    cors_origin: str | list[str] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
) -> Starlette:
    """The application, with its annotator built: call once per worker process.

    ``token``: when given, the API answers 401 unless the request carries
    ``Authorization: Bearer <token>``. ``cors_origin``: the origins allowed to call the API
    from a browser (none by default). ``max_body``: the largest request body, in bytes.
    """
    if max_body < 1:
        raise ValueError(f"max_body must be a positive number of bytes, not {max_body}")
    app = App(registry if registry is not None else default_registry(), token=token, max_body=max_body)
    api = "/api/v1"
    routes = [
        Route("/", app.page("index")),
        Route("/organisations", app.page("organisations")),
        Route("/organisations/{org_id}", app.page("organisation")),
        Route(f"{api}/annotate", app.endpoint(app.annotate), methods=["POST"]),
        Route(f"{api}/check", app.endpoint(app.check), methods=["POST"]),
        Route(f"{api}/find", app.endpoint(app.find), methods=["POST"]),
        Route(f"{api}/annotate-document", app.endpoint(app.annotate_document), methods=["POST"]),
        Route(f"{api}/check-document", app.endpoint(app.check_document), methods=["POST"]),
        Route(f"{api}/lookup", app.endpoint(app.lookup)),
        Route(f"{api}/search", app.endpoint(app.search)),
        Route(f"{api}/organisations", app.endpoint(app.organisations)),
        Route(f"{api}/organisations/{{org_id}}", app.endpoint(app.organisation)),
        Route(f"{api}/openapi.json", app.openapi),
        Route(f"{api}/docs", app.page("docs")),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [Middleware(_SecurityHeaders)]
    origins = [cors_origin] if isinstance(cors_origin, str) else list(cors_origin or [])
    if origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type"],
                expose_headers=["Content-Disposition", *SUMMARY_HEADERS],
            )
        )
    application = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    application.state.annotator = app.annotator
    return application
