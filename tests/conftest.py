from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from bannedorgs.registry import Registry, load

FIXTURES = Path(__file__).parent / "fixtures"

# the tests never read or write the user's own cache
os.environ["BANNEDORGS_CACHE_DIR"] = tempfile.mkdtemp(prefix="bannedorgs-cache-")
# nor a newer registry the user installed (bannedorgs data install): the bundled data answers
os.environ["BANNEDORGS_DATA_DIR"] = tempfile.mkdtemp(prefix="bannedorgs-data-")


@pytest.fixture(scope="session")
def mini() -> Registry:
    return load(FIXTURES / "mini.yaml")
