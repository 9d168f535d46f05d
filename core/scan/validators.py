"""Receive-side validators: code that judges whether a close code is valid on the wire.

A validator is a function named for it (``isValidCloseCode``, ``valid_code?``,
``_isReservedStatusCode``, a C macro ``WS_CLOSE_CODE_VALID(c)``) or an ``if`` whose branch fails
the connection (throws, raises, answers 1002 / a protocol error) over a single name that holds the
code. Its verdict is evaluated, not guessed: the comparisons, ranges and membership lists of its
conditions and returns are read into a small expression tree and evaluated for the codes that
matter (1000–1016, 2999, 3000, 3999, 4000, 4999 and the out-of-range 0, 999, 5000). A validator
counts only when the evaluation says it accepts 1000 and rejects an out-of-range code (so it is a
whole validator, not one partial check), and every code it is judged on must be decided (a name
it cannot resolve, a call it does not know: no verdict). Rules WSC012 and WSC013 (core/rules.py)
compare the verdicts with the registry.

Pure text in, records out; tree-sitter finds the functions and ``if`` statements (comments and
strings are not code); a cheap pattern decides first whether a text can hold a validator at all.
"""

from __future__ import annotations

import re

from .._record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from tree_sitter import Node

__all__ = ["ASSIGNED", "NEVER_ON_WIRE", "Validator", "validators"]

# Codes a receiver must accept (RFC 6455 §7.4.1 and §7.4.2, the IANA registry: 1012–1014 assigned;
# 3000–4999 for libraries and applications) and codes that are never valid in a Close frame
# (1004 reserved, 1005/1006/1015 only reported locally, 1016–2999 unassigned in the protocol range).
ASSIGNED: tuple[int, ...] = (1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
                             1014, 3000, 3999, 4000, 4999)  # fmt: skip
NEVER_ON_WIRE: tuple[int, ...] = (1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999)
_OUTSIDE: tuple[int, ...] = (0, 999, 5000)  # a whole validator rejects one of these
_PROBES: tuple[int, ...] = tuple(sorted({*ASSIGNED, *NEVER_ON_WIRE, *_OUTSIDE}))


class Validator(Record):
    """A validator and what it judges wrongly. ``start``/``end``: the bound, list element or arm
    that decides the first misjudged code (where the finding goes)."""

    start: int
    end: int
    name: str  # the function's name, or "if" for a condition that fails the connection
    rejects: tuple[int, ...]  # assigned codes it rejects
    accepts: tuple[int, ...]  # never-on-the-wire codes it accepts
    reject_start: int = 0  # where the finding for ``rejects`` goes
    reject_end: int = 0
    accept_start: int = 0
    accept_end: int = 0


# A text can hold a validator only if it names a code of the 1004–1016 stretch and a bound.
_NEAR = re.compile(r"10(?:0[4-9]|1[0-6])(?![\w.])")  # (the character before is checked by hand:
# a look-behind would cost the pattern its fast literal scan)
# a line where such a number is compared, ranged, matched or listed
_SITE_LINE = re.compile(r"[<>]|\.\.|\bin\b|includ|contain|indexOf|in_array|cover|(?:\d+\s*,\s*){2}\d")
_BOUND = re.compile(r"(?<![\w.])(?:999|1000|2999|3000|3999|4000|4999|5000)(?![\w.])")
# a name of a validator function or macro (isValidCloseCode, valid_code?, WS_CLOSE_CODE_VALID)
_NAME_WORDS = ("valid", "allowed", "reserved", "legal")
_IDENTIFIER = re.compile(r"[\w$]*")
_CALLED = re.compile(r"\w*\??\s*\(")
_VALIDATOR_NAME = re.compile(r"valid|allowed|legal|reserved|acceptable|permitted", re.IGNORECASE)
_NEGATIVE_NAME = re.compile(r"invalid|reserved|illegal|forbidden|bad|disallowed|not_?allowed", re.IGNORECASE)
_CODE_WORD = re.compile(r"code|status|close", re.IGNORECASE)
# What a failing branch does: throws, raises, answers 1002 or a protocol error, returns false.
_FAILS = re.compile(
    r"\bthrow\b|\braise\b|\bpanic!|\bErr\s*\(|1002|protocol_?error|PROTOCOL_?ERROR|ProtocolError|"
    r"Protocol(?:Error)?\b|[Ii]nvalid|INVALID|fail(?:Connection|_connection)|"
    r"return\s+(?:false|False|NO|nil|null|0)\b",
)


# More sites than any file of validators holds: a data table (every line a list of numbers), whose
# rows were each parsed as a region of their own (0.4 s for 40,000 rows); a row without a letter
# names no code to judge.
_DENSE = 64
_LETTER = re.compile(r"[A-Za-z_$]")


def _named_lines(text: str, sites: list[int]) -> list[int]:
    """The ``sites`` (in order) on lines with a letter; each line is looked at once."""
    kept: list[int] = []
    line_start, line_end, named = -1, -1, False
    for i in sites:
        if not line_start <= i < line_end:
            line_start = text.rfind("\n", 0, i) + 1
            line_end = text.find("\n", i)
            line_end = len(text) if line_end < 0 else line_end
            named = _LETTER.search(text, line_start, line_end) is not None
        if named:
            kept.append(i)
    return kept


def validators(text: str, language: str, *, correct: bool = False) -> tuple[Validator, ...]:
    """The validators in ``text`` that misjudge a code (none when there is nothing to evaluate);
    ``correct``: the ones that judge every code right as well (their lists are empty)."""
    sites = _sites(text)
    if len(sites) > _DENSE:  # a table of numbers: only a line that names something can judge a code
        sites = _named_lines(text, sites)
    if not sites:
        return ()
    from .languages import _FAMILY, _GRAMMARS, _parser, grammar_available

    family = _FAMILY.get(language, language)
    if language not in _GRAMMARS or not grammar_available(language):
        return ()
    starts = sorted(set(sites))
    lists = _named_lists(text)
    found: list[Validator] = []
    for start, end in _regions(text, language, starts):
        piece = text[start:end]
        data = piece.encode("utf-8", "surrogatepass")
        tree = _parser(language).parse(data)
        finder = _Finder(piece, data, family, start, lists)
        ascii_text = len(data) == len(piece)
        offsets = [
            s - start if ascii_text else len(piece[: s - start].encode("utf-8", "surrogatepass"))
            for s in starts
            if start <= s < end
        ]
        finder.visit(tree.root_node, offsets)
        found.extend(finder.found)
    return tuple(v for v in found if correct or v.rejects or v.accepts)


# A larger text is parsed only in the top-level chunks around its sites (as the scanner's windowed
# mode does: a top-level chunk parses alone); PHP parses only after its <?php, so whole.
WHOLE_TEXT = 20_000


def _regions(text: str, language: str, starts: list[int]) -> list[tuple[int, int]]:
    if len(text) <= WHOLE_TEXT or language == "php":
        return [(0, len(text))]
    from .chunks import _chunks, _Lexical

    return [
        (start, end) for start, end, _group in _chunks(text, _Lexical(text), [("v", s, s) for s in starts])
    ]


def _named_sites(text: str) -> list[int]:
    """Where ``text`` names a function or macro for validation (``isValidCloseCode(``): ``str.find``
    on the lowered text, then an anchored match (a search for the alternation is ten times slower)."""
    lowered = text.lower()
    out = []
    for word in _NAME_WORDS:
        i = lowered.find(word)
        while i >= 0:
            if _CALLED.match(text, i + len(word)):
                out.append(i)
            i = lowered.find(word, i + 1)
    return out


def _sites(text: str) -> list[int]:
    """Where ``text`` compares, ranges or lists a number of 1004–1016 (the stretch every validator
    this module reads names), or names a close-code validator (``validCloseCode(``, whose switch
    cases need not compare), when it holds such a number and names a bound: else no validator, and
    no parse."""
    sites = []
    near = False
    line_start, line_end, is_site = -1, -1, False  # (a row of numbers holds several: judged once)
    for m in _NEAR.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            continue
        near = True
        if not line_start <= start < line_end:
            line_start = text.rfind("\n", max(0, start - 200), start) + 1
            line_end = text.find("\n", start, start + 200)
            line_end = line_end if line_end >= 0 else start + 200
            is_site = _SITE_LINE.search(text, line_start, line_end) is not None
        if is_site:
            sites.append(start)
    if not near or not _BOUND.search(text):
        return []
    for start in _named_sites(text):
        name = _IDENTIFIER.match(text, text.rfind(" ", max(0, start - 60), start) + 1)
        if name is not None and _CODE_WORD.search(name.group(0)):
            sites.append(start)
    return sites


# ---------------------------------------------------------------------------------------------
# Expressions: tokens -> a small tree -> a three-valued verdict per code

_TOKEN = re.compile(
    r"(?P<num>0[xX][0-9a-fA-F_]+|\d[\d_]*)(?:[uUlLiI]\d*)*(?![\w.]\w)"
    r"|(?P<name>[$@\\]*[A-Za-z_]\w*[?]?)"
    r"|(?P<space>\s+|//[^\n]*|/\*.*?\*/|\\\n)"
    r"|(?P<op>===|!==|==|!=|<=|>=|&&|\|\||\.\.=|\.\.\.|\.\.|=>|::|->|[<>!()\[\]{},.|&;:=+\-*/%^~?])"
    r"|(?P<other>.)",
    re.DOTALL,
)
_TRUE = frozenset({"true", "True", "YES", "TRUE"})
_FALSE = frozenset({"false", "False", "NO", "FALSE", "nil", "null", "None", "undefined"})
_SKIP_NAMES = frozenset(
    {"self", "this", "static", "int", "uint16_t", "NSInteger", "u16", "as", "usize", "i32"}
)

if TYPE_CHECKING:
    Expr = tuple[object, ...]


class _Unknown(Exception):
    """The expression holds something the evaluator does not model."""


class _Parser:
    """Recursive descent over tokens: or / and / not / comparison / membership / primary."""

    def __init__(self, tokens: list[tuple[str, str, int, int]], lists: dict[str, frozenset[int]]) -> None:
        self.tokens = tokens
        self.i = 0
        self.lists = lists

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.tokens[j][1] if j < len(self.tokens) else ""

    def take(self) -> tuple[str, str, int, int]:
        if self.i >= len(self.tokens):
            raise _Unknown
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        if self.take()[1] != text:
            raise _Unknown

    def parse(self) -> Expr:
        expr = self.or_()
        if self.i != len(self.tokens):
            raise _Unknown
        return expr

    def or_(self) -> Expr:
        left = self.and_()
        while self.peek() in ("||", "or", "|"):
            self.take()
            left = ("or", left, self.and_())
        return left

    def and_(self) -> Expr:
        left = self.not_()
        while self.peek() in ("&&", "and"):
            self.take()
            left = ("and", left, self.not_())
        return left

    def not_(self) -> Expr:
        if self.peek() in ("!", "not"):
            self.take()
            return ("not", self.not_())
        return self.compare()

    def compare(self) -> Expr:
        left = self.postfix()
        ops = ("<", "<=", ">", ">=", "==", "===", "!=", "!==")
        if self.peek() in ops:
            parts: list[Expr] = []
            while self.peek() in ops:
                op = self.take()[1].replace("===", "==").replace("!==", "!=")
                right = self.postfix()
                parts.append(("cmp", op, left, right))
                left = right
            out = parts[0]
            for part in parts[1:]:
                out = ("and", out, part)
            return out
        if self.peek() == "in" or (self.peek() == "not" and self.peek(1) == "in"):
            negate = self.take()[1] == "not"
            if negate:
                self.take()
            member = ("in", left, self.postfix())
            return ("not", member) if negate else member
        if self.peek() in ("..", "..=", "..."):  # a bare range (a pattern)
            op = self.take()[1]
            high = self.postfix()
            return ("range", left, high, op != "...")
        return left

    def postfix(self) -> Expr:
        expr = self.primary()
        while True:
            if self.peek() in (".", "::", "->") and self.peek(1):
                self.take()
                kind, word, _s, _e = self.take()
                if kind != "name":
                    raise _Unknown
                if self.peek() == "(":
                    args = self.arguments()
                    expr = self.method(expr, word.rstrip("?"), args)
                elif expr[0] == "name":
                    expr = ("name", f"{expr[1]}.{word}", expr[2], expr[3])
                else:
                    raise _Unknown
            elif self.peek() == "(" and expr[0] == "name":
                args = self.arguments()
                expr = self.function(str(expr[1]), args)
            else:
                return expr

    def arguments(self) -> list[Expr]:
        self.expect("(")
        args: list[Expr] = []
        while self.peek() != ")":
            if self.peek() == "&":  # Rust's &code
                self.take()
            args.append(self.or_())
            if self.peek() == ",":
                self.take()
            elif self.peek() != ")":
                raise _Unknown
        self.take()
        return args

    def method(self, receiver: Expr, word: str, args: list[Expr]) -> Expr:
        if word in ("includes", "include", "contains", "has", "cover", "member") and len(args) == 1:
            return ("in", args[0], receiver)
        if word == "indexOf" and len(args) == 1:
            return ("index", args[0], receiver)
        if word in ("between",) and len(args) == 2:
            return ("and", ("cmp", ">=", receiver, args[0]), ("cmp", "<=", receiver, args[1]))
        if word in ("of", "asList") and receiver[0] == "name":  # Set.of(…), Arrays.asList(…)
            return ("list", tuple(args))
        raise _Unknown

    def function(self, name: str, args: list[Expr]) -> Expr:
        bare = name.rsplit(".", 1)[-1].lstrip("\\")
        if bare == "in_array" and len(args) >= 2:
            return ("in", args[0], args[1])
        if bare in ("frozenset", "set", "Set", "tuple", "list", "array") and len(args) == 1:
            return args[0]
        if bare in ("Contains",) and len(args) == 2:  # Go's slices.Contains(list, code)
            return ("in", args[1], args[0])
        raise _Unknown

    def primary(self) -> Expr:
        kind, word, start, end = self.take()
        if kind == "num":
            return ("num", int(word.replace("_", ""), 0 if word[:2] in ("0x", "0X") else 10), start, end)
        if kind == "name":
            if word in _TRUE:
                return ("bool", True)
            if word in _FALSE:
                return ("bool", False)
            if word == "new" and self.peek() in ("Set", "Array"):
                _kind, name2, _s, _e = self.take()
                return self.function(name2, self.arguments())
            if word == "matches" and self.peek() == "!":  # Rust's matches!(code, 1000..=1003 | …)
                self.take()
                args = self.arguments()
                if len(args) != 2:
                    raise _Unknown
                return ("in", args[0], ("list", _alternatives(args[1])))
            if word == "array" and self.peek() == "(":  # PHP array(1000, 1001)
                return ("list", tuple(self.arguments()))
            if word in self.lists:
                return ("set", self.lists[word])
            return ("name", word.lstrip("$@\\"), start, end)
        if word == "-" and self.peek().isdigit():
            _k, num, s, e = self.take()
            return ("num", -int(num), s, e)
        if word in ("&", "*"):
            return self.primary()
        if word == "(":
            if self.peek() in _CASTS and self.peek(1) == ")":  # (int)code
                self.take()
                self.take()
                return self.postfix()
            items = self.sequence(")")
            return items[0] if len(items) == 1 and not self.trailing_comma else ("list", tuple(items))
        if word in ("[", "{"):
            return ("list", tuple(self.sequence("]" if word == "[" else "}")))
        raise _Unknown

    trailing_comma = False

    def sequence(self, close: str) -> list[Expr]:
        items: list[Expr] = []
        self.trailing_comma = False
        while self.peek() != close:
            items.append(self.or_())
            self.trailing_comma = False
            if self.peek() == ",":
                self.take()
                self.trailing_comma = True
            elif self.peek() != close:
                raise _Unknown
        self.take()
        return items


_CASTS = frozenset({"int", "uint16_t", "NSInteger", "unsigned", "short", "long", "u16", "uint16", "Int"})


def _alternatives(expr: Expr) -> tuple[Expr, ...]:
    if expr[0] == "or":
        return (*_alternatives(expr[1]), *_alternatives(expr[2]))  # type: ignore[arg-type]
    return (expr,)


class _Eval:
    """Evaluate an expression tree for one code; ``None``: unknown. ``subject``: the one name the
    code is held in (set by the first comparison of a name with a number)."""

    def __init__(self) -> None:
        self.subject: str | None = None
        self.literals: list[tuple[int, int, int]] = []  # (value, start, end) of the numbers read

    def value(self, expr: Expr, code: int) -> object:
        kind = expr[0]
        if kind == "num":
            return expr[1]
        if kind == "bool":
            return expr[1]
        if kind == "name":
            name = _subject_name(str(expr[1]))
            if self.subject is None:
                self.subject = name
            if name != self.subject:
                raise _Unknown
            return code
        if kind == "set":
            return expr[1]
        if kind == "list":
            values: set[int] = set()
            for item in expr[1]:  # type: ignore[attr-defined]
                if item[0] == "num":
                    values.add(item[1])
                elif item[0] == "range":
                    low, high = self.value(item[1], code), self.value(item[2], code)
                    if not isinstance(low, int) or not isinstance(high, int):
                        raise _Unknown
                    values.update(range(low, high + 1 if item[3] else high))
                else:
                    raise _Unknown
            return frozenset(values)
        if kind == "range":
            low, high = self.value(expr[1], code), self.value(expr[2], code)  # type: ignore[arg-type]
            if not isinstance(low, int) or not isinstance(high, int) or isinstance(low, bool):
                raise _Unknown
            return range(low, high + 1 if expr[3] else high)
        return self.truth(expr, code)

    def truth(self, expr: Expr, code: int) -> bool:
        kind = expr[0]
        if kind == "or":
            return self.truth(expr[1], code) or self.truth(expr[2], code)  # type: ignore[arg-type]
        if kind == "and":
            return self.truth(expr[1], code) and self.truth(expr[2], code)  # type: ignore[arg-type]
        if kind == "not":
            return not self.truth(expr[1], code)  # type: ignore[arg-type]
        if kind == "bool":
            return bool(expr[1])
        if kind == "cmp":
            op, left, right = expr[1], expr[2], expr[3]
            a, b = self.value(left, code), self.value(right, code)  # type: ignore[arg-type]
            if not isinstance(a, int) or not isinstance(b, int) or isinstance(a, bool) or isinstance(b, bool):
                if op == "==" and isinstance(a, range | frozenset) and isinstance(b, int):  # Ruby's ===
                    return b in a
                raise _Unknown
            self._note(left, right)  # type: ignore[arg-type]
            return bool(_COMPARE[str(op)](a, b))
        if kind == "in":
            item, collection = self.value(expr[1], code), self.value(expr[2], code)  # type: ignore[arg-type]
            if not isinstance(item, int) or not isinstance(collection, range | frozenset):
                raise _Unknown
            self._note_all(expr[2])  # type: ignore[arg-type]
            return item in collection
        if kind == "index":  # list.indexOf(code): compared below as a number
            raise _Unknown
        raise _Unknown

    def _note(self, left: Expr, right: Expr) -> None:
        for side in (left, right):
            if side[0] == "num":
                self.literals.append((side[1], side[2], side[3]))  # type: ignore[arg-type]

    def _note_all(self, expr: Expr) -> None:
        if expr[0] == "num":
            self.literals.append((expr[1], expr[2], expr[3]))  # type: ignore[arg-type]
        elif expr[0] in ("list", "range"):
            for item in expr[1:]:
                if isinstance(item, tuple):
                    if item and isinstance(item[0], tuple):
                        for sub in item:
                            self._note_all(sub)
                    else:
                        self._note_all(item)


_COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _subject_name(name: str) -> str:
    parts = [p for p in name.split(".") if p not in _SKIP_NAMES]
    return ".".join(parts)


def _rewrite_index(tokens: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """``X.indexOf(c) !== -1`` / ``> -1`` / ``>= 0`` -> ``X.includes(c)`` (``=== -1``: its negation)."""
    out = list(tokens)
    i = 0
    while i < len(out):
        if out[i][1] == "indexOf" and i > 0 and out[i - 1][1] == ".":
            depth, j = 0, i + 1
            while j < len(out):
                depth += {"(": 1, ")": -1}.get(out[j][1], 0)
                if depth == 0:
                    break
                j += 1
            tail = [t[1] for t in out[j + 1 : j + 4]]
            negate = None
            if tail[:3] in (["!==", "-", "1"], ["!=", "-", "1"], [">", "-", "1"]):
                negate, width = False, 3
            elif tail[:2] == [">=", "0"]:
                negate, width = False, 2
            elif tail[:3] in (["===", "-", "1"], ["==", "-", "1"]):
                negate, width = True, 3
            elif tail[:2] == ["<", "0"]:
                negate, width = True, 2
            if negate is None:
                return out
            kind, _w, s, e = out[i]
            out[i] = (kind, "includes", s, e)
            del out[j + 1 : j + 1 + width]
            if negate:
                # find where the receiver starts: back over one bracketed list or a name
                k = i - 2
                if out[k][1] in ("]", ")"):
                    close, open_ = out[k][1], "[" if out[k][1] == "]" else "("
                    depth = 0
                    while k >= 0:
                        depth += {close: 1, open_: -1}.get(out[k][1], 0)
                        if depth == 0:
                            break
                        k -= 1
                out.insert(max(k, 0), ("op", "!", out[max(k, 0)][2], out[max(k, 0)][2]))
                i += 1
        i += 1
    return out


def _tokens(text: str, base: int) -> list[tuple[str, str, int, int]]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "space":
            continue
        if kind == "other":
            raise _Unknown
        word = m.group(kind) if kind != "num" else m.group("num")
        end = m.start() + len(word) if kind == "num" else m.end()
        out.append((kind, word, base + m.start(), base + end))
    return _rewrite_index(out)


def _parse(text: str, base: int, lists: dict[str, frozenset[int]]) -> Expr:
    return _Parser(_tokens(text, base), lists).parse()


# ---------------------------------------------------------------------------------------------
# Finding validators in a tree

_FUNCTIONS = frozenset({
    "function_declaration", "function_definition", "method_definition", "method_declaration",
    "function_item", "method", "singleton_method", "function_expression", "arrow_function",
    "preproc_function_def", "func_literal",
})  # fmt: skip
_IFS = frozenset({"if_statement", "if_expression", "if", "unless", "elif_clause", "else_if_clause"})
_MODIFIERS = frozenset({"if_modifier", "unless_modifier"})
_RETURNS = frozenset({"return_statement", "return_expression", "return"})
_THROWS = frozenset({"throw_statement", "raise_statement", "throw_expression"})
_COMMENTS = ("comment", "line_comment", "block_comment")
_STRINGS = ("string", "string_literal", "interpreted_string_literal", "raw_string_literal", "encapsed_string")


class _Fallthrough(Exception):
    pass


class _Finder:
    def __init__(
        self, text: str, data: bytes, family: str, base: int, lists: dict[str, frozenset[int]]
    ) -> None:
        self.text = text  # the parsed piece, at str offset ``base`` of the whole text
        self.data = data
        self.family = family
        self.base = base
        self.found: list[Validator] = []
        self.ascii = len(data) == len(text)
        self.lists = lists
        self.done: set[int] = set()  # if statements already read as part of a validator function
        self.decided: dict[int, Node] = {}  # code -> the switch or case that decided it

    def offset(self, byte: int) -> int:
        """A byte offset of the piece -> a str offset of the whole text."""
        return self.base + (byte if self.ascii else len(self.data[:byte].decode("utf-8", "surrogatepass")))

    def source(self, node: Node) -> tuple[str, int]:
        """The node's text with comments blanked (same length), and its str offset."""
        start, end = node.start_byte, node.end_byte
        chunk = bytearray(self.data[start:end])
        for comment in _descendants(node, _COMMENTS):
            for b in range(comment.start_byte - start, comment.end_byte - start):
                if chunk[b] not in (10, 13):
                    chunk[b] = 32
        return chunk.decode("utf-8", "surrogatepass"), self.offset(start)

    def expr(self, node: Node) -> Expr:
        text, base = self.source(node)
        return _parse(text, base, self.lists)

    def items(self, node: Node) -> tuple[Expr, ...]:
        """A comma-separated list of expressions (a case's values: ``case 1004, 1005:``)."""
        text, base = self.source(node)
        tokens = _tokens(text, base)
        parser = _Parser([*tokens, ("op", ")", base + len(text), base + len(text))], self.lists)
        items = tuple(parser.sequence(")"))
        if parser.i != len(parser.tokens):
            raise _Unknown
        return items

    def visit(self, root: Node, offsets: list[int]) -> None:
        """Read the functions, ``if`` statements and matches around these byte offsets (the
        1004–1016 numbers every validator this module reads holds): from each, up its ancestors."""
        functions: dict[tuple[int, int], Node] = {}
        others: dict[tuple[int, int], Node] = {}
        seen: set[tuple[int, int, str]] = set()
        for byte in offsets:
            node: Node | None = root.descendant_for_byte_range(byte, byte)
            while node is not None:
                key = (node.start_byte, node.end_byte, node.type)
                if key in seen:
                    break
                seen.add(key)
                if node.type in _FUNCTIONS:
                    functions[key[:2]] = node
                elif node.type in _IFS or node.type == "match_expression":
                    others[key[:2]] = node
                node = node.parent
        for _key, node in sorted(functions.items()):
            self.function(node)
        for _key, node in sorted(others.items()):
            if node.type == "match_expression":
                self.match(node)
            elif node.start_byte not in self.done:
                self.condition(node)

    # -- a function named for validation

    def function(self, node: Node) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            declarator = node.child_by_field_name("declarator")
            while declarator is not None and declarator.child_by_field_name("declarator") is not None:
                declarator = declarator.child_by_field_name("declarator")
            name_node = declarator
        name = name_node.text.decode("utf-8", "replace") if name_node is not None and name_node.text else ""
        if not name or not _VALIDATOR_NAME.search(name):
            return
        params = node.child_by_field_name("parameters")
        params_text = params.text.decode("utf-8", "replace") if params is not None and params.text else ""
        if not _CODE_WORD.search(name) and not _CODE_WORD.search(params_text):
            return
        negative = bool(_NEGATIVE_NAME.search(name))
        if node.type == "preproc_function_def":
            value = node.child_by_field_name("value")
            if value is None:
                return
            self.judge(name, lambda ev, code: ev.truth(self.expr(value), code), negative, node)
            return
        body = node.child_by_field_name("body")
        if body is None:
            return
        for inner in _descendants(body, _IFS):
            self.done.add(inner.start_byte)
        # validate_close_code(code) that raises for a bad code and returns nothing: reaching its end
        # means the code passed
        returns = [r for r in _descendants(body, _RETURNS) if r.named_child_count]
        raises = not returns and bool(_THROWS.intersection(_types(body)) or _RAISES.search(body.text or b""))
        self.judge(name, lambda ev, code: self.run(body, ev, code, raises), negative, node)

    def run(self, body: Node, ev: _Eval, code: int, raises: bool) -> bool:
        try:
            return self.block(body, ev, code)
        except _Fallthrough:
            if raises:
                return True
            raise _Unknown from None

    def block(self, node: Node, ev: _Eval, code: int) -> bool:
        """Run statements until one returns; raise _Fallthrough if none does."""
        kind = node.type
        if kind in _IFS:
            condition = node.child_by_field_name("condition")
            if condition is None:
                raise _Unknown
            holds = ev.truth(self.expr(condition), code)
            if kind == "unless":
                holds = not holds
            branch = node.child_by_field_name("consequence") or node.child_by_field_name("body")
            if holds:
                if branch is None:
                    raise _Unknown
                return self.block(branch, ev, code)
            alternative = node.child_by_field_name("alternative")
            if alternative is not None:
                return self.block(alternative, ev, code)
            alternatives = [c for c in node.children if c.type in _ELSES]
            for alt in alternatives:
                try:
                    return self.block(alt, ev, code)
                except _Fallthrough:
                    if alt.type in ("else_clause", "else"):
                        raise
                    continue
            raise _Fallthrough
        if kind == "expression_switch_statement":  # Go: no fallthrough without the keyword
            return self.switch(node, ev, code)
        if kind in _MODIFIERS:
            condition = node.child_by_field_name("condition")
            body = node.child_by_field_name("body")
            if condition is None or body is None:
                raise _Unknown
            holds = ev.truth(self.expr(condition), code)
            if kind == "unless_modifier":
                holds = not holds
            if holds:
                return self.block(body, ev, code)
            raise _Fallthrough
        if kind in _RETURNS:
            values = [c for c in node.named_children if c.type not in _COMMENTS]
            if len(values) != 1:
                raise _Unknown
            return ev.truth(self.expr(values[0]), code)
        if kind in _THROWS:
            return False
        if kind in ("call", "call_expression", "macro_invocation") and _first_word(node) in _FAIL_CALLS:
            return False
        if kind in ("expression_statement",) and node.named_child_count == 1:
            return self.block(node.named_children[0], ev, code)
        statements = [c for c in node.named_children if c.type not in _COMMENTS]
        if kind in _CONTAINERS:
            for i, child in enumerate(statements):
                last = i == len(statements) - 1
                if last and self.family in ("ruby", "rust") and child.type not in _STATEMENTS:
                    return ev.truth(self.expr(child), code)  # the last expression is the value
                if child.type in _DECLARATIONS:
                    raise _Unknown  # a local the conditions may read: not modelled
                if not _EXITS.intersection(_types(child)) and not _RAISES.search(child.text or b""):
                    continue  # logging, a comment: nothing that decides
                try:
                    return self.block(child, ev, code)
                except _Fallthrough:
                    continue
            raise _Fallthrough
        if self.family in ("ruby", "rust") or kind in _EXPRESSIONS:
            return ev.truth(self.expr(node), code)
        raise _Unknown

    def switch(self, node: Node, ev: _Eval, code: int) -> bool:
        """Go's ``switch code { case 1000, 1001: return true … }``: the case that holds the code, else
        ``default``, runs; one that returns nothing goes on after the switch."""
        value = node.child_by_field_name("value")
        if value is None or "fallthrough" in (node.text or b"").decode("utf-8", "replace"):
            raise _Unknown
        subject = ev.value(self.expr(value), code)
        if subject != code or isinstance(subject, bool):
            raise _Unknown
        chosen: Node | None = None
        for case in node.named_children:
            if case.type == "expression_case":
                values = case.child_by_field_name("value")
                if values is None:
                    raise _Unknown
                listed = ev.value(("list", self.items(values)), code)
                if isinstance(listed, frozenset) and code in listed:
                    chosen = case
                    break
            elif case.type == "default_case" and chosen is None:
                chosen = case  # (kept unless a later case holds the code)
        if chosen is None or chosen.type == "default_case":
            self.decided.setdefault(code, node)  # no case names it: the switch decides
        else:
            self.decided.setdefault(code, chosen)
        if chosen is None:
            raise _Fallthrough
        body = [c for c in chosen.named_children if c.type == "statement_list"]
        if not body:
            raise _Fallthrough
        return self.block(body[0], ev, code)

    # -- an if that fails the connection

    def condition(self, node: Node) -> None:
        condition = node.child_by_field_name("condition")
        branch = node.child_by_field_name("consequence") or node.child_by_field_name("body")
        if condition is None or branch is None:
            return
        text, _base = self.source(condition)
        if len(_NUMBER.findall(text)) < 3:
            return
        branch_text, _b = self.source(branch)
        if not _FAILS.search(branch_text):
            return
        try:
            expr = self.expr(condition)
            probe = _Eval()
            probe.truth(expr, 1000)
        except _Unknown:
            return
        if probe.subject is None or self.checked_elsewhere(node, condition, probe.subject):
            return
        # the branch runs when the condition holds: it fails the connection, so holding = invalid
        self.judge("if", lambda ev, code: ev.truth(expr, code), True, node)

    def checked_elsewhere(self, node: Node, condition: Node, subject: str) -> bool:
        """Does another condition of the enclosing function (an outer ``switch code``, an earlier
        ``if code == 1005``) test the same name? Then this ``if`` sees only what those let through,
        and judging it alone would be wrong (gws's ``switch realCode { case 1004, 1005, …`` before
        its range check)."""
        scope = node.parent
        while scope is not None and scope.type not in _FUNCTIONS:
            scope = scope.parent
        if scope is None:
            return True  # top-level code: no scope to read
        word = re.compile(rf"(?<![\w$]){re.escape(subject.rsplit('.', 1)[-1])}(?!\w)")
        for other in _descendants(scope, _CONDITIONALS):
            if other.start_byte == node.start_byte and other.type == node.type:
                continue
            head = other.child_by_field_name("condition") or other.child_by_field_name("value")
            if head is None and other.type in _CASES:
                head = other
            if head is None or (
                head.start_byte >= condition.start_byte and head.end_byte <= condition.end_byte
            ):
                continue
            if word.search((head.text or b"").decode("utf-8", "replace")):
                return True
        return False

    # -- a Rust match that maps codes to values, some of them the invalid ones

    def match(self, node: Node) -> None:
        value = node.child_by_field_name("value")
        body = node.child_by_field_name("body")
        if value is None or body is None:
            return
        arms: list[tuple[Expr | None, Node, str]] = []
        for arm in body.named_children:
            if arm.type != "match_arm":
                continue
            pattern = arm.child_by_field_name("pattern")
            result = arm.child_by_field_name("value")
            if pattern is None or result is None:
                return
            pattern_text, base = self.source(pattern)
            result_text = (result.text or b"").decode("utf-8", "replace")
            if pattern_text.strip() == "_":
                arms.append((None, arm, result_text))
                continue
            try:
                arms.append((_parse(pattern_text, base, self.lists), arm, result_text))
            except _Unknown:
                return
        if len(arms) < 5:
            return

        def outcome(ev: _Eval, code: int) -> tuple[str, Node]:
            for pattern, arm, result_text in arms:
                if pattern is None or ev.truth(("in", _CODE, ("list", _alternatives(pattern))), code):
                    word = re.match(r"\s*((?:\w+::)*\w+)", result_text)
                    if word is None:
                        raise _Unknown
                    return word.group(1).rsplit("::", 1)[-1], arm
            raise _Unknown

        # the codes outside 1000–4999 land on the invalid values: the same value for an assigned
        # code means the match files it with them (fastwebsockets' `_ => Bad(code)` for 1014)
        try:
            invalid = {outcome(_Eval(), code)[0] for code in _OUTSIDE}
            if outcome(_Eval(), 4000)[0] in invalid or outcome(_Eval(), 1000)[0] in invalid:
                return  # a catch-all (`_ => Other(code)`), not a verdict
        except _Unknown:
            return
        decided: dict[int, Node] = {}

        def verdict(ev: _Eval, code: int) -> bool:
            word, arm = outcome(ev, code)
            decided[code] = arm
            return word not in invalid

        # (what it accepts is not read from it: a value like Status or Reserved may still be refused
        # later, by a function this evaluator does not follow)
        self.judge("match", verdict, False, node, decided, judge_accepts=False)

    # -- judging

    def judge(
        self,
        name: str,
        verdict: object,
        negative: bool,
        node: Node,
        decided: dict[int, Node] | None = None,
        *,
        judge_accepts: bool = True,
    ) -> None:
        self.decided = {}
        ev = _Eval()
        valid: dict[int, bool] = {}
        for code in _PROBES:
            try:
                said = verdict(ev, code)  # type: ignore[operator]
            except (_Unknown, RecursionError, IndexError, ValueError):
                continue
            valid[code] = not said if negative else bool(said)
        if valid.get(1000) is not True or not any(valid.get(c) is False for c in _OUTSIDE):
            return  # not a whole validator (or not one this evaluator can read)
        if any(c not in valid for c in (*ASSIGNED, *NEVER_ON_WIRE)):
            return  # a code it is judged on is undecided
        if name == "if" and sum(not valid[c] for c in NEVER_ON_WIRE) < 3:
            return  # an if that is not named for validation must refuse the reserved codes to count
        rejects = tuple(c for c in ASSIGNED if not valid[c])
        accepts = tuple(c for c in NEVER_ON_WIRE if valid[c]) if judge_accepts else ()
        if len(accepts) == len(NEVER_ON_WIRE):
            accepts = ()  # a range check (1000–4999), not a judgment of the reserved codes
        if len(rejects) > 6:
            return  # rejects most assigned codes: not a close-code validator as read
        start, end = self.offset(node.start_byte), self.offset(node.end_byte)
        rs, re_ = self.place(rejects, ev, decided, (start, end))
        as_, ae = self.place(accepts, ev, decided, (start, end))
        self.found.append(
            Validator(start=start, end=end, name=name, rejects=rejects, accepts=accepts,
                      reject_start=rs, reject_end=re_, accept_start=as_, accept_end=ae)
        )  # fmt: skip

    def place(
        self, codes: tuple[int, ...], ev: _Eval, decided: dict[int, Node] | None, whole: tuple[int, int]
    ) -> tuple[int, int]:
        """Where a finding about ``codes`` goes: the arm that decides the first of them, else the
        number the validator reads nearest to it (the bound or list element that is off)."""
        if not codes:
            return whole
        first = codes[0]
        decided = {**self.decided, **(decided or {})}
        if first in decided:
            arm = decided[first]
            return self.offset(arm.start_byte), self.offset(arm.end_byte)
        if not ev.literals:
            return whole
        _value, start, end = min(ev.literals, key=lambda lit: (abs(lit[0] - first), lit[1]))
        return start, end


_ELSES = ("else_if_clause", "else_clause", "elif_clause", "else", "elsif")
_FAIL_CALLS = ("raise", "panic")
_EXPRESSIONS = ("parenthesized_expression", "binary_expression", "binary")
_CODE: Expr = ("name", "code", 0, 0)  # a match's value, as its patterns read it
# what else may test the code: ifs, switches and their cases, matches, Kotlin's when
_CASES = frozenset(
    {"case_statement", "expression_case", "switch_case", "switch_label", "case_clause", "when_entry"}
)
_CONDITIONALS = frozenset({
    *_IFS, "if_modifier", "unless_modifier", "switch_statement", "expression_switch_statement",
    "switch_expression", "match_expression", "when_expression", "case", "ternary_expression",
    "conditional_expression", *_CASES,
})  # fmt: skip
_STATEMENTS = frozenset({"if", "unless", "if_modifier", "unless_modifier", "return", "expression_statement"})
_DECLARATIONS = frozenset({
    "local_variable_declaration", "lexical_declaration", "variable_declaration", "let_declaration",
    "declaration", "assignment", "assignment_expression", "short_var_declaration",
})  # fmt: skip
_RAISES = re.compile(rb"\braise\b|\bpanic!")
_EXITS = frozenset({*_RETURNS, *_THROWS, "raise", "panic"})
_NUMBER = re.compile(r"(?<![\w.])\d{3,5}(?![\w.])")
_CONTAINERS = frozenset({
    "block", "statement_block", "compound_statement", "body_statement", "then", "else", "else_clause",
    "elsif", "program", "source_file", "translation_unit", "statement_list",
})  # fmt: skip


def _types(node: Node) -> set[str]:
    out = set()
    stack = [node]
    while stack:
        n = stack.pop()
        out.add(n.type)
        stack.extend(n.children)
    return out


def _first_word(node: Node) -> str:
    text = (node.text or b"").decode("utf-8", "replace").lstrip()
    m = re.match(r"\w+", text)
    return m.group(0) if m else ""


def _descendants(node: Node, types: frozenset[str] | tuple[str, ...]) -> Iterator[Node]:
    stack = list(node.children)
    while stack:
        n = stack.pop()
        if n.type in types:
            yield n
        stack.extend(n.children)


# A list of codes bound to a name in the file: VALID = (1000, 1001, …), const VALID = [1000, …],
# VALID = frozenset({1000, …}). Used only when the name is bound once, to numbers only.
_LIST_VALUE = re.compile(
    r"=\s*(?:frozenset|set|new\s+Set|Set\.of|List\.of|tuple)?\s*\(?\s*[\[{(]([\d\s,_]+)[\]})]"
)
_BOUND_NAME = re.compile(r"([A-Za-z_]\w*)\s*(?::[^=\n]{1,40})?\Z")


def _named_lists(text: str) -> dict[str, frozenset[int]]:
    seen: dict[str, list[frozenset[int]]] = {}
    for m in _LIST_VALUE.finditer(text):
        bound = _BOUND_NAME.search(text, max(0, m.start() - 80), m.start())
        numbers = [int(n.replace("_", "")) for n in re.findall(r"\d[\d_]*", m.group(1))]
        if bound is not None and numbers and (bound.start() == 0 or text[bound.start() - 1] not in "."):
            seen.setdefault(bound.group(1), []).append(frozenset(numbers))
    out = {}
    for name, values in seen.items():
        bindings = re.findall(rf"(?<![\w.]){re.escape(name)}\s*(?::[^=\n]{{1,40}})?=(?!=)", text)
        if len(values) == 1 and len(bindings) == 1:
            out[name] = values[0]
    return out
