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
from collections.abc import Sequence

from starlette.applications import Starlette

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "TOKEN_VARIABLE", "create_app", "serve"]

TOKEN_VARIABLE = "BANNEDORGS_TOKEN"
_SETTINGS_VARIABLE = "BANNEDORGS_SERVER_SETTINGS"


def app_from_environment() -> Starlette:
    """The app of one worker process, built from the settings :func:`serve` left in the environment."""
    from ..registry import load

    settings = json.loads(os.environ.get(_SETTINGS_VARIABLE, "{}"))
    registry = None
    if settings.get("registry") or settings.get("extra"):
        registry = load(settings.get("registry"), extra=settings.get("extra", []))
    return create_app(
        registry,
        token=os.environ.get(TOKEN_VARIABLE) or None,
        cors_origin=settings.get("cors_origins") or None,
        max_body=settings.get("max_body", DEFAULT_MAX_BODY),
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

    The settings reach the workers through the environment (the token too, so that it never
    shows in a process list); the access log is off, so no query or text is written anywhere.
    """
    import uvicorn

    os.environ[_SETTINGS_VARIABLE] = json.dumps(
        {"cors_origins": list(cors_origins), "max_body": max_body, "registry": registry, "extra": list(extra)}
    )
    if token:
        os.environ[TOKEN_VARIABLE] = token
    app_from_environment()  # fail here, once, on a bad registry, before any worker starts
    uvicorn.run(
        "bannedorgs.server:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        server_header=False,
    )
