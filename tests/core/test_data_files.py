"""The registry loads the same from the build-time marshal copy and from the JSON."""

from __future__ import annotations

import json
import marshal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from core import registry


def test_marshal_copy_and_json_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = json.loads(Path(registry.DATA_FILE).read_bytes())
    copy = tmp_path / "registry.marshal"
    copy.write_bytes(marshal.dumps(source, 4))
    monkeypatch.setattr(registry, "MARSHAL_FILE", str(copy))
    assert registry.read_raw() == source


@pytest.mark.parametrize("content", [b"", b"\x00garbage", marshal.dumps([1, 2, 3])])
def test_unreadable_copy_falls_back_to_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    copy = tmp_path / "registry.marshal"
    copy.write_bytes(content)
    monkeypatch.setattr(registry, "MARSHAL_FILE", str(copy))
    assert registry.read_raw() == json.loads(Path(registry.DATA_FILE).read_bytes())


def test_the_wheel_ships_an_identical_copy(tmp_path: Path) -> None:
    # setup.py's build_py writes it; a checkout/editable install has none and reads the JSON.
    root = Path(registry.DATA_FILE).parents[2]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(root),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("wscodes-*.whl")
    with zipfile.ZipFile(wheel) as z:
        shipped_json = json.loads(z.read("core/data/registry.json"))
        shipped_copy = marshal.loads(z.read("core/data/registry.marshal"))
    assert shipped_copy == shipped_json == json.loads(Path(registry.DATA_FILE).read_bytes())
