from __future__ import annotations

from pathlib import Path

import pytest

from bannedorgs.registry import Registry, load

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini() -> Registry:
    return load(FIXTURES / "mini.yaml")
