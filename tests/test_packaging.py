"""The built wheel carries the registry and reads it without the source tree."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_registry(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("bannedorgs-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert "bannedorgs/data/registry.yaml" in names
        assert "bannedorgs/py.typed" in names
        # the web page's assets travel with the package (no CDN)
        static = ROOT / "src" / "bannedorgs" / "server" / "static"
        assert {f"bannedorgs/server/static/{p.name}" for p in static.iterdir()} <= names
        assert zf.read("bannedorgs/data/registry.yaml") == (ROOT / "data" / "registry.yaml").read_bytes()
    # import from the wheel alone (a zip on sys.path), far from the source tree
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import bannedorgs; "
        "assert bannedorgs.__file__.startswith(sys.argv[1]), bannedorgs.__file__; "
        "print(bannedorgs.lookup('ИГИЛ').id, bannedorgs.DATA_VERSION)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(wheel)], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert out.stdout.split()[0] == "islamic-state"
