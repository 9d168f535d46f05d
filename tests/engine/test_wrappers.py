"""The project's own close functions (analyser.note_wrapper / analyse_wrapper_call): what their calls
send, under which API name, and when a call is no send at all (the fixtures' *wrappers* files hold
the findings; these tests hold the occurrences behind them)."""

from __future__ import annotations

import pytest

from wscodes.core.scan import scan_strict


def sends(text: str, language: str, *, windowed: bool = False) -> list[tuple[int, int, str, str]]:
    """(line, code, role, api) of every occurrence."""
    result = scan_strict(text, language, windowed=windowed)
    return [(text.count("\n", 0, o.start) + 1, o.code, o.role, o.api) for o in result.occurrences]


@pytest.mark.parametrize("windowed", [False, True])
def test_a_call_before_the_definition_and_a_wrapper_of_a_wrapper(windowed: bool) -> None:
    text = (
        "async def handle(room):\n"
        "    await room_exit(room.ws, 4000)\n"
        "    await kick(room.ws, 1006)\n"
        "async def kick(ws, status):\n"
        "    await room_exit(ws, status)\n"
        "async def room_exit(ws, code):\n"
        "    await ws.close(code)\n"
    )
    assert sends(text, "python", windowed=windowed) == [
        (2, 4000, "send", "room_exit → ws.close"),
        (3, 1006, "send", "kick → room_exit → ws.close"),
    ]


def test_an_imitated_socket_reports_its_codes_as_events() -> None:
    text = (
        "class Poller {\n"
        "  close(code, reason) { this.onclose({ code, reason }); }\n"
        "  retry(code, reason) { this.close(code, reason); }\n"
        "  tick() { this.retry(1005, 'timeout'); this.close(1006, 'gone'); }\n"
        "}\n"
    )
    assert sends(text, "javascript") == [
        (4, 1005, "event", "retry → ws.close"),
        (4, 1006, "event", "ws.close"),
    ]


def test_a_socket_wrapper_whose_close_sends_stays_a_send() -> None:
    text = (
        "class Client {\n"
        "  close(code, reason) { this.ws.close(code, reason); }\n"
        "  tick() { this.close(1006, 'gone'); }\n"
        "}\n"
    )
    assert sends(text, "javascript") == [(3, 1006, "send", "ws.close")]


def test_functions_of_one_name_that_disagree_wrap_nothing() -> None:
    text = (
        "def stop(ws, code):\n    ws.close(code)\ndef stop(code, ws):\n    ws.close(code)\nstop(ws, 1006)\n"
    )
    assert sends(text, "python") == []


def test_keyword_and_label_arguments() -> None:
    swift = (
        "func halt(because code: UInt16) {\n"
        "    task.cancel(with: URLSessionWebSocketTask.CloseCode(rawValue: Int(code))!, reason: nil)\n"
        "}\n"
        "func go() { halt(because: 1015) }\n"
    )
    assert sends(swift, "swift") == [(4, 1015, "send", "halt → task.cancel")]
    python = "def fail(ws, reason='', code=1011):\n    ws.close(code, reason)\n"
    python += "fail(ws, code=1006)\nfail(ws, 'x')\n"
    assert sends(python, "python") == [
        (1, 1011, "define", "local"),  # (the default: what fail(ws, 'x') sends)
        (2, 1011, "send", "ws.close"),
        (3, 1006, "send", "fail → ws.close"),
    ]
