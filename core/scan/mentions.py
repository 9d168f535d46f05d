"""Mentions: numbers in close-code territory whose syntax around them says "close code", in a file
about WebSockets — found for hover only (role "mention": no rule ever reports one).

A close call, a comparison with a received code or a library constant are the analyser's own
anchors (anchors.py). Code written by others also writes close codes where no such anchor looks:
an argument of a call whose name speaks of closing (``socket.end(1001, …)``, ``send_close(1012)``,
``build_close_frame(1002, …)``), a value assigned to or keyed by a name that speaks of a code
(``code = 1000``, ``err[kStatusCode] = 1007``, ``.statusCode = 1002``, ``{code: 3000}``), a 16-bit
field of a frame (``<<1000::16>>``), a matcher's expected value in a statement about a close
(``expect(@close).to eq [1000, ""]``), a list beside close constants. This module finds the
candidates with a cheap text pass; the analyser (``_Analyser.on_mention``) decides from the
parse tree.

Territory: the codes the registry defines or reserves for use, 1000–1015 and 3000–4999 (RFC 6455
§7.4.1–7.4.2, IANA WebSocket Close Code Number Registry), and the edges a range check or a test
of invalid codes names next to them (999, 1016, 2999, 5000). Other numbers (HTTP statuses,
opcodes, timeouts below 1000) never become mentions.
"""

from __future__ import annotations

import re

# A file about WebSockets says so (plain substring tests: fast on large texts).
_WEBSOCKET_MARKS = (
    "ebSocket", "ebsocket", "EBSOCKET", "eb_socket", "EB_SOCKET", "eb-socket",
    "loseCode", "lose_code", "loseStatus", "lose_status", "loseFrame", "lose_frame", "LOSE_",
)  # fmt: skip


def about_websockets(text: str) -> bool:
    """Does ``text`` speak of WebSockets or of close codes at all? (Mentions need it.)"""
    return any(mark in text for mark in _WEBSOCKET_MARKS)


def in_territory(value: int) -> bool:
    """A value a close code may have, or an edge a check of close codes names (see the module doc)."""
    return 999 <= value <= 1016 or 2999 <= value <= 5000


# Candidates: a 3- or 4-digit number (a typed suffix allowed: 1006u16), not part of a name or a
# decimal, whose line or the line before has a word a close context needs (plain substring tests
# on the lowered lines: a case-insensitive alternation would cost more than the whole scan).
_NUMBER = re.compile(r"\d\d\d+")
_SUFFIX = re.compile(r"_?[uUiIlL]\w{0,4}")
_CONTEXT_WORDS = (
    "clos",
    "code",
    "status",
    "disconnect",
    "shutdown",
    "terminat",
    "reconnect",
    "abort",
    ".end(",
    ">end(",
    "end (",
    "stop",
    "fail",
    "emit",
    "::16",
    "int16",
    "short(",
    "expect",
    "assert",
    "reason",
)  # fmt: skip (each word costs a pass over the text: matchers are found by expect/assert)


# The head of a scope named for close codes: ``namespace status {`` (inside ``namespace close``),
# ``object CloseCodes {``, ``class CloseStatus {``: its constants are close codes whatever their names.
SCOPE_HEAD = re.compile(
    r"[ \t]*(?:[a-z]+[ \t]+)*"  # (export, public, static, sealed, …)
    r"(?:namespace|class|struct|object|module|enum|interface|record)[ \t]+(?:class[ \t]+)?"
    r"\w*(?:[Cc]lose|CLOSE|[Ss]tatus)\w*[^\n{]*\{?[ \t]*$",
    re.MULTILINE,
)
_BODY_LIMIT = 20_000


_BRACES = re.compile(r"[{}]")


def brace_end(text: str, brace: int, stop: int) -> int:
    """Where the "}" is that closes the "{" at ``brace``, when it comes before ``stop``; else -1."""
    depth = 0
    for m in _BRACES.finditer(text, brace, stop):
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _body_lines(text: str, head: int) -> list[int]:
    """The starts of the lines of the braced body that opens on the line at ``head``."""
    brace = text.find("{", head, head + 400)
    if brace < 0:
        return []
    stop = min(len(text), brace + _BODY_LIMIT)
    close = brace_end(text, brace, stop)
    end = close if close >= 0 else stop
    out: list[int] = []
    at = text.find("\n", brace, end)
    while at >= 0:
        out.append(at + 1)
        at = text.find("\n", at + 1, end)
    return out


def _in_comment_or_string(prefix: str) -> bool:
    """Does a line's text before a number say the number sits in a comment or a string (a cheap
    guess from the line alone; the parse decides the rest)?"""
    if "//" in prefix or "/*" in prefix:
        return True
    lead = prefix.lstrip()
    if lead.startswith(("*", "--", "# ", "#!")) or " # " in prefix:
        return True
    return prefix.count('"') % 2 == 1 or prefix.count("'") % 2 == 1 or prefix.count("`") % 2 == 1


_BROAD_WORDS = frozenset({"code", "status"})  # (as a call's name they say nothing: res.status(404))
_OPEN_LINE_ENDS = ("(", ",", "{", "[", "=")


def mention_anchors(text: str) -> list[tuple[str, int, int]]:
    """("mention", start, end) for every candidate number of ``text`` (none unless the file is
    about WebSockets). The cost grows with the lines that hold a context word, not with how many
    numbers the text holds: a number is a candidate when its line holds such a word before a
    comment starts, or it continues a call or a list a close word opens on the line before
    (``sendCloseDueToError(`` ⏎ ``1002, …``)."""
    if not about_websockets(text):
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # (a few characters lower to two: find the words line by line)
        lowered = "\n".join(line.lower()[: len(line)].ljust(len(line)) for line in text.split("\n"))
    lines: set[int] = set()  # the starts of the lines a context word is on, or opens
    find = lowered.find
    size = len(text)
    for word in _CONTEXT_WORDS:
        at = find(word)
        broad = word in _BROAD_WORDS
        while at >= 0:
            if (
                broad
                and lowered.startswith("(", at + len(word))
                and not (text[at].isupper() and at and text[at - 1].isalpha() and text[at - 1].islower())
            ):  # res.status(404), getCode(): a call (but WsStatus(1000, "Normal") builds a close status)
                at = find(word, at + len(word))
                continue
            line = lowered.rfind("\n", 0, at) + 1
            if line not in lines:
                lead = lowered[line:at]
                if "//" in lead or lead.lstrip().startswith(("# ", "#\t", "#!", "*", "--", "/*")):
                    at = find(word, at + len(word))
                    continue  # a word in a comment is no context (#define, #if… are code)
                lines.add(line)
            if word == "clos":
                following = lowered.find("\n", at)
                if following >= 0 and text[line:following].rstrip().endswith(_OPEN_LINE_ENDS):
                    lines.add(following + 1)
            at = find(word, at + len(word))
    heads = [line for line in lines if text.find("{", line, text.find("\n", line) % (size + 1)) >= 0]
    for head in [line for line in heads if SCOPE_HEAD.match(text, line)]:
        lines.update(_body_lines(text, head))
    out: list[tuple[str, int, int]] = []
    for line in sorted(lines):
        stop = text.find("\n", line)
        for m in _NUMBER.finditer(text, line, stop if stop >= 0 else size):
            start, end = m.span()
            if end - start > 4 or (start and (text[start - 1].isalnum() or text[start - 1] in "_$.-")):
                continue  # (part of a name or a decimal; or negative: -1003 is no close code)
            if not in_territory(int(m.group())) or _in_comment_or_string(text[line:start]):
                continue
            if end < size and (text[end].isalnum() or text[end] in "_$."):
                typed = _SUFFIX.match(text, end)
                if typed is None:
                    continue
                end = typed.end()
                if end < size and (text[end].isalnum() or text[end] in "_$."):
                    continue
            out.append(("mention", start, end))
    return out
