"""Anchors: where a close code may be — found by cheap regular expressions before any parsing.

Every pattern starts with a literal, so ``re`` skips ahead at C speed (an alternation of different
first characters, or a leading look-behind, is 10–50x slower on large files).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from .._record import Record
from .languages import _CALL_NAMES, _FAMILY, SPECS
from .mentions import mention_anchors
from .names import _constant_table, name_code

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class _Patterns(Record):
    """Anchor searches. Every pattern starts with a literal, so ``re`` skips ahead at C speed; an
    alternation of different first characters, or a leading look-behind, is 10–50x slower."""

    calls: tuple[re.Pattern[str], ...]  # a match is inside a candidate name: see _words
    call_names: frozenset[str]
    compares: tuple[re.Pattern[str], ...]
    tuples: re.Pattern[str] | None  # Elixir {:close …} / {:stop …}
    constants: tuple[re.Pattern[str], ...]  # group "name": a library constant's member name
    members: tuple[re.Pattern[str], ...]  # FATAL.includes( / [1000, 1001].includes(


# A constant definition that may contradict its value (WSC008) either has "close" in its name or
# a WS_<n>_ number, or assigns a value in 1000–4999: cheap patterns find both.
# Each pattern starts with a literal, so `re` finds candidates at C speed (an alternation of
# different first characters is ~8x slower). "close" and "Close" come from the "lose" pass that
# also finds close calls (_LOSE), so the text is searched once for both.
_LOSE = re.compile("lose")  # in every close-call name of every language, and in close/Close
_DEF_MARKED = tuple(re.compile(p) for p in ("CLOSE", r"WS_\d"))
_VALUE = r"[ \t]*(?:[1-4]\d{3}|0[xX][0-9a-fA-F]{3})\b"
_DEF_EQUALS = re.compile("=>?" + _VALUE)  # "=" and "=>" in one pass, told apart by the ">"
_DEF_COLON = re.compile(":" + _VALUE)
_DEF_ATTRIBUTE = re.compile(r"@[A-Za-z_]\w*" + _VALUE)  # Elixir: @going_away 1000
_DEF_MACRO = re.compile(r"#[ \t]*define[ \t]+([A-Za-z_]\w*)" + _VALUE)  # C: #define GOING_AWAY 1001
_NAME_BEFORE = re.compile(  # a line's start up to the "=" of NAME = <value>, matched from the line start
    r"[ \t{,(]*(?:(?:export|const|let|var|val|final|static|public|private|protected|internal|readonly|pub|"
    r"int|short|long|Int|Short|UInt16|u16|i32|case|enum|def|attr_reader)[ \t]+)*"
    r"@?(?P<name>[A-Za-z_$][\w$]*)['\"]?[ \t]*(?::[ \t]*[\w.<>\[\]?]+[ \t]*)?(?::=|=|=>|:|[ \t])?[ \t]*$"
)
_AFTER_NAME = frozenset("'\" \t:=")  # what may follow a name that _NAME_AT matches
_NAME_AT = re.compile(
    r"@?(?P<name>[A-Za-z_$][\w$]*)['\"]?[ \t]*(?::[ \t]*[\w.<>\[\]?]+[ \t]*)?"
    r"(?::=|=(?![=>~])|=>|:(?!:)|[ \t])[ \t]*(?P<value>-?(?:0[xX][0-9a-fA-F_]+|\d[\w]*))"
)


@cache
def _anchor_patterns(language: str) -> _Patterns:
    family = _FAMILY.get(language, language)
    names = frozenset(_CALL_NAMES.get(family, ()))
    literals = {"lose" if "lose" in n else n for n in names}  # close, Close, FormatCloseMessage…: one pass
    calls = tuple(_LOSE if n == "lose" else re.compile(re.escape(n)) for n in sorted(literals))
    spec = SPECS[language]
    operators = ["==", spec.not_equal, "case", "when", r"in[ \t]*[\[({]", "<", ">"]
    if spec.arrow_arms:
        operators += ["=>", "->"]
    if spec.range_dots:
        operators += [r"\.\."]
    if spec.is_operator:
        operators += ["is"]
    compares = tuple(re.compile(op) for op in operators)
    tuples = re.compile(r"\{[ \t]*:(?:close|stop)\b") if family == "elixir" else None
    table = _constant_table(family if family != "javascript" else language)
    constants: tuple[re.Pattern[str], ...] = ()
    if table.bare_names:
        members = "|".join(map(re.escape, table.bare_names))
        constants = tuple(re.compile(lead + r"(?P<name>" + members + r")(?![\w$])") for lead in (r"\.", ":"))
        if family == "python":  # from starlette.status import WS_1008_POLICY_VIOLATION
            constants += (re.compile(r"(?P<name>WS_\d{4}_[A-Z0-9_]+)"),)
    if table.unqualified:  # C / Objective-C: LWS_CLOSE_STATUS_NORMAL, SRStatusCodeAbnormal (a literal
        # prefix first: one pattern per shared 6-character start)
        groups: dict[str, list[str]] = {}
        for bare in table.unqualified:
            groups.setdefault(bare[:6], []).append(bare)
        for head, group in groups.items():
            rests = "|".join(re.escape(b[6:]) for b in group)
            constants += (re.compile(rf"(?P<name>{re.escape(head)}(?:{rests}))(?![\w$])"),)
    membership: tuple[re.Pattern[str], ...] = ()
    if spec.membership_calls:
        membership = tuple(
            re.compile(re.escape(m))
            for m in ("includes(", ".has(", "contains(", "Contains(", "indexOf(", "include?")
        )
    return _Patterns(
        calls=calls,
        call_names=names,
        compares=compares,
        tuples=tuples,
        constants=constants,
        members=membership,
    )


_WORD_TAIL = re.compile(r"[\w$]*")


def received_names(text: str, language: str) -> tuple[str, ...]:
    """The names a received close code is bound to by the language's receive call (see
    ``LanguageSpec.received_binding``): ``err`` in Lua's ``local data, typ, err = wb:recv_frame()``."""
    needle, pattern = SPECS[language].received_binding
    if not needle or needle not in text:
        return ()
    return tuple(dict.fromkeys(m.group(1) for m in re.finditer(pattern, text)))


def _word_start(text: str, pos: int, marks: str = "_$") -> int:
    """Where the identifier (letters, digits and ``marks``) that reaches ``pos`` starts."""
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in marks):
        pos -= 1
    return pos


def _word_ends(text: str, lose: list[int]) -> list[int]:
    """Where the identifier through each match of _LOSE ends."""
    tail = _WORD_TAIL.match
    return [tail(text, at + 4).end() for at in lose]  # type: ignore[union-attr] # [\w$]* always matches


def _words(
    text: str,
    patterns: tuple[re.Pattern[str], ...],
    names: frozenset[str],
    lose: list[int],
    lose_ends: list[int],
) -> Iterator[tuple[int, int]]:
    """Spans of whole identifiers in ``names`` that contain a match of one of ``patterns``
    (``lose``: where _LOSE matches, already found; ``lose_ends``: where their identifiers end)."""
    seen: set[int] = set()
    for pattern in patterns:
        if pattern is _LOSE:
            for found_start, end in zip(lose, lose_ends, strict=True):
                start = _word_start(text, found_start)
                if start not in seen and text[start:end] in names:
                    seen.add(start)
                    yield start, end
            continue
        for found_start, found_end in (m.span() for m in pattern.finditer(text)):
            start = _word_start(text, found_start)
            tail = _WORD_TAIL.match(text, found_end)
            end = tail.end() if tail is not None else found_end
            if start not in seen and text[start:end] in names:
                seen.add(start)
                yield start, end


_NUMBER_AFTER = re.compile(r"=?[ \t]*[\[(]?[ \t]*(\d[\w]*)")
_NUMBER_BEFORE = re.compile(r"(?<![\w.])(\d[\w]*)[ \t]*[!=]?$")


# Every operand a comparison counts as a received close code contains one of these words (see
# analyser._CODEISH: code, close_code, closeCode, CloseStatus, status_code…, and msg["code"]):
# numbers compared with anything else (delays, sizes, ports) are dropped before any parsing.
_CODE_WORD = re.compile(r"(?i)code|status")


def _code_word(text: str, at: int, direction: int) -> bool:
    """Does the operand on one side of an operator at ``at`` (its line, up to 80 characters)
    contain a code-like word?"""
    if direction < 0:
        line = text.rfind("\n", max(0, at - 80), at) + 1
        return _CODE_WORD.search(text, max(line, at - 80), at) is not None
    line = text.find("\n", at, at + 80)
    return _CODE_WORD.search(text, at, line if line >= 0 else at + 80) is not None


# The keyword that opens a multi-way branch, whose subject a case arm is compared with.
_ARM_HEADS = {
    "javascript": "switch", "java": "switch", "csharp": "switch", "go": "switch", "swift": "switch",
    "php": "switch", "kotlin": "when", "rust": "match", "python": "match",
}  # fmt: skip
_ARM_WINDOW = 20_000
_NAMED_CASES = frozenset({"c", "cpp", "objc"})
_CASE_NAME = re.compile(r"case[ \t]+([A-Za-z_](?:\w|::)*)[ \t]*:(?!:)")


_ARM_VALUE = re.compile(r"[ \t]*(\d[\w]*)[ \t]*[,;]?[ \t]*(?:\r?\n|$|//|\})")


def _arm_subject_codeish(
    text: str, at: int, keyword: str, heads: dict[str, _Heads], *, strict: bool = False
) -> bool:
    """Could the arm at ``at`` belong to a branch on a code-like subject: is there a ``keyword``
    head before it (within _ARM_WINDOW) whose subject, up to its "{" or ":", has a code word?
    (No head at all: keep the arm, the parser decides; unless ``strict``.)"""
    found = heads.get(keyword)
    if found is None:
        found = heads[keyword] = _heads(text, keyword)
    offsets, codeish = found
    low = bisect_left(offsets, max(0, at - _ARM_WINDOW))
    high = bisect_right(offsets, at - len(keyword))  # (a head ends before the arm starts)
    if low == high:
        return not strict
    return codeish[high] > codeish[low]


_Heads = tuple[list[int], list[int]]  # head offsets; how many of the heads before each are code-like


def _heads(text: str, keyword: str) -> _Heads:
    """Every ``keyword`` head in ``text`` (not part of a longer name), and the running count of
    those whose subject has a code word: one pass, so each arm costs two bisections."""
    offsets: list[int] = []
    codeish = [0]
    size = len(text)
    head = text.find(keyword)
    while head >= 0:
        after = head + len(keyword)
        if not (head and (text[head - 1].isalnum() or text[head - 1] in "_$.")) and not (
            after < size and (text[after].isalnum() or text[after] in "_$")
        ):
            end = after
            limit = min(size, after + 200)
            while end < limit and text[end] not in "{:\n":
                end += 1
            offsets.append(head)
            codeish.append(codeish[-1] + (_CODE_WORD.search(text, after, end) is not None))
        head = text.find(keyword, head + 1)
    return offsets, codeish


_ASSERTS = tuple(
    re.compile(re.escape(p))
    for p in (
        "assert", "Assert", "toBe(", "toEqual(", "isEqualTo(", "CalledWith(", ".eq(", ".equal(", ".eql(",
        "expect(",  # (Dart's package:test: expect(ws.closeCode, 1000))
    )
)  # fmt: skip
_CLOSE_WORD = re.compile(
    "[Cc]los(?:e|ing)"
)  # writer.close.assert_called_with(1000, …), assertClosed(1000, …)
_CODE_KEYS = tuple(re.compile(re.escape(p)) for p in ("code:", '"code"', "'code'", "code="))
_KEYED_NUMBER = re.compile(r"""['"]?[ \t]*(?:[:=]>?|,)?[ \t]*(-?\d[\w]*)""")  # (, : msg.get("code", 1000))
# The fallback of a received code (`code or 1000`, `e.code ?? 1005`, `code ||= 1000`): the number after
# one of these, when a code-like word comes before it (see _code_word)
_FALLBACKS = tuple(re.compile(re.escape(p)) for p in ("??", "||", " or ", "?:"))


def _call_numbers(text: str, at: int) -> list[tuple[int, int]]:
    """The numbers among the arguments of the call whose name ends near ``at`` (an assertion),
    when the call or the 80 characters before it mention a code-like word."""
    opening = text.find("(", at, at + 48)
    if opening < 0:
        return []
    closing = _closing(text, opening)
    if closing is None:
        return []
    if _CODE_WORD.search(text, max(0, at - 80), closing) is None and not _CLOSE_WORD.search(
        text, max(0, at - 40), opening
    ):
        return []
    return [n.span() for n in _NUMBER_IN_LIST.finditer(text, opening + 1, closing)][:16]


_RANGE_END = re.compile(r"[.=<]?[ \t]*(\d[\w]*)")
_NEXT_IN_RUN = re.compile(r"[ \t]*(?:,|\|\|?|\bor\b)[ \t\r\n]*(\d[\w]*)")  # (Dart patterns: 1000 || 1001)
_PREV_IN_RUN = re.compile(r"(?<![\w.])(\d[\w]*)[ \t\r\n]*(?:,|\|\|?|\bor\b)[ \t]*$")
_NUMBER_IN_LIST = re.compile(r"(?<![\w.])\d[\w]*")
_LIST_BINDING = r"\b[^=\n]{0,40}?=[ \t]*(?:new Set\(|setOf\(|listOf\()?[ \t]*[\[({]"
_LIST_NAME = re.compile(r"([A-Za-z_$][\w$]*)[ \t]*\.?[ \t]*$")


def _number_run(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The other numbers of a list or alternative the number at start:end is part of
    (``case 1000, 1001:``, ``1000 | 1001 =>``, ``(1005, 1006, 1015)``), as anchors."""
    out: list[tuple[str, int, int]] = []
    at = end
    for _ in range(32):
        m = _NEXT_IN_RUN.match(text, at)
        if m is None:
            break
        out.append(("cmp", m.start(1), m.end(1)))
        at = m.end(1)
    at = start
    for _ in range(32):
        m = _PREV_IN_RUN.search(text, max(0, at - 40), at)
        if m is None:
            break
        out.append(("cmp", m.start(1), m.end(1)))
        at = m.start(1)
    return out


def _bracketed(text: str, close: int) -> tuple[int, int] | None:
    """The span inside the bracket that closes at ``close`` (a "]" or ")"), within 400 characters."""
    pair = {"]": "[", ")": "(", "}": "{"}
    opener, closer = pair[text[close]], text[close]
    depth = 0
    for i in range(close, max(-1, close - 400), -1):
        if text[i] == closer:
            depth += 1
        elif text[i] == opener:
            depth -= 1
            if depth == 0:
                return i + 1, close
    return None


def _member_lists(text: str, at: int, lists: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Numbers of a list tested with a membership method at ``at`` (``[1000, 1001].includes(``),
    or of the list a name there is bound to (``FATAL.includes(`` and ``FATAL = [1002, 1006]``;
    ``lists`` caches them by name: one search of the text per name)."""
    before = text[max(0, at - 400) : at].rstrip()
    if before.endswith("."):
        before = before[:-1].rstrip()
    base = at - 400 if at > 400 else 0
    if before.endswith(("]", ")", "}")):  # (Dart: const {1000, 1001}.contains(
        inside = _bracketed(text, base + len(before) - 1)
        if inside is None:
            return []
        return [n.span() for n in _NUMBER_IN_LIST.finditer(text, *inside)][:64]
    named = _LIST_NAME.search(before)
    if named is None:
        return []
    name = named.group(1)
    found = lists.get(name)
    if found is None:
        found = lists[name] = []
        bound = re.compile(r"(?<![\w$.])" + re.escape(name) + _LIST_BINDING)
        for m in bound.finditer(text):
            close = _closing(text, m.end() - 1)
            if close is not None:
                found += [n.span() for n in _NUMBER_IN_LIST.finditer(text, m.end(), close)][:64]
        return found
    return []  # this name's lists were anchored already


def _closing(text: str, opening: int, limit: int = 400) -> int | None:
    """Where the bracket opened at ``opening`` closes, within ``limit`` characters."""
    pair = {"[": "]", "(": ")", "{": "}"}
    opener = text[opening]
    closer = pair[opener]
    depth = 0
    for i in range(opening, min(len(text), opening + limit)):
        if text[i] == opener:
            depth += 1
        elif text[i] == closer:
            depth -= 1
            if depth == 0:
                return i
    return None


def _IDENT_CHAR(ch: str) -> bool:
    return ch.isalnum() or ch in "_$"


def _definition_anchors(text: str, lose: list[int], lose_ends: list[int]) -> list[tuple[str, int, int]]:
    """``NAME = <int>`` where NAME may imply a close code: a name marked by "close" or a number,
    or a value in 1000–4999 (see the patterns above); ``lose``: where _LOSE matches, ``lose_ends``:
    where their identifiers end."""
    # Where candidate names start: at every "close", then every "Close", "CLOSE" and "WS_<digit>"…
    # A name that _NAME_AT can match ends where the identifier through "lose" ends, and a quote,
    # a blank, ":" or "=" follows it: the other names (close(…), .close_code ==…) are dropped here
    # (they could not match, so the names found and their order are the same).
    size = len(text)
    defined = [at for at, end in zip(lose, lose_ends, strict=True) if end < size and text[end] in _AFTER_NAME]
    marked = [at - 1 for at in defined if at and text[at - 1] == "c"]
    marked += [at - 1 for at in defined if at and text[at - 1] == "C"]
    for pattern in _DEF_MARKED:
        marked += [m.start() for m in pattern.finditer(text)]
    starts = [_word_start(text, at, "_$@") for at in marked]
    # … then before every "= <value>", ": <value>", "=> <value>" and "@name <value>"
    equals = [m.start() for m in _DEF_EQUALS.finditer(text)]
    values = [at for at in equals if text[at + 1] != ">"]
    values += [m.start() for m in _DEF_COLON.finditer(text)]
    values += [at for at in equals if text[at + 1] == ">"]
    line_start, name_before = text.rfind, _NAME_BEFORE.match  # most of these fail: a lean loop
    for at in values:
        if at and text[at - 1] in "=!":  # ==, !=, =:, !:… — no part of _NAME_BEFORE reads that "=" or "!"
            continue
        before = name_before(text, line_start("\n", 0, at) + 1, at + 1)
        if before is not None:
            starts.append(before.start("name"))
    if "@" in text:
        starts += [m.start() + 1 for m in _DEF_ATTRIBUTE.finditer(text)]
    if "#" in text:  # C / C++ / Objective-C: #define CLOSE_GOING_AWAY 1001
        starts += [m.start(1) for m in _DEF_MACRO.finditer(text)]
    out: list[tuple[str, int, int]] = []
    for start in dict.fromkeys(starts):  # each name once, in the order first found
        named = _NAME_AT.match(text, start)
        if named is not None and name_code(named.group("name"))[0] is not None:
            out.append(("def", named.start("name"), named.end("name")))
    return out


# Close-code types: an enum, class, struct or module whose name says "close"
# (CloseCode, CloseStatus, CloseFrame, close_code, WebSocketCloseStatus, CloseReason's Codes), and
# Go constants typed as one (StatusAbnormalClosure StatusCode = 1006): every member with a value
# in 1000–4999 is a close-code constant (hover; WSC008 when its name says otherwise).
_TYPE_KEYWORDS = (
    *(
        re.compile(re.escape(k + " "))
        for k in ("enum", "class", "object", "struct", "mod", "module", "interface", "record")
    ),
    re.compile(r"NS_(?:CLOSED_)?ENUM\([ \t]*\w+[ \t]*,[ \t]*"),  # Objective-C: NS_ENUM(NSInteger, Name)
)
_UNINDENTED = re.compile(r"\n(?=\S)")
_MEMBER = re.compile(
    # a constant-like name (upper case first) or an enum case (Swift: case normal = 1000)
    # (C++ style guides: kCodeNormal = 1000)
    r"(?:\bcase\s+(?P<case>[A-Za-z_]\w*)|(?<![\w.])(?P<name>[A-Z_]\w*|k[A-Z]\w*))\s*(?::\s*[\w<>.]+\s*)?(?:=(?![=>])|\()"
    r"\s*(?P<value>[1-4]\d{3})\b(?![.\w])"
)
_GO_TYPED = tuple(re.compile(re.escape(t)) for t in ("StatusCode", "CloseCode", "CloseStatus"))
_GO_MEMBER = re.compile(r"[ \t]*(?P<name>[A-Z]\w*)[ \t]+\w*$")
_GO_VALUE = re.compile(r"\w*[ \t]*=[ \t]*(?P<value>[1-4]\d{3})\b")
_TYPE_BODY = 20_000
_CLOSE_MEMBER = re.compile(r"[A-Za-z]\w*Close\w*\s*=\s*1000\b")


def _member_anchors(text: str, *, sends_only: bool = False) -> list[tuple[str, int, int]]:
    """Close-code type members (``sends_only``: only those whose name implies a code, the ones
    WSC008 may report)."""
    out: list[tuple[str, int, int]] = []
    seen: set[int] = set()
    tail = _WORD_TAIL.match
    for keyword in _TYPE_KEYWORDS:  # a few literal searches beat a look at every "lose"
        for m in keyword.finditer(text):
            at = m.end()
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
                continue
            if text.startswith("class ", at):  # Kotlin: enum class CloseCode
                at += 6
            word = tail(text, at)
            if word is None or at in seen:
                continue
            name, end = word.group(), word.end()
            if not ("lose" in name or "LOSE" in name or "StatusCode" in name or "CloseStatus" in name):
                # C / Objective-C: an anonymous enum whose members say close (ARTWsCloseNormal = 1000)
                if name or not text.startswith("{", end + (text[end] == " " if end < len(text) else 0)):
                    continue
                close = text.find("}", end, end + _TYPE_BODY)
                if close < 0 or not _CLOSE_MEMBER.search(text, end, close):
                    continue
            seen.add(at)
            brace = text.find("{", end, end + 400)
            colon = text.find(":\n", end, end + 400)
            if brace >= 0 and (colon < 0 or brace < colon):
                body_end = _closing(text, brace, _TYPE_BODY)
                body = (brace + 1, body_end if body_end is not None else min(len(text), brace + _TYPE_BODY))
            elif colon >= 0:  # Python: class CloseCode(IntEnum): … up to the next unindented line
                stop = _UNINDENTED.search(text, colon + 2)
                body = (colon + 1, stop.start() if stop else len(text))
            else:
                continue
            for v in _MEMBER.finditer(text, *body):
                if not sends_only or name_code(v.group("name") or v.group("case"))[0] is not None:
                    out.append(("member", v.start("value"), v.end("value")))
    for pattern in _GO_TYPED:
        for m in pattern.finditer(text):
            line = text.rfind("\n", 0, m.start()) + 1
            if _GO_MEMBER.match(text, line, m.start()) is None:
                continue
            value = _GO_VALUE.match(text, m.end())
            member = _GO_MEMBER.match(text, line, m.start())
            if (
                value is not None
                and member is not None
                and (not sends_only or name_code(member.group("name"))[0])
            ):
                out.append(("member", value.start("value"), value.end("value")))
    return out


# The calls that write a number as 2 bytes in network order (a Close frame's code, RFC 6455 §5.5.1)
_FRAME_WRITERS = {
    "go": re.compile(r"PutUint16(?=[ \t]*\()"),
    "python": re.compile(r"pack(?=[ \t]*\()"),
    "php": re.compile(r"pack(?=[ \t]*\()"),
}


def _anchors(text: str, language: str, *, sends_only: bool = False) -> list[tuple[str, int, int]]:
    patterns = _anchor_patterns(language)
    family = _FAMILY.get(language, language)
    lose = [m.start() for m in _LOSE.finditer(text)]  # one pass for close calls and definitions
    lose_ends = _word_ends(text, lose)
    out: list[tuple[str, int, int]] = [
        ("call", start, end)
        for start, end in _words(text, patterns.calls, patterns.call_names, lose, lose_ends)
    ]
    if patterns.tuples is not None:
        out.extend(("tuple", m.start(), m.end()) for m in patterns.tuples.finditer(text))
    frame = _FRAME_WRITERS.get(family)  # a Close frame's body written by hand (analyser.on_frame_builder)
    if frame is not None and frame.pattern[:4] in text:
        out.extend(
            ("frame", m.start(), m.end())
            for m in frame.finditer(text)
            if not (m.start() and _IDENT_CHAR(text[m.start() - 1]))
        )
    out.extend(_definition_anchors(text, lose, lose_ends))
    out.extend(_member_anchors(text, sends_only=sends_only))
    if not sends_only or "websocket.close" in text:  # (an ASGI close message is a send)
        for pattern in _CODE_KEYS:  # {code: 1006}, {"type": "websocket.close", "code": 1006}
            for m in pattern.finditer(text):
                found = _KEYED_NUMBER.match(text, m.end())
                if found is not None:
                    out.append(("cmp", *found.span(1)))
    if sends_only:
        return out
    out.extend(mention_anchors(text))  # hover only: numbers whose context says close code
    size = len(text)
    number_after, number_before = _NUMBER_AFTER.match, _NUMBER_BEFORE.search
    numbers: list[tuple[int, int]] = []
    heads: dict[str, _Heads] = {}  # switch heads and which of them have a code-like subject
    for pattern in patterns.compares:
        # Every pattern but in[ \t]*[\[({] and \.\. is its operator itself, matched literally.
        op = pattern.pattern
        op = "in" if op.startswith("in") else ".." if op == r"\.\." else op
        word, after_it = op[0].isalpha(), op not in ("=>", "->")
        before_it = op in ("==", "!=", "~=", "=>", "->", "<", ">", "..")
        after = number_after if op != ".." else _RANGE_END.match
        relational = op in ("<", ">")
        operand_check = op in ("==", "!=", "~=", "<", ">", "in")
        arm_check = op in ("case", "when", "=>", "->") and family in _ARM_HEADS
        # Rust `Normal => 1000,`, Kotlin `NORMAL -> 1000`: an arm that maps a close-code member to its
        # number (only under a match/when on a code: see _arm_subject_codeish)
        arm_value = (op, family) in (("=>", "rust"), ("->", "kotlin"))
        for m in pattern.finditer(text):
            start, end = m.span()
            if word and (
                (start and _IDENT_CHAR(text[start - 1]))
                or (op != "in" and end < size and _IDENT_CHAR(text[end]))
            ):
                continue
            if arm_check and not _arm_subject_codeish(text, start, _ARM_HEADS[family], heads):
                continue
            if relational and (
                (start and text[start - 1] in "-=<>") or (end < size and text[end] in "<>")
            ):  # ->, =>, <<, >>, <>: not a comparison
                continue
            if arm_value and _arm_subject_codeish(text, start, _ARM_HEADS[family], heads, strict=True):
                found = _ARM_VALUE.match(text, end)
                if found is not None:
                    numbers.append(found.span(1))
            if after_it:
                found = after(text, end)
                # (a comparison needs a code-like operand on its other side: see _CODE_WORD)
                if found is not None and (not operand_check or _code_word(text, start, -1)):
                    numbers.append(found.span(1))
            if before_it:
                found = number_before(text, max(0, start - 24), start)
                if found is not None and (not operand_check or _code_word(text, end, 1)):
                    numbers.append(found.span(1))
    for name in received_names(text, language):  # Lua: err == 1000 after `…, typ, err = wb:recv_frame()`
        escaped = re.escape(name)
        for m in re.finditer(r"(?<![\w.])" + escaped + r"[ \t]*[=~!]=[ \t]*(\d+)", text):
            numbers.append(m.span(1))
        for m in re.finditer(r"(?<![\w.])(\d+)[ \t]*[=~!]=[ \t]*" + escaped + r"(?![\w])", text):
            numbers.append(m.span(1))
    for pattern in _FALLBACKS:
        for m in pattern.finditer(text):
            found = number_after(text, m.end())
            if found is not None and _code_word(text, m.start(), -1):
                numbers.append(found.span(1))
    for pattern in _ASSERTS:  # assertEquals(1000, ws.getCloseCode()), expect(e.code).toBe(1005)
        for m in pattern.finditer(text):
            numbers.extend(_call_numbers(text, m.start()))
    lists: dict[str, list[tuple[int, int]]] = {}  # name -> the numbers of the lists bound to it
    for pattern in patterns.members:
        for m in pattern.finditer(text):
            if _code_word(text, m.end(), 1):  # includes(e.code), not includes(delay)
                numbers.extend(_member_lists(text, m.start() + (m.group().startswith(".")), lists))
    for start, end in numbers:
        out.append(("cmp", start, end))
        out.extend(_number_run(text, start, end))
    for pattern in patterns.constants:
        out.extend(("const", m.start("name"), m.end("name")) for m in pattern.finditer(text))
    if family in _NAMED_CASES:  # C / C++ / Objective-C: case ARTWsCloseNormal: (the project's constants)
        out.extend(("case", m.start(1), m.end(1)) for m in _CASE_NAME.finditer(text))
    return out
