"""The editors' desk: a web page and a JSON API over the library, for newsrooms and CMSs.

Needs the ``server`` extra (``pip install "bannedorgs[server]"``): Starlette and uvicorn.
The core package never imports this module.

>>> from starlette.testclient import TestClient
>>> from bannedorgs.server import create_app
>>> client = TestClient(create_app())
>>> client.get("/api/v1/lookup", params={"name": "ИГИЛ"}).json()["id"]
'islamic-state'
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Sequence

import uvicorn
from starlette.applications import Starlette

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "TOKEN_VARIABLE", "TcpConfig", "create_app", "exposure_warning", "serve"]

TOKEN_VARIABLE = "BANNEDORGS_TOKEN"
_SETTINGS_VARIABLE = "BANNEDORGS_SERVER_SETTINGS"


class TcpConfig(uvicorn.Config):
    """uvicorn's settings, with a listening socket that states its protocol.

    With several workers uvicorn binds the socket itself as ``socket(family)``, whose
    ``proto`` is 0; asyncio then leaves Nagle's algorithm on for every connection it accepts,
    and each answer written in two parts waits out the client's delayed ACK (about 40 ms).
    Stating ``IPPROTO_TCP`` lets asyncio set TCP_NODELAY, as it does with a single worker.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp


def app_from_environment(*, warm: bool = True) -> Starlette:
    """The app of one worker process, built from the settings :func:`serve` left in the environment.

    ``warm``: compile every form of the matcher now, at start-up (a third of a second), so that
    the first requests a worker answers are no slower than the rest.
    """
    from ..registry import load

    settings = json.loads(os.environ.get(_SETTINGS_VARIABLE, "{}"))
    registry = None
    if settings.get("registry") or settings.get("extra"):
        registry = load(settings.get("registry"), extra=settings.get("extra", []))
    app = create_app(
        registry,
        token=os.environ.get(TOKEN_VARIABLE) or None,
        cors_origin=settings.get("cors_origins") or None,
        max_body=settings.get("max_body", DEFAULT_MAX_BODY),
    )
    if warm:
        app.state.annotator.matcher.compile_all()
    return app


def exposure_warning(host: str, token: str | None) -> str | None:
    """A sentence for the operator when the API is open to other machines without a token.

    >>> exposure_warning("127.0.0.1", None) is None, exposure_warning("0.0.0.0", "t") is None
    (True, True)
    >>> print(exposure_warning("0.0.0.0", None))
    the API listens on 0.0.0.0 without a token: anyone who can reach this port can use it
    (set --token or BANNEDORGS_TOKEN)
    """
    if token or host in ("127.0.0.1", "::1", "localhost") or host.startswith("127."):
        return None
    return (
        f"the API listens on {host} without a token: anyone who can reach this port can use it "
        f"(set --token or {TOKEN_VARIABLE})"
    )


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    max_body: int = DEFAULT_MAX_BODY,
    registry: str | None = None,
    extra: Sequence[str] = (),
) -> None:
    """Run the server under uvicorn until interrupted; each of ``workers`` processes builds its own annotator.

    The settings reach the workers through the environment (the token as ``BANNEDORGS_TOKEN``,
    which is also the way to give it without showing it in the process list); the access log
    is off, so no query or text is written anywhere.
    """
    os.environ[_SETTINGS_VARIABLE] = json.dumps(
        {"cors_origins": list(cors_origins), "max_body": max_body, "registry": registry, "extra": list(extra)}
    )
    if token:
        os.environ[TOKEN_VARIABLE] = token
    # a bad registry fails here, once, before any worker starts (each builds its own app)
    app = app_from_environment(warm=workers == 1)
    warning = exposure_warning(host, os.environ.get(TOKEN_VARIABLE))
    if warning:
        print(f"bannedorgs: warning: {warning}", file=sys.stderr)
    if workers == 1:
        uvicorn.Server(uvicorn.Config(app, host=host, port=port, access_log=False, server_header=False)).run()
        return
    # each worker process imports the factory and builds its own app and annotator
    config = TcpConfig(
        "bannedorgs.server:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        access_log=False,
        server_header=False,
    )
    import inspect

    from uvicorn.supervisors import Multiprocess

    sockets = [config.bind_socket()]
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before the supervisor was rewritten
        Multiprocess(config, target=uvicorn.Server(config).run, sockets=sockets).run()  # type: ignore[call-arg]
    else:
        Multiprocess(config, sockets=sockets).run()
