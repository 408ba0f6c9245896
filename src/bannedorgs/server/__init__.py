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
import logging
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


# Where the kernel spreads a port's new connections over every socket bound to it with
# SO_REUSEPORT (Linux): there each worker listens on a socket of its own. With one socket
# shared by every worker, the first worker to wake accepts every connection waiting, so a
# client's keep-alive connections opened together were all served by one worker and a
# second worker did nothing. (BSD and macOS accept the option but do not spread the load.)
_OWN_SOCKETS = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _port_socket(family: int, address: tuple[str, int]) -> socket.socket:
    """A TCP socket bound to ``address`` with SO_REUSEPORT (see _OWN_SOCKETS), not listening."""
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


class _OwnSocket:
    """What the supervisor hands each worker process in place of a shared socket: sent to a
    worker, it arrives as a socket of the worker's own bound to the same port, which joins
    the port's group when the worker starts listening (and leaves it when the worker ends)."""

    def __init__(self, family: int, address: tuple[str, int]) -> None:
        self.family = family
        self.address = address

    def __reduce__(self) -> tuple[object, ...]:
        return (_port_socket, (self.family, self.address))


def _listeners(config: TcpConfig) -> list[socket.socket]:
    """The sockets the supervisor gives its workers, and a socket of its own that holds the
    port (bound, never listening, so it is handed no connection)."""
    if not _OWN_SOCKETS:
        return [config.bind_socket()]
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    try:  # a port in use fails here, once, not in every worker
        held = _port_socket(family, (config.host, config.port))
    except OSError as exc:
        raise OSError(exc.errno, f"cannot listen on {config.host}:{config.port} ({exc.strerror or exc})") from None
    _held.append(held)
    host, port = held.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    # what uvicorn says when it binds the socket itself
    logging.getLogger("uvicorn.error").info("Uvicorn running on http://%s:%d (Press CTRL+C to quit)", shown, port)
    return [_OwnSocket(family, (host, port))]  # type: ignore[list-item]


_held: list[socket.socket] = []  # the supervisor's sockets that hold the port while it runs


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

    sockets = _listeners(config)
    if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before the supervisor was rewritten
        Multiprocess(config, target=uvicorn.Server(config).run, sockets=sockets).run()  # type: ignore[call-arg]
    else:
        Multiprocess(config, sockets=sockets).run()
