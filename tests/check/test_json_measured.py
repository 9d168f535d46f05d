"""`wscode check --format json` carries the measured behaviour of the finding's code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from wscodes.core.registry import measured_for

REPO = Path(__file__).resolve().parents[2]


def test_json_findings_say_which_measured_libraries_reject_the_code(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("await ws.close(1006)\nawait ws.close(1234)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("WSCODES_CONFIG", None)
    run = subprocess.run(
        [sys.executable, "-m", "wscodes", "check", "--format", "json", "--severity", "hint", "a.py"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False,
    )  # fmt: skip
    findings = {f["code"]: f for f in json.loads(run.stdout)}
    assert 1006 in findings, run.stdout + run.stderr
    abnormal = findings[1006]["measured"]
    assert any(label.startswith("gorilla/websocket ") for label in abnormal["rejected_on_receipt_by"])
    assert not any(label.startswith("aiohttp ") for label in abnormal["rejected_on_receipt_by"])
    assert any(label.startswith("ws ") for label in abnormal["not_sent_as_given_by"])
    expected = {m.label for m in measured_for(1006) if m.scenario == "receive" and m.outcome == "fails"}
    assert set(abnormal["rejected_on_receipt_by"]) == expected
    # 1234 is flagged (unassigned) but the harness does not try it: nothing measured is claimed
    assert findings[1234]["measured"] is None
