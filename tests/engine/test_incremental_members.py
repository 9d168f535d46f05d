"""The incremental rescan of a file that is one large class (core.scan.incremental._member_window):
an edit inside one method analyses the members around it again, and the result is exactly what a
whole scan finds, after random edits of big classes in Java, C#, Kotlin, Python, TypeScript and
Swift."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from wscodes.core.scan import LARGE_TEXT, scan
from wscodes.core.scan.incremental import rescan, scan_state

from .test_incremental import balanced_edit, check_edits, key

# (head, one block of members with {i} in it, tail): a class whose members use a constant of the
# class, compare received codes, and send codes (a finding or none)
CLASSES = {
    "java": (
        "import io.netty.channel.Channel;\n"
        "import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;\n\n"
        "public class Big {\n    static final int LIMIT = 4001;\n\n",
        """\
    void stop{i}(Channel ch, int code) {{
        if (code == 1006) {{
            retry({i});
        }}
        ch.writeAndFlush(new CloseWebSocketFrame(1006, "oops {i}"));
    }}

    void send{i}(Channel ch) {{
        ch.writeAndFlush(new CloseWebSocketFrame(LIMIT, "limit"));
        log(42);
    }}

""",
        "}\n",
    ),
    "csharp": (
        "using System.Net.WebSockets;\nusing System.Threading;\n\n"
        "class Big\n{\n    const int Limit = 4001;\n\n",
        """\
    async Task Stop{i}(ClientWebSocket ws, CancellationToken ct)
    {{
        var result = await ws.ReceiveAsync(buffer, ct);
        if ((int)result.CloseStatus == 1006)
        {{
            Retry({i});
        }}
        await ws.CloseAsync((WebSocketCloseStatus)1006, "oops", ct);
    }}

    async Task Send{i}(ClientWebSocket ws, CancellationToken ct)
    {{
        await ws.CloseAsync((WebSocketCloseStatus)Limit, "limit", ct);
        Log(42);
    }}

""",
        "}\n",
    ),
    "kotlin": (
        "import okhttp3.WebSocket\n\nclass Big {\n    val limit = 4001\n\n",
        """\
    fun stop{i}(webSocket: WebSocket, code: Int) {{
        if (code == 1006) {{
            retry({i})
        }}
        webSocket.close(1006, "oops {i}")
    }}

    fun send{i}(webSocket: WebSocket) {{
        webSocket.close(limit, "limit")
        log(42)
    }}

""",
        "}\n",
    ),
    "python": (
        "import websockets\n\n\nclass Big:\n    LIMIT = 4001\n\n",
        """\
    async def stop_{i}(self, ws, event):
        if event.code == 1006:
            retry({i})
        await ws.close(1006, "oops {i}")

    async def send_{i}(self, ws):
        await ws.close(self.LIMIT, "limit")
        log(42)

""",
        "",
    ),
    "typescript": (
        "export class Big {\n  static LIMIT = 4001;\n\n",
        """\
  stop{i}(ws: WebSocket, event: CloseEvent): void {{
    if (event.code === 1006) {{
      retry({i});
    }}
    ws.close(1006, "oops {i}");
  }}

  send{i}(ws: WebSocket): void {{
    ws.close(Big.LIMIT, "limit");
    log(42);
  }}

""",
        "}\n",
    ),
    "swift": (
        "import Foundation\n\nfinal class Big {\n    let limit = 4001\n\n",
        """\
    func stop{i}(task: URLSessionWebSocketTask, code: Int) {{
        if code == 1006 {{
            retry({i})
        }}
        let sent = URLSessionWebSocketTask.CloseCode(rawValue: 1005)!
        task.cancel(with: sent, reason: nil)
    }}

    func send{i}(task: URLSessionWebSocketTask) {{
        task.cancel(with: .goingAway, reason: nil)
        log(42)
    }}

""",
        "}\n",
    ),
}


def big_class(language: str, blocks: int) -> str:
    head, block, tail = CLASSES[language]
    return head + "".join(block.format(i=i) for i in range(blocks)) + tail


# Lines an edit may add inside a method body (each parses in every language above, or is a
# comment-free call the parsers accept)
LINES = ["log(7)", "retry(3000)", "x = 1006", "code = 4001"]


SEMICOLONS = {"java", "csharp", "typescript"}


def member_edit(language: str) -> Callable[[str, random.Random], str]:
    """Edits that keep the code valid: change a digit, add a call line, delete a line of a method
    body, or duplicate one."""
    end_of_statement = ";" if language in SEMICOLONS else ""

    def change(text: str, rng: random.Random) -> str:
        return _member_edit(text, rng, end_of_statement)

    return change


def _member_edit(text: str, rng: random.Random, end_of_statement: str) -> str:
    kind = rng.random()
    if kind < 0.4:
        digits = [m.start() for m in re.finditer(r"\d", text)]
        i = rng.choice(digits)
        return text[:i] + rng.choice("0123456789") + text[i + 1 :]
    # statement lines of method bodies (not a block's head or brace: the code stays valid)
    body = [m.start() + 1 for m in re.finditer(r"\n(?=        [^\s{}][^\n]*[^\n{:]\n)", text)]
    at = rng.choice(body)
    end = text.index("\n", at) + 1
    if kind < 0.6:
        return text[:at] + "        " + rng.choice(LINES) + end_of_statement + "\n" + text[at:]
    if kind < 0.8:
        return text[:at] + text[end:]
    return text[:at] + text[at:end] + text[at:]


def indented(language: str, text: str) -> str:
    """TypeScript's blocks indent by two: method bodies then sit at four."""
    return text if language != "typescript" else text.replace("\n    ", "\n        ")


@pytest.mark.parametrize("language", sorted(CLASSES))
def test_edits_inside_one_large_class_are_rescanned_by_members(language: str) -> None:
    text = indented(language, big_class(language, 60))
    assert len(scan(text, language).occurrences) >= 120
    reused = sum(check_edits(text, language, seed, 20, member_edit(language)) for seed in range(3))
    assert reused >= 40, reused  # of 60 edits: the member path really runs


@pytest.mark.parametrize("language", sorted(CLASSES))
def test_random_balanced_edits_of_a_large_class(language: str) -> None:
    text = indented(language, big_class(language, 40))
    check_edits(text, language, 11, 15, balanced_edit)


@pytest.mark.parametrize("language", ["java", "python"])
def test_a_class_larger_than_a_whole_parse_is_rescanned_by_members(language: str) -> None:
    blocks = 1
    while len(big_class(language, blocks)) <= LARGE_TEXT:  # above it: scanned in windows
        blocks *= 2
    text = big_class(language, blocks)
    reused = check_edits(text, language, 5, 10, member_edit(language))
    assert reused >= 7, reused


def test_an_edit_in_one_method_parses_only_the_members_around_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from wscodes.core.scan import analyser

    text = big_class("kotlin", 60)
    state = scan_state(text, "kotlin")
    at = text.index('close(1006, "oops 30")') + len("close(")
    edited = text[:at] + "1000" + text[at + 4 :]
    state = rescan(state, edited, "kotlin", min_text=0)  # the first rescan prepares the state
    edited = text
    parsed: list[int] = []
    real = analyser._parser

    class Recording:
        def __init__(self, language: str) -> None:
            self.parser = real(language)

        def parse(self, source: bytes, *args: object) -> object:
            parsed.append(len(source))
            return self.parser.parse(source, *args)

    monkeypatch.setattr(analyser, "_parser", Recording)
    again = rescan(state, edited, "kotlin", min_text=0)
    monkeypatch.undo()
    assert again.incremental
    assert parsed and max(parsed) < 1000  # one or two methods, not the class (about 16,000 bytes)
    assert [key(o) for o in again.result.occurrences] == [key(o) for o in scan(text, "kotlin").occurrences]
