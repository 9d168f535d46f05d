"""A close method of another file that replaces 1005 before sending (a guard, per code): `wscode
check` gives the same findings cold, on a first cached run and on a warm one, so the guard's codes
round-trip through the cache (wscodes/check/engine.py, _stored_function/_restored_function)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.check.test_cache import entries, run

SESSION = """\
public class ChatSession {
    public void closeInternal(Reason reason) throws IOException {
        if (reason.getCode() == Codes.NO_STATUS_CODE.getCode()) {
            channel.sendClose();
        } else {
            channel.sendClose(reason.getCode(), reason.getText());
        }
    }
}
"""
FRAMES = """\
import javax.websocket.CloseReason;

class Frames {
    void onClose(ChatSession session, boolean empty) throws IOException {
        if (empty) {
            session.closeInternal(new CloseReason(CloseReason.CloseCodes.NO_STATUS_CODE, null));
        } else {
            session.closeInternal(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, null));
        }
    }
}
"""


def test_a_guard_per_code_round_trips_through_the_cache(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "ChatSession.java").write_text(SESSION, encoding="utf-8")
    (app / "Frames.java").write_text(FRAMES, encoding="utf-8")
    cold = run(tmp_path, "--format", "json", "--no-cache", "app")
    first = run(tmp_path, "--format", "json", "app")
    warm = run(tmp_path, "--format", "json", "app")
    findings = json.loads(cold.stdout)
    # 1005 goes to a method that sends no code for it; 1006 is sent as it is
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [("app/Frames.java", 8, "WSC001")]
    assert "1006" in findings[0]["message"]
    assert cold.stdout == first.stdout == warm.stdout
    stored = json.dumps(entries(tmp_path / ".wscode_cache"))
    assert '["closeInternal", "ChatSession", "jvm", [1005]]' in stored  # (Java and Kotlin: "jvm")
