"""Uses of the names a file (or its project) defines as close codes, for hover.

``STATUS_NORMAL = 1000`` is a definition the analyser reads; the same name in
``VALID_CLOSE_STATUS = (STATUS_NORMAL, …)``, ``case CloseNormalClosure:`` or
``raise ProtocolError(PROTOCOL_ERROR)`` stands for 1000 too, wherever it is. Each use becomes a
hover-only ``mention`` (the rules skip mentions). Only names that read as constants
(``UPPER_CASE``, ``kCamelCase``, ``PascalCase``) and that the file binds to one code; never in a
comment or a string (as far as the line says). Applied to a whole scan's occurrences, so a
rescan (incremental.py) and a whole scan agree: it looks at the whole text each time.

Names without a literal of their own count too, and hover at their declaration as well:

- a member of an enum that counts on from the member before (C, C++, Objective-C, C#,
  TypeScript, Rust: ``Normal = 1000, GoingAway`` -> GoingAway is 1001; see
  ``project.implicit_enum_members``), when another member of that enum is a close code the
  analyser read;
- a member that a mapping in the file gives its code (``Normal => 1000,`` or ``1000 => Normal,``
  in a Rust ``match``; ``case .normalClosure: self = 1000`` or ``case 1000: self = .normalClosure``
  in Swift), when the mapping gives at least three members three codes of 1000-4999 (two of
  them registered ones, 1000-1015): an enum converted to and from close codes.

Names that another file of the project defines (``throw new ParserException(
WebsocketCloseCode::PROTOCOL_ERROR, …)`` with the class in ``src/WebsocketCloseCode.php``) are
resolved through a ``ProjectIndex`` the front end fills with ``named_definitions`` of those files
(``project_names`` lists what to look for): a qualified name only when its qualifier is the type
that defines the member, a name only when the project binds it to one code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection

from .mentions import _in_comment_or_string
from .model import Occurrence, occurrence
from .project import Definition, ProjectIndex, _group, _owner, counts_enums, implicit_enum_members

API = "named: "  # how these mentions are told apart (and dropped before they are made again)
_CONSTANT_NAME = re.compile(
    r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"  # STATUS_NORMAL
    r"|[A-Z]{3,}[0-9]*"  # NORMAL (not a two-letter word)
    r"|k[A-Z][A-Za-z0-9]+"  # kCodeNormal
    r"|[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+"  # CloseNormalClosure
)
_C_NAME = re.compile(r"k[A-Z]\w*|[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")  # PSWebSocketStatusCodeNormal
_MEMBER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")  # Normal, normalClosure: a member, used qualified
_UPPER_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}[0-9]*|k[A-Z][A-Za-z0-9]+")
# Languages whose enumerators and constants are names of their own, used without their type
_BARE_PASCAL = frozenset({"c", "cpp", "objc", "go"})


# An owner's name that says it holds close codes (CloseCode.normal, WsStatus.Normal)
def _constant_name(name: str, language: str) -> bool:
    """Does ``name`` read as a constant's (in C, C++, Objective-C and Go, any capitalised name)?"""
    if _CONSTANT_NAME.fullmatch(name):
        return True
    return bool(language) and _group(language) in _BARE_PASCAL and _C_NAME.fullmatch(name) is not None


_CODE_OWNER = re.compile(r"Code|Status|Close|Closing|Reason|Shutdown|Disconnect")

# A mapping between members and codes, one arm a line (see the module's docstring)
_NUMBER = r"(?P<code>[1-4]\d{3})"
_MEMBER = r"(?:(?:[A-Za-z_]\w*(?:::|\.))*|\.)(?P<name>[A-Za-z_]\w*)"
_ARM_TO_CODE = re.compile(  # Normal => 1000, | CloseCode::Normal => 1000 | NORMAL -> 1000
    r"^[ \t]*(?:case[ \t]+)?" + _MEMBER + r"[ \t]*(?:=>|->)[ \t]*" + _NUMBER + r"[ \t]*[,;]?[ \t]*(?://.*)?$",
    re.MULTILINE,
)
_ARM_FROM_CODE = re.compile(  # 1000 => Normal, | 1000 -> CloseCode.NORMAL
    r"^[ \t]*(?:case[ \t]+)?"
    + _NUMBER
    + r"[ \t]*(?:=>|->)[ \t]*(?:Self::)?"
    + _MEMBER
    + r"[ \t]*[,;]?[ \t]*(?://.*)?$",
    re.MULTILINE,
)
_CASE_TO_CODE = re.compile(  # case .normalClosure: ⏎ self = 1000 (or return 1000)
    r"^[ \t]*case[ \t]+" + _MEMBER + r"[ \t]*:[ \t]*\r?\n[ \t]*(?:self[ \t]*=|return)[ \t]*" + _NUMBER
    + r"[ \t]*;?[ \t]*$",
    re.MULTILINE,
)  # fmt: skip
_CASE_FROM_CODE = re.compile(  # case 1000: ⏎ self = .normalClosure (or return .normalClosure)
    r"^[ \t]*case[ \t]+" + _NUMBER + r"[ \t]*:[ \t]*\r?\n[ \t]*(?:self[ \t]*=|return)[ \t]*" + _MEMBER
    + r"[ \t]*;?[ \t]*$",
    re.MULTILINE,
)  # fmt: skip
_MAPPINGS = (_ARM_TO_CODE, _ARM_FROM_CODE, _CASE_TO_CODE, _CASE_FROM_CODE)
# Where an arm's number may be: beside an arrow, or after case, return, self = (each from a literal)
_NUMBER_AFTER = re.compile(r"[ \t]*[1-4]\d{3}(?![\w.])")
_NUMBER_BEFORE = re.compile(r"(?<![\w.])[1-4]\d{3}[ \t]*$")
_ARM_WORDS = (
    re.compile(r"case[ \t]+[1-4]\d{3}\b"),
    re.compile(r"return[ \t]*[1-4]\d{3}\b"),
    re.compile(r"self[ \t]*=[ \t]*[1-4]\d{3}\b"),
)
_NOT_MEMBERS = frozenset({"self", "Self", "default", "None", "nil", "null", "true", "false", "code", "_"})


def _declaration(name: str) -> re.Pattern[str]:
    """A line that declares ``name`` as a member: ``Normal,``, ``case normalClosure``,
    ``case object NormalClosure extends CloseStatus``, ``NORMAL(1000)`` (not an arm: no ``=>``)."""
    return re.compile(
        r"^[ \t]*(?:case[ \t]+(?:object[ \t]+)?)?(?P<name>" + re.escape(name) + r")"
        r"[ \t]*(?:,|=(?![>=])|\(|$|//|/\*|\bextends\b|\r)",
        re.MULTILINE,
    )


def _mapped_members(text: str) -> dict[str, tuple[int, int]]:
    """name -> (code, offset of its declaration) for the members a mapping gives one code each."""
    if "=>" not in text and "->" not in text and "case" not in text:
        return {}
    hits: list[int] = []  # where an arm's number is: found from literals (fast where all is numbers)
    for arrow in ("=>", "->"):
        at = text.find(arrow)
        while at >= 0:
            if _NUMBER_AFTER.match(text, at + 2) or _NUMBER_BEFORE.search(text[max(0, at - 12) : at]):
                hits.append(at)
            at = text.find(arrow, at + 2)
    for arm in _ARM_WORDS:
        hits += [hit.start() for hit in arm.finditer(text)]
    starts: set[int] = set()  # the lines an arm may start on
    for at in hits:
        line_start = text.rfind("\n", 0, at) + 1
        starts.add(line_start)
        starts.add(text.rfind("\n", 0, max(0, line_start - 1)) + 1)  # (case .x: ⏎ self = 1000)
    if len(starts) < 3:
        return {}
    codes: dict[str, set[int]] = {}
    for line_start in sorted(starts):
        for pattern in _MAPPINGS:
            m = pattern.match(text, line_start)
            if m is not None and m.group("name") not in _NOT_MEMBERS:
                codes.setdefault(m.group("name"), set()).add(int(m.group("code")))
    single = {name: found.pop() for name, found in codes.items() if len(found) == 1}
    if len(set(single.values())) < 3 or sum(1000 <= c <= 1015 for c in set(single.values())) < 2:
        return {}
    out: dict[str, tuple[int, int]] = {}
    for name, code in single.items():
        found = [m.start("name") for m in _declaration(name).finditer(text)]
        if len(found) == 1:
            out[name] = (code, found[0])
    return out


# NAME = Type(⟨the code⟩, …) on one line: val NORMAL = WsStatus(1000, "Normal"), a close status
_BUILT_FOR = re.compile(
    r"[ \t]*(?:(?:public|private|protected|internal|static|final|const|val|var|let|readonly|export|pub)"
    r"[ \t]+)*(?P<name>[A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*"
    r"(?:new[ \t]+)?(?:[\w.]+\.)?[A-Z]\w*[ \t]*\([ \t]*$"
)


def _built_for(text: str, start: int) -> str | None:
    """The constant a close status built with this code as its first argument is assigned to."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _BUILT_FOR.match(text, line_start, start)
    return m.group("name") if m is not None else None


# NAME = Type{ / const NAME: T = { / val NAME = Type( — the head of a literal over several lines
_LITERAL_HEAD = re.compile(
    r"[ \t]*(?:(?:export|const|var|val|let|static|final|public|private|readonly|pub)[ \t]+)*"
    r"(?P<name>[A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*&?(?:new[ \t]+)?(?:[\w.]+)?[ \t]*[{(][ \t]*$"
)


_CODE_FIELD = re.compile(r"[ \t]*['\"]?(?:code|Code)['\"]?[ \t]*[:=][ \t]*")


def _literal_for(text: str, start: int) -> str | None:
    """The name a literal is assigned to whose ``code`` field holds the code at ``start``, when the
    field is among its first three lines."""
    line_start = text.rfind("\n", 0, start) + 1
    for _ in range(3):
        if line_start <= 0:
            return None
        head_start = text.rfind("\n", 0, line_start - 1) + 1
        head = text[head_start : line_start - 1].rstrip("\r")
        m = _LITERAL_HEAD.fullmatch(head)
        if m is not None:
            return m.group("name")
        line_start = head_start
    return None


# Go's typed constant: name Type = value (the analyser may name the type)
_TYPED = re.compile(r"[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]+(?P<type>[A-Za-z_][\w.]*)[ \t]*=[ \t]*")
_KEYWORDS = frozenset(
    {"const", "var", "val", "let", "static", "final", "export", "public", "private", "readonly"}
)


def _name_of(text: str, occ: Occurrence) -> tuple[str | None, str]:
    """The name a code is bound to here, if any, and how: "define" (the analyser's definition),
    "assigned" (its "assigned to" mention: in a function, a local), "built" (a close status or a
    literal with a ``code`` field assigned to the name: ``NORMAL = WsStatus(1000, …)``)."""
    if occ.role == "define" and occ.api != "local" and occ.name:
        return occ.name, "define"
    if occ.role == "mention" and occ.api.startswith("assigned to "):
        field = occ.api.removeprefix("assigned to ")
        if field.lower() == "code":  # Code: 3001 in DisconnectShutdown = Disconnect{ … }
            return _literal_for(text, occ.start), "built"
        line_start = text.rfind("\n", 0, occ.start) + 1
        typed = _TYPED.fullmatch(text, line_start, occ.start)
        if typed is not None and typed.group("type") == field:  # Go: statusReserved StatusCode = 1004
            return (None, "") if typed.group("name") in _KEYWORDS else (typed.group("name"), "assigned")
        return field, "assigned"
    if occ.role in ("mention", "define", "event") and occ.code >= 1000:
        line_start = text.rfind("\n", 0, occ.start) + 1
        if _CODE_FIELD.fullmatch(text, line_start, occ.start):  # code: 4205 in a literal
            return _literal_for(text, occ.start), "built"
        if occ.role != "event":
            return _built_for(text, occ.start), "built"
    return None, ""


def _defined(
    text: str, base: list[Occurrence], language: str
) -> tuple[dict[str, int], set[tuple[str, int]], dict[str, int]]:
    """(name -> code, the (name, line start) of each definition with a literal of its own,
    name -> offset of the declaration of a member without one) for the names ``text`` binds to
    one close code."""
    defined: dict[str, int] = {}
    clash: set[str] = set()
    lines: set[tuple[str, int]] = set()  # (name, the start of a line that defines it)
    for occ in base:
        if occ.code < 0:
            continue
        name, how = _name_of(text, occ)
        if not name or not (
            _constant_name(name, language)
            or (how == "built" and _C_NAME.fullmatch(name))
            or (how == "define" and _MEMBER_NAME.fullmatch(name))  # CloseCode.Normal: used qualified
        ):
            continue
        if defined.setdefault(name, occ.code) != occ.code:
            clash.add(name)
        lines.add((name, text.rfind("\n", 0, occ.start) + 1))
        if how == "built":  # (the name is on the literal's first line)
            lines.add((name, text.rfind("\n", 0, max(0, text.rfind(name, 0, occ.start))) + 1))
    declared: dict[str, int] = {}
    implicit: dict[str, int] = {}
    defines = [o.start for o in base if o.role == "define" and 1000 <= o.code <= 4999]
    if defines and language and counts_enums(language) and ("enum" in text or "_ENUM" in text):
        for name, value, _owner_name, offset, (low, high) in implicit_enum_members(text):
            if 1000 <= value <= 4999 and any(low <= at < high for at in defines):
                if implicit.setdefault(name, value) != value:
                    clash.add(name)
                declared[name] = offset
    for name, (code, offset) in _mapped_members(text).items():
        if implicit.setdefault(name, code) != code:
            clash.add(name)
        declared.setdefault(name, offset)
    for name, code in implicit.items():
        if defined.setdefault(name, code) != code:
            clash.add(name)
    for name in clash:
        defined.pop(name, None)
        declared.pop(name, None)
    return defined, lines, declared


def _assignment_after(text: str, end: int) -> bool:
    """Is the name ending at ``end`` assigned to (``= …``, ``:= …``; not ``==``, ``=>``)?"""
    after = text[end : end + 3].lstrip(" \t")
    return (after[:1] == "=" and after[:2] not in ("==", "=>")) or after[:2] == ":="


def with_named_uses(
    text: str,
    occurrences: tuple[Occurrence, ...],
    language: str = "",
    project: ProjectIndex | None = None,
    path: str | None = None,
) -> tuple[Occurrence, ...]:
    """``occurrences`` (sorted) with a mention at every use of a name the file defines as a code
    (and, with ``project``, of a name another file of the project defines as one; ``path``: the
    file's own, whose definitions on disk the project may hold too)."""
    base = [o for o in occurrences if not o.api.startswith(API)]
    defined, lines, declared = _defined(text, base, language)
    if not defined and project is None:
        return occurrences if len(base) == len(occurrences) else tuple(base)
    spans = sorted((o.start, o.end) for o in base)
    found: list[Occurrence] = []
    if defined:
        names = sorted(defined, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w$])(?:" + "|".join(map(re.escape, names)) + r")(?![\w$])")
        at = 0
        for m in pattern.finditer(text):
            start, end = m.span()
            while at < len(spans) and spans[at][1] <= start:
                at += 1
            if at < len(spans) and spans[at][0] < end:
                continue  # the analyser said what this is already
            line_start = text.rfind("\n", 0, start) + 1
            name = m.group()
            if declared.get(name) != start and (
                (name, line_start) in lines
                or _assignment_after(text, end)
                or _in_comment_or_string(text[line_start:start])
            ):
                continue  # (the definition itself, its value is the occurrence; or a comment or string)
            if not _constant_name(name, language) and declared.get(name) != start:
                before = text[max(line_start, start - 2) : start]
                if not before.endswith((".", "::")):
                    continue  # a member's name (Normal, normalClosure), bare: maybe another thing's
            code = defined[name]
            api = f"{API}{name} is {code} in this file"
            found.append(occurrence(start, end, code, "constant", "mention", api, name))
    if project is not None and language:
        found += _project_uses(text, language, project, set(defined), spans, path=path)
    if not found:
        return tuple(base)
    return tuple(sorted([*base, *found], key=lambda o: (o.start, o.end)))


# A use of a name another file may define: NAME, Owner.NAME, Owner::NAME, pkg.Owner.NAME
# (its last part starts with a capital, or is a ``code`` field: ResetConnection.code)
_QUALIFIED = re.compile(
    r"(?<![\w$.:>])(?:[A-Za-z_$][\w$]*(?:\.|::|->))*"
    r"(?:\$?(?:k(?=[A-Z]))?[A-Z][\w$]*|(?<=\.)[Cc]ode|(?<=[.:])[a-z]\w*(?=\(\)))(?![\w$])"
)  # (…, or a factory called without arguments: CloseCode.protocol())
_IMPORT = re.compile(
    r"[ \t]*(?:from[ \t]|import[ \t]|use[ \t]|using[ \t]|#[ \t]*(?:import|include)|require[ (])"
)
_LOCAL_QUALIFIERS = frozenset({"self", "static", "this", "Self", "Companion"})
_OWN_QUALIFIERS = ("self.", "this.", "self::", "static::", "$this->", "this->", "@")  # the file's own class


_SEPARATORS = re.compile(r"\.|::|->")


def _split(expression: str) -> tuple[str | None, str]:
    """(the qualifier's last part or None, the name) of ``Owner.NAME`` / ``a::b::NAME``."""
    if "." not in expression and ":" not in expression and ">" not in expression:
        return None, expression.lstrip("$")
    parts = [p for p in _SEPARATORS.split(expression) if p]
    owner = parts[-2] if len(parts) >= 2 else None
    if owner in _LOCAL_QUALIFIERS:
        owner = None
    return owner, parts[-1].lstrip("$")


def _wanted(expression: str, language: str) -> str | None:
    """The name to look for in the project for this use (None: not a name worth looking up)."""
    owner, name = _split(expression)
    if owner is not None and owner[:1].isupper():
        if _CONSTANT_NAME.fullmatch(name) or _CODE_OWNER.search(owner):
            return name
        return None
    if owner is not None and owner[:1].islower() and not _UPPER_NAME.fullmatch(name):
        return None  # ws.closeCode, this.status: a field
    if _UPPER_NAME.fullmatch(name):
        return name
    if _group(language) in _BARE_PASCAL and _constant_name(name, language):
        return name
    return None


# The candidates of each line, by the line's text and the language's group: an edit changes a few
# lines, and the document's other lines are a dictionary hit each (see _candidates)
_LINES: dict[tuple[str, str], tuple[tuple[int, int, str, str], ...]] = {}
MAX_CACHED_LINES = 200_000


def _line_candidates(line: str, group: str, language: str) -> tuple[tuple[int, int, str, str], ...]:
    key = (line, group)
    found = _LINES.get(key)
    if found is not None:
        return found
    out: list[tuple[int, int, str, str]] = []
    if any("A" <= c <= "Z" for c in line):
        for m in _QUALIFIED.finditer(line):
            expression = m.group()
            if expression.endswith((".code", ".Code")):  # ResetConnection.code: the constant's code
                expression = expression[:-5]
                last = _split(expression)[1]
                name = last if _C_NAME.fullmatch(last) or _CONSTANT_NAME.fullmatch(last) else None
            else:
                name = _wanted(expression, language)
            if name is None or expression.startswith(_OWN_QUALIFIERS):
                continue
            start, end = m.span()
            after = line[end : end + 2].lstrip(" \t")[:1]
            factory = line.startswith("()", end) and _split(expression)[1][:1].islower()
            if (after in ("(", "{", "<") and not factory) or _assignment_after(line, end):
                continue  # a call, a constructor, a type's generics, a definition
            prefix = line[:start]
            if _in_comment_or_string(prefix) or _IMPORT.match(prefix):
                continue  # (an import names the constant; the hover is where it is used)
            out.append((start, end, expression, name))
    if len(_LINES) >= MAX_CACHED_LINES:
        _LINES.clear()
    found = _LINES[key] = tuple(out)
    return found


def _candidates(
    text: str, language: str, skip: set[str], only: set[str] | None = None
) -> list[tuple[int, int, str, str]]:
    """(start, end, expression, name) of each use in ``text`` of a name another file may define
    as a close code (not bound here: ``skip``; one of ``only``, if given), outside comments and
    strings. Line by line: the cost of an edit is the lines it changed."""
    out: list[tuple[int, int, str, str]] = []
    group = _group(language)
    offset = 0
    for line in text.split("\n"):
        for start, end, expression, name in _line_candidates(line, group, language):
            if name not in skip and (only is None or name in only):
                out.append((offset + start, offset + end, expression, name))
        offset += len(line) + 1
    return out


def project_names(text: str, occurrences: tuple[Occurrence, ...], language: str) -> set[str]:
    """The names to look for among the project's definitions (``named_definitions`` of its other
    files) for hover: those ``text`` uses as constants without binding them to a code itself."""
    names = {name for _s, _e, _x, name in _candidates(text, language, set())}
    if not names:
        return names
    base = [o for o in occurrences if not o.api.startswith(API)]
    defined, _lines, _declared = _defined(text, base, language)
    return names - set(defined)


def _project_uses(
    text: str,
    language: str,
    project: ProjectIndex,
    skip: set[str],
    spans: list[tuple[int, int]],
    *,
    path: str | None,
) -> list[Occurrence]:
    found: list[Occurrence] = []
    at = 0
    for start, end, expression, name in _candidates(text, language, skip, project.named_names()):
        while at < len(spans) and spans[at][1] <= start:
            at += 1
        if at < len(spans) and spans[at][0] < end:
            continue  # the analyser said what this is already
        definition = project.named(expression, language, path)
        if definition is None:
            continue
        where = definition.path
        if project.root and os.path.isabs(where):
            where = os.path.relpath(where, project.root).replace(os.sep, "/")
        code = definition.value
        api = f"{API}{name} is {code} in {where}"
        found.append(occurrence(start, end, code, "constant", "mention", api, name))
    return found


_DEFINING_PREFIX = re.compile(  # modifiers, a type (function Owner.name: a factory)
    r"[ \t]*(?:case[ \t]+|[\w<>\[\]?.*&@]+[ \t]+)*(?:\$|[A-Za-z_]\w*[.:])?"
)
_DEFINING_AFTER = re.compile(r"[ \t]*(?:[=:(,{]|\r?$)", re.MULTILINE)
_NEAR_NUMBER = re.compile(r"[1-4](?<![\w.][1-4])\d{3}(?![\w.])")


def may_name_codes(text: str, names: Collection[str]) -> bool:
    """A cheap test before ``named_definitions``: may ``text`` bind one of ``names`` to a close
    code? One of them starts a line as a definition would (after modifiers and a type; then = ( ,
    : or the line's end), with a number of 1000-4999 on that line or the two after it (or before
    it, in an enum: a member that counts on). Found with str.find: the names are few."""
    enum = "enum" in text or "_ENUM" in text
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            line_start = text.rfind("\n", 0, at) + 1
            if (
                (end == len(text) or not (text[end].isalnum() or text[end] in "_$"))
                and _DEFINING_PREFIX.fullmatch(text, line_start, at)
                and _DEFINING_AFTER.match(text, end)
            ):
                stop = end
                for _ in range(3):
                    stop = text.find("\n", stop + 1)
                    if stop < 0:
                        stop = len(text)
                        break
                if _NEAR_NUMBER.search(text, line_start, stop):
                    return True
                if enum and _NEAR_NUMBER.search(text, max(0, at - 3000), at):
                    return True
            at = text.find(name, end)
    return False


def named_definitions(text: str, language: str, path: str) -> list[Definition]:
    """The names ``text`` (a file of the project at ``path``) binds to one close code, as the
    project's other files see them (their owner: the type or object they are members of)."""
    from . import scan

    result = scan(text, language)
    base = [o for o in result.occurrences if not o.api.startswith(API)]
    defined, _lines, declared = _defined(text, base, language)
    group = _group(language)
    offsets: dict[str, list[tuple[int, bool]]] = {}  # name -> (offset, assigned in a statement)
    for occ in base:
        name, how = _name_of(text, occ)
        assigned = how == "assigned"
        if name is not None and name in defined:
            line_start = text.rfind("\n", 0, occ.start) + 1
            at = text.find(name, line_start, occ.end)
            offsets.setdefault(name, []).append((at if at >= 0 else occ.start, assigned))
    out = _factories(text, base, group, path)
    for name, code in defined.items():
        for offset, assigned in offsets.get(name) or [(declared.get(name, -1), False)]:
            if offset < 0:
                continue
            owner, local = _owner(text, offset)
            if local and assigned:
                continue  # (a function's own variable: nothing for other files)
            out.append(Definition(name=name, value=code, owner=owner, path=path, offset=offset, group=group))
    return out


# A function that returns one close code (a factory: ``function CloseCode.protocol()`` ⏎
# ``return CloseCode.from_int(1002)``): its calls elsewhere, ``CloseCode.protocol()``, stand for it
_FACTORY_HEAD = re.compile(
    r"[ \t]*(?:(?:local|public|static|export|async|pub|override|private|internal|final)[ \t]+)*"
    r"(?:function|def|fun|func|fn)[ \t]+(?:(?P<owner>[A-Za-z_]\w*)[.:])?(?P<name>[A-Za-z_]\w*)"
    r"[ \t]*\([ \t]*(?:self|cls)?[ \t]*\)[^\n]*"
)
_RETURN = re.compile(r"[ \t]*return\b")


def _factories(text: str, base: list[Occurrence], group: str, path: str) -> list[Definition]:
    """The functions of ``text`` whose body returns one close code and nothing else, first thing."""
    found: dict[tuple[str | None, str], tuple[int, int]] = {}  # (owner, name) -> (code, offset)
    clash: set[tuple[str | None, str]] = set()
    for occ in base:
        if not 1000 <= occ.code <= 4999:
            continue
        line_start = text.rfind("\n", 0, occ.start) + 1
        if not _RETURN.match(text, line_start):
            continue
        head_end = line_start - 1
        head_start = text.rfind("\n", 0, max(0, head_end)) + 1
        head = _FACTORY_HEAD.fullmatch(text[head_start:head_end].rstrip("\r{ \t:"))
        if head is None:
            continue
        owner = head.group("owner") or _owner(text, head_start + head.start("name"))[0]
        key = (owner, head.group("name"))
        if found.setdefault(key, (occ.code, head_start + head.start("name")))[0] != occ.code:
            clash.add(key)
    return [
        Definition(name=name, value=code, owner=owner, path=path, offset=offset, group=group)
        for (owner, name), (code, offset) in found.items()
        if (owner, name) not in clash
    ]
