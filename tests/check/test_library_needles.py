"""A library close API named without "lose" (Poco's ``ws.shutdown(1006)``) reaches the prefilter
through its marker in data/close_apis.json: a file that only calls it is read, by every route
(Python's own test, ripgrep, grep), and adding such an API stays one data entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.check.test_native_prefilter import make_tree, routes
from wscodes.core.scan import needles
from wscodes.core.scan.library import CLOSE_APIS_FILE

POCO = (
    b'#include "Poco/Net/WebSocket.h"\n\nvoid drop(Poco::Net::WebSocket& ws) {\n    ws.shutdown(1006);\n}\n'
)


def test_every_library_api_without_lose_in_its_name_brings_its_marker() -> None:
    with open(CLOSE_APIS_FILE, encoding="utf-8") as fh:
        data = json.load(fh)
    for entry in data["lenient"] + data["arguments"]:
        if all("lose" in call or "LOSE" in call for call in entry["calls"]):
            continue
        file_needles = needles(entry["language"])
        assert any(n in entry["marker"] for n in file_needles), (entry["library"], entry["calls"])


def test_a_language_without_such_apis_keeps_its_needles() -> None:
    assert needles("go") == ("lose", "LOSE")
    assert "Poco/Net/WebSocket" in needles("cpp")


def test_a_poco_file_that_only_shuts_down_is_checked_by_every_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(tmp_path / "tree", 60)
    (tmp_path / "tree" / "net").mkdir()
    (tmp_path / "tree" / "net" / "drop.cpp").write_bytes(POCO)
    found = routes(monkeypatch, capsys, "--output-format", "json", str(tmp_path / "tree"))
    for route, (_code, out, _err) in found.items():
        rows = [r for r in json.loads(out) if r["path"].endswith("drop.cpp")]
        assert [(r["line"], r["rule"], r["code"]) for r in rows] == [(4, "WSC001", 1006)], route
