"""The registry loads the same from the build-time marshal copy and from the JSON."""

from __future__ import annotations

import json
import marshal
import zipfile
from pathlib import Path

import pytest

from wscodes.core import registry


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


def test_the_wheel_ships_an_identical_copy(built_wheel: Path) -> None:
    # setup.py's build_py writes it; a checkout/editable install has none and reads the JSON.
    wheel = built_wheel
    with zipfile.ZipFile(wheel) as z:
        shipped_json = json.loads(z.read("wscodes/core/data/registry.json"))
        shipped_copy = marshal.loads(z.read("wscodes/core/data/registry.marshal"))
    assert shipped_copy == shipped_json == json.loads(Path(registry.DATA_FILE).read_bytes())
