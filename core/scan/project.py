"""A project's own constants, across its files: ``ws.close(GOING_AWAY)`` where another file of the
project says ``GOING_AWAY = 1001`` (or ``enum CloseCode { Normal = 1000 }`` and
``close(CloseCode.Normal)``).

The scanner resolves a name from the bindings in scope in its own file first (see
``analyser._Analyser.definition``). A name it cannot resolve there, used as the code of a close
call, is listed in ``ScanResult.unresolved`` (``"GOING_AWAY"``, ``"CloseCode.Normal"``). A front
end that knows the other files (``wscode check`` knows the checked tree, the language server the
workspace) collects their definitions of those names into a ``ProjectIndex`` (``add_file``, a
cheap text pass: no parsing) and scans again with ``scan(…, project=index)``.

What counts as a definition: ``NAME = <integer>`` (``:=``, ``NAME: T = …``, Go ``Name Type = …``,
``const``/``static final``/``val``/``let``… in front), ``case name = <integer>`` and
``Name = <integer>,`` in an enum, ``NAME: <integer>`` in an object literal or hash assigned to a
name, PHP ``define('NAME', <integer>)``; never inside a function's body (a local of another
function binds nothing here). Members of a type or object are keyed by it as well
(``CloseCode.Normal``). A name defined with two different values is ambiguous: no value.

Which names are looked up in the project: constant-like ones only (``UPPER_CASE``, or a member
of a capitalised type or object, ``CloseCode.normal``; in C, C++ and Objective-C a ``kName`` or a
CamelCase enumerator too), not bound anywhere in the file itself, and not a parameter of a
function around the use (the caller's value). C, C++, Objective-C, C#, TypeScript and Rust enum
members without a value count on from the member before (``kNoStatus = 1005, kLost`` -> 1006).

Close functions across files: a function that closes with a parameter (``ScanResult.wrapper_specs``)
makes its calls in the project's other files close calls too (``add_wrappers``; ``scan`` anchors
them, ``wrapper_names``). Such a call is known by its name alone, so the name counts only when
the project's definitions of it agree and no file defines a function of that name that does not
close (``add_functions``: a rival), the calling file does not bind the name itself, and the value
passed reads as a close code (the analyser takes 1000-4999 or a named constant); what the library
inside does with the code is judged with the markers of the function's own file.
"""

from __future__ import annotations

import re
from functools import cache

from .._record import Record
from .languages import _FAMILY
from .model import Wrapper

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

__all__ = [
    "CloseFunction",
    "Definition",
    "Guard",
    "ProjectIndex",
    "constant_like",
    "definitions",
    "guarded_codes",
    "guards",
    "search_names",
]


class Definition(Record):
    """``name`` (a member of ``owner``, when it has one) is bound to ``value`` at ``offset`` of ``path``."""

    name: str
    value: int
    owner: str | None
    path: str
    offset: int
    group: str  # the languages that can use it (see _GROUPS)


class Guard(Record):
    """A method ``name`` of ``owner`` that replaces 1005 or 1006 (``codes``: which) by another code
    before it sends (websocket-kit's ``WebSocket.close(code:)``; undertow's ``closeInternal``, which
    sends a Close frame without a code for 1005): passing it those codes sends neither."""

    name: str
    owner: str | None
    path: str
    group: str
    codes: tuple[int, ...] = (1005, 1006)


# What a file tells the rest of its project about its close functions
CloseFunction = Guard | Wrapper

# Which languages' definitions a file may use: JS and TS share theirs, Kotlin and Java theirs, and
# C, C++ and Objective-C theirs (a .h header, read as C++, is included by .c, .cc and .m files).
_GROUPS = {
    "javascript": "js", "typescript": "js", "tsx": "js", "kotlin": "jvm", "java": "jvm",
    "c": "c", "cpp": "c", "objc": "c",
}  # fmt: skip


def _group(language: str) -> str:
    family = _FAMILY.get(language, language)
    return _GROUPS.get(family, family)


# NAME = 1000 (with a type or a keyword before it); the value ends the statement or the item.
_VALUE = r"(?P<value>-?(?:0[xX][0-9a-fA-F_]+|\d[\d_]*))(?:_?[uUiIlLsS]\w{0,4})?"
_END = r"[ \t]*(?=[;,)}\r\n]|$|//|#|/\*)"
_ANY_NAME = r"[A-Za-z_$][\w$]*"
_KEYWORDS = (  # words before a name (Go's `Name Type = …` must not read `const NAME = …` as one)
    r"(?:const|val|var|let|static|final|public|private|protected|internal|readonly|export|pub|int|short"
    r"|long|uint16|UInt16|Int|Short|ushort|type|def|case)"
)


# A type named for a close status or code, whose constructor's first argument is the code
# (http4k's WsStatus(1006, "Abnormal close"), CloseStatus(1001), CloseReason(1000, "bye"))
_STATUS_TYPE = r"(?P<type>[A-Z]\w*(?:Status|Close|Code|Reason)\w*)"


@cache
def _patterns(
    names: frozenset[str] | None,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(assigned, keyed, PHP define, built by a close-status type's constructor or an enum member's)
    for any name, or for these ``names`` only (faster)."""
    name = _ANY_NAME if names is None else "\\$?(?:" + "|".join(map(re.escape, sorted(names))) + ")"
    assigned = re.compile(  # NAME = 1000, with a type or keywords before it, Go's Name T = 1000
        r"(?<![\w$.@])(?!" + _KEYWORDS + r"\b)(?P<name>" + name + r")[ \t]*"
        r"(?::[ \t]*[\w.<>\[\]?]+[ \t]*|[ \t]+[A-Z][\w.]*[ \t]*)?"
        r"(?::=|=(?![=>~]))[ \t]*" + _VALUE + _END,
        re.MULTILINE,
    )
    keyed = re.compile(  # NAME: 1000 in an object literal or hash (kept only when a name owns it)
        r"(?<![\w$.@])['\"]?(?P<name>" + name + r")['\"]?[ \t]*(?::(?!:)|=>)[ \t]*" + _VALUE + _END,
        re.MULTILINE,
    )
    define = re.compile(r"""\bdefine\(\s*['"](?P<name>""" + name + r""")['"]\s*,\s*""" + _VALUE + r"\s*\)")
    built = re.compile(  # NAME = WsStatus(1006, "…"), NAME = new CloseStatus(1001); NORMAL(1000), in an enum
        r"(?<![\w$.@])(?!" + _KEYWORDS + r"\b)(?P<name>" + name + r")[ \t]*"
        r"(?:(?::[ \t]*[\w.<>?]+[ \t]*)?=[ \t]*(?:new[ \t]+)?" + _STATUS_TYPE + r"[ \t]*)?"
        r"\([ \t]*(?:(?:code|status|statusCode)[ \t]*[=:][ \t]*)?" + _VALUE + r"[ \t]*[,)]",
        re.MULTILINE,
    )
    return assigned, keyed, define, built


# The line that opens the type or object a member belongs to.
_OWNER = re.compile(
    r"\s*(?:[\w@\[\]()\"'=.,]+\s+)*?(?:enum|class|object|struct|interface|module|record|trait|impl|mod|extension)\s+"
    r"(?:class\s+)?(?P<type>[A-Za-z_]\w*)"
    r"|\s*(?:(?:export|const|let|var|val|static|final|public|private|readonly)\s+)*"
    r"(?P<object>[A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:Object\.freeze\(\s*)?[{\[]\s*$"
)
_NOT_NAMES = frozenset(
    {"return", "case", "when", "in", "else", "then", "do", "yield", "await", "if", "default", "let",
     "var", "val", "const"}
)  # fmt: skip


def _int(text: str) -> int | None:
    text = text.replace("_", "")
    negative = text.startswith("-")
    text = text.lstrip("-")
    try:
        value = int(text, 16) if text[:2] in ("0x", "0X") else int(text)
    except ValueError:
        return None
    return -value if negative else value


def _indent(text: str, line_start: int) -> int:
    indent = 0
    while line_start < len(text) and text[line_start] in " \t":
        indent += 4 if text[line_start] == "\t" else 1
        line_start += 1
    return indent


def _owner(text: str, offset: int) -> tuple[str | None, bool]:
    """The type or object the definition at ``offset`` is a member of (None at the top level),
    and whether it sits in a function's body instead (then it defines nothing for other files)."""
    line = text.rfind("\n", 0, offset) + 1
    indent = _indent(text, line)
    head_line = text[line:offset]
    opened = head_line.rstrip().endswith(("{", "("))  # enum E { A = 1000 } on one line
    if opened:
        m = _OWNER.match(head_line)
        if m is not None:
            return m.group("type") or m.group("object"), False
    if indent == 0:
        return None, False
    end = line - 1
    for _ in range(4000):
        if end <= 0:
            return None, False
        start = text.rfind("\n", 0, end) + 1
        head = text[start:end]
        stripped = head.strip()
        comment = stripped.startswith(("//", "#", "*", "/*", "@"))
        if stripped and not comment and _indent(text, start) < indent:
            if stripped.startswith("{") or stripped in ("(", "const (", "var ("):
                if stripped in ("const (", "var ("):
                    return None, False  # Go: const ( … ) at the top level
                end = start - 1
                continue
            if stripped.startswith("companion object"):  # Kotlin: members of the class around it
                indent = _indent(text, start)
                end = start - 1
                continue
            m = _OWNER.match(head)
            if m is not None:
                return m.group("type") or m.group("object"), False
            return None, True  # a function's body, or another block (an if, a call's arguments)
        end = start - 1
    return None, False


def definitions(
    text: str, language: str, path: str = "", names: Collection[str] | None = None
) -> Iterator[Definition]:
    """The constants ``text`` defines (only those named ``names``, if given; the bare names,
    without their owner): see the module's docstring."""
    group = _group(language)
    seen: set[int] = set()
    if names is not None:
        names = frozenset(n for n in names if n in text)
        if not names:
            return
    assigned, keyed_pattern, define, built = _patterns(names)
    patterns = [assigned, keyed_pattern, define] if language == "php" else [assigned, keyed_pattern]
    patterns.append(built)
    for pattern in patterns:
        keyed = pattern is keyed_pattern
        for m in pattern.finditer(text):
            name = m.group("name")
            if name in _NOT_NAMES or m.start("name") in seen:
                continue
            value = _int(m.group("value"))
            if value is None:
                continue
            owner, local = (None, False) if pattern is define else _owner(text, m.start())
            if local or (keyed and owner is None):
                continue
            if pattern is built and m.group("type") is None and not _enum_member(text, m.start(), owner):
                continue  # NAME(1000) is a member of an enum only (elsewhere it is a call)
            seen.add(m.start("name"))
            yield Definition(
                name=name.lstrip("$"),
                value=value,
                owner=owner,
                path=path,
                offset=m.start("name"),
                group=group,
            )
    if _family(language) in _COUNTING_ENUMS and ("enum" in text or "_ENUM" in text):  # (NS_ENUM)
        for name, value, owner, offset in _implicit_members(text, names):
            if offset not in seen:
                yield Definition(name=name, value=value, owner=owner, path=path, offset=offset, group=group)


def _enum_member(text: str, offset: int, owner: str | None) -> bool:
    """Is ``NAME(…)`` at ``offset`` an entry of an enum (``enum class CloseCode(val code: Int) {
    NORMAL(1000), … }``, Java's ``enum CloseCode { NORMAL(1000), …; }``) named ``owner``: the first
    thing on its line, in an enum whose head names that owner?"""
    line = text.rfind("\n", 0, offset) + 1
    if owner is None or text[line:offset].strip():
        return False
    return (
        re.search(r"\benum\b[^{;=]*\b" + re.escape(owner) + r"\b", text[max(0, offset - 20_000) : offset])
        is not None
    )


# Languages whose enum members without a value count on from the member before (C11 §6.7.2.2,
# C++ [dcl.enum], C# enums, TypeScript numeric enums, Rust's implicit discriminants)
_COUNTING_ENUMS = frozenset({"c", "cpp", "objc", "csharp", "javascript", "rust"})
_ENUM_OPEN = re.compile(
    r"\benum\b(?:[ \t]+(?:class|struct))?(?:[ \t]+(?P<name>[A-Za-z_]\w*))?[^{;=()]*\{"
    r"|\bNS_(?:CLOSED_)?ENUM\s*\([^,()]*,\s*(?P<ns>[A-Za-z_]\w*)\s*\)\s*\{"
)
_ENUM_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
_MEMBER_VALUE = re.compile(r"\s*(?:#\[[^\]]*\]\s*)*(?P<name>[A-Za-z_]\w*)\s*(?:=\s*(?P<value>[^,]+?))?\s*")


def _family(language: str) -> str:
    return _FAMILY.get(language, language)


def _implicit_members(text: str, names: Collection[str] | None) -> Iterator[tuple[str, int, str | None, int]]:
    """The members of the enums in ``text`` written without a value, with the value they count to
    (``kCodeStatusCodeExpected = 1005, kCodeAbnormal`` -> kCodeAbnormal, 1006), their enum's name
    and their offset. An enum whose members are not all plain (a name, or ``name = <integer>``)
    gives none: a value computed from another member is not counted here."""
    for name, value, owner, offset, _body in implicit_enum_members(text, names):
        yield name, value, owner, offset


def counts_enums(language: str) -> bool:
    """Do enum members without a value count on from the member before in ``language``?"""
    return _family(language) in _COUNTING_ENUMS


def implicit_enum_members(
    text: str, names: Collection[str] | None = None
) -> Iterator[tuple[str, int, str | None, int, tuple[int, int]]]:
    """``_implicit_members`` with the span of each member's enum body (between its braces)."""
    for m in _ENUM_OPEN.finditer(text):
        close = text.find("}", m.end())
        if close < 0:
            continue
        body = text[m.end() : close]
        if "{" in body or "(" in body:
            continue  # a Rust enum with fields, or values computed by a call: not a plain enum
        if names is not None and not any(n in body for n in names):
            continue
        owner = m.group("name") or m.group("ns")
        cleaned = _ENUM_COMMENTS.sub(lambda c: " " * len(c.group()), body)
        value: int | None = None
        offset = m.end()
        for part in cleaned.split(","):
            start, offset = offset, offset + len(part) + 1
            if not part.strip():
                continue
            member = _MEMBER_VALUE.fullmatch(part)
            if member is None:
                break
            if member.group("value") is not None:
                value = _int(member.group("value").strip())
                if value is None:
                    break
                continue
            value = 0 if value is None else value + 1
            name = member.group("name")
            if names is None or name in names:
                yield name, value, owner, start + member.start("name"), (m.end(), close)


# A function's head, and the checks for 1005 and 1006 in its body that replace them: a keyword
# before the name (``def``, ``func``, Go's ``func (c *Conn) name(``), or only types and modifiers
# before it and a body after its parameters (Java, C#, C++: ``public void closeInternal(CloseReason
# r) throws IOException {``)
_FUNCTION = re.compile(
    r"\b(?:func|def|function|fun|fn)[ \t]+(?:\([^)\n]*\)[ \t]*)?(?P<name>[A-Za-z_]\w*)[ \t]*[(<]"
    r"|^[ \t]*(?:[\w$<>\[\],.?*&@:]+[ \t]+)+(?P<typed>[A-Za-z_]\w*)[ \t]*"
    r"\([^;{}()]{0,300}\)[^;{}=()]{0,200}\{",
    re.MULTILINE,
)
# (a constant by any of its names, qualified or not: == CloseNoStatusReceived, == .noStatus,
# == CloseReason.CloseCodes.NO_STATUS_CODE.getCode())
GUARD_1005 = re.compile(r"(?:==|\bcase)\s*(?:1005|\.?(?:\w+(?:\.|::))*\w*(?:[Nn]oStatus|NO_STATUS)\w*)\b")
GUARD_1006 = re.compile(r"(?:==|\bcase)\s*(?:1006|\.?(?:\w+(?:\.|::))*\w*(?:[Aa]bnormal|ABNORMAL)\w*)\b")
# Words a typed head's "name" may be that name no function (a call, a control statement)
_NOT_FUNCTIONS = frozenset(
    {"if", "for", "foreach", "while", "switch", "catch", "return", "new", "else", "do", "try", "synchronized",
     "using", "lock", "when", "throw", "await", "yield", "case"}
)  # fmt: skip
_GUARD_BODY = 2500  # how far into a function's body its guards are looked for
# The words each guard holds (what may_guard looks for), found with str.find before its pattern
_GUARD_WORDS = (
    (1005, GUARD_1005, ("1005", "oStatus", "NO_STATUS")),
    (1006, GUARD_1006, ("1006", "bnormal", "ABNORMAL")),
)
_BUILT_BEFORE = re.compile(r"(?:^|[ \t])(?:new|return|else|throw)[ \t]")
_CODE_PARAMETERS = re.compile(r"(?i)code|status|reason")


def guarded_codes(
    text: str, names: Collection[str] | None = None
) -> Iterator[tuple[str, int, tuple[int, ...]]]:
    """(name, offset of its head, which of 1005 and 1006 it checks for) for each function ``text``
    defines (those ``names`` only, if given) that takes a code (a parameter named for a code, a
    status or a reason) and whose body checks for 1005 or 1006 before it sends: such a function
    replaces them (``if code == 1005 { sendClose() }``). The one test of this, for the file's own
    functions (analyser.guards_own) and the project's (guards, ProjectIndex.guarded)."""
    if names is not None:
        names = [n for n in names if n in text]
        if not names:
            return
    if not may_guard(text):
        return
    last = _LAST_GUARDS[0] if _LAST_GUARDS else None
    if last is not None and (last[0] is text or last[0] == text):  # (the scan asked already)
        found = last[1]
    else:
        found = list(_guarded_codes(text))
        _LAST_GUARDS[:] = [(text, found)]
    for item in found:
        if names is None or item[0] in names:
            yield item


# The last text guarded_codes read, and what it found there (the scan of a file and the project's
# record of it, in wscode check, ask about the same text one after the other)
_LAST_GUARDS: list[tuple[str, list[tuple[str, int, tuple[int, ...]]]]] = []


def _guarded_codes(text: str) -> Iterator[tuple[str, int, tuple[int, ...]]]:
    """guarded_codes for every function: the guards first (str.find of their words, then the
    guard's pattern around each: rare), then the heads in the 2,500 characters before each."""
    spots: set[tuple[int, int]] = set()
    for code, guard, words in _GUARD_WORDS:
        for word in words:
            at = text.find(word)
            while at >= 0:
                m = guard.search(text, max(0, at - 120), at + len(word) + 60)
                if m is not None:
                    spots.add((m.start(), code))
                at = text.find(word, at + 1)
    if not spots:
        return
    heads: dict[int, re.Match[str]] = {}
    for spot, _code in spots:
        start = text.rfind("\n", 0, max(0, spot - _GUARD_BODY - 300)) + 1
        for m in _FUNCTION.finditer(text, start, spot):
            heads.setdefault(m.start(), m)
    for _start, m in sorted(heads.items()):
        name = m.group("name") or m.group("typed")
        if name in _NOT_FUNCTIONS:
            continue
        if m.group("typed") and _BUILT_BEFORE.search(m.group()):
            continue  # `return new Runnable() {`: an object built, not a method defined
        after = m.end("name") if m.group("name") else m.end("typed")
        if not _CODE_PARAMETERS.search(text, after, max(after, text.find(")", after, after + 300))):
            continue  # no code to guard: a function that only compares a received one
        codes = tuple(sorted({code for at, code in spots if m.end() <= at < m.end() + _GUARD_BODY}))
        if codes:
            yield name, m.start(), codes


def guards(text: str, language: str, path: str = "", names: Collection[str] | None = None) -> Iterator[Guard]:
    """The functions (``names`` only, if given) that ``text`` defines with a guard replacing 1005
    or 1006 before they send (see guarded_codes). (Such a function closes: its file holds "close",
    so ``wscode check`` reads it anyway and collects them on the way, see may_guard.)"""
    group = _group(language)
    for name, offset, codes in guarded_codes(text, names):
        yield Guard(name=name, owner=_owner(text, offset)[0], path=path, group=group, codes=codes)


def may_guard(text: str) -> bool:
    """A cheap test: can ``text`` define a function that guards 1005 or 1006 (see guarded_codes)?"""
    return (
        "1005" in text or "oStatus" in text or "NO_STATUS" in text
        or "1006" in text or "bnormal" in text or "ABNORMAL" in text
    )  # fmt: skip


_UPPER = re.compile(r"\$?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
_MEMBER = re.compile(r"(?:^|.*[.:])(?P<owner>[A-Z][\w$]*)[.:]+(?P<name>[\w$]+)")


def constant_like(expression: str, language: str = "") -> bool:
    """Is ``expression`` (normalized: ``a.b.NAME``) a name that may be a project constant: an
    upper-case NAME (alone or after a qualifier), or a member of a capitalised type or object?
    In Go, a bare name too (``closeLost``: a name a file does not declare comes from another
    file of its package), but not one that reads as a received code (``code``, ``status``)."""
    parts = re.split(r"[.:>]+", expression)
    last = parts[-1]
    if len(last) >= 2 and _UPPER.fullmatch(last) and any(c.isalpha() for c in last):
        return True
    if last.lower() in _NOT_GO:
        return False
    if language == "go" and len(parts) == 1 and _GO_NAME.fullmatch(last):
        return True
    if language in ("c", "cpp", "objc") and len(parts) == 1 and _C_CONSTANT.fullmatch(last):
        return True  # an enumerator of a header: kCodeAbnormal, ARTWsAbnormalClose
    return _MEMBER.fullmatch(expression) is not None


_GO_NAME = re.compile(r"[A-Za-z_]\w*")
_C_CONSTANT = re.compile(r"k[A-Z]\w*|[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")
# Names that read as a received code (or a throwaway), never looked up in other files
_NOT_GO = frozenset({"code", "closecode", "close_code", "status", "statuscode", "closestatus", "err"})


def search_names(expressions: Collection[str]) -> set[str]:
    """The bare names to look for in other files to resolve ``expressions`` (``CloseCode.Normal``
    -> ``Normal``; a method, ``close()``, is not looked for: see guards)."""
    return {re.split(r"[.:>]+", e)[-1].lstrip("$") for e in expressions if e and not e.endswith("()")}


# How a definition of a function or method named N reads, in any language: the line before N
# (``def N``, ``func (c *Conn) N(``, ``fun N(``, ``function N(``; or only types and modifiers,
# ``public static void N(``), and what follows it (a parameter list and a body; ``N = (code) =>``)
_KEYWORD_BEFORE = re.compile(
    r"\b(?:def|defp|func|function|fun|fn|sub)[ \t]+(?:\([^)\n]*\)[ \t]*)?(?:<[^>\n]*>[ \t]*)?"
    r"(?:self\.|[\w$]+[.:])*$"
)
_TYPES_BEFORE = re.compile(r"[ \t]*(?:[\w$<>\[\],.?*&@:]+[ \t]+)*")
_PARAMETERS_AND_BODY = re.compile(r"[ \t]*\([^;{}]*\)[^;{}=]*\{")
_ARROW_AFTER = re.compile(
    r"[ \t]*[:=][ \t]*(?:async[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*=>|[\w$]+[ \t]*=>)"
)


@cache
def _word(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])")


def defines_function(text: str, name: str) -> bool:
    """Does ``text`` define a function or method named ``name``: ``def name``, ``func (c *Conn)
    name(``, ``fun name(``, ``function name(``, ``void name(int code) {``, a class method
    ``name(code) {``, ``name = (code) =>``?"""
    if name not in text:
        return False
    for m in _word(name).finditer(text):
        start, end = m.start(), m.end()
        before = text[text.rfind("\n", 0, start) + 1 : start]
        if _KEYWORD_BEFORE.search(before):
            return True
        if _TYPES_BEFORE.fullmatch(before) and _PARAMETERS_AND_BODY.match(text, end):
            return True
        if not before.rstrip().endswith(".") and _ARROW_AFTER.match(text, end):
            return True
    return False


@cache
def _assigned(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w$.])" + re.escape(name) + r"[ \t]*(?::[^=\n]*)?(?::=|=(?![=>~]))")


def binds(text: str, name: str) -> bool:
    """Does ``text`` define ``name`` itself: a function of that name, or an assignment to it?"""
    return defines_function(text, name) or _assigned(name).search(text) is not None


def _call_ends(text: str, name: str) -> Iterator[int]:
    """Where ``name`` ends in each call of it in ``text`` (``name(``, ``x.name (``), found with
    str.find: an alternation of names in one regular expression is ten times slower on large files."""
    size, pos = len(text), text.find(name)
    while pos >= 0:
        end = pos + len(name)
        if (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_$")) and (
            end < size and not (text[end].isalnum() or text[end] in "_$")
        ):
            after = end
            while after < size and text[after] in " \t":
                after += 1
            if after < size and text[after] == "(":
                yield end
        pos = text.find(name, end)


# What reads as a close code among a call's arguments: a number 1000-4999, an UPPER_CASE name, a
# member of a type named for codes (CloseCode.abnormal, WebSocketCloseStatus.Empty), Go's
# websocket.CloseGoingAway, a Swift .member, a C++ kConstant
_CODE_LIKE = re.compile(
    r"(?<![\w.])[1-4]\d{3}(?![\w.])|(?<![\w$])[A-Z][A-Z0-9_]{3,}(?![\w$])"
    r"|\b[A-Z]\w*(?:Code|Status|Close|Closing)\w*\.[A-Za-z_]\w*|\.Close[A-Z]\w*"
    r"|(?<![\w)\]])\.[a-z]\w+|(?<![\w$])k[A-Z]\w+"
)


_CODE_OR_PARAMETER = re.compile(
    _CODE_LIKE.pattern + r"|(?<![\w$.])\$?(?:code|status|close_?[Cc]ode|close_?[Ss]tatus)(?![\w$(])"
)


def _coded(text: str, name_end: int) -> bool:
    """Do the arguments of the call whose name ends at ``name_end`` hold something that reads as
    a close code (up to the first closing parenthesis)?"""
    args = text[text.find("(", name_end) + 1 : name_end + 300].split(")", 1)[0]
    return _CODE_LIKE.search(args) is not None


def coded_calls(text: str, names: Collection[str]) -> set[str]:
    """Which of ``names`` ``text`` calls with an argument that reads as a close code."""
    mentioned = frozenset(n for n in names if n in text)
    if not mentioned or _CODE_LIKE.search(text) is None:
        return set()
    return {name for name in mentioned if any(_coded(text, end) for end in _call_ends(text, name))}


_NOT_CANDIDATES = frozenset(
    {"if", "for", "while", "switch", "return", "catch", "function", "when", "elif", "and", "not", "print",
     "println", "printf", "assert", "assertEqual", "assertEquals", "expect", "equal", "log", "format",
     "sleep", "setTimeout", "setInterval", "range", "len", "int", "str", "new", "super", "get", "set",
     "put", "add", "this", "contains", "equals", "valueOf", "append", "toString", "Int", "UInt16",
     "Int16", "UInt", "Short", "Integer", "String", "short", "ushort", "uint16", "u16", "i32"}
)  # fmt: skip


def wrapper_candidates(text: str, *, parameters: bool = False) -> set[str]:
    """The functions ``text`` calls with something that reads as a close code and does not define
    itself: the names to look for among the close functions of the project's other files (the
    language server asks; ``wscode check`` knows every close function of the tree already). Found
    from the code-like tokens outwards (the calls around each, on its line): they are rare.
    ``parameters``: a name for a code counts too (``close_transport(ws, code)``: a close function
    that passes its own parameter on, see wscodes.check.project)."""
    found: set[str] = set()
    for m in (_CODE_OR_PARAMETER if parameters else _CODE_LIKE).finditer(text):
        line = text.rfind("\n", 0, m.start()) + 1
        i, depth, levels = m.start() - 1, 0, 0
        while i >= line and levels < 3:
            char = text[i]
            if char == ")":
                depth += 1
            elif char == "(" and depth:
                depth -= 1
            elif char == "(":
                levels += 1
                j = i
                while j > line and text[j - 1] in " \t":
                    j -= 1
                k = j
                while k > line and (text[k - 1].isalnum() or text[k - 1] in "_$"):
                    k -= 1
                if j - k >= 3 and not text[k].isdigit():
                    found.add(text[k:j])
            i -= 1
    return {name for name in found - _NOT_CANDIDATES if not defines_function(text, name)}


class ProjectIndex:
    """Definitions collected from a project's files, by name; ``lookup`` gives one value or None.

    ``add_file`` replaces what a file contributed before (the language server can re-add a file
    on every change), ``remove_file`` drops it."""

    def __init__(self, root: str | None = None) -> None:
        self.root = root  # the project's folder (hover names a definition's file relative to it)
        self._files: dict[str, list[Definition]] = {}
        # The names each file binds to one close code, as the analyser read them (uses.named_definitions)
        self._named: dict[str, list[Definition]] = {}
        self._named_table: dict[tuple[str, str], list[Definition]] | None = None
        self._guards: dict[str, list[Guard]] = {}
        self._guard_names: set[tuple[str, str]] | None = None  # (name, group) of every guard (knows)
        self._by_name: dict[tuple[str, str], list[Definition]] | None = None
        # Close functions (ScanResult.wrapper_specs) by file, with their group; and the functions
        # of the same names that files define without closing (then a call could be either)
        self._wrappers: dict[str, list[tuple[str, Wrapper]]] = {}
        self._rivals: dict[str, set[tuple[str, str]]] = {}
        self._wrapper_table: dict[tuple[str, str], Wrapper | None] | None = None

    def __len__(self) -> int:
        return sum(len(found) for found in self._files.values()) + sum(map(len, self._guards.values()))

    def add_file(self, path: str, text: str, language: str, names: Collection[str] | None = None) -> None:
        """Collect ``path``'s definitions and guarded close methods (those ``names`` only, if given:
        bare names as ScanResult.unresolved lists them, methods as ``close()``)."""
        wanted = None if names is None else {n for n in names if not n.endswith("()")}
        methods = None if names is None else {n[:-2] for n in names if n.endswith("()")}
        self._files[path] = list(definitions(text, language, path, wanted)) if wanted != set() else []
        self._guards[path] = list(guards(text, language, path, methods)) if methods != set() else []
        self._guard_names = None
        self._by_name = None

    def remove_file(self, path: str) -> None:
        self._guards.pop(path, None)
        self._guard_names = None
        if self._wrappers.pop(path, None) is not None or self._rivals.pop(path, None) is not None:
            self._wrapper_table = None
        if self._files.pop(path, None) is not None:
            self._by_name = None

    def add_guards(self, path: str, found: Collection[CloseFunction]) -> None:
        """Guarded methods (see guards) and close functions (ScanResult.wrapper_specs) collected
        elsewhere: ``wscode check``'s workers."""
        self._guards[path] = [g for g in found if isinstance(g, Guard)]
        self._guard_names = None
        wrappers = [w for w in found if isinstance(w, Wrapper)]
        if wrappers:
            from .languages import language_for

            self.add_wrappers(path, language_for(path) or "", wrappers)

    def knows(self, expression: str, language: str) -> bool:
        """Could this index resolve ``expression`` (a name, or a method as ``close()``)?"""
        if expression.endswith("()"):
            if self._guard_names is None:
                self._guard_names = {(g.name, g.group) for f in self._guards.values() for g in f}
            return (expression[:-2], _group(language)) in self._guard_names
        return self.find(expression, language) is not None

    def guarded(self, method: str, receiver: str, language: str, code: int | None = None) -> Guard | None:
        """The project's ``method`` that ``receiver.method(…)`` calls, if it replaces ``code`` (1005
        or 1006; None: both) before sending: one defined by the receiver's type, told by name
        (``webSocket`` -> ``WebSocket``, ``session`` -> ``UndertowSession``)."""
        word = re.split(r"[.:>]+", receiver.strip())[-1].strip("_$@").lower() if receiver else ""
        group = _group(language)
        wanted = (1005, 1006) if code is None else (code,)
        for found in self._guards.values():
            for guard in found:
                owner = (guard.owner or "").lower()
                if (
                    guard.name == method
                    and guard.group == group
                    and all(c in guard.codes for c in wanted)
                    and (owner == word or (len(word) >= 4 and owner.endswith(word)))
                ):
                    return guard
        return None

    # -- close functions defined in one file, called in others ---------------------------------
    def add_wrappers(self, path: str, language: str, wrappers: Collection[Wrapper]) -> None:
        """The close functions ``path`` defines (its ScanResult.wrapper_specs)."""
        group = _group(language)
        self._wrappers[path] = [(group, w) for w in wrappers]
        self._wrapper_table = None

    def add_functions(self, path: str, text: str, language: str, names: Collection[str]) -> None:
        """Note which of ``names`` ``path`` defines as functions that do not close (their own
        ScanResult.wrapper_specs, given to add_wrappers, says which do): with two such definitions
        in a project, a call of the name is no evidence of a close."""
        group = _group(language)
        closing = {w.name for _g, w in self._wrappers.get(path, ())}
        found = {(group, n) for n in names if n not in closing and defines_function(text, n)}
        if found:
            self._rivals[path] = self._rivals.get(path, set()) | found
            self._wrapper_table = None

    def _wrappers_by_name(self) -> dict[tuple[str, str], Wrapper | None]:
        if self._wrapper_table is None:
            table: dict[tuple[str, str], Wrapper | None] = {}
            for found in self._wrappers.values():
                for group, w in found:
                    key = (group, w.name)
                    known = table.get(key, w)
                    same = known is not None and (known.position, known.parameter, known.label) == (
                        w.position, w.parameter, w.label,
                    )  # fmt: skip
                    table[key] = known if same else None  # two that disagree: neither is sure
            for rivals in self._rivals.values():
                for key in rivals:
                    if key in table:
                        table[key] = None
            self._wrapper_table = table
        return self._wrapper_table

    def wrapper_names(self, text: str, language: str) -> list[str]:
        """The project's close functions that ``text`` calls without defining a function of that
        name itself (its own would win)."""
        group = _group(language)
        known = {name for (g, name), w in self._wrappers_by_name().items() if g == group and w is not None}
        if not known:
            return []
        mentioned = frozenset(n for n in known if n in text)
        if not mentioned:
            return []
        called = {name for name in mentioned if next(_call_ends(text, name), None) is not None}
        return sorted(n for n in called if not binds(text, n))

    def wrappers_for(self, text: str, language: str) -> list[Wrapper]:
        """The records of ``wrapper_names(text, language)``."""
        table, group = self._wrappers_by_name(), _group(language)
        return [w for n in self.wrapper_names(text, language) if (w := table.get((group, n))) is not None]

    def all_wrapper_names(self) -> set[str]:
        """Every close function's name the index knows (what to look for in the project's files)."""
        return {w.name for found in self._wrappers.values() for _g, w in found}

    def add(self, definition: Definition) -> None:
        self._files.setdefault(definition.path, []).append(definition)
        self._by_name = None

    def _table(self) -> dict[tuple[str, str], list[Definition]]:
        if self._by_name is None:
            table: dict[tuple[str, str], list[Definition]] = {}
            for found in self._files.values():
                for d in found:
                    table.setdefault((d.group, d.name), []).append(d)
            self._by_name = table
        return self._by_name

    def find(self, expression: str, language: str) -> Definition | None:
        """The definition ``expression`` (``NAME``, ``mod.NAME``, ``CloseCode.normal``) stands for
        in a file of ``language``, when the project's definitions agree on one value."""
        parts = [p for p in re.split(r"[.:>]+", expression.strip()) if p]
        if not parts:
            return None
        name = parts[-1].lstrip("$")
        candidates = self._table().get((_group(language), name))
        if not candidates:
            return None
        owner = parts[-2] if len(parts) >= 2 and parts[-2][:1].isupper() else None
        if owner is not None:
            chosen = [d for d in candidates if d.owner == owner]
        else:  # NAME, module.NAME: a top-level constant, else a member imported on its own
            chosen = [d for d in candidates if d.owner is None] or candidates
        if not chosen or len({d.value for d in chosen}) != 1:
            return None
        return chosen[0]

    # -- names other files bind to close codes, for hover --------------------------------------
    def add_named(self, path: str, found: Collection[Definition]) -> None:
        """The names ``path`` binds to one close code (``uses.named_definitions`` of its text)."""
        self._named[path] = list(found)
        self._named_table = None

    def named_names(self) -> set[str]:
        """Every name some file binds to a close code (hover looks no further when none is used)."""
        return {d.name for found in self._named.values() for d in found}

    def has_named(self, path: str) -> bool:
        return path in self._named

    def named(self, expression: str, language: str, elsewhere_than: str | None = None) -> Definition | None:
        """The close-code definition a use ``expression`` (``NAME``, ``Owner.NAME``,
        ``Owner::NAME``, ``self::NAME``) in a file of ``language`` (``elsewhere_than``: its path)
        stands for: a qualified name when its qualifier is the definition's owner, a bare name
        whatever its owner; None unless the project's other files agree on one code."""
        if self._named_table is None:
            table: dict[tuple[str, str], list[Definition]] = {}
            for found in self._named.values():
                for d in found:
                    table.setdefault((d.group, d.name), []).append(d)
            self._named_table = table
        parts = [p for p in re.split(r"\.|::|->", expression.strip()) if p]
        if not parts:
            return None
        candidates = self._named_table.get((_group(language), parts[-1].lstrip("$")))
        if candidates and elsewhere_than is not None:  # (the asking file's own, as on disk: not another's)
            candidates = [d for d in candidates if d.path != elsewhere_than]
        if not candidates:
            return None
        owner = parts[-2] if len(parts) >= 2 else None
        if owner is not None and owner[:1].isupper() and owner not in ("Self", "Companion"):
            candidates = [d for d in candidates if d.owner == owner]
        if not candidates or len({d.value for d in candidates}) != 1:
            return None
        return candidates[0]

    def lookup(self, expression: str, language: str) -> int | None:
        found = self.find(expression, language)
        return None if found is None else found.value
