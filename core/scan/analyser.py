"""The analysis of one parsed region: what each anchor really is (tree-sitter decides)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .._record import Record
from ..registry import Constant
from .anchors import _NAME_AT, received_names
from .languages import _FAMILY, _parser, needles
from .library import code_argument, lenient_api, rejecting_api
from .mentions import SCOPE_HEAD, brace_end, in_territory
from .model import Occurrence, Wrapper, occurrence
from .names import _WS_NUMBERED, _constant_table, _normalize, name_code
from .project import constant_like, guarded_codes
from .runtime import BROWSER_CAPABLE, browser_build

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from tree_sitter import Node

    from .project import ProjectIndex


class _LazyPattern:
    """A regular expression compiled on first use: most of the scanner's patterns serve shapes a
    given file never has (``wscode check`` starts a process per worker; each compile costs)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)


def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return _LazyPattern(pattern, flags)  # type: ignore[return-value] # it quacks like one


_INT_TYPES = frozenset(
    {
        "integer", "number", "int_literal", "integer_literal", "decimal_integer_literal",
        "hex_integer_literal", "octal_integer_literal", "binary_integer_literal", "hex_literal",
        "number_literal",
    }
)  # fmt: skip
_STRING_TYPES = frozenset(
    {
        "string", "string_literal", "interpreted_string_literal", "raw_string_literal",
        "template_string", "line_string_literal", "encapsed_string", "verbatim_string_literal",
        "raw_string", "multi_line_string_literal", "character_literal",
    }
)  # fmt: skip
_CALL_TYPES = frozenset(
    {
        "call", "call_expression", "method_invocation", "invocation_expression",
        "function_call_expression", "member_call_expression", "scoped_call_expression",
        "nullsafe_member_call_expression", "object_creation_expression", "new_expression",
        "struct_expression", "constructor_invocation", "explicit_constructor_invocation",
        "implicit_object_creation_expression", "composite_literal", "method_call",
        "function_call", "instance_expression",
    }
)  # fmt: skip
_ARG_LIST_TYPES = frozenset(
    {
        "arguments", "argument_list", "value_arguments", "call_suffix", "field_initializer_list",
        "literal_value",
    }
)  # fmt: skip
_ARG_WRAPPERS = frozenset(
    {
        "argument", "value_argument", "keyword_argument", "field_initializer", "pair",
        "named_argument", "keyed_element", "literal_element",
    }
)  # fmt: skip
_MEMBER_TYPES = frozenset(
    {
        "member_expression", "attribute", "selector_expression", "scoped_identifier",
        "field_access", "navigation_expression", "navigation_suffix", "member_access_expression",
        "class_constant_access_expression", "scope_resolution", "qualified_name", "field_expression",
        "prefix_expression", "scoped_type_identifier", "dot", "call", "qualified_identifier",
        "method_index_expression", "dot_index_expression", "qualified", "stable_identifier",
    }
)  # fmt: skip
_BINARY_TYPES = frozenset(
    {
        "binary_expression", "comparison_operator", "equality_expression", "binary",
        "binary_operator", "infix_expression", "relational_expression", "logical_and_expression",
    }
)  # fmt: skip
_PAREN_TYPES = frozenset({"parenthesized_expression", "parenthesized_statement"})
_EQ_OPERATORS = frozenset({"==", "===", "!=", "!==", "~=", "in", "not in", "is", "is not"})
_RELATIONAL = frozenset({"<", "<=", ">", ">="})
_RANGE_TYPES = frozenset({"range_expression", "range_pattern", "range", "range_test"})
_LIST_VALUE_TYPES = frozenset(
    {
        "tuple",
        "list",
        "set",
        "array",
        "array_literal",
        "collection_literal",
        "list_literal",
        "set_or_map_literal",
    }
)
# Operators that some grammars (Dart, Scala) parse as named nodes of their own.
_OPERATOR_TYPES = frozenset(
    {"equality_operator", "relational_operator", "logical_and_operator", "operator_identifier"}
)
# Calls that build a collection to test membership in: Set(1000, 1001).contains(code) (Scala), setOf(…)
_COLLECTION_CALLS = frozenset({"Set", "List", "Seq", "Vector", "Array", "setOf", "listOf", "arrayOf"})
# tree-sitter-dart has no call node: `ws.close(1000)` is an identifier, a selector `.close` and a
# selector holding argument_part(arguments) side by side; a cascade `ws..close(1000)` is alike.
_SELECTOR_NAME_TYPES = frozenset(
    {"unconditional_assignable_selector", "conditional_assignable_selector", "cascade_selector"}
)
# What a compared number may sit in before the comparison itself: lists and alternatives
# (`in (1000, 1001)`, `case 1000, 1001:`, `1000 | 1001 =>`, `is 1000 or 1001`), ranges, parentheses.
_GROUP_TYPES = (
    _LIST_VALUE_TYPES
    | _RANGE_TYPES
    | _PAREN_TYPES
    | frozenset({"expression_list", "union_pattern", "or_pattern", "constant_pattern", "pattern",
                 "switch_pattern", "match_pattern", "case_pattern", "parenthesized_pattern",
                 "alternative_pattern"})
)  # fmt: skip
# (names separated by "|" or spaces, each separator required: no two ways to split a name, so no
# exponential backtracking on a long run of identifiers that doesn't end in an arrow)
_ARM_NAME = r"[A-Za-z_]\w*(?:(?:::|\.)[A-Za-z_]\w*)*"
_ARM_MEMBER = _lazy(
    r"\s*(?P<pattern>" + _ARM_NAME + r"(?:(?:\s*\|\s*|\s+)" + _ARM_NAME + r")*)\s*(?:\|\s*)?(?:=>|->)\s*"
)
_ARM_SEPARATORS = _lazy(r"=>|->|\bthen\b|\bdo\b")
_ARM_SEPARATORS_COLON = _lazy(r"=>|->|\bthen\b|\bdo\b|(?<!:):(?!:)")
_COLON_CASES = frozenset(
    {"java", "csharp", "go", "swift", "python", "php", "javascript", "dart", "c", "cpp", "objc"}
)
# Objective-C sends messages, not calls: [ws closeWithCode:1006 reason:@"bye"]
_MESSAGE_TYPES = frozenset({"message_expression"})
_DECLARATION_TYPES = frozenset(
    {"field_declaration", "property_declaration", "local_variable_declaration", "lexical_declaration",
     "variable_declaration", "const_declaration", "const_spec", "var_spec", "const_item", "static_item",
     "let_declaration", "constant_declaration"}
)  # fmt: skip
_STATEMENT_TYPES = frozenset({"return_statement", "block", "if_statement", "throw_statement"})
# A function written as a value (its body is code that runs, not the value of a definition)
_FUNCTION_VALUE_TYPES = frozenset(
    {"arrow_function", "function_expression", "lambda", "lambda_expression", "lambda_literal",
     "closure_expression", "anonymous_function", "anonymous_function_creation_expression",
     "function_literal", "func_literal"}
)  # fmt: skip
# A constant: declared const / static final / static readonly, or named in upper case (NO_STATUS =)
_CONSTANT_HEAD = _lazy(
    r"(?:^|[\s(])(?:const|static\s+(?:final|readonly))\s"
    r"|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\s*(?::[^=]*)?=\s*(?:new\s+)?$"
)
_CLOSE_FUNCTION_NAMES = frozenset({"close", "Close", "closeAsync", "CloseAsync"})
_PARAMETER_NAME = _lazy(
    r"\s*(?:(?:int|ushort|short|UInt16|Int|number|\?int|val|var)\s+)?[$*&]*([A-Za-z_]\w*)"
)
_DEFAULT_CODE_NAMES = frozenset({"code", "closeCode", "close_code", "status", "statusCode", "closeStatus"})
_FALLBACK_OPERATORS = frozenset({"||", "??", "or", "?:", "||=", "??="})
_FALLBACK_PARENTS = frozenset(
    {"binary_expression", "boolean_operator", "binary_operator", "binary", "elvis_expression",
     "nil_coalescing_expression", "infix_expression", "operator_assignment",
     "augmented_assignment_expression", "assignment_expression"}
)  # fmt: skip
_CONDITIONAL_TYPES = frozenset({"ternary_expression", "conditional_expression"})
_EVENT_KEYS = frozenset({"code", "closeCode", "close_code"})
_ASGI_CLOSE = _lazy(r"""['"]type['"]\s*:\s*['"]websocket\.close['"]""")
_ASGI_DISCONNECT = _lazy(r"""['"]type['"]\s*:\s*['"]websocket\.disconnect['"]""")
# A plain name (a local): what assigned_values follows back to its assignments
_PLAIN_NAME_TYPES = frozenset({"identifier", "simple_identifier", "variable_name"})
_PLAIN_NAME = re.compile(r"\$?[A-Za-z_]\w*")


@cache
def _assignment_pattern(name: str) -> re.Pattern[str]:
    """``name = <a name, member or number>`` (``:=``, ``name: T = …``, ``var name = …``), not a
    field (``x.name = …``), a comparison or a keyword argument's ``==``."""
    return re.compile(
        r"(?<![\w$.])" + re.escape(name) + r"[ \t]*(?::[ \t]*[\w.<>\[\]?]+[ \t]*)?(?::=|=(?![=>~]))[ \t]*"
        r"(?P<value>-?\d[\w]*|[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*)[ \t]*(?=;|\r?$|//|#|--|/\*)",
        re.MULTILINE,
    )


@cache
def _branch_type(node_type: str) -> bool:
    """A node whose statements run together: a block, a case of a switch, an arm of a match."""
    return (
        _block_type(node_type)
        or node_type.endswith(("case", "_clause", "_arm", "_entry", "section", "group"))
        or node_type in ("compound_statement", "case_statement")
    )


# The app's close handler called with what the peer sent: onClose(…), on_close(…), onClosed(…)
_EVENT_HANDLER = _lazy(r"(?:^|[.\s>:])(?:on_?[Cc]losed?|on_?[Cc]losing|handle_?[Cc]losed?)\s*$")
_EVENT_CALL = _lazy(r"(?i)on\w*close|on_close|CloseEvent|emit|dispatchEvent|close_event|closeevent")
_EVENT_NAME = _lazy(r"(?i)(?:close_?)?(?:event|evt|ev)|close_?(?:event|info|frame)")
_ASSERT_CALL = _lazy(
    r"(?i)assert|expect|\.toBe\s*$|\.toEqual\s*$|\.isEqualTo\s*$|\.equal\s*$|\.eql?\s*$|CalledWith\s*$"
)
# What a test's matcher is called: an argument of it is an expected value, not something sent.
_MATCHER_CALL = _lazy(r"(?i)assert|expect|equal|\bshould|\bmust|\btoBe\b|\bcontain|\bexactly")
# expect(e.code).…, expect((err as CloseEvent).code).…, assertThat(frame.getCode()).…
_ASSERT_SUBJECT = _lazy(r"(?:expect|assertThat|assert)\s*\(\s*((?:[^()]|\([^()]*\))*)\s*\)\s*\.")
# An assertion about a close call or a close event: mock.close.assert_called_with(1000, …),
# expect(conn.close).toHaveBeenCalledWith(1000, …), listener.assertClosed(1000, "bye")
_CLOSE_ASSERT = _lazy(r"(?:[Cc]lose|CLOSE)(?:d|ing)?\b|[Cc]los(?:ed|ing)\w*\s*$")
_MEMBER_NAME = _lazy(
    r"(?P<name>[A-Za-z_]\w*)\s*(?::\s*[\w<>.]+\s*)?(?:=|\()\s*$|(?P<go>[A-Z]\w*)[ \t]+\w+[ \t]*=[ \t]*$"
)
_CONSTRUCTED = _lazy(r"(?:=|\bnew)\s*$")
_DECLARED_BY_CALL = _lazy(r"([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(?:new\s+)?$")
_NOT_MEMBER_NAMES = frozenset({"val", "var", "let", "const", "static", "final", "public", "private", "int"})
_MEMBERSHIP_METHODS = frozenset({"includes", "has", "contains", "indexOf", "include?"})
_ASSIGNED_NAME = _lazy(
    r"([A-Za-z_$][\w$]*)\s*(?::[^=]*)?(?::=|=)\s*(?:new\s+Set\s*\(\s*|setOf\s*\(\s*|listOf\s*\(\s*)?$"
)
_CASE_TYPES = frozenset(
    {
        "switch_case", "expression_case", "switch_label", "case_clause", "case_pattern",
        "match_arm", "match_pattern", "when_entry", "when_condition", "when", "switch_entry",
        "switch_pattern", "case_statement", "stab_clause", "switch_section", "switch_rule",
        "constant_pattern", "pattern", "switch_statement_case", "switch_expression_case",
    }
)  # fmt: skip
_SWITCH_TYPES = frozenset(
    {
        "switch_statement", "switch_expression", "expression_switch_statement", "match_expression",
        "match_statement", "when_expression", "case", "switch_block", "call",
    }
)  # fmt: skip
_ARG_TYPES = _ARG_LIST_TYPES | _ARG_WRAPPERS
_ERROR_CONTEXT_TYPES = frozenset(
    {
        "except_clause", "catch_clause", "rescue", "rescue_clause", "catch_block", "catch",
        "except_group_clause",
    }
)  # fmt: skip

_INT_TEXT = _lazy(
    r"(?:0[xX](?P<hex>[0-9a-fA-F_]+)|0[oO](?P<oct>[0-7_]+)|0[bB](?P<bin>[01_]+)|(?P<dec>[0-9][0-9_]*))"
    r"(?:_?(?:[uUiI](?:8|16|32|64|size)?|[lLsS]|UL|ul|u16|i32))?"
)
_WRAPPED_INT = _lazy(
    r"\(*\s*(?:\(\s*[\w.]+\s*\)\s*)?(?:[\w.:]+\s*\(\s*(?:rawValue\s*:\s*)?)?(?:\(\s*)?(?P<minus>-\s*)?N\s*\)?\s*"
    r"(?:\.\s*(?:into|try_into|toShort|toUShort|toInt|unwrap)\s*\(\s*\)\s*)*(?:as\s+[\w.]+\s*)?[!?]?\s*\)*"
)
_INT_TOKEN = re.compile(r"(?<![\w.])(?:0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*)(?:_?[a-zA-Z]\w*)?(?![\w.])")
_CODEISH = _lazy(
    r"(?:^|[.\s(>:$])(?:close_?code|code|close_?status|closeCode|CloseStatus|Code|status_code_close"
    r"|get_?close_?(?:code|status))"
    r"(?:_?as_?int|AsInt|AsUInt16|_?value|Value|_?number|Number)?"  # codeAsInt: the same code, converted
    r"(?:\s*\(\s*\))?(?:\.(?:Value|value|rawValue)|!)?\s*$",
    re.IGNORECASE,
)
_KEYED = _lazy(r"""(?:\[\s*:?['"]?|\.get\(\s*['"])([\w$]+)['"]?\s*(?:\]|,[^()]*\)|\))\s*$""")
_CLOSE_STATUS = _lazy(r"(?i)close\w*\s*\.\s*(?:get)?status_?code\s*(?:\(\s*\))?$")
_NOT_CODEISH = _lazy(r"(?i)(?:status_?code|http|exit_?code|key_?code|char_?code|err(?:or)?_?code)\s*$")
_NSERROR_CODE = _lazy(r"(?i)\berr(?:or)?\.code\s*$")  # Objective-C: an NSError's code, never a close code
_CODE_CALLS = _lazy(r"(?:^|\.)(?:CloseStatus|getCloseCode\(\)\.getCode|closeCode|getCode)\s*\(")
_PASSTHROUGH = _lazy(
    r"^[\w$@]+(?:(?:\.|\?\.|->|::)[\w$]+)*(?:\.|\?\.|->)(?:code|closeCode|close_code|Code|CloseStatus|"
    r"closeStatus|getCode\(\)|code\(\))(?:\.Value|\.value|!)?$"
)
_BARE_RECEIVED = frozenset({"code", "closeCode", "close_code", "closeStatus", "status_code"})
_WS_RECEIVER = re.compile(
    r"(?i)(?:ws|sock|socket|conn|connection|client|peer|channel|session|task|web_?socket)"
)
_REASON_LABELS = frozenset({"reason", "closeReason", "statusDescription", "reasonPhrase", "text", "message"})
_CODE_LABELS = frozenset({"code", "closeCode", "close_code", "status", "closeStatus", "with", "rawValue"})
_COMMENT_OR_STRING = re.compile(r"comment|string|heredoc|char_literal|character_literal|regex")
# Compiled once: `re.search(pattern_string, …)` pays a cache lookup on every call.
_NAMEISH = re.compile(r"[\w$@.:>-]+")
_PART_SEPARATOR = re.compile(r"[.\[\]:]")
_RECEIVER_SEPARATOR = re.compile(r"[.?>-]")
_NAME_SEPARATOR = re.compile(r"[.:>]")
_WORD_SEPARATOR = re.compile(r"[.:>\s]+")
_LABEL = re.compile(r"[\w$]+")
_LEADING_LABEL = re.compile(r"\s*([\w$]+)\s*:(?!:)")
_BEFORE_ARGUMENTS = re.compile(r"\s*(?:<[^()]*>)?\s*[({]?\s*")
_QUOTED = _lazy(r"(?s)[a-zA-Z@$]*(\"\"\"|'''|\"|'|`)(.*)\1")
_CLOSE_HANDLER_NAME = _lazy(
    r"(?i)on_?close|didClose|handle_?close|_closed\b|on_?disconnect|on_?closing"
    # Bun / uWebSockets.js / Deno handler objects: close(ws, code, reason) { … }
    r"|\bclose\s*\(\s*(?!self\b|this\b)[\w$]+\s*(?::\s*[\w$<>.\[\]]+\s*)?,\s*(?:code|closeCode|close_code)\b(?!\s*=)"
)
# Django Channels calls a consumer's disconnect(self, close_code) with the received code; elsewhere a
# method named disconnect(code) is the app's own way to close (its code is the caller's choice).
_PYTHON_CLOSE_HANDLER = _lazy(r"\bdef\s+(?:websocket_)?disconnect\b")
_CLOSE_HANDLER_LEAD = _lazy(
    r"""(?i)(?:\bon|addEventListener|once)\s*\(\s*['"]close['"]|onclose|on_close|\bon\s*\(?\s*:close\b"""
)
_CLOSE_PROPERTY = _lazy(r"(?:^|[{,\s])close\s*:\s*(?:async\s*)?$")
_SOCKET_FIRST = _lazy(r"\s*(?:async\s*)?\(\s*[\w$]+\s*(?::[^,()]*)?,\s*(?:code|closeCode)\b")
_RUBY_BLOCKS = frozenset({"do_block", "block"})
# Scala: c: Close, CloseMessage(…), frame @ WebSocketFrame.Close(_)
_CLOSE_PATTERN_TYPES = frozenset({"typed_pattern", "case_class_pattern", "capture_pattern"})
# Guards that keep the codes that must never be sent out of a forwarded one.
_RESERVED_WORDS = _lazy(r"(?i)1005|1006|1015|no_?status|abnormal|tls_?handshake|\bEmpty\b")
_NEGATED = _lazy(r"!==?|\bnot\s+in\b|!\s*\[|!\s*\(|\bunless\b|\bnot\b")
_IF_TYPES = frozenset({"if_statement", "if_expression", "if", "unless", "if_modifier", "unless_modifier"})
# A received-close value bound a few lines up: Go `ce, ok := err.(*websocket.CloseError)` or
# errors.As(err, &ce); .NET `var result = await ws.ReceiveAsync(…)`.
_RECEIVED_BINDING = r"\s*(?:,\s*\w+\s*)?:?=\s*[^\n;]*?(?:\.\(\s*\*?[\w.]*CloseError\s*\)|ReceiveAsync\s*\()"
_SOCKET_FIELDS = frozenset({"close_code", "closeCode", "CloseStatus", "closeStatus"})
_ERROR_HANDLER_NAME = _lazy(r"(?i)on_?error|handle_?error")
_ERROR_HANDLER_LEAD = _lazy(r"""(?i)(?:\bon|addEventListener|once)\s*\(\s*['"]error['"]|onerror""")
_NOT_RAISED = _lazy(r"(?i)disconnect|closed|close_?error|closeexception")
_ASSIGNED = re.compile(r"assignment|declarator|pair")


# ---------------------------------------------------------------------------------------------
# Text <-> bytes for one parsed region


class _Region:
    """A parsed piece of the text: the whole document, or one top-level chunk of it."""

    __slots__ = (
        "_ascii",
        "_body_bytes",
        "_byte_marks",
        "_prefix",
        "_str_marks",
        "bare_blocks_broken",
        "encoded",
        "root",
        "start",
        "text",
    )

    STEP = 2048

    def __init__(  # noqa: PLR0917 - the window, then how to wrap it
        self, text: str, start: int, end: int, language: str, prefix: str = "", suffix: str = ""
    ) -> None:
        """Parse ``text[start:end]``, after ``prefix`` and before ``suffix`` (ASCII; e.g. ``class _W {``
        so a class member parses as one); offsets in and out are offsets into ``text``."""
        self.start = start
        self.text = text[start:end]
        # C and C++ have no statements outside functions: a block there is the recovery's doing
        # (tree-sitter-objc reads sound Objective-C methods so, hence not Objective-C)
        self.bare_blocks_broken = language in ("c", "cpp")
        body = self.text.encode("utf-8")
        self._prefix = len(prefix)
        self._body_bytes = len(body)
        self.encoded = prefix.encode("ascii") + body + suffix.encode("ascii")
        self._ascii = len(body) == len(self.text)
        self._str_marks: list[int] = [0]
        self._byte_marks: list[int] = [0]
        if not self._ascii:
            total = 0
            for i in range(0, len(self.text), self.STEP):
                total += len(self.text[i : i + self.STEP].encode("utf-8"))
                self._str_marks.append(min(i + self.STEP, len(self.text)))
                self._byte_marks.append(total)
        self.root: Node = _parser(language).parse(self.encoded).root_node

    def to_byte(self, offset: int) -> int:
        """Document str offset -> byte offset in this region."""
        local = offset - self.start
        if self._ascii:
            return self._prefix + local
        i = local // self.STEP
        return self._prefix + self._byte_marks[i] + len(self.text[self._str_marks[i] : local].encode("utf-8"))

    def to_str(self, byte: int) -> int:
        """Byte offset in this region -> document str offset."""
        byte -= self._prefix  # clamped to the body (no min/max calls: thousands per region)
        if byte < 0:
            byte = 0
        elif byte > self._body_bytes:
            byte = self._body_bytes
        if self._ascii:
            return self.start + byte
        i = bisect_right(self._byte_marks, byte) - 1
        chunk = self.encoded[self._byte_marks[i] : byte].decode("utf-8", "replace")
        return self.start + self._str_marks[i] + len(chunk)

    def node_text(self, node: Node) -> str:
        return self.encoded[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def node_at(self, start: int, end: int) -> Node | None:
        return self.root.named_descendant_for_byte_range(self.to_byte(start), self.to_byte(end))

    def broken_at(self, node: Node) -> bool:
        """Is ``node`` inside the grammar's error recovery (an ERROR node, or a missing token)
        within the function around it? Only asked when the tree has errors at all."""
        if node.parent is None:  # nothing parsed covers the anchor: the tokens were skipped
            return True
        current: Node | None = node
        while current is not None:
            if current.is_error or current.is_missing:
                return True
            before = current.prev_sibling  # a block whose head the recovery swallowed, or a
            # construct whose line it swallowed the start of (`Future<void>` of `Future<void> close(…)`)
            if (
                before is not None
                and before.is_error
                and (_block_type(current.type) or before.end_point[0] == current.start_point[0])
            ):
                return True
            if (  # a C function body at the top level, after a statement the recovery built of its head
                before is not None
                and before.has_error
                and current.type == "compound_statement"
                and current.parent is not None
                and current.parent.parent is None
            ):
                return True
            if _definition_type(current.type) and not current.has_error and current.parent is not None:
                # the function around it parsed cleanly: errors further out don't matter here,
                # unless the recovery swallowed what names it (its parent is the error itself)
                return current.parent.is_error and current.prev_sibling is None
            parent = current.parent
            if (
                parent is not None
                and parent.parent is None
                and parent.has_error
                and self.bare_blocks_broken
                and current.type == "compound_statement"
            ):
                return True  # a bare block at the top of a broken file: the recovery lost its head
            if parent is not None and parent.parent is None and current.start_point[1] and not self._prefix:
                # an indented line read as top-level code: the recovery lost the block around it
                lead = self.encoded[current.start_byte - current.start_point[1] : current.start_byte]
                if not lead.strip():
                    return True
            current = parent
        return False


# ---------------------------------------------------------------------------------------------
# The analysis of one region


class _FileFacts(Record):
    language: str
    family: str
    browser: bool  # close() calls are the browser's WebSocket.close() (JS/TS; Go for js; Kotlin/JS)


def _int_of(text: str) -> int | None:
    text = text.strip()
    if text.isdigit() and text.isascii():  # the common case, what _INT_TEXT's "dec" would read
        return int(text)
    m = _INT_TEXT.fullmatch(text)
    if m is None:
        return None
    if m.group("hex") is not None:
        return int(m.group("hex").replace("_", ""), 16)
    if m.group("oct") is not None:
        return int(m.group("oct").replace("_", ""), 8)
    if m.group("bin") is not None:
        return int(m.group("bin").replace("_", ""), 2)
    return int(m.group("dec").replace("_", ""))


def _int_argument(node: Node) -> bool:
    """Is this argument (maybe wrapped: Kotlin's value_argument) an integer literal?"""
    while node.type in _ARG_WRAPPERS and node.named_child_count:
        inner = node.named_children[-1]
        if inner is None:
            break
        node = inner
    return node.type in _INT_TYPES


def _unparenthesized(node: Node) -> Node:
    """``node`` without the parentheses around it: ``((1006))`` -> ``1006``."""
    while node.type in _PAREN_TYPES and node.named_child_count == 1:
        inner = node.named_children[0]
        if inner is None:
            break
        node = inner
    return node


# A method that stands in a value for a missing one: Rust's code.unwrap_or(1005) and
# code.unwrap_or_else(|| 1005), Scala's code.getOrElse(1005)
_FALLBACK_METHODS = frozenset({"unwrap_or", "unwrap_or_else", "getOrElse"})


def _method_fallback(region: _Region, call: Node) -> tuple[Node, Node] | None:
    """(the value, its fallback) of ``value.unwrap_or(N)``, ``value.unwrap_or_else(|| N)`` or
    ``value.getOrElse(N)``: both may be what the call's caller sends."""
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or arguments is None or arguments.named_child_count != 1:
        return None
    if function.type != "field_expression":  # (Rust's and Scala's grammars both say so)
        return None
    receiver, method = function.child_by_field_name("value"), function.child_by_field_name("field")
    fallback = arguments.named_children[0]
    if receiver is None or method is None or fallback is None:
        return None
    name = region.node_text(method)
    if name not in _FALLBACK_METHODS:
        return None
    if fallback.type == "closure_expression":  # unwrap_or_else(|| 1005): what the closure returns
        parameters = fallback.child_by_field_name("parameters")
        body = fallback.child_by_field_name("body")
        if name != "unwrap_or_else" or body is None or parameters is None or parameters.named_child_count:
            return None  # (|code| …: it computes from something)
        fallback = body
    elif name == "unwrap_or_else":  # unwrap_or_else(default_code): a function, not a value
        return None
    return receiver, fallback


_BRANCHING_TYPES = frozenset({"when_expression", "if_expression", "match_expression"})


def _code_child(node: Node | None) -> bool:
    """A named child that is code, not a comment."""
    return node is not None and node.is_named and "comment" not in node.type


_CONVERSIONS = frozenset({"toShort", "toInt", "toUShort", "toLong", "into", "try_into"})


def _converted_operand(region: _Region, call: Node) -> Node | None:
    """``code`` of ``code.toShort()`` (Kotlin) or ``code.into()`` (Rust): the same number."""
    children = [c for c in call.named_children if c is not None]
    if len(children) != 2 or children[1].named_child_count or children[0].named_child_count != 2:
        return None
    callee = children[0]
    if callee.type not in ("navigation_expression", "field_expression"):
        return None
    receiver, method = callee.named_children[0], callee.named_children[-1]
    if receiver is None or method is None or region.node_text(method).lstrip(".") not in _CONVERSIONS:
        return None
    return receiver


def _tail(node: Node) -> Node | None:
    """What a branch body evaluates to: itself, or the last expression of a block."""
    while node.type in ("block", "control_structure_body", "statements", "else_clause"):
        named = [c for c in node.named_children if _code_child(c)]
        if not named:
            return None
        node = named[-1]
    return None if node.type.endswith(("statement", "declaration")) else node


def _branch_results(expression: Node) -> list[Node]:
    """The results of every branch of a Kotlin ``when``/``if`` or a Rust ``match``/``if``
    expression; empty unless every branch has one (an ``if`` without ``else`` has none)."""
    bodies: list[Node] = []
    if expression.type == "when_expression":
        for entry in expression.named_children:
            if entry is None or entry.type != "when_entry":
                continue
            arrow = next((i for i, c in enumerate(entry.children) if c.type == "->"), None)
            after = [c for c in entry.children[arrow + 1 :] if _code_child(c)] if arrow is not None else []
            if len(after) != 1:
                return []
            bodies.append(after[0])
    elif expression.type == "match_expression":
        block = expression.child_by_field_name("body")
        for arm in block.named_children if block is not None else ():
            if not _code_child(arm):
                continue
            value = arm.child_by_field_name("value") if arm.type == "match_arm" else None
            if value is None:
                return []
            bodies.append(value)
    else:  # if_expression
        condition = expression.child_by_field_name("condition")
        bodies = [c for c in expression.named_children if _code_child(c) and c != condition]
        if len(bodies) != 2:
            return []
    results = []
    for body in bodies:
        tail = _tail(body)
        if tail is None:
            return []
        if tail.type in _BRANCHING_TYPES:  # else if …: its branches
            inner = _branch_results(tail)
            if not inner:
                return []
            results.extend(inner)
        else:
            results.append(tail)
    return results


def _options_code(region: _Region, options: Node) -> Node | None:
    """The value of the ``code`` key of a JavaScript options object (``{code: 1050, reason}``)."""
    for pair in options.named_children:
        if pair is None or pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        if key is not None and value is not None and region.node_text(key).strip("'\"") in _EVENT_KEYS:
            return value
    return None


def _chain_first(node: Node) -> Node:
    """The first node of the flat chain that ends at ``node`` (Dart: ``ws`` of ``ws.sink`` ``.close``),
    or ``node`` itself in grammars whose member expressions are nodes."""
    first = node
    previous = node.prev_sibling
    while first.type == "selector" and previous is not None and previous.is_named:
        first, previous = previous, previous.prev_sibling
    return first


def _selector_call(node: Node) -> tuple[Node, Node, Node] | None:
    """Dart's calls (no call node, see _SELECTOR_NAME_TYPES): for a callee name ``node``, (the node
    that holds the chain, the chain's first node, the arguments), or None."""
    holder = node
    parent = node.parent
    if parent is not None and parent.type in _SELECTOR_NAME_TYPES:
        holder = parent if parent.type == "cascade_selector" else parent.parent  # type: ignore[assignment]
        if holder is None or (holder is not parent and holder.type != "selector"):
            return None
    after = holder.next_sibling
    if after is not None and after.type == "selector":
        after = after.named_children[0] if after.named_child_count else None
    if after is None or after.type != "argument_part":
        return None
    args = next((c for c in after.named_children if c is not None and c.type == "arguments"), None)
    container = holder.parent
    if args is None or container is None:
        return None
    first = _chain_first(holder)
    if holder.type == "cascade_selector":  # ws..close(1000): the receiver precedes the cascade
        receiver = container.prev_sibling
        while receiver is not None and receiver.type == "cascade_section":
            receiver = receiver.prev_sibling
        first = receiver if receiver is not None and receiver.is_named else holder
    return container, first, args


def _ancestors(node: Node, limit: int) -> Iterator[Node]:
    parent = node.parent
    while parent is not None and limit > 0:
        yield parent
        parent = parent.parent
        limit -= 1


@cache
def _comment_or_string_type(node_type: str) -> bool:
    return bool(_COMMENT_OR_STRING.search(node_type)) and node_type not in ("interpolation",)


@cache
def _function_type(node_type: str) -> bool:
    return any(word in node_type for word in ("function", "lambda", "arrow", "method", "closure"))


@cache
def _definition_type(node_type: str) -> bool:
    """A function, method, lambda or closure (not a call of one: method_invocation)."""
    return _function_type(node_type) and not any(
        w in node_type for w in ("invocation", "call", "reference", "index")
    )


@cache
def _block_type(node_type: str) -> bool:
    return "block" in node_type or "body" in node_type


@cache
def _assigned_type(node_type: str) -> bool:
    return _ASSIGNED.search(node_type) is not None


def _ancestor_list(node: Node, limit: int) -> list[Node]:
    """``_ancestors`` as a list, for when all of them are needed (no generator: faster)."""
    out: list[Node] = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        if len(out) == limit:
            break
        parent = parent.parent
    return out


def _in_comment_or_string(node: Node, parents: list[Node] | None = None) -> bool:
    """Is ``node``, or one of its 3 nearest ancestors (``parents``, when known), a comment or string?"""
    if _comment_or_string_type(node.type):
        return True
    for parent in _ancestor_list(node, 3) if parents is None else parents:
        if _comment_or_string_type(parent.type):
            return True
    return False


_FUNCTION_HEAD = _lazy(
    r"\s*(?:(?:export|async|static|public|private|protected|internal|override|open|suspend|final|"
    r"abstract|pub|default|inline|func|fun|fn|def|function|sub)\s+.*[({:]|"
    r"(?!(?:if|for|foreach|while|switch|catch|else|try|do|match|when|case|with|class|struct|interface|enum|"
    r"object|impl|module|namespace|trait|record|return)\b)[^=]*\)\s*(?:->\s*[^{]*|:\s*[\w<>?.\[\]]+|throws[^{]*)?\{?"
    r"|.*=>\s*\{?)\s*$"
)


def _in_other_function(text: str, offset: int, indent: int) -> bool:
    """Does the binding at ``offset`` (on a line indented ``indent``) sit in a function's body:
    is the nearest less indented line above it a function's head? (Told from the text alone, so
    a window and the whole file agree.)"""
    if indent == 0:
        return False
    for _start, head in _outer_lines(text, offset, indent, 2000):
        if head.strip().startswith("{"):  # Allman style: the head is the line above
            continue
        return _FUNCTION_HEAD.match(head) is not None
    return False


def _outer_lines(text: str, offset: int, indent: int, limit: int) -> Iterator[tuple[int, str]]:
    """The non-blank lines above ``offset`` indented less than ``indent``, nearest first, as
    (start offset, text), looking at most ``limit`` lines up."""
    line = text.rfind("\n", 0, offset)
    for _ in range(limit):
        if line <= 0:
            return
        previous = text.rfind("\n", 0, line) + 1
        head = text[previous:line]
        if head.strip() and _indent_at(text, previous) < indent:
            yield previous, head
        line = previous - 1


def _indent_at(text: str, offset: int) -> int:
    """The indentation of the line holding ``offset`` (tabs count 4)."""
    line = text.rfind("\n", 0, offset) + 1
    indent = 0
    while line < len(text) and text[line] in " \t":
        indent += 4 if text[line] == "\t" else 1
        line += 1
    return indent


_CALL_BEFORE = _lazy(r"(?:^|[^\w$])(?:def|function|func|fun|fn|sub)\s+[\w$]*\s*\($|=>\s*\($")


def _keyword_argument(text: str, offset: int) -> bool:
    """Is the binding at ``offset`` a keyword argument of a call (``f(code=1006)``,
    ``f(a, code=1006)``), rather than a parameter's default or a variable?"""
    before = text[max(0, offset - 200) : offset].rstrip()
    if not before or before[-1] not in "(,":
        return False
    depth, i = 0, len(before) - 1
    while i >= 0:  # back to the "(" that opens this list
        ch = before[i]
        if ch in ")]}":
            depth += 1
        elif ch in "([{":
            if depth == 0:
                break
            depth -= 1
        elif ch == "\n" and depth == 0 and before[-1] == ",":
            pass
        i -= 1
    if i < 0 or before[i] != "(":
        return False
    head = before[: i + 1]
    return _CALL_BEFORE.search(head) is None and not head[:-1].rstrip().endswith(("=", "=>", "->"))


_ENUM_SCOPED = frozenset({"c", "cpp", "objc"})  # an enum's members are names of the enclosing scope
_ENUM_HEAD = _lazy(r"^(?:typedef\s+)?(?:enum\b|NS_(?:CLOSED_)?ENUM\s*\()")


def _top_level_enum_member(text: str, offset: int, indent: int) -> bool:
    """Is the binding at ``offset`` a member of an unindented C / C++ / Objective-C enum (``enum {
    ARTWsCloseNormal = 1000, … }``, ``typedef NS_ENUM(NSInteger, X) { … }``)? Its name is in scope
    in every function below it."""
    if indent == 0 or indent > 8:
        return False
    for start, head in _outer_lines(text, offset, indent, 200):
        if head.strip() == "{":  # Allman style: the head is the line above
            continue
        return _indent_at(text, start) == 0 and _ENUM_HEAD.match(head) is not None
    return False


def _go_group_member(text: str, offset: int, indent: int) -> bool:
    """Is the binding at ``offset`` a member of a Go ``const ( … )`` or ``var ( … )`` group at the
    top of the file (``wsCloseStatusTLSHandshake = 1015``)? Its name is in scope in every function."""
    if indent == 0 or indent > 8:
        return False
    for start, head in _outer_lines(text, offset, indent, 400):
        return _indent_at(text, start) == 0 and head.strip() in ("const (", "var (")
    return False


_BLOCK_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
_ENUMERATOR = re.compile(r"[A-Za-z_]\w*")


def _implicit_enum_value(text: str, name: str) -> int | None:
    """The value of a C / C++ / Objective-C enumerator written without one: one more than the member
    before it (``kCodeStatusCodeExpected = 1005, kCodeAbnormal`` -> 1006), counting from 0. None
    unless ``name`` is such a member of exactly one enum of the text, and every step is plain."""
    found: set[int] = set()
    pattern = r"(?<![\w$.>:])" + re.escape(name) + r"\s*(?:=\s*[^,}]*)?(?=\s*(?:,|}|//|/\*))"
    for m in re.finditer(pattern, text):
        if "=" in m.group():
            return None  # it has a value: a binding (see bindings), not an implicit one
        brace = text.rfind("{", max(0, m.start() - 20_000), m.start())
        if brace < 0 or "}" in text[brace : m.start()]:
            continue
        line = text.rfind("\n", 0, brace) + 1
        head = text[line:brace].strip()
        declaration = text[max(0, line - 200) : brace].rsplit(";", maxsplit=1)[-1]  # (the head's lines)
        if not _ENUM_HEAD.match(head) and "enum" not in declaration:
            continue
        prior = _BLOCK_COMMENTS.sub("", text[brace + 1 : m.start()]).split(",")[:-1]
        steps = 0
        value: int | None = None
        for part in reversed(prior):
            member = part.strip()
            if not member:
                continue
            steps += 1
            if "=" in member:
                left, right = member.split("=", 1)
                explicit = _int_of(right)
                if explicit is None or not _ENUMERATOR.fullmatch(left.strip()):
                    return None
                value = explicit + steps
                break
            if not _ENUMERATOR.fullmatch(member):
                return None
        found.add(value if value is not None else steps)
    return found.pop() if len(found) == 1 else None


_GO_ERR_CHECK = _lazy(r"if\s+(?:[^{]*;\s*)?err\s*!=\s*nil")


class _Wrapper(Record):
    """A function of the file that sends the code it is given: ``def fail(ws, code): ws.close(code)``."""

    name: str
    position: int  # which positional argument is the code (after Python's self); -1: unsure
    parameter: str
    label: str | None  # how a caller may name it (Swift's argument label), when not by its name
    api: str  # "fail → ws.close"
    inner: str  # the close API's name ("close")
    has_self: bool
    local: bool = False  # the inner close is the file's own method that sends nothing (closes_locally)


# The connection a free close function is given first: close(socket, code), close(state, 1000, "")
_HOLDER = _lazy(
    r"(?i)[$@&*]*\w*(?:ws|sock|socket|conn|connection|client|peer|channel|session|state|transport)"
)


# A variable that holds a close's reason, not its code (driver.close(reason, code))
_REASON_NAME = _lazy(r"(?i)[$@&*]*\w*(?:reason|message|msg|description)")


def _body(text: str, start: int, head_end: int, limit: int = 4000) -> str:
    """The body of the function whose head is ``text[start:head_end]``: up to its closing brace, or
    (no brace: Python, Ruby) up to the next line indented no deeper than the head's."""
    brace = text.find("{", head_end - 1, head_end + 200)
    newline = text.find("\n", head_end - 1)
    if brace >= 0 and (newline < 0 or brace < newline):
        close = brace_end(text, brace, min(len(text), brace + limit))
        return text[brace:close] if close >= 0 else text[brace : brace + limit]
    indent = _indent_at(text, start)
    end = newline if newline >= 0 else len(text)
    while 0 <= end < min(len(text), head_end + limit):
        following = text.find("\n", end + 1)
        line = text[end + 1 : following if following >= 0 else len(text)]
        if line.strip() and _indent_at(text, end + 1) <= indent and not line.lstrip().startswith(")"):
            break
        end = following if following >= 0 else len(text)
    return text[head_end:end]


# A function's definition around its name: `def close(`, `function close(`; `close(code) {` (a method)
_DEFINED_BEFORE = _lazy(r"\b(?:def|function|func|fun)[ \t]+$")
_DEFINED_AFTER = _lazy(r"[^()\n]*\)[ \t]*\{")
# Calls that take a close code but only report a close (an exception the app's handlers catch)
_EVENT_ONLY = frozenset({"WebSocketDisconnect"})
# A call that closes a connection (for closes_locally: a method whose body has none sends nothing)
_SENDS_CLOSE = _lazy(
    r"(?<![\w$])(?:close|Close|closeAsync|CloseAsync|close_connection\w*|cancel|FormatCloseMessage|CloseFrame"
    r"|CloseReason|CloseStatus|CloseConnection|WriteControl|WriteClose|send_close|sendClose)\s*[(!]"
    r"|\{:close\b|websocket\.close"
)
# The code of an enum member that carries it (enum class CloseCode(val code: Int) { NORMAL(1000) }):
# CloseCode.NORMAL.code, Codes.LOST.getCode(), Status.AWAY.value
_MEMBER_ACCESSOR = _lazy(r"(.*?[.:][A-Z][A-Za-z0-9_]*)\.(?:code|value|getCode\(\)|getValue\(\)|statusCode)")
# A type named for WebSocket close codes (a project constant that is its member is a close code,
# whatever its value: WsStatus, SocketStatus, CloseCode; not HttpStatus)
_STATUS_OWNER = _lazy(r"(?i)^(?!http)\w*(?:ws|websocket|socket|close)\w*$")
# A condition that keeps one value out: status != NoStatus, (code !== 1005)
_NOT_EQUAL_GUARD = _lazy(r"\(?\s*([\w$.]+)\s*!==?\s*([\w$.]+)\s*\)?")
# A function that builds a Close frame's body by hand (on_frame_builder): wsCreateCloseMessage,
# build_close_frame, closePayload, encodeCloseFrame
_CLOSE_FRAME_BUILDER = _lazy(
    r"(?i)close_?(?:message|msg|frame|payload|body|packet|data)|(?:frame|payload)_?close"
)
# A parameter that holds a close code (not a length or an offset)
_CODE_PARAMETER = _lazy(r"(?i)code|status")
# The pack() formats of one unsigned 16-bit number in network byte order: PHP's "n" (php.net, pack),
# Python's "!H" / ">H" (docs.python.org, struct: Byte Order, Size, and Alignment)
_FRAME_FORMATS = {"php": ("n",), "python": ("!H", ">H")}
# Names of functions that never wrap a send, whatever their body does.
_NOT_WRAPPERS = frozenset({"main", "init", "constructor", "__init__", "new", "setUp", "test"})
# A number conversion or an enum case's raw value around an operand: UInt16(x), Int(x), x.rawValue
_CONVERTED = _lazy(
    r"(?:(?:Int|UInt16|Int16|UInt|Short|ushort|short|int|u16|i32|int16|uint16)\s*\(\s*(?P<operand>.+?)\s*\)"
    r"|(?P<raw>.+?)\s*\.\s*rawValue)"
)


def _descendant_with_text(region: _Region, node: Node, text: str, depth: int = 6) -> Node | None:
    """The first named node under ``node`` whose source is ``text`` (the operand of a conversion)."""
    layer = [node]
    for _ in range(depth):
        below = [c for n in layer for c in n.named_children if c is not None]
        for child in below:
            if region.node_text(child).strip() == text:
                return child
        layer = below
    return None


_CONVERSION = re.compile(
    r"\b(?:Int|UInt16|Int16|UInt|Short|ushort|short|int|u16|i32|int16|uint16)\s*\(\s*N\s*\)"
)
_PARAMETER_WORD = re.compile(r"[A-Za-z_$][\w$]*")


def _parameter_name(text: str, family: str) -> tuple[str, str | None]:
    """A parameter's name and its caller-side label: ``code``, ``int code``, ``code: Short = 1000``,
    ``$code``, ``mut code: u16``, Go ``code int``, Swift ``with code: UInt16`` (label ``with``)."""
    text = text.split("=", 1)[0] if family != "elixir" else text
    head = text.split(":", 1)[0] if ":" in text.replace("::", "") else text
    words = [
        w
        for w in _PARAMETER_WORD.findall(head)
        if w not in ("mut", "ref", "out", "in", "final", "let", "var", "val", "inout", "params", "readonly")
    ]
    if not words:
        return "", None
    if family == "go":
        return words[0], None
    if family == "swift" and len(words) >= 2 and ":" in text:
        return words[-1], None if words[-2] == "_" else words[-2]
    return words[-1], None


class _Analyser:
    """Turns anchors into occurrences, one parsed region at a time; collects them in ``found``."""

    def __init__(self, text: str, facts: _FileFacts, project: ProjectIndex | None = None) -> None:
        self.text = text
        self.facts = facts
        self.project = project  # the other files' constants (project.py), when a front end knows them
        self.unresolved: set[str] = set()  # constant-like names sent as a code that nothing here binds
        self._local_closes: dict[str, bool] = {}  # close method name -> closes_locally(name)
        self.wrappers: dict[str, _Wrapper] = {}  # the file's own functions that close with a parameter
        self.fresh_wrappers: list[str] = []  # found since the caller last took them (take_wrappers)
        self.constants_of = facts.family if facts.family != "javascript" else facts.language
        self.table = _constant_table(self.constants_of)
        self.found: dict[tuple[int, int], Occurrence] = {}
        self.mentions: dict[tuple[int, int], Occurrence] = {}  # every mention found (see on_mention)
        self._bindings: dict[str, list[tuple[int, int, int | None, int]]] = {}
        self.bound_at: list[int] = []  # where the binding(s) the last definition() used write the value
        self.definers: dict[tuple[int, int], int] = {}  # value span -> start of the name defining it
        self._mentions_close: bool | None = None
        self._error_handlers: dict[int, bool] = {}  # per region: see run
        self._api_names: dict[tuple[str, str], str] = {}  # (name, receiver) -> api_name(…)
        self._codeish: dict[str, bool] = {}  # text -> codeish(text)
        self._received: frozenset[str] | None = None  # names a receive call binds a close code to
        self._memberships: dict[str, bool] = {}
        self._guards: dict[str, tuple[bool, bool]] = {}  # close function -> does it guard 1005, 1006
        # wrappers defined in another file of the project -> the library markers of that file
        self.external: dict[str, tuple[str, ...]] = {}
        if project is not None:
            for spec in project.wrappers_for(text, facts.language):
                self.wrappers[spec.name] = _Wrapper(**{f: getattr(spec, f) for f in _Wrapper._fields})
                self.external[spec.name] = spec.markers

    def mentions_close(self) -> bool:
        """Does the text contain one of ``needles(language)``? Rarely asked, so found on demand."""
        if self._mentions_close is None:
            self._mentions_close = any(needle in self.text for needle in needles(self.facts.language))
        return self._mentions_close

    # -- helpers ---------------------------------------------------------------------------
    def add(self, occ: Occurrence) -> None:
        key = (occ.start, occ.end)
        old = self.found.get(key)
        if old is None or (
            _RANK[occ.role] > _RANK[old.role] and not (old.api == "local" and occ.api == "fallback")
        ):
            self.found[key] = occ  # (a local's value that is sent says more than "a fallback")

    def constant_for(self, region: _Region, node: Node) -> tuple[Node, Constant] | None:
        """The library constant this node (an identifier or a qualified name) stands for."""
        current = node
        holder = node.parent
        selector = node if node.type == "selector" else None
        if selector is None and holder is not None and holder.type in _SELECTOR_NAME_TYPES:
            selector = holder.parent  # Dart: WebSocketStatus .goingAway, side by side
        if selector is not None and selector.type == "selector":
            first = _chain_first(selector).start_byte
            chain = _normalize(region.encoded[first : selector.end_byte].decode("utf-8", "replace"))
            found = self.table_hit(chain)
            return None if found is None else (selector, found)
        for parent in _ancestors(node, 4):
            if parent.type in _MEMBER_TYPES and parent.end_byte == current.end_byte:
                if parent.type == "call" and self.facts.family != "elixir":
                    break
                current = parent
                continue
            if parent.type == "element_reference":  # Ruby ERRORS[:going_away]
                current = parent
            break
        text = _normalize(region.node_text(current))
        if self.facts.family == "swift" and text in self.table.implicit:
            return current, self.table.implicit[text]
        found = self.table_hit(text)
        return None if found is None else (current, found)

    def table_hit(self, text: str) -> Constant | None:
        """The library constant a qualified name (``CloseCode.GOING_AWAY``, ``x.status.goingAway``) names."""
        parts = text.split(".")
        for k in range(len(parts), 0, -1):
            hits = self.table.by_key.get(".".join(parts[-k:]))
            if hits:
                chosen = hits[0]
                if (
                    len({c.library for c in hits}) > 1
                ):  # e.g. starlette vs fastapi: which does the file import?
                    chosen = next((c for c in hits if c.library.split("-")[0] in self.text.lower()), hits[0])
                return chosen
        return None

    def value_of(self, region: _Region, node: Node) -> tuple[str, int, Node, Constant | None, bool] | None:
        """(kind, code, node, constant, passthrough) for a code expression, or None."""
        node = _unparenthesized(node)
        node_type = node.type
        if node_type == "selector":  # Dart: the last link of a flat chain stands for the chain
            text = (
                region.encoded[_chain_first(node).start_byte : node.end_byte]
                .decode("utf-8", "replace")
                .strip()
            )
        else:
            text = region.node_text(node).strip()
        if node_type in _INT_TYPES:
            value = _int_of(text)
            if value is None and text.startswith("-"):  # Objective-C reads -1 as one number_literal
                value = _int_of(text[1:])
                return None if value is None else ("literal", -value, node, None, False)
            return None if value is None else ("literal", value, node, None, False)
        if text.startswith(("-", "+")) and node.named_child_count == 1:  # close(-1): a literal too
            operand = node.named_children[0]
            digits = region.node_text(operand) if operand is not None else ""
            if operand is not None and operand.type in _INT_TYPES and text[1:].strip() == digits:
                value = _int_of(digits)
                if value is not None:
                    return "literal", -value if text[0] == "-" else value, node, None, False
        if node_type in _CALL_TYPES and text.startswith("Some(") and node.named_child_count == 2:
            args = node.named_children[1]  # Scala/Rust Some(code): the code itself
            if args is not None and args.type in _ARG_LIST_TYPES and args.named_child_count == 1:
                argument = args.named_children[0]
                if argument is not None:
                    return self.value_of(region, argument)
        found = self.constant_for(region, node)
        if found is not None and found[0].start_byte == node.start_byte:
            return "constant", found[1].code, node, found[1], False
        converted = _CONVERTED.fullmatch(text) if len(text) <= 120 else None
        if converted is not None:  # UInt16(CloseCode.abnormalClosure.rawValue): a library constant's number
            operand_text = (converted.group("operand") or converted.group("raw")).strip()
            converted_node = _descendant_with_text(region, node, operand_text)
            kept = None if converted_node is None else self.value_of(region, converted_node)
            if kept is not None and kept[0] == "constant" and kept[3] is not None and not kept[4]:
                return kept
        tokens = list(_INT_TOKEN.finditer(text))
        if len(tokens) == 1 and len(text) <= 60:
            replaced = text[: tokens[0].start()] + "N" + text[tokens[0].end() :]
            wrapped = _WRAPPED_INT.fullmatch(replaced)
            if wrapped is not None:
                inner = self._int_descendant(node)
                if inner is not None:
                    value = _int_of(region.node_text(inner))
                    if value is not None and wrapped.group("minus") and inner.parent is not None:
                        return "literal", -value, inner.parent, None, False  # (WebSocketCloseStatus)(-1)
                    if value is not None:
                        return "literal", value, inner, None, False
        compact = _normalize(text)
        last = _PART_SEPARATOR.split(compact)[-1] if compact else ""
        nameish = _NAMEISH.fullmatch(compact) is not None
        member = compact != last and compact[:1].islower()  # exc.code, self.code: an object's field
        defined = self.definition(last, node) if nameish and not (member and last in _BARE_RECEIVED) else None
        if defined is not None:
            self.mark_bindings(region, last, defined)
            return "constant", defined, node, None, False
        if nameish and (not member or "::" in text) and self.facts.family in _ENUM_SCOPED:
            # enum { kCodeStatusCodeExpected = 1005, kCodeAbnormal }: kCodeAbnormal is 1006
            implicit = _implicit_enum_value(self.text, last)
            if implicit is not None:
                return "constant", implicit, node, None, False
        numbered = _WS_NUMBERED.fullmatch(last)
        if numbered is not None and nameish:  # status.WS_1004_NO_STATUS_RCVD
            return "constant", int(numbered.group(1)), node, None, False
        if (_PASSTHROUGH.match(compact) or compact in _BARE_RECEIVED) and self.received(node, compact):
            return "constant", -1, node, None, True
        if not (nameish and constant_like(compact, self.facts.family)):
            accessed = _MEMBER_ACCESSOR.fullmatch(compact)  # CloseCode.NORMAL.code: the member's code
            if accessed is not None and constant_like(accessed.group(1), self.facts.family):
                compact, nameish = accessed.group(1), True
                last = _PART_SEPARATOR.split(compact)[-1]
        project = nameish and constant_like(compact, self.facts.family)
        if project and self.unbound_here(last.lstrip("$"), node):
            value = None if self.project is None else self.project.lookup(compact, self.facts.language)
            if value is not None:
                return "constant", value, node, None, False
            self.unresolved.add(compact)
        return None

    def unbound_here(self, name: str, node: Node) -> bool:
        """Is ``name`` bound nowhere in this file (no assignment, no parameter of a function around
        ``node``), so that only another file of the project can say what it is?"""
        if self.bindings(name):
            return False
        assigned = re.compile(
            r"(?<![\w$.])\$?" + re.escape(name) + r"[ \t]*(?::[^=\n]*)?(?::=|=(?![=>~]))"
            r"|\bvar[ \t]+" + re.escape(name) + r"\b"
            r"|\bdefine\(\s*['\"]" + re.escape(name) + r"['\"]"
        )
        if assigned.search(self.text):
            return False
        word = re.compile(r"(?<![\w$])\$?" + re.escape(name) + r"(?![\w$])")
        return not any(  # (a function's parameters; not a call's: Java's method_invocation)
            word.search(self.signature(f)) for f in self.enclosing_functions(node) if _definition_type(f.type)
        )

    def definition(self, name: str, node: Node | None = None) -> int | None:
        """The int ``name`` is bound to where ``node`` uses it: the bindings before it in the
        function around it (a local, a parameter's default) first; a parameter without one hides
        everything outside; else a binding at the level of that function or outside it (a module or
        class constant) — never a local of another function or a keyword argument of a call
        (``raise WebSocketDisconnect(code=1006)`` binds nothing). None unless every binding in the
        chosen scope agrees. Without ``node``: the file-level bindings."""
        bindings = self.bindings(name)
        if not bindings:
            return None
        low, high, threshold, use = -1, -1, 0, len(self.text)
        region = self.current
        functions = list(self.enclosing_functions(node)) if node is not None else []
        if node is not None:
            use = region.to_str(node.start_byte)
            threshold = _indent_at(self.text, use)
        word = re.compile(r"(?<![\w$])\$?" + re.escape(name.lstrip("$")) + r"(?![\w$])")
        seen_parameters = False
        for function in functions:  # innermost first: a local or a parameter hides what is outside
            low, high = region.to_str(function.start_byte), region.to_str(function.end_byte)
            threshold = _indent_at(self.text, low)
            body, parameters = low, ""
            params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
            declarator = function.child_by_field_name("declarator") if params is None else None
            if declarator is not None:  # C / C++: the parameters are the function declarator's
                params = declarator.child_by_field_name("parameters")
            seen_parameters = seen_parameters or params is not None
            if params is not None:  # ("parameter": JS `t => …`)
                parameters = region.node_text(params)
                if self.function_name(function) in _CLOSE_FUNCTION_NAMES:
                    body = region.to_str(params.end_byte)  # its defaults are reported there
            chosen = [b for b in bindings if body <= b[0] < min(high, use)]
            local = {b[2] for b in chosen}
            if local:
                self.bound_at = [b[3] for b in chosen]
                return local.pop() if len(local) == 1 else None
            if parameters and word.search(parameters):
                return None  # a parameter: the caller's value
        if node is not None and not seen_parameters:
            # No function with parameters around the use in this parse (a window around broken
            # code; a Dart function_body, whose signature is a sibling): a binding
            # earlier on the use's own line, inside brackets, is a parameter of a one-line function
            # (`close([int code = 1006]) => _ws.close(code)`): the caller's value, as above.
            line_start = self.text.rfind("\n", 0, use) + 1
            if any(line_start <= b[0] < use and b[1] == 10_000 for b in bindings):
                return None
        chosen = [
            b
            for b in bindings
            if not (low <= b[0] < high)
            and (
                (b[1] <= threshold and not _in_other_function(self.text, b[0], b[1]))
                or (self.facts.family in _ENUM_SCOPED and _top_level_enum_member(self.text, b[0], b[1]))
                or (self.facts.family == "go" and _go_group_member(self.text, b[0], b[1]))
            )
        ]
        outer = {b[2] for b in chosen}
        self.bound_at = []  # (a module's or class's constant: marked only where its name says so)
        return outer.pop() if len(outer) == 1 else None

    def mark_bindings(self, region: _Region, name: str, value: int) -> None:
        """The literal a sent name was bound to is a close code too (hover on ``status := 1005``,
        ``code = msg.get("code", 1000)``): a definition there, unless something else is."""
        for at in self.bound_at:  # (locals: in the same window as the use)
            if not region.start <= at < region.start + len(region.text):
                continue
            end = at + len(str(value)) if self.text.startswith(str(value), at) else None
            node = region.node_at(at, end) if end is not None else None
            if node is None or node.type not in _INT_TYPES or _in_comment_or_string(node):
                continue
            start, stop = region.to_str(node.start_byte), region.to_str(node.end_byte)
            earlier = self.found.get((start, stop))
            if earlier is None or earlier.api == "fallback" or earlier.role == "mention":
                self.found[(start, stop)] = occurrence(
                    start, stop, value, "literal", "define", "local", self.text[start:stop], name=name
                )

    def unmark_bindings(self, region: _Region, value: int) -> None:
        """Undo ``mark_bindings`` for the name just evaluated (its call turned out not to close)."""
        for at in self.bound_at:
            end = at + len(str(value))
            occ = self.found.get((at, end))
            if occ is not None and occ.role == "define" and occ.api == "local" and region.start <= at:
                del self.found[(at, end)]
                mention = self.mentions.get((at, end))
                if mention is not None:  # (whichever anchor came first, the same result)
                    self.found[(at, end)] = mention

    def function_name(self, function: Node) -> str:
        """The name a function is declared or assigned under ("" when anonymous)."""
        found = function.child_by_field_name("name")
        if found is None:  # Dart: a local function is a lambda_expression named in its signature
            signature = function.child_by_field_name("parameters")
            if signature is not None and signature.type == "function_signature":
                found = signature.child_by_field_name("name")
        if found is None and function.parent is not None and function.parent.type == "variable_declarator":
            found = function.parent.child_by_field_name("name")
        declarator = function.child_by_field_name("declarator") if found is None else None
        if declarator is not None and declarator.type == "function_declarator":  # C / C++
            found = declarator.child_by_field_name("declarator")
            if found is not None:
                return _NAME_SEPARATOR.split(self.current.node_text(found))[-1]  # Conn::close -> close
        return "" if found is None else self.current.node_text(found)

    def bindings(self, name: str) -> list[tuple[int, int, int | None, int]]:
        """Every ``name = <int>`` (``:=``, ``name: T = <int>``, ``name <int>``) in the text that is
        not a call's keyword argument: (offset, indentation of its line, value, value's offset)."""
        found = self._bindings.get(name)
        if found is not None:
            return found
        found = []
        if name and name not in _KEYWORDS and not name[0].isdigit():
            pattern = re.compile(  # (the name first: a literal start lets `re` skip ahead fast)
                re.escape(name)
                + r"[ \t]*(?::[ \t]*[\w.<>\[\]?]+[ \t]*)?(?::=|\|\|=|\?\?=|=(?![=>~])|[ \t])[ \t]*"
                # a fallback is a value too: code = code || 1000, code = msg.get("code", 1006)
                r"(?:[\w$.]+[ \t]*(?:\|\||\?\?|\bor\b)[ \t]*"
                r"|[\w$.]+\.get\([ \t]*['\"][\w$]+['\"][ \t]*,[ \t]*"
                r"|\.?[\w$.]+\([ \t]*(?:rawValue:[ \t]*)?)?"  # .unknown(1005), CloseCode(rawValue: 1005)
                # (a closing ] or }: Dart's optional parameters, [int code = 1006] and {int code = 1000})
                r"(?P<value>\d[\w]*)[ \t]*(?:;|,|\r?$|\)|\]|\}|#|//|/\*|--)",
                re.MULTILINE,
            )
            text = self.text
            keywords = self.facts.family != "javascript"  # JS calls have no keyword arguments
            for m in pattern.finditer(text):
                at = m.start()
                if at and (text[at - 1].isalnum() or text[at - 1] in "_$."):
                    continue  # part of a longer name, or a field (x.code = …)
                if keywords and _keyword_argument(text, m.start()):
                    continue
                line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
                nested = line.count("(") > line.count(")") or line.count("{") > line.count("}")
                # (inside a one-line function's parameters or body: never a binding for outside it)
                indent = 10_000 if nested else _indent_at(text, m.start())
                found.append((m.start(), indent, _int_of(m.group("value")), m.start("value")))
        self._bindings[name] = found
        return found

    def _int_descendant(self, node: Node) -> Node | None:
        stack = [node]
        while stack:
            current = stack.pop()
            if current.type in _INT_TYPES:
                return current
            stack.extend(reversed([c for c in current.named_children if c is not None]))
        return None

    def received(self, node: Node, compact: str) -> bool:
        """Is ``compact`` (``event.code``, ``exc.code``, ``code``) provably a close code received
        from the peer, with no guard keeping 1005/1006/1015 out? Evidence: a parameter of a close
        handler, an exception caught as a closed connection, a socket's close-code field, or a
        close error / receive result bound just before (see _RECEIVED_BINDING)."""
        root = _RECEIVER_SEPARATOR.split(compact)[0]
        word = re.compile(r"(?<![\w$@])" + re.escape(root) + r"(?![\w$])")
        evidence = False
        parts = compact.split(".")
        if len(parts) >= 2 and parts[-1].rstrip("!") in _SOCKET_FIELDS and _WS_RECEIVER.search(parts[-2]):
            evidence = True
        if not evidence:
            for ancestor in _ancestors(node, 40):
                if ancestor.type in _ERROR_CONTEXT_TYPES:
                    head = self.signature(ancestor)
                    if word.search(head):
                        if not _NOT_RAISED.search(head):
                            return False  # an exception the app raised: it chose the code
                        evidence = True
                        break
        if not evidence:
            evidence = self.bound_by_close_pattern(node, word)
        if not evidence:
            evidence = root not in ("self", "this", "@") and any(
                word.search(self.parameters(f)) for f in self.close_handlers(node)
            )
        if not evidence:
            region = self.current
            function = next(self.enclosing_functions(node), None)
            low = function.start_byte if function is not None else 0
            before = region.encoded[low : node.start_byte].decode("utf-8", "replace")
            binding = re.compile(r"(?<![\w$])" + re.escape(root) + _RECEIVED_BINDING)
            as_error = r"errors\.As\([^,]+,\s*&" + re.escape(root) + r"\)"
            if binding.search(before) or ("CloseError" in before and re.search(as_error, before)):
                evidence = True
        return evidence and not self.guarded(node, word)

    def bound_by_close_pattern(self, node: Node, word: re.Pattern[str]) -> bool:
        """Is the name bound by the pattern of a match arm around ``node`` that matches a received
        close (Scala ``case c: WebSocketFrame.Close =>``, ``case CloseMessage(Some(code), _) =>``,
        ``case e: PeerClosedConnectionException =>``)? Not when the arm turns one library's close frame
        into another's (``case c: WebSocketFrame.Close => WSFrame.Close(c.closeCode, …)``): a
        conversion between representations, with nothing sent."""
        callee = ""
        for ancestor in _ancestors(node, 40):
            if not callee and ancestor.type in _CALL_TYPES and ancestor.named_child_count:
                head = self.current.node_text(ancestor.named_children[0])
                callee = "" if head == "Some" else head.removeprefix("new ").strip()
            if ancestor.type not in _CASE_TYPES:
                continue
            pattern = ancestor.child_by_field_name("pattern")
            if pattern is not None and pattern.type in _CLOSE_PATTERN_TYPES:
                text = self.current.node_text(pattern)
                if "Close" not in text or not word.search(text):
                    continue
                inner = (
                    pattern.child_by_field_name("pattern") if pattern.type == "capture_pattern" else pattern
                )
                matched = inner.child_by_field_name("type") if inner is not None else None
                frame = self.current.node_text(matched) if matched is not None else ""
                converted = callee and frame.endswith(("Close", "CloseMessage")) and callee != frame
                return not converted
        return False

    def parameters(self, function: Node) -> str:
        """The text that names a function's (or a Ruby block's) parameters."""
        if function.type in _RUBY_BLOCKS:
            found = function.child_by_field_name("parameters")
            return "" if found is None else self.current.node_text(found)
        signature = self.signature(function)
        if signature.count("(") > signature.count(")"):
            return self.wrapped_parameters(function, signature)
        return signature

    def wrapped_parameters(self, function: Node, signature: str) -> str:
        """A signature whose parameters run over several lines (Kotlin's ``override fun onClosing(`` ⏎
        ``webSocket: WebSocket,`` ⏎ ``code: Int,`` ⏎ …): its text through the closing parenthesis."""
        region = self.current
        head = region.encoded[function.start_byte : min(function.end_byte, function.start_byte + 600)]
        text = head.decode("utf-8", "replace")
        depth = signature.count("(") - signature.count(")")
        for index in range(len(signature), len(text)):
            char = text[index]
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return text[: index + 1]
        return signature

    def guarded(self, node: Node, word: re.Pattern[str]) -> bool:
        """Is ``node`` inside an ``if`` whose condition keeps a reserved code out of the value
        (``if code not in (1005, 1006, 1015)``, ``if e.Code != CloseNoStatusReceived``)?"""
        for ancestor in _ancestors(node, 40):
            if ancestor.type not in _IF_TYPES:
                continue
            condition = ancestor.child_by_field_name("condition")
            if condition is None and ancestor.named_child_count > 1:  # Dart: if ( <condition> ) …
                condition = ancestor.named_children[0]
            if condition is None or condition.start_byte <= node.start_byte < condition.end_byte:
                continue
            text = self.current.node_text(condition)
            if word.search(text) and _NEGATED.search(text) and _RESERVED_WORDS.search(text):
                return True
        return False

    def close_handlers(self, node: Node) -> Iterator[Node]:
        """The functions (and Ruby blocks) around ``node`` that handle a received close."""
        ruby = self.facts.family == "ruby"
        python = self.facts.family == "python"
        for ancestor in _ancestors(node, 40):
            if ruby and ancestor.type in _RUBY_BLOCKS:
                call = ancestor.parent
                if call is not None:
                    head = self.current.encoded[call.start_byte : ancestor.start_byte]
                    if _CLOSE_HANDLER_LEAD.search(head.decode("utf-8", "replace")):
                        yield ancestor
                continue
            if not _function_type(ancestor.type):
                continue
            signature = self.signature(ancestor)
            lead_in = self.lead_in(ancestor)
            if (
                _CLOSE_HANDLER_NAME.search(signature)
                or (python and _PYTHON_CLOSE_HANDLER.search(signature))
                or _CLOSE_HANDLER_LEAD.search(lead_in)
                # uWebSockets.js / Bun handler objects: close: (ws, code, message) => …; a `close:
                # (code, reason) =>` property is the app's own close function (graphql-ws)
                or (_CLOSE_PROPERTY.search(lead_in) and _SOCKET_FIRST.match(signature))
            ):
                yield ancestor

    def in_close_handler(self, node: Node) -> bool:
        """Is ``node`` inside a function that handles a received close (on('close'), onclose…)?"""
        for function in self.enclosing_functions(node):
            if _CLOSE_HANDLER_NAME.search(self.signature(function)):
                return True
            if _CLOSE_HANDLER_LEAD.search(self.lead_in(function)):
                return True
        return False

    def raised_by_this_code(self, node: Node, name: str) -> bool:
        """Is ``name`` an exception caught by a handler for something other than a closed
        connection (``except WebSocketException as exc``: the app chose exc.code, nobody sent it)?"""
        for ancestor in _ancestors(node, 40):
            if ancestor.type in _ERROR_CONTEXT_TYPES:
                head = self.signature(ancestor)
                if re.search(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])", head):
                    return not _NOT_RAISED.search(head)
        return False

    def enclosing_functions(self, node: Node, ancestors: Iterable[Node] | None = None) -> Iterator[Node]:
        """The functions around ``node``, innermost first (``ancestors``: its 40 ancestors, if known)."""
        for ancestor in _ancestors(node, 40) if ancestors is None else ancestors:
            if _function_type(ancestor.type):
                yield ancestor

    def signature(self, function: Node) -> str:
        """A function's text up to its body: ``async def on_close(self, code)``, ``onClose(code)``."""
        head = self.text_of_head(function)
        cut = len(head)
        for marker in ("{", "=>", ":\n", "\n"):
            found = head.find(marker)
            if 0 <= found < cut:
                cut = found
        return head[:cut]

    def lead_in(self, function: Node) -> str:
        """What comes before a function passed as an argument or assigned: ``ws.on("close", `` or
        ``ws.onclose = ``."""
        parent = function.parent
        passed = False
        while parent is not None and parent.type in _ARG_TYPES:
            parent, passed = parent.parent, True
        if parent is None or not (passed or _assigned_type(parent.type)):
            return ""  # a declaration: what precedes it is another statement
        start = max(parent.start_byte, function.start_byte - 160)
        return self.current.encoded[start : function.start_byte].decode("utf-8", "replace")

    def text_of_head(self, node: Node) -> str:
        region = self.current
        return region.encoded[node.start_byte : min(node.end_byte, node.start_byte + 160)].decode(
            "utf-8", "replace"
        )

    def error_context(self, node: Node) -> bool:
        """Is ``node`` in a catch/except/rescue block or an error handler (so 1011 fits)?"""
        ancestors = _ancestor_list(node, 40)  # walked once: a node's parent is not free
        go = self.facts.family == "go"
        functions = []
        for ancestor in ancestors:
            node_type = ancestor.type
            if node_type in _ERROR_CONTEXT_TYPES:
                return True
            if go and node_type == "if_statement" and _GO_ERR_CHECK.match(self.text_of_head(ancestor)):
                return True
            if _function_type(node_type):
                functions.append(ancestor)
        handlers = self._error_handlers
        for function in functions:
            key = function.id  # unique within the region's tree; the table lives as long as it
            handler = handlers.get(key)
            if handler is None:
                handler = handlers[key] = self.error_handler(function)
            if handler:
                return True
        return False

    def error_handler(self, function: Node) -> bool:
        """Is ``function`` an error handler (``on_error``, ``ws.on("error", …)``)?"""
        # Both patterns only match text containing "error" in some case: testing for it first
        # skips most searches (a case-insensitive alternation scans slowly).
        signature = self.signature(function)
        if "error" in signature.lower() and _ERROR_HANDLER_NAME.search(signature):
            return True
        lead_in = self.lead_in(function)
        return "error" in lead_in.lower() and _ERROR_HANDLER_LEAD.search(lead_in) is not None

    # -- anchors -----------------------------------------------------------------------------
    current: _Region

    def run(
        self, region: _Region, anchors: Iterable[tuple[str, int, int]], *, defer_broken: bool = True
    ) -> list[tuple[str, int, int]]:
        """Analyse ``anchors`` in ``region``; returns the anchors it left alone because the parser
        could only recover around them (``defer_broken``): broken code elsewhere in the region
        must not decide them — the caller parses a smaller window around each (see chunks)."""
        self.current = region
        self._error_handlers = {}  # function node id -> error_handler(function), for this tree
        deferred: list[tuple[str, int, int]] = []
        check = region.root.has_error
        for anchor in anchors:
            kind, start, end = anchor
            node = region.node_at(start, end)
            if node is None:
                continue
            if defer_broken and (node.parent is None or (check and region.broken_at(node))):
                # (nothing but the root covers it: some grammars end the tree at a stray bracket)
                deferred.append(anchor)
                continue
            if kind == "call":
                self.on_call(region, node, start, end)
            elif kind == "cmp":
                self.on_number(region, node)
            elif kind == "const":
                self.on_constant(region, node)
            elif kind == "tuple":
                self.on_tuple(region, node)
            elif kind == "def":
                self.on_definition(region, node, start, end)
            elif kind == "member":
                self.on_member(region, node, start, end)
            elif kind == "case":
                self.on_case_name(region, node)
            elif kind == "mention":
                self.on_mention(region, node, start, end)
            elif kind == "frame":
                self.on_frame_builder(region, node, start, end)
            elif kind == "wrap":
                wrapper = self.wrappers.get(self.text[start:end])
                if wrapper is not None:
                    self.on_call(region, node, start, end, wrapper)
        return deferred

    # -- close calls -----------------------------------------------------------------------
    def on_call(
        self, region: _Region, node: Node, start: int, end: int, wrapper: _Wrapper | None = None
    ) -> None:
        """A close call (``wrapper``: a call of the project's own function that closes with the
        code it is given, see note_wrapper)."""
        nearest = _ancestor_list(node, 3)  # asked twice below: a node's parent is not free
        if _in_comment_or_string(node, nearest):
            return
        name_end = region.to_byte(end)
        node_start = node.start_byte
        call: Node | None = None
        for ancestor in nearest:  # the 5 nearest ancestors: these 3, then 2 more
            if ancestor.type in _CALL_TYPES and ancestor.start_byte <= node_start:
                call = ancestor
                break
        else:
            if len(nearest) == 3:
                for ancestor in _ancestors(nearest[-1], 2):
                    if ancestor.type in _CALL_TYPES and ancestor.start_byte <= node_start:
                        call = ancestor
                        break
        if call is None:
            parent = node.parent
            if parent is not None and parent.type in _MESSAGE_TYPES:
                if wrapper is None:
                    self.on_message(region, parent, node)
                return
            selector_call = _selector_call(node)
            if selector_call is None:
                if wrapper is None:
                    self.on_close_definition(region, node)
                return
            holder, first, selector_args = selector_call
            if wrapper is not None:
                self.analyse_wrapper_call(region, selector_args, self.text[start:end], wrapper)
                return
            callee = region.encoded[first.start_byte : name_end].decode("utf-8", "replace")
            self.analyse_call(region, holder, selector_args, self.text[start:end], callee)
            return
        args_node = None
        for child in call.children:
            child_type = child.type
            if child_type in _ARG_LIST_TYPES and child.start_byte >= name_end:
                args_node = child
                break
            if child_type == "value_arguments":
                args_node = child
        if args_node is None:
            return
        args_type = args_node.type
        args_start = args_node.start_byte
        if args_start != name_end and args_type != "call_suffix":  # (nothing between: a match)
            between = region.encoded[name_end:args_start].decode("utf-8", "replace")
            if not _BEFORE_ARGUMENTS.fullmatch(between):
                return
        if args_type == "call_suffix":
            inner = next(
                (c for c in args_node.named_children if c is not None and c.type == "value_arguments"), None
            )
            if inner is None:
                return
            args_node = inner
        name = self.text[start:end]
        callee = region.encoded[call.start_byte : name_end].decode("utf-8", "replace")
        if wrapper is not None:
            self.analyse_wrapper_call(region, args_node, name, wrapper)
        else:
            self.analyse_call(region, call, args_node, name, callee)

    def on_frame_builder(self, region: _Region, node: Node, start: int, end: int) -> None:
        """A Close frame's body written by hand (RFC 6455 §5.5.1: the code as 2 bytes in network
        order): ``binary.BigEndian.PutUint16(buf[:2], uint16(status))`` (Go), ``struct.pack("!H",
        code)`` (Python), ``pack('n', $code)`` (PHP), in a function named for a close message or
        frame (nats-server's ``wsCreateCloseMessage(status int, body string)``). When what it
        writes is a code-named parameter of that function, the function closes with the code its
        callers give it (note_wrapper); a length or anything else written so is not a code."""
        call = next((a for a in _ancestor_list(node, 3) if a.type in _CALL_TYPES), None)
        if call is None or _in_comment_or_string(node):
            return
        args_node = next(
            (c for c in call.named_children if c is not None and c.type in _ARG_LIST_TYPES), None
        )
        if args_node is None:
            return
        args = [value for label, value in self.arguments(region, args_node) if label is None]
        name = self.text[start:end]
        if len(args) != 2:
            return
        if name != "PutUint16":  # pack: a format that packs one unsigned 16-bit big-endian number
            quoted = _QUOTED.fullmatch(region.node_text(args[0]).strip())
            if quoted is None or quoted.group(2) not in _FRAME_FORMATS.get(self.facts.family, ()):
                return
        found = self.function_parameters(region, call)
        if found is None or not _CLOSE_FRAME_BUILDER.search(found[0]):
            return
        code_node = _unparenthesized(args[1])
        written = region.node_text(code_node).strip()
        parameter = next(
            (
                p
                for p, _label in found[1]
                if p and re.search(r"(?<![\w$])" + re.escape(p) + r"(?![\w$])", written)
            ),
            "",
        )
        if not _CODE_PARAMETER.search(parameter.lstrip("$")):
            return
        self.note_wrapper(region, code_node, name, name)

    def on_message(self, region: _Region, message: Node, keyword: Node) -> None:
        """An Objective-C message whose selector part is a close name (``[ws closeWithCode:1006
        reason:@"bye"]``, ``[task cancelWithCloseCode:… reason:nil]``): its argument is the code."""
        colon = keyword.next_sibling
        code_node = keyword.next_named_sibling
        if colon is None or colon.type != ":" or code_node is None:
            return  # [ws close]: no code
        receiver = message.named_children[0] if message.named_child_count else None
        receiver_text = "" if receiver is None or receiver.id == keyword.id else region.node_text(receiver)
        reason_node: Node | None = None
        for child in message.named_children:
            if child is None or child.type != "identifier" or region.node_text(child) not in _REASON_LABELS:
                continue
            value = child.next_named_sibling
            if value is not None and value.type in _STRING_TYPES and child.start_byte > keyword.start_byte:
                reason_node = value
                break
        name = region.node_text(keyword)
        for alternative in self.alternatives(region, code_node):  # closeWithCode:(failed ? 1006 : 1000)
            self.analyse_code(
                region,
                name=name,
                callee=f"{receiver_text}.{name}" if receiver_text else name,
                label=None,
                code_node=alternative,
                reason_node=reason_node,
            )

    def close_definition(self, node: Node) -> Node | None:
        """The function that ``node`` (a close-like name) names, if it names one
        (``def close(self, code=1000)``, ``close(code = 1000) {``, ``const close = (code = 1000) =>``)."""
        parent = node.parent
        if parent is None:
            return None
        if _function_type(parent.type) and parent.child_by_field_name("name") == node:
            return parent
        if parent.type == "function_declarator" and parent.child_by_field_name("declarator") == node:
            return parent  # C++: void close(uint16_t code = 1000) (its parameters are the declarator's)
        if parent.type == "variable_declarator" and parent.child_by_field_name("name") == node:
            value = parent.child_by_field_name("value")
            if value is not None and _function_type(value.type):
                return value
        return None

    def on_close_definition(self, region: _Region, node: Node) -> None:
        """A close function's code parameter with a default: the default is what it sends when
        the caller gives no code (``def close(self, code=1006)`` sends 1006)."""
        function = self.close_definition(node)
        if function is None:
            return
        parameters = function.child_by_field_name("parameters") or next(
            (c for c in function.named_children if c is not None and "parameter" in c.type), None
        )
        if parameters is None:
            return
        defaults: list[tuple[str, Node | None, Node | None]] = []
        for parameter in parameters.named_children:
            if parameter is None:
                continue
            if parameter.type == "optional_formal_parameters":  # Dart: [int code = 1000], {int code = 1000}
                for child in parameter.named_children:
                    after = child.next_sibling if child is not None else None
                    if child is not None and after is not None and after.type == "=":
                        named = child.named_children[-1] if child.named_child_count else None
                        if named is not None:
                            defaults.append((region.node_text(named), after.next_named_sibling, None))
                continue
            defaults.append(
                (
                    region.node_text(parameter),
                    self._int_descendant(parameter),
                    parameter.child_by_field_name("declarator"),
                )
            )
        for parameter_text, literal, declared in defaults:
            if literal is None or literal.type not in _INT_TYPES:
                continue
            m = _PARAMETER_NAME.match(parameter_text)
            said = m.group(1) if m is not None else None
            if said not in _DEFAULT_CODE_NAMES and declared is not None:  # C++: std::uint16_t code = 1000
                said = region.node_text(declared)
            if said not in _DEFAULT_CODE_NAMES:
                continue
            value = _int_of(region.node_text(literal))
            if value is None or not 1000 <= value <= 4999:  # close($conn, $code = 400): an HTTP status
                continue
            self.emit_send(
                region, literal, kind="literal", code=value, constant=None,
                api=f"{self.text[region.to_str(node.start_byte) : region.to_str(node.end_byte)]} (default)",
                reason_node=None, passthrough=False,
            )  # fmt: skip

    # -- the project's own close functions: def fail(ws, code): ws.close(code) ---------------
    def note_wrapper(
        self, region: _Region, code_node: Node, api: str, inner: str, local: bool = False
    ) -> None:
        """``code_node``, the code of a close call (``inner``: the API's name), is a parameter of
        the named function around it, passed on unchanged: that function closes with the code
        its callers give it, so its calls are close calls too (see analyse_wrapper_call)."""
        code_node = _unparenthesized(code_node)
        text = region.node_text(code_node).strip()
        if len(text) > 60 or not _PARAMETER_WORD.search(text):
            return
        found = self.function_parameters(region, code_node)
        if found is None:
            return
        function, parameters, has_self, function_node = found
        if not function or function in _NOT_WRAPPERS or function in self._call_names():
            return
        if _CLOSE_HANDLER_NAME.search(function) or _CLOSE_HANDLER_NAME.search(self.signature(function_node)):
            return  # onClosed(ws, code, reason): called with a received code, it reports it
        parameter = text
        if not _PARAMETER_WORD.fullmatch(text):  # a conversion of one: Int(code), code.toShort(), code as u16
            parameter = next(
                (
                    name
                    for name, _label in parameters
                    if name
                    and len(re.findall(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])", text)) == 1
                    and _WRAPPED_INT.fullmatch(
                        _CONVERSION.sub(
                            "N", re.sub(r"(?<![\w$.])" + re.escape(name) + r"(?![\w$])", "N", text)
                        )
                    )
                ),
                "",
            )
        position = next((i for i, (name, _label) in enumerate(parameters) if name == parameter), None)
        if position is None or (
            self.rebound(region, function_node, code_node, parameter)
            and not self.converted_in_place(region, function_node, code_node, parameter)
        ):
            return
        wrapper = _Wrapper(
            name=function,
            position=position,
            parameter=parameter,
            label=parameters[position][1],
            api=f"{function} → {api}",
            inner=inner,
            has_self=has_self,
            local=local,
        )
        known = self.wrappers.get(function)
        if known is None:
            self.wrappers[function] = wrapper
            self.fresh_wrappers.append(function)
        elif known.position != position:  # two functions of that name disagree: neither is sure
            self.wrappers[function] = _Wrapper(
                name=function, position=-1, parameter="", label=None, api="", inner="", has_self=False
            )

    def _call_names(self) -> frozenset[str]:
        from .anchors import _anchor_patterns

        return _anchor_patterns(self.facts.language).call_names

    def wrapper_specs(self) -> tuple[Wrapper, ...]:
        """The file's own close functions, for its project's other files (ProjectIndex.add_wrappers)."""
        from .library import _lenient

        lenient, text = _lenient().get(self.facts.family, ()), self.text
        return tuple(
            Wrapper(
                **{f: getattr(w, f) for f in _Wrapper._fields},
                markers=tuple(sorted({i.marker for i in lenient if w.inner in i.calls and i.marker in text})),
            )
            for name, w in sorted(self.wrappers.items())
            if w.position >= 0 and name not in self.external
        )

    def take_wrappers(self) -> list[str]:
        """The wrapper functions found since the last call (the scan anchors their calls next)."""
        fresh, self.fresh_wrappers = self.fresh_wrappers, []
        return [name for name in fresh if self.wrappers[name].position >= 0]

    def rebound(self, region: _Region, function: Node, use: Node, parameter: str) -> bool:
        """Is ``parameter`` assigned in ``function`` before ``use`` (then it is not the caller's)?"""
        head = region.encoded[function.start_byte : use.start_byte].decode("utf-8", "replace")
        pattern = (
            r"(?:^|[;{])[ \t]*(?:(?:let|var|val|my|local)[ \t]+)?\$?"
            + re.escape(parameter.lstrip("$"))
            + r"[ \t]*(?::[^=\n]*)?(?:\|\||\?\?|[-+*/|&]|:|)=(?!=)"
        )
        body = head.find("{") if "{" in head else head.find("\n")
        return re.search(pattern, head[max(body, 0) :], re.MULTILINE) is not None

    def converted_in_place(self, region: _Region, function: Node, use: Node, parameter: str) -> bool:
        """Is ``parameter`` rebound before ``use`` only once, to a conversion of itself (Swift's
        ``let code = CloseCode(rawValue: Int(code)) ?? .normalClosure``)? Then the code sent is
        the caller's, whenever the conversion keeps it (a fallback only stands in for a number
        that is no code of the type)."""
        head = region.encoded[function.start_byte : use.start_byte].decode("utf-8", "replace")
        name = re.escape(parameter.lstrip("$"))
        found = re.findall(
            r"(?:^|[;{])[ \t]*(?:(?:let|var|val|my|local)[ \t]+)?\$?"
            + name
            + r"[ \t]*(?::[^=\n]*)?=(?!=)(.*)",
            head[max(head.find("{"), 0) :],
            re.MULTILINE,
        )
        if len(found) != 1:
            return False
        right = re.sub(r"\s*\?\?\s*\.?[\w.]+\s*;?\s*$", "", found[0].strip())  # (?? fallback)
        word = r"(?<![\w$.])\$?" + name + r"(?![\w$])"
        if len(re.findall(word, right)) != 1:
            return False
        return _WRAPPED_INT.fullmatch(_CONVERSION.sub("N", re.sub(word, "N", right))) is not None

    def function_parameters(
        self, region: _Region, node: Node
    ) -> tuple[str, list[tuple[str, str | None]], bool, Node] | None:
        """The named function around ``node``: its name, its parameters as (name, label) — the
        label a caller may write it with (Swift ``with code: UInt16``, else the name) — whether its
        first parameter is Python's self/cls (dropped), and its node."""
        family = self.facts.family
        if family == "elixir":
            return self._elixir_parameters(region, node)
        function = next(
            (
                f
                for f in self.enclosing_functions(node)
                if _definition_type(f.type) and not _block_type(f.type) and not self.passed_through(f, node)
            ),
            None,
        )
        if function is None:
            return None
        name = self.function_name(function)
        params = function.child_by_field_name("parameters") or next(
            (c for c in function.named_children if c is not None and "parameter" in c.type), None
        )
        if not name or params is None:
            return None
        parameters: list[tuple[str, str | None]] = []
        children = [c for c in params.named_children if c is not None and "comment" not in c.type]
        if params.type == "parameter":  # Swift: the parameters are the function's own children
            children = [c for c in function.named_children if c is not None and c.type == "parameter"]
        if family == "kotlin" and params.type != "function_value_parameters":
            return None
        for child in children:
            text = region.node_text(child)
            parameters.append(_parameter_name(text, family))
        has_self = bool(parameters) and family == "python" and parameters[0][0] in ("self", "cls")
        if has_self:
            parameters = parameters[1:]
        return name, parameters, has_self, function

    def passed_through(self, function: Node, node: Node) -> bool:
        """Is ``function`` an anonymous callback handed to a call (``new Promise((resolve) => …)``)
        that does not bind the name ``node`` starts with, so that the name is the outer function's?"""
        parent = function.parent
        if parent is None or parent.type not in _ARG_TYPES or self.function_name(function):
            return False
        word = _PARAMETER_WORD.match(self.current.node_text(node))
        params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
        if word is None or params is None:
            return False
        bound = re.compile(r"(?<![\w$.])" + re.escape(word.group()) + r"(?![\w$])")
        return bound.search(self.current.node_text(params)) is None

    def _elixir_parameters(
        self, region: _Region, node: Node
    ) -> tuple[str, list[tuple[str, str | None]], bool, Node] | None:
        """``def name(a, b) do … end`` (and ``defp``, with a ``when`` guard): Elixir's functions are calls."""
        for ancestor in _ancestors(node, 40):
            if ancestor.type != "call":
                continue
            target = ancestor.child_by_field_name("target")
            if target is None or region.node_text(target) not in ("def", "defp"):
                continue
            args = next((c for c in ancestor.named_children if c is not None and c.type == "arguments"), None)
            head = args.named_children[0] if args is not None and args.named_children else None
            if head is not None and head.type == "binary_operator":  # name(…) when guard
                head = head.child_by_field_name("left")
            if head is None or head.type != "call":
                return None
            name_node = head.child_by_field_name("target")
            inner = next((c for c in head.named_children if c is not None and c.type == "arguments"), None)
            if name_node is None or inner is None:
                return None
            parameters: list[tuple[str, str | None]] = [
                (region.node_text(c).strip(), None) for c in inner.named_children if c is not None
            ]
            return region.node_text(name_node), parameters, False, ancestor
        return None

    def analyse_wrapper_call(self, region: _Region, args_node: Node, name: str, wrapper: _Wrapper) -> None:
        """A call of the project's own close function: the argument its code parameter takes is sent."""
        args = self.arguments(region, args_node)
        chosen: Node | None = None
        for label, value in args:
            if label is not None and label in (wrapper.parameter, wrapper.label):
                chosen = value
                break
        if chosen is None:
            positional = [value for label, value in args if label is None]
            if len(positional) > wrapper.position:
                chosen = positional[wrapper.position]
        if chosen is None:
            return
        family = self.facts.family
        call = args_node.parent
        defining = call is not None and self.defines_constant(region, call)  # (a frame built once, kept)
        for alternative in self.alternatives(region, chosen):
            evaluated = self.value_of(region, alternative)
            if evaluated is None:
                self.note_wrapper(region, alternative, wrapper.api, wrapper.inner, wrapper.local)  # and so on
                continue
            kind, code, value_node, constant, passthrough = evaluated
            if name in self.external and constant is None and not passthrough and not 1000 <= code <= 4999:
                continue  # (known by its name alone: only a value that reads as a close code counts)
            library = constant.library if constant is not None else None
            where = self.text if name not in self.external else "\n".join(self.external[name])  # (its file's)
            lenient = None if passthrough else lenient_api(family, wrapper.inner, code, where, library)
            note = None if lenient is None else lenient.effect
            if note is None and code in (1005, 1006):
                # the wrapper or the close function it calls (gorilla's FormatCloseMessage, copied)
                guard = next((n for n in (name, wrapper.inner) if self.guards_own(n, code)), None)
                if guard is not None:
                    note = f"this file's own {guard}() checks for {code} and sends something else instead"
            self.emit_send(
                region, value_node, kind=kind, code=code, constant=constant, api=wrapper.api,
                reason_node=None, passthrough=passthrough, library_note=note,
                role="define" if defining else "event" if wrapper.local else "send",
            )  # fmt: skip

    def arguments(self, region: _Region, args_node: Node) -> list[tuple[str | None, Node]]:
        out: list[tuple[str | None, Node]] = []
        for child in args_node.named_children:
            if child is None:
                continue
            node_type = child.type
            if "comment" in node_type:
                continue
            node = child
            label: str | None = None
            while node_type in _ARG_WRAPPERS:
                named = [c for c in node.named_children if c is not None and "comment" not in c.type]
                if not named:
                    break
                if len(named) >= 2 and named[1].type == "selector":
                    break  # Dart: the argument is a chain (status.goingAway), the value itself
                if len(named) >= 2:
                    label_text = region.node_text(named[0]).strip().rstrip(":").strip()
                    if _LABEL.fullmatch(label_text):
                        label = label_text
                    node = named[-1]
                else:
                    text = region.node_text(node)
                    m = _LEADING_LABEL.match(text)
                    if m and node_type == "value_argument" and named[0].start_byte > node.start_byte:
                        label = m.group(1)
                    node = named[0]
                node_type = node.type
            out.append((label, node))
        return out

    def analyse_call(self, region: _Region, call: Node, args_node: Node, name: str, callee: str) -> None:
        family = self.facts.family
        args = self.arguments(region, args_node)
        if not args:
            return
        if name == "cancel" and not any(label == "with" for label, _ in args):
            return
        if name == "StatusCode" and family == "go" and "websocket" not in callee:
            return
        if name == "Frame" and family == "php":
            return
        position = code_argument(family, name, len(args), self.text)  # lws_close_reason(wsi, code, …)
        if position is None:
            return  # a name that closes only in a library's files (uWebSockets' ws->end(code))
        code_arg: tuple[str | None, Node] | None = args[position] if position >= 0 else None
        for label, value in args:
            if label is not None and label in _CODE_LABELS:
                code_arg = (label, value)
                break
        reason_node: Node | None = None
        for label, value in args:
            if (label is not None and label in _REASON_LABELS) or (
                label is None and value.type in _STRING_TYPES
            ):
                if value.type in _STRING_TYPES:
                    reason_node = value
                break
        if code_arg is None and position < 0:
            positional = [(label, value) for label, value in args if label is None or family == "rust"]
            candidates = [(label, value) for label, value in positional if value.type not in _STRING_TYPES]
            if len(candidates) >= 2 and _HOLDER.fullmatch(region.node_text(candidates[0][1]).strip()):
                candidates = candidates[1:]  # close(socket, code), close(state, 1000, ""): the code is next
            if len(candidates) >= 2 and _REASON_NAME.fullmatch(region.node_text(candidates[0][1]).strip()):
                candidates = candidates[1:]  # faye's driver.close(reason, code): a reason is not the code
            code_arg = candidates[0] if candidates else None
        if code_arg is None:
            return
        code_node = code_arg[1]
        if code_node.type == "initializer_list" and code_node.named_child_count:  # ws.close({code, "bye"})
            braced = [c for c in code_node.named_children if c is not None]
            code_node = braced[0]
            if reason_node is None and len(braced) > 1 and braced[1].type in _STRING_TYPES:
                reason_node = braced[1]
        if code_node.type == "struct_expression":  # Some(CloseFrame { … }) handled by its own anchor
            return
        defining = self.defines_constant(region, call)
        expected = name[:1].isupper() and self.expected_by_a_matcher(region, call)
        for alternative in self.alternatives(region, code_node):  # code || 1000, x ? 1005 : 1000
            self.analyse_code(
                region,
                name=name,
                callee=callee,
                label=code_arg[0],
                code_node=alternative,
                reason_node=reason_node,
                defining=defining,
                call=call,
                expected=expected,
            )

    def expected_by_a_matcher(self, region: _Region, call: Node) -> bool:
        """Is the frame ``call`` builds the expected value of an assertion (specs2 ``must
        beEqualTo(CloseMessage(CloseCodes.NoStatus))``, ``assertEquals(new CloseStatus(1005), s)``)?"""
        for ancestor in _ancestors(call, 4):
            if ancestor.type in _ARG_TYPES:
                continue
            if ancestor.type in _CALL_TYPES and ancestor.named_child_count:
                head = ancestor.named_children[0]
                return head is not None and _MATCHER_CALL.search(region.node_text(head)) is not None
            return False
        return False

    def handed_to_an_event(self, region: _Region, call: Node) -> bool:
        """Is the frame ``call`` builds handed to an event that reports it to the app
        (``WebSocketEvent.Frame(WebSocketFrame.Close(code, reason))``, ``forwardCloseToApp(…)``)
        or returned as a parse result (``Right(CloseMessage(…))``), rather than sent?"""
        for ancestor in _ancestors(call, 6):
            if ancestor.type in _ARG_TYPES:
                continue
            if ancestor.type in _CALL_TYPES and ancestor.named_child_count:
                head = ancestor.named_children[0]
                callee = region.node_text(head) if head is not None else ""
                if callee == "Some":
                    continue
                args = ancestor.child_by_field_name("arguments")
                if args is not None and head is not None and args.start_byte > head.end_byte:
                    # Java/C#: the head is the receiver (endpoint.getInstance()), the name comes after
                    callee = region.encoded[head.start_byte : args.start_byte].decode("utf-8", "replace")
                # an event, a hand-over to the app (Play's completeAfterForwardingCloseToApp; the
                # app's own handler, endpoint.onClose(session, new CloseReason(code, reason))), or a
                # parse result (Right(CloseMessage(CloseCodes.NoStatus)): what the peer sent)
                return (
                    "Event" in callee
                    or "ToApp" in callee
                    or callee in ("Right", "Left")
                    or _EVENT_HANDLER.search(callee) is not None
                )
            return False
        return False

    def defines_constant(self, region: _Region, call: Node) -> bool:
        """Is ``call`` the value a constant is defined as (``static final CloseStatus NO_STATUS =
        new CloseStatus(1005)``, ``val GONE = CloseReason(1001, "")``, ``const BYE = …``)?"""
        for ancestor in _ancestors(call, 3):
            if ancestor.type in _CALL_TYPES or ancestor.type in _ARG_TYPES:
                return False  # an argument of something else (a send, a return…)
            if ancestor.type in _FUNCTION_VALUE_TYPES:
                return False  # the body of `const stop = () => ws.close(1000)`: it runs when called
            if _assigned_type(ancestor.type) or ancestor.type in _DECLARATION_TYPES:
                declaration = ancestor
                for outer in _ancestors(ancestor, 2):
                    if outer.type in _DECLARATION_TYPES:
                        declaration = outer
                head = region.encoded[declaration.start_byte : call.start_byte].decode("utf-8", "replace")
                if (
                    declaration.type == "var_spec"
                    and next(self.enclosing_functions(declaration), None) is None
                ):
                    return True  # Go: a package-level var (closeFrameGoingAway = makeCloseFrame(…))
                return _CONSTANT_HEAD.search(head) is not None
            if ancestor.type in _STATEMENT_TYPES:
                return False
        return False

    def alternatives(self, region: _Region, node: Node) -> list[Node]:
        """The values an argument may take: both sides of a fallback (``code || 1000``,
        ``code ?? 1006``, ``exc.code or 1006``, ``code ?: 1000``) and both branches of a
        conditional (``x ? 1005 : 1000``, ``1006 if x else 1000``)."""
        node = _unparenthesized(node)
        node_type = node.type
        if node_type in _BINARY_TYPES or node_type in (
            "boolean_operator",
            "elvis_expression",
            "if_null_expression",
            "nil_coalescing_expression",
        ):
            operators = [region.node_text(c).strip() for c in node.children if not c.is_named]
            named = [c for c in node.named_children if c is not None]
            if len(named) == 2 and len(operators) == 1 and operators[0] in _FALLBACK_OPERATORS:
                return [*self.alternatives(region, named[0]), *self.alternatives(region, named[1])]
            if len(operators) == 1 and operators[0] in _FALLBACK_OPERATORS:  # Dart: ws.closeCode ?? 1000
                split = next(i for i, c in enumerate(node.children) if not c.is_named)
                sides = (node.children[:split], node.children[split + 1 :])  # the last node stands for a run
                return [
                    side[-1] for side in sides if side and (len(side) == 1 or side[-1].type == "selector")
                ]
        elif node_type in _CONDITIONAL_TYPES:
            named = [c for c in node.named_children if c is not None]
            if len(named) > 3:  # Dart: x ? status.normalClosure : status.goingAway, side by side
                runs: list[list[Node]] = [[]]
                for child in node.children:
                    if child.is_named:
                        runs[-1].append(child)
                    elif region.node_text(child).strip() in ("?", ":"):
                        runs.append([])
                if len(runs) == 3 and all(runs):
                    return [r[-1] for r in runs[1:] if len(r) == 1 or r[-1].type == "selector"]
            if len(named) == 3:
                # JS/Java/C#/PHP cond ? a : b; Python `a if cond else b`
                first, second = (
                    (named[0], named[2])
                    if node_type == "conditional_expression" and (self.facts.family == "python")
                    else (named[1], named[2])
                )
                return [*self.alternatives(region, first), *self.alternatives(region, second)]
        elif node_type in _PLAIN_NAME_TYPES:
            assigned = self.assigned_values(region, node)
            if assigned:
                return assigned
            branches = self.branch_values(region, node)  # val code = when (cause) { … }
            if branches:
                return [a for value in branches for a in self.alternatives(region, value)]
        elif node_type == "object":  # close({code: 1050, reason}): the options' code is the code
            code = _options_code(region, node)
            if code is not None:
                return self.alternatives(region, code)
        elif node_type in _CALL_TYPES:
            fallback = _method_fallback(region, node)
            if fallback is not None:
                return [*self.alternatives(region, fallback[0]), *self.alternatives(region, fallback[1])]
            operand = _converted_operand(region, node)  # code.toShort() of a local: the local's values
            if operand is not None and operand.type in _PLAIN_NAME_TYPES:
                values = self.alternatives(region, operand)
                if values != [operand]:
                    return values
        return [node]

    def assigned_values(self, region: _Region, node: Node) -> list[Node]:
        """The values a local holds where ``node`` uses it, when the function assigns it a name or
        a number in branches before (``switch reason { case A: status = StatusX … }`` then
        ``send(status)``): every assignment no later one on the way to the use overwrites. Empty
        when a single number is assigned (``definition`` reads that) or nothing simple is."""
        function = next(self.enclosing_functions(node), None)
        if function is None:
            return []
        name = region.node_text(node).strip()
        if not _PLAIN_NAME.fullmatch(name):
            return []
        low, use = region.to_str(function.start_byte), region.to_str(node.start_byte)
        found: list[tuple[Node, Node]] = []  # (value, the block the assignment sits in)
        for m in _assignment_pattern(name).finditer(self.text, low, use):
            start, end = m.span("value")
            value = region.node_at(start, end)
            if value is None or region.node_text(value).strip() != m.group("value"):
                return []
            block = value.parent
            while block is not None and block != function and not _branch_type(block.type):
                block = block.parent
            found.append((value, block or function))
        if not found or (len(found) == 1 and found[0][0].type in _INT_TYPES):
            return []
        at = node.start_byte
        reaching = []
        for i, (value, _block) in enumerate(found):
            if any(
                later.start_byte <= value.start_byte < later.end_byte
                and later.start_byte <= at < later.end_byte
                for _value, later in found[i + 1 :]
            ):
                continue  # overwritten on every path to the use
            reaching.append(value)
        excluded = self.excluded_by_guards(region, node, name, function)
        return [v for v in reaching if region.node_text(v).strip() not in excluded] if excluded else reaching

    def excluded_by_guards(self, region: _Region, node: Node, name: str, function: Node) -> set[str]:
        """The values that ``if name != VALUE { … }`` around ``node`` (inside ``function``) keeps
        from reaching it (nats-server: ``if status != wsCloseStatusNoStatusReceived { send(status) }``)."""
        out: set[str] = set()
        current = node
        for ancestor in _ancestors(node, 30):
            if ancestor == function:
                break
            if ancestor.type in _IF_TYPES:
                condition = ancestor.child_by_field_name("condition")
                consequence = ancestor.child_by_field_name("consequence")
                if condition is not None and consequence is not None and consequence == current:
                    m = _NOT_EQUAL_GUARD.fullmatch(region.node_text(condition).strip())
                    if m is not None and name in (m.group(1), m.group(2)):
                        out.add(m.group(2) if m.group(1) == name else m.group(1))
            current = ancestor
        return out

    def branch_values(self, region: _Region, node: Node) -> list[Node]:
        """The results of the branches of the expression a local is declared with, once and never
        assigned again: Kotlin ``val code = when (cause) { … -> A; else -> B }`` or ``if (…) A else B``,
        Rust ``let code = match … { … => A, … }`` or ``if … { A } else { B }``."""
        function = next(self.enclosing_functions(node), None)
        name = region.node_text(node).strip()
        if function is None or not _PLAIN_NAME.fullmatch(name) or self.facts.family not in ("kotlin", "rust"):
            return []
        low, use = region.to_str(function.start_byte), region.to_str(node.start_byte)
        declared = re.compile(
            r"\b(?:val|let(?:[ \t]+mut)?)[ \t]+"
            + re.escape(name)
            + r"[ \t]*(?::[^=\n]*)?=[ \t]*(?=(?:when|if|match)\b)"
        )
        found = list(declared.finditer(self.text, low, use))
        if len(found) != 1 or list(_assignment_pattern(name).finditer(self.text, low, use)):
            return []
        start = region.to_byte(found[0].end())
        value = region.node_at(found[0].end(), found[0].end() + 2)
        while value is not None and value.start_byte == start and value.type not in _BRANCHING_TYPES:
            value = value.parent
        if value is None or value.start_byte != start or value.type not in _BRANCHING_TYPES:
            return []
        return _branch_results(value)

    def analyse_code(
        self,
        region: _Region,
        *,
        name: str,
        callee: str,
        label: str | None,
        code_node: Node,
        reason_node: Node | None,
        defining: bool = False,
        call: Node | None = None,
        expected: bool = False,
    ) -> None:
        """One value the code argument of a close call may take (``defining``: the call builds a
        constant, ``static final CloseStatus NO_STATUS = new CloseStatus(1005)``: nothing is sent)."""
        family = self.facts.family
        evaluated = self.value_of(region, code_node)
        receiver = callee[: -len(name)].rstrip(".:->?$ \t\n") if callee.endswith(name) else callee
        if evaluated is None:
            if not defining:
                api = self.api_name(name, receiver)
                self.note_wrapper(region, code_node, api, name, self.reports_only(name, receiver))
            return
        kind, code, value_node, constant, passthrough = evaluated
        to_app = call is not None and self.handed_to_an_event(region, call)
        if passthrough and to_app:
            return  # sttp: queue.offer(WebSocketEvent.Frame(WebSocketFrame.Close(code, reason))): reported
        if kind == "constant" and constant is None and not passthrough and not defining:
            local = self.reports_only(name, receiver)  # def fail(ws, code=1011): ws.close(code)
            self.note_wrapper(region, code_node, self.api_name(name, receiver), name, local)
        # a plain number, or a name bound to one (C: int fd = 0; … close(fd); HttpStatusCode.BadRequest):
        # is this a WebSocket?
        if (kind == "literal" or (constant is None and not passthrough)) and not (1000 <= code <= 4999):
            specific = name not in ("close", "Close", "cancel")
            evidence = (
                specific
                or label is not None
                or reason_node is not None
                or bool(_WS_RECEIVER.search(receiver.rsplit(".", 1)[-1] if receiver else ""))
                or (kind == "constant" and self.status_member(region, value_node))
            )
            if not evidence:
                if kind == "constant":  # close(fd) of a file: the int fd was bound to is no close code
                    self.unmark_bindings(region, code)
                return
        if kind == "literal" and family == "python" and receiver.rsplit(".", 1)[-1] in ("os", "io", "fd"):
            return
        api = self.api_name(name, receiver)
        library = constant.library if constant is not None else None
        quoted = None if reason_node is None else _QUOTED.fullmatch(region.node_text(reason_node))
        with_reason = quoted is not None and quoted.group(2) != ""  # (kj, websocketpp: 1005 only without)
        lenient = (
            None if passthrough else lenient_api(family, name, code, self.text, library, reason=with_reason)
        )
        note = None if lenient is None else lenient.effect
        if (
            note is None
            and code in (1005, 1006)
            and receiver in ("", "self", "this", "@")
            and self.guards_own(name, code)
        ):
            note = f"this file's own {name}() checks for {code} and sends something else instead"
        if note is None and code in (1005, 1006) and receiver not in ("", "self", "this", "@"):
            note = self.guard_note(name, receiver, code, passthrough)
        if note is None and code in (1005, 1006) and call is not None and not passthrough:
            # session.closeInternal(new CloseReason(NO_STATUS_CODE, null)): the reason built here is
            # handed to a close method that may replace the code (undertow's sends no code for 1005)
            outer = self.enclosing_call(region, call)
            if outer is not None:
                outer_name, outer_receiver = outer
                if outer_receiver in ("", "self", "this", "@", "$this"):
                    if self.guards_own(outer_name, code):
                        note = f"this file's own {outer_name}() checks for {code} and sends something else"
                else:
                    note = self.guard_note(outer_name, outer_receiver, code, passthrough)
        self.emit_send(
            region,
            value_node,
            kind=kind,
            code=code,
            constant=constant,
            api=api,
            reason_node=reason_node,
            passthrough=passthrough,
            role=(
                "define"
                if defining
                else "compare"
                if expected
                else "event"
                if to_app or self.reports_only(name, receiver)
                else "send"
            ),
            library_note=note,
        )

    def guard_note(self, name: str, receiver: str, code: int, passthrough: bool) -> str | None:
        """What the project's ``receiver.name()`` does with ``code`` (1005 or 1006) when it replaces
        it before sending (ProjectIndex.guarded); else None, and the method is noted for the project
        pass (another file of the project may define it so)."""
        guard = (
            None if self.project is None else self.project.guarded(name, receiver, self.facts.language, code)
        )
        if guard is not None:
            return f"{guard.owner}.{name}() ({guard.path}) checks for {code} and sends another code"
        if not passthrough:
            self.unresolved.add(f"{name}()")
        return None

    def enclosing_call(self, region: _Region, call: Node) -> tuple[str, str] | None:
        """(name, receiver) of the call ``call`` is an argument of (``session.closeInternal(new
        CloseReason(…))`` -> ("closeInternal", "session")), when it is one."""
        holder = call.parent
        while holder is not None and holder.type in _ARG_WRAPPERS:
            holder = holder.parent
        if holder is None or holder.type not in _ARG_LIST_TYPES:
            return None
        outer = holder.parent
        if outer is not None and outer.type == "call_suffix":
            outer = outer.parent
        if (
            outer is None
            or outer.type not in _CALL_TYPES
            or outer.type in ("object_creation_expression", "new_expression")
        ):
            return None
        callee = region.encoded[outer.start_byte : holder.start_byte].decode("utf-8", "replace").strip()
        m = re.fullmatch(
            r"(?:(?P<receiver>[\w$@.:>?-]+?)\s*(?:\.|->|::|\?\.)\s*)?(?P<name>[A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?",
            callee,
        )
        if m is None:
            return None
        return m.group("name"), (m.group("receiver") or "").strip()

    def status_member(self, region: _Region, node: Node) -> bool:
        """Is ``node`` a member of another file's close-status type (http4k's ``NEVER_CONNECTED``,
        ``WsStatus(-1, "Never connected")`` in ``WsStatus``'s companion object)?"""
        if self.project is None:
            return False
        found = self.project.find(region.node_text(node).strip(), self.facts.language)
        return found is not None and found.owner is not None and _STATUS_OWNER.search(found.owner) is not None

    def reports_only(self, name: str, receiver: str) -> bool:
        """Does this call report a close locally instead of sending one (Starlette's
        ``WebSocketDisconnect(code=1006)``, or see closes_locally)?"""
        return name in _EVENT_ONLY or self.closes_locally(name, receiver)

    def closes_locally(self, name: str, receiver: str) -> bool:
        """Is ``name`` called on the object itself (``this.close(1005)``) this file's own method,
        whose body sends nothing (an emulated socket that only reports a close event, like a
        long-polling fallback's close(code, reason) -> onclose({code, reason}))? Then the code is
        reported locally (role "event"), not sent."""
        if receiver not in ("", "this", "self", "@", "$this") or (receiver == "" and not name[:1].islower()):
            return False  # (CloseReason(…) with no receiver: a constructor)
        known = self._local_closes.get(name)
        if known is None:
            text = self.text
            bodies = []
            # the name first (a literal: `re` skips ahead fast), then what stands around it
            for m in re.finditer(re.escape(name) + r"[ \t]*\(", text):
                at = m.start()
                if at and (text[at - 1].isalnum() or text[at - 1] in "_$."):
                    continue
                if _DEFINED_BEFORE.search(text, max(0, at - 12), at) or _DEFINED_AFTER.match(text, m.end()):
                    bodies.append(_body(text, at, m.end()))
            known = bool(bodies) and not any(_SENDS_CLOSE.search(body) for body in bodies)
            self._local_closes[name] = known
        return known

    def guards_own(self, name: str, code: int) -> bool:
        """Does this file define ``name`` (a close function or method called on self) with a guard
        that replaces ``code`` (1005 or 1006) before sending (websocket-kit's close(code:); gorilla's
        FormatCloseMessage, which sends an empty payload for 1005, in a package that copied it)?
        (project.guarded_codes decides, as it does for the project's other files.)"""
        known = self._guards.get(name)
        if known is None:
            codes = {c for _name, _at, found in guarded_codes(self.text, (name,)) for c in found}  # (cached)
            known = self._guards[name] = (1005 in codes, 1006 in codes)
        return known[0] if code == 1005 else known[1] if code == 1006 else False

    def api_name(self, name: str, receiver: str) -> str:
        key = (name, receiver)
        api = self._api_names.get(key)
        if api is None:
            api = self._api_names[key] = self._api_name(name, receiver)
        return api

    def _api_name(self, name: str, receiver: str) -> str:
        if self.facts.family == "javascript":
            return "browser.close" if self.facts.browser else "ws.close"
        words = [w for w in _WORD_SEPARATOR.split(receiver.strip()) if w and w != "new"]
        last = words[-1] if words else ""
        last = last.lstrip("$&*(").rstrip("!?")
        return f"{last}.{name}" if last else name

    def emit_send(
        self,
        region: _Region,
        value_node: Node,
        *,
        kind: str,
        code: int,
        constant: Constant | None,
        api: str,
        reason_node: Node | None,
        passthrough: bool,
        role: str = "send",
        library_note: str | None = None,
    ) -> None:
        reason = reason_start = reason_end = None
        escaped = False
        if reason_node is not None:
            raw = region.node_text(reason_node)
            m = _QUOTED.fullmatch(raw)
            if m is not None:
                reason = m.group(2)
                content_start = region.to_str(reason_node.start_byte) + m.start(2)
                reason_start, reason_end = content_start, content_start + len(reason)
                escaped = (
                    "\\" in reason or "${" in reason or "#{" in reason or ("{" in reason and raw[0] in "f$")
                )
        start, end = region.to_str(_chain_first(value_node).start_byte), region.to_str(value_node.end_byte)
        name = implied = None
        if kind == "constant" and constant is None:
            last = _NAME_SEPARATOR.split(self.text[start:end].strip())[-1]
            if _WS_NUMBERED.fullmatch(last) and self.definition(last, value_node) is None:
                said = name_code(last, code)[0]
                if said is not None and said != code:
                    name, implied = last, said
        rejected = None
        if role == "send" and not passthrough and not self.facts.browser:
            rejecting = rejecting_api(self.facts.family, api.rsplit(".", 1)[-1], code, self.text)
            rejected = None if rejecting is None else rejecting.library
        self.add(
            occurrence(
                start, end, code, kind, role, api, self.text[start:end], constant,
                self.facts.browser, reason, reason_start,
                reason_end, passthrough, name, implied, self.error_context(value_node), escaped,
                library_note=library_note, rejected_by=rejected,
            )
        )  # fmt: skip

    # -- numbers next to == / case / < / .. / includes( ----------------------------------------
    def on_number(self, region: _Region, node: Node) -> None:
        if node.type not in _INT_TYPES:
            return
        nearest = _ancestor_list(node, 3)  # asked three times below: a node's parent is not free
        if _in_comment_or_string(node, nearest):
            return
        value = _int_of(region.node_text(node))
        if value is None:
            return
        compared = self.compare_context(region, node, nearest)
        if compared is None:
            return
        api, role, low, high = compared
        if not in_territory(value) and role != "event" and not self.close_evidence(region, node):
            return  # response.code == 404, `code match { case 0x8 => … }`: no close code
        start, end = region.to_str(node.start_byte), region.to_str(node.end_byte)
        self.add(
            occurrence(
                start, end, value, "literal", role, api, self.text[start:end],
                range_low=low, range_high=high,
            )
        )  # fmt: skip

    def close_evidence(self, region: _Region, node: Node) -> bool:
        """For a number outside close-code territory compared with something named like a code: does
        the comparison (``ws.getCloseCode() == 0``), the assertion's arguments (``assertEquals(17260,
        client.getCloseStatus())``), the subject of the match it is an arm of, or the function
        around it (``fn from(code: u16) -> CloseCode``) speak of a close? (An HTTP status compared
        with ``response.code``, an opcode matched on ``code``, don't.)"""
        evidence = ""
        for ancestor in _ancestors(node, 8):
            kind = ancestor.type
            if kind in _CASE_TYPES:
                evidence = self.switch_subject(region, ancestor) or ""
                break
            if kind in _BINARY_TYPES or kind in _ARG_LIST_TYPES:
                evidence = region.node_text(ancestor)[:400]
                break
            if _STOP_MENTION.search(kind):
                break
        if _CLOSE_WORD_ANY.search(evidence):
            return True
        function = next(self.enclosing_functions(node), None)
        return function is not None and _CLOSE_WORD_ANY.search(self.signature(function)) is not None

    def on_case_name(self, region: _Region, node: Node) -> None:
        """``case ARTWsCloseNormal:`` in a switch on a received code: the project's constant (a
        #define, an enumerator) is compared like a number (library constants: on_constant)."""
        parent = node.parent
        while parent is not None and parent.type in _MEMBER_TYPES and parent.end_byte == node.end_byte:
            node, parent = parent, parent.parent  # websocket::kCodeNormal
        if _in_comment_or_string(node) or self.compare_context(region, node) is None:
            return
        evaluated = self.value_of(region, node)
        if evaluated is None or evaluated[3] is not None or not 1000 <= evaluated[1] <= 4999:
            return  # (a library's constant is its own anchor's; other values are no close codes)
        start, end = region.to_str(node.start_byte), region.to_str(node.end_byte)
        self.add(occurrence(start, end, evaluated[1], "constant", "compare", "case", self.text[start:end]))

    def compare_context(
        self, region: _Region, node: Node, nearest: list[Node] | None = None
    ) -> tuple[str, str, int | None, int | None] | None:
        """(api, role, low, high) when ``node`` is checked against a received close code: role
        "compare" for ``==``, membership and ``case`` (api "compare" / "case"), role "bound" for
        the end of a range check (``code >= 3000``, ``3000..=3999 =>``; low/high: the range it
        bounds, as far as the check says). None otherwise. (``nearest``: its nearest ancestors.)"""
        current = node
        parent = node.parent if nearest is None else nearest[0] if nearest else None
        if parent is not None and self.fallback_of_code(region, node, parent):
            return "fallback", "event", None, None
        if parent is not None and parent.type in ("disjunction_expression", "conjunction_expression"):
            # tree-sitter-swift reads `c == 1005 || c == 1006` as `c == (1005 || c) == 1006`
            outer = parent.parent
            named = [c for c in parent.named_children if c is not None]
            if outer is not None and named and named[0].id == node.id and outer.type == "equality_expression":
                left = outer.named_children[0] if outer.named_children else None
                operators = {region.node_text(c).strip() for c in outer.children if not c.is_named}
                if left is not None and operators & _EQ_OPERATORS and self.codeish(region.node_text(left)):
                    return "compare", "compare", None, None
        ranged: Node | None = None
        while parent is not None and parent.type in _GROUP_TYPES:
            if parent.type in _RANGE_TYPES:
                ranged = parent
            current, parent = parent, parent.parent
        if parent is None:
            return None
        parent_type = parent.type
        bounds = self.range_ends(region, ranged) if ranged is not None else (None, None)
        if parent_type in _BINARY_TYPES or parent_type == "is_pattern_expression":
            return self.compared_in_binary(region, current, parent, bounds, ranged is not None)
        if parent_type in _MEMBER_TYPES and current.type in _LIST_VALUE_TYPES:  # [1000, 1001].includes(code)
            call = parent.parent
            member = region.node_text(parent)[len(region.node_text(current)) :].strip(" .?")
            if call is not None and call.type in _CALL_TYPES and member in _MEMBERSHIP_METHODS:
                args = call.child_by_field_name("arguments") or next(
                    (c for c in call.named_children if c is not None and c.type in _ARG_LIST_TYPES), None
                )
                if args is not None and self.codeish(region.node_text(args).strip("()")):
                    return "compare", "compare", None, None
            return None
        if (current.type in _LIST_VALUE_TYPES or parent_type in _ARG_LIST_TYPES) and self.tested_collection(
            region, current, parent
        ):
            return "compare", "compare", None, None
        if parent_type in _ARG_TYPES or parent_type in ("pair", "dictionary", "object"):
            found = self.argument_context(region, current, parent)
            if found is not None:
                return found
        if current.type in _LIST_VALUE_TYPES and _assigned_type(parent_type):  # FATAL = [1002, 1006]
            name = self.assigned_name(region, parent, current)
            if name is not None and self.used_as_membership(name):
                return "compare", "compare", None, None
            return None
        for ancestor in [current, parent, *_ancestors(parent, 3)]:
            if ancestor.type in _CASE_TYPES:
                if self.in_arm_body(region, ancestor, node):
                    # `3000..=3999 => 1`: the 1 is what the arm gives, not what it matches; but
                    # `Normal => 1000` under `match code` is a close-code member's number
                    subject = (
                        self.switch_subject(region, ancestor)
                        if self.maps_member(region, ancestor, node)
                        else None
                    )
                    if subject is not None and self.codeish(subject):
                        return "case", "define", None, None
                    return None
                subject = self.switch_subject(region, ancestor)
                if subject is not None and self.codeish(subject):
                    if ranged is not None:
                        return "range", "bound", *bounds
                    return "case", "compare", None, None
                return None
        return None

    def tested_collection(self, region: _Region, current: Node, parent: Node) -> bool:
        """Is ``current`` (a list, or an argument of ``parent``) part of a collection tested for a
        received code where the grammar has no member node for it: Dart ``const {1000, 1001}``
        ``.contains`` ``(code)`` side by side, Scala ``Set(1000, 1001).contains(code)``?"""
        method: Node | None = None
        if current.type in _LIST_VALUE_TYPES:  # Dart: the list, then .contains, then (code)
            method = current.next_sibling
            args = method.next_sibling if method is not None else None
        else:
            collection = parent.parent
            if collection is None or collection.type not in _CALL_TYPES or collection.named_child_count != 2:
                return False
            callee = collection.named_children[0]
            if callee is None or region.node_text(callee) not in _COLLECTION_CALLS:
                return False
            member = collection.parent  # Set(…).contains, then the call of it
            call = member.parent if member is not None and member.type in _MEMBER_TYPES else None
            if member is None or call is None or call.type not in _CALL_TYPES:
                return False
            method = member
            args = next((c for c in call.named_children if c is not None and c.type in _ARG_LIST_TYPES), None)
        if method is None or args is None:
            return False
        name = region.node_text(method).rsplit(".", 1)[-1].strip()
        return name in _MEMBERSHIP_METHODS and self.codeish(region.node_text(args).strip(" ()"))

    def argument_context(
        self, region: _Region, current: Node, parent: Node
    ) -> tuple[str, str, int | None, int | None] | None:
        """A number among a call's arguments: an assertion about a received code
        (``assertEquals(1000, ws.getCloseCode())``, ``expect(e.code).toBe(1005)``), or the code of a
        close event built here (``onclose({code: 1006})``, ASGI ``{"type": "websocket.disconnect",
        "code": 1006}``: role "event", a code reported locally), or an ASGI close message the app
        sends (``{"type": "websocket.close", "code": 1006}``: a send)."""
        node = current
        if parent.type in ("pair", "keyed_element", "field_initializer"):
            key = parent.child_by_field_name("key") or next(
                (c for c in parent.named_children if c is not None), None
            )
            if key is None or key.id == current.id or region.node_text(key).strip("'\":") not in _EVENT_KEYS:
                return None
            container = parent.parent
            if container is None:
                return None
            text = region.node_text(container)
            if _ASGI_CLOSE.search(text):
                return "asgi.websocket.close", "send", None, None
            if _ASGI_DISCONNECT.search(text):
                return "event", "event", None, None
            if container.type in ("object", "dictionary", "hash", "map") and self.close_event_object(
                region, container
            ):
                return "event", "event", None, None
            node, parent_or_none = container, container.parent
            if parent_or_none is None:
                return None
            parent = parent_or_none
        while parent.type in _ARG_WRAPPERS and parent.parent is not None:
            node, parent = parent, parent.parent
        if parent.type not in _ARG_LIST_TYPES or parent.parent is None:
            return None
        call = parent.parent
        if call.type == "call_suffix" and call.parent is not None:  # Kotlin: f(…) is f + call_suffix
            call = call.parent
        start = call.start_byte
        if call.type == "argument_part" and call.parent is not None:  # Dart: expect (ws.closeCode, 1000)
            start = _chain_first(call.parent).start_byte
        elif call.type not in _CALL_TYPES:
            return None
        callee = region.encoded[start : parent.start_byte].decode("utf-8", "replace")
        if callee.rstrip().endswith((".get", ".fetch", "getOrDefault")):  # msg.get("code", 1000)
            args = [c for c in parent.named_children if c is not None and "comment" not in c.type]
            if len(args) == 2 and args[1].id == node.id and self.codeish(f"x[{region.node_text(args[0])}]"):
                return "fallback", "event", None, None
        if node is not current and node.type in ("object", "dictionary", "hash", "map"):
            return ("event", "event", None, None) if _EVENT_CALL.search(callee) else None
        if not _ASSERT_CALL.search(callee):
            return None
        others = [c for c in parent.named_children if c is not None and c.id != node.id]
        subject = _ASSERT_SUBJECT.search(callee)
        if any(self.codeish(region.node_text(c)) for c in others) or (
            subject is not None and self.codeish(subject.group(1))
        ):
            return "assert", "compare", None, None
        if _CLOSE_ASSERT.search(callee):  # the first number given to an assertion about a close
            first = next((c for c in parent.named_children if c is not None and _int_argument(c)), None)
            if first is not None and first.id == node.id:
                return "assert", "compare", None, None
        return None

    def fallback_of_code(self, region: _Region, node: Node, parent: Node) -> bool:
        """Is ``node`` what a received code falls back to (``code or 1000``, ``e?.code ?? 1005``,
        ``code ||= 1000``)? (In a close call's argument that value is a send: see alternatives.)"""
        if parent.type not in _FALLBACK_PARENTS:
            return False
        named = [c for c in parent.named_children if c is not None and "comment" not in c.type]
        if len(named) != 2 or named[1].id != node.id:
            return False
        operators = {region.node_text(c).strip() for c in parent.children if not c.is_named}
        operator = parent.child_by_field_name("operator")
        if operator is not None:
            operators.add(region.node_text(operator).strip())
        if not operators & _FALLBACK_OPERATORS:
            return False
        return self.codeish(region.node_text(named[0]))

    def close_event_object(self, region: _Region, container: Node) -> bool:
        """Is this object literal (holding ``code: N``) a close event: does it also say ``reason`` or
        ``wasClean`` (``{code: 1006, reason: ""}``), or is it bound to a name that says so
        (``const event = {code: 1001}``)?"""
        for pair in container.named_children:
            if pair is None or pair.type not in ("pair", "shorthand_property_identifier"):
                continue
            key = pair.child_by_field_name("key") if pair.type == "pair" else pair
            if key is not None and region.node_text(key).strip("'\":") in ("reason", "wasClean"):
                return True
        holder = container.parent
        if holder is not None and holder.type in ("variable_declarator", "assignment_expression"):
            name = holder.child_by_field_name("name") or holder.child_by_field_name("left")
            if name is not None and _EVENT_NAME.fullmatch(region.node_text(name).strip()):
                return True
        return False

    def compared_in_binary(
        self,
        region: _Region,
        current: Node,
        parent: Node,
        bounds: tuple[int | None, int | None],
        ranged: bool,
    ) -> tuple[str, str, int | None, int | None] | None:
        """``current`` is an operand of ``parent`` (a comparison, maybe chained: ``3000 <= c < 5000``)."""
        children = parent.children
        index = next((i for i, c in enumerate(children) if c.id == current.id), None)
        if index is None:
            return None
        if parent.type == "is_pattern_expression":  # C#: code is 1000 or 1001
            subject = parent.child_by_field_name("expression")
            if subject is not None and subject.id != current.id and self.codeish(region.node_text(subject)):
                return ("range", "bound", *bounds) if ranged else ("compare", "compare", None, None)
            return None
        low_index = high_index = index  # (Dart: an operand is a run of nodes, ws .closeCode)
        while low_index > 0 and children[low_index].type == "selector":
            low_index -= 1
        while high_index + 1 < len(children) and children[high_index + 1].type == "selector":
            high_index += 1
        for step in (-1, 1):  # the operator next to it, then the operand across that operator
            op_index = (low_index if step < 0 else high_index) + step
            other_index = op_index + step
            if not (0 <= op_index < len(children) and 0 <= other_index < len(children)):
                continue
            operator_node, other = children[op_index], children[other_index]
            operator = region.node_text(operator_node).strip()
            if (
                operator_node.is_named
                and operator not in ("in", "not in")
                and operator_node.type not in _OPERATOR_TYPES
            ):
                continue
            operator = " ".join(operator.split())
            far_index = other_index
            while 0 <= far_index + step < len(children) and children[far_index + step].type == "selector":
                far_index += step
            if far_index != other_index:
                near, far_end = sorted((other_index, far_index))
                other_text = region.encoded[children[near].start_byte : children[far_end].end_byte].decode(
                    "utf-8", "replace"
                )
            else:
                other_text = region.node_text(other)
            if not self.codeish(other_text):
                continue
            if operator in _EQ_OPERATORS:
                return "compare", "compare", None, None
            if operator in _RELATIONAL:
                value = _int_of(region.node_text(current)) if current.type in _INT_TYPES else None
                if value is None:
                    return "range", "bound", None, None
                # code >= N: low N; code > N: low N+1; N <= code: low N … (the number on the left flips it)
                below = (operator in ("<", "<=")) != (step == 1)  # the code is below the number
                strict = operator in ("<", ">")
                low, high = (None, value - strict) if below else (value + strict, None)
                partner = self.other_bound(region, parent, other)
                far = far_index + 2 * step  # chained: 4000 <= code < 5000
                if partner is None and 0 <= far < len(children):
                    far_value = _int_of(region.node_text(children[far]))
                    far_operator = region.node_text(children[far_index + step]).strip()
                    if far_value is not None and far_operator in _RELATIONAL:
                        far_below = (far_operator in ("<", "<=")) == (step == 1)
                        far_strict = far_operator in ("<", ">")
                        partner = (
                            (None, far_value - far_strict) if far_below else (far_value + far_strict, None)
                        )
                if partner is not None:
                    low = partner[0] if low is None else low
                    high = partner[1] if high is None else high
                return "range", "bound", low, high
        return None

    def other_bound(
        self, region: _Region, comparison: Node, subject: Node
    ) -> tuple[int | None, int | None] | None:
        """In ``code >= 3000 && code <= 4999``, the bound the other half of the ``&&`` sets."""
        parent = comparison.parent
        while parent is not None and parent.type in _PAREN_TYPES:
            comparison, parent = parent, parent.parent
        if parent is None or (parent.type not in _BINARY_TYPES and parent.type != "boolean_operator"):
            return None
        operators = {
            region.node_text(c).strip()
            for c in parent.children
            if not c.is_named or c.type in _OPERATOR_TYPES
        }
        if not operators & {"&&", "and"}:
            return None
        name = region.node_text(subject).strip()
        for child in parent.named_children:
            if child is None or child.id == comparison.id:
                continue
            parts = _unparenthesized(child).children
            if len(parts) != 3 or not parts[2].is_named or not parts[0].is_named:
                continue
            operator = region.node_text(parts[1]).strip()
            if operator not in _RELATIONAL:
                continue
            left, right = region.node_text(parts[0]).strip(), region.node_text(parts[2]).strip()
            number, flipped = (
                (right, False) if left == name else (left, True) if right == name else ("", False)
            )
            value = _int_of(number) if number else None
            if value is None:
                continue
            below = (operator in ("<", "<=")) != flipped
            strict = operator in ("<", ">")
            return (None, value - strict) if below else (value + strict, None)
        return None

    def range_ends(self, region: _Region, ranged: Node) -> tuple[int | None, int | None]:
        """The inclusive ends of a range literal (``3000..=3999``, ``3000..<5000``, ``3000...3999``)."""
        ints = [c for c in ranged.named_children if c is not None and c.type in _INT_TYPES]
        if ranged.type == "range_test":  # Kotlin: in 3000..4999
            inner = next(
                (c for c in ranged.named_children if c is not None and c.type == "range_expression"), None
            )
            if inner is not None:
                return self.range_ends(region, inner)
        if len(ints) != 2:
            return None, None
        low, high = _int_of(region.node_text(ints[0])), _int_of(region.node_text(ints[1]))
        between = region.encoded[ints[0].end_byte : ints[1].start_byte].decode("utf-8", "replace").strip()
        family = self.facts.family
        exclusive = (
            between == "..<"
            or (between == ".." and family == "rust")
            or (between == "..." and family == "ruby")
        )
        if high is not None and exclusive:
            high -= 1
        return low, high

    def maps_member(self, region: _Region, case: Node, node: Node) -> bool:
        """Is ``node`` the whole value of an arm whose pattern names a member (``Normal => 1000,``,
        ``CloseCode::Away => 1001``, ``NORMAL -> 1000``)?"""
        if node.start_byte - case.start_byte > 400:  # (an arm's pattern is short)
            return False
        head = region.encoded[case.start_byte : node.start_byte].decode("utf-8", "replace")
        tail = region.encoded[node.end_byte : case.end_byte].decode("utf-8", "replace")
        m = _ARM_MEMBER.fullmatch(head)
        if m is None or tail.strip(" \t\r\n,;}") or m.group("pattern").strip() in ("else", "_", "default"):
            return False
        value = _int_of(region.node_text(node))
        return value is not None and 1000 <= value <= 4999

    def in_arm_body(self, region: _Region, case: Node, node: Node) -> bool:
        """Is ``node`` past the separator that ends a case arm's patterns (``=>``, ``->``, ``:``…)?"""
        head = region.encoded[case.start_byte : node.start_byte].decode("utf-8", "replace")
        separators = _ARM_SEPARATORS_COLON if self.facts.family in _COLON_CASES else _ARM_SEPARATORS
        return separators.search(head) is not None

    def switch_subject(self, region: _Region, case: Node) -> str | None:
        """The text of what a ``case``/``when``/match arm is matched against."""
        fallback: str | None = None
        for switch in _ancestors(case, 5):
            if switch.type not in _SWITCH_TYPES:
                continue
            subject = (
                switch.child_by_field_name("value")
                or switch.child_by_field_name("condition")
                or switch.child_by_field_name("subject")
                or switch.child_by_field_name("expr")
            )
            if subject is None and switch.type == "when_expression":
                subject = next(
                    (c for c in switch.named_children if c is not None and c.type == "when_subject"), None
                )
            if subject is None:
                if fallback is None and switch.type not in ("switch_block", "switch_body"):
                    first = next((c for c in switch.named_children if c is not None), None)
                    if first is not None and first.id != case.id:
                        fallback = region.node_text(first)
                continue
            if subject.id == case.id:
                return None
            text = region.node_text(subject).strip()
            if self.facts.family == "elixir":
                text = re.sub(r"^case\s+|\s+do\b.*$", "", text, flags=re.S)
            return text.strip("()").strip()
        if fallback is not None and self.facts.family == "elixir":
            fallback = re.sub(r"^case\s+|\s+do\b.*$", "", fallback, flags=re.S)
        return None if fallback is None else fallback.strip().strip("()").strip()

    def assigned_name(self, region: _Region, assignment: Node, value: Node) -> str | None:
        """The name a list is assigned to (``const FATAL = [1002, 1006]``)."""
        head = region.encoded[assignment.start_byte : value.start_byte].decode("utf-8", "replace")
        m = _ASSIGNED_NAME.search(head)
        return None if m is None else m.group(1)

    def used_as_membership(self, name: str) -> bool:
        """Is a list named ``name`` used to test a received code (``FATAL.includes(e.code)``,
        ``code in FATAL``, ``FATAL.contains(code)``)?"""
        known = self._memberships.get(name)
        if known is None:
            known = False
            escaped = re.escape(name)
            for m in re.finditer(
                r"(?<![\w$])"
                + escaped
                + r"\s*\.\s*(?:includes|has|contains|indexOf|include\?)\s*\(([^()]*)\)"
                r"|([\w$.\[\]'\"]+)\s+(?:not\s+)?in\s+" + escaped + r"(?![\w$])",
                self.text,
            ):
                if self.codeish(m.group(1) or m.group(2) or ""):
                    known = True
                    break
            self._memberships[name] = known
        return known

    def codeish(self, text: str) -> bool:
        """Does ``text`` read as a received close code (``event.code``, ``ws.close_code``)?"""
        known = self._codeish.get(text)
        if known is None:
            if self._received is None:
                self._received = frozenset(received_names(self.text, self.facts.language))
            known = self._codeish[text] = self._codeish_text(text) or text.strip() in self._received
        return known

    def _codeish_text(self, text: str) -> bool:
        text = _KEYED.sub(r".\1", text.strip())  # msg["code"], data.get("code"), event[:code] -> .code
        if _CLOSE_STATUS.search(text):  # closeFrame.statusCode(): a close frame's, not an HTTP status
            return True
        if _NOT_CODEISH.search(text):
            return False
        if self.facts.family == "objc" and _NSERROR_CODE.search(text):
            return False
        return bool(_CODEISH.search(text) or _CODE_CALLS.search(text))

    # -- mentions: a number whose syntax says close code (hover only; see mentions.py) -----------
    def on_mention(self, region: _Region, node: Node, start: int, end: int) -> None:
        """A number in close-code territory, in a file about WebSockets: a close code when what
        surrounds it says so (role "mention", api: which context; or "compare" / "bound" for a
        comparison with a value named like a code). Never a send: no rule reports a mention."""
        if node.type not in _INT_TYPES or (start, end) in self.found:
            return
        for around in (node, *_ancestor_list(node, 3)):  # (an Elixir bitstring is no string)
            if _comment_or_string_type(around.type) and around.type != "bitstring":
                return
        digits = _LEADING_DIGITS.match(self.text, start, end)
        if digits is None or not in_territory(int(digits.group())):
            return
        value = int(digits.group())
        found = self.mention_context(region, node, start, end, value)
        if found is None:
            return
        role, api, low, high = found
        occ = occurrence(
            start, end, value, "literal", role, api, self.text[start:end], range_low=low, range_high=high
        )  # fmt: skip
        if role == "mention":
            self.mentions[(start, end)] = occ
        self.add(occ)

    def mention_context(
        self, region: _Region, node: Node, start: int, end: int, value: int
    ) -> tuple[str, str, int | None, int | None] | None:
        """(role, api, low, high) for a number a close context surrounds, or None."""
        text = self.text
        line = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        before = text[max(line, start - 160) : start]
        after = text[end : line_end if line_end >= 0 else min(len(text), end + 160)]
        if _FIELD_16.match(after):  # <<1000::16, …>>: the first two bytes of a Close frame's body
            return "mention", "16-bit field", None, None
        compared = _COMPARED_BEFORE.search(before)
        operand, operator = (compared.group(1), compared.group(2)) if compared else ("", "")
        if not compared:
            compared = _COMPARED_AFTER.match(after)
            if compared:
                operand, operator = compared.group(2), _FLIPPED.get(compared.group(1), compared.group(1))
        if compared and _code_name(_last_name(operand)):
            if operator in ("==", "!=", "===", "!==", "~="):
                return "compare", "compare", None, None
            strict = operator in ("<", ">")
            if operator in ("<", "<="):  # (the operand is below the number)
                return "bound", "range", None, value - strict
            return "bound", "range", value + strict, None
        current = node
        for _level in range(8):
            parent = current.parent
            if parent is None:
                return None
            parent_type = parent.type
            named = [c for c in parent.named_children if c is not None and "comment" not in c.type]
            if parent_type in _VALUE_CONDITIONALS:  # code = 1005 if done else 1006
                condition = parent.child_by_field_name("condition")
                if condition is None and named:  # (Python: value if condition else value)
                    condition = named[1] if self.facts.family == "python" and len(named) == 3 else named[0]
                if condition is None or condition.id == current.id:
                    return None  # the condition, not a value
                current = parent
                continue
            if parent_type in _ARG_LIST_TYPES or parent_type in ("arguments", "token_tree"):
                found = self.mentioned_by_call(region, parent, current, named, value)
                if found is not None:
                    return "mention", found, None, None
            elif parent_type in _LIST_VALUE_TYPES or parent_type == "initializer_list":
                if len(named) <= 16 and any(
                    c.id != current.id and _CLOSE_CONSTANT.search(region.node_text(c)) for c in named
                ):
                    return "mention", "beside close constants", None, None
                opening = region.to_str(parent.start_byte)
                lead = text[max(text.rfind("\n", 0, opening) + 1, opening - 80) : opening]
                if named and named[0].id == current.id and _CLOSE_TYPE_BEFORE.search(lead):
                    return "mention", "first field of a close frame", None, None
            if len(named) == 1 and _block_type(parent_type):  # an expression body: `def code: Int =` ⏎ value
                current = parent
                continue
            head = region.encoded[parent.start_byte : current.start_byte].decode("utf-8", "replace")[-200:]
            assigned = _ASSIGNED_TO.search(head)
            if assigned is not None and not (parent_type in _ARG_LIST_TYPES and "=" not in head):
                name = assigned.group(1) or assigned.group(2)
                if _code_name(name) or _close_name(name):
                    return "mention", f"assigned to {name}", None, None
                scope = self.close_scope(start)
                return None if scope is None else ("mention", f"a constant of {scope}", None, None)
            if _STOP_MENTION.search(parent_type):
                return None
            current = parent
        return None

    def close_scope(self, offset: int) -> str | None:
        """The name of the scope named for close codes (``namespace status`` in ``namespace close``,
        ``object CloseCodes``) whose body holds the line at ``offset``, seen from the text alone (the
        nearest less indented line, or the line that opens the braces around it)."""
        text = self.text
        indent = _indent_at(text, offset)
        for head_start, head in _outer_lines(text, offset, max(indent, 1), 400):
            if head.strip() == "{":
                continue
            m = SCOPE_HEAD.match(head)
            if m is None:
                return None
            brace = text.find("{", head_start, head_start + 400)
            if brace < 0 or brace > offset or brace_end(text, brace, offset) >= 0:
                return None
            return " ".join(head.split()).rstrip("{ ")
        return None

    def mentioned_by_call(
        self, region: _Region, args: Node, current: Node, named: list[Node], value: int
    ) -> str | None:
        """Is ``current``, an argument of the call that ``args`` belongs to, a close code by that
        call: its name speaks of closing (or of writing a 16-bit field), it is a matcher in a
        statement about a close or a code, or an event emitted with a registered code?"""
        call = args.parent
        if call is None:
            return None
        if args.type == "token_tree":  # a Rust macro: read the call before the "(" as text
            head = region.encoded[max(call.start_byte, args.start_byte - 120) : args.start_byte]
            callee = head.decode("utf-8", "replace")
        else:
            if call.type == "call_suffix" and call.parent is not None:  # Kotlin
                call = call.parent
            first = call.start_byte
            if call.type == "argument_part" and call.parent is not None:  # Dart
                first = _chain_first(call.parent).start_byte
            callee = region.encoded[first : args.start_byte].decode("utf-8", "replace")[-120:]
        name = _last_name(callee)
        if not name:
            return None
        qualified = _CLOSE_QUALIFIER.search(callee)
        if qualified is not None and not _NOT_A_CODE.search(name):  # (a transport's port is no time)
            shown = re.split(r"[(\s!]", callee.strip())[-1] or callee.strip()  # (in a macro: its last call)
            return f"argument of {shown}"  # close::status::reserved(1004), StatusCodeRange{…}
        if _STATUS_TYPE.match(name) and any(
            c.id != current.id and _REASON_LIKE.search(region.node_text(c)) for c in named
        ):
            return f"argument of {name}"
        if _CLOSE_CALLEE.search(name) and not _NOT_A_CODE.search(name):
            if _CLOSE_WORD_ANY.search(name) or 1001 <= value <= 1015:
                return f"argument of {name}"
            # end, stop, disconnect, fail…: also said of timers and servers (stop(1000) waits 1000 ms);
            # a reason given alongside says close
            if any(c.id != current.id and _REASON_LIKE.search(region.node_text(c)) for c in named):
                return f"argument of {name}"
            return None
        if any(
            c.id != current.id
            and (
                region.node_text(c).strip(" '\":") in ("close", "Close", "CLOSE")
                or _REASON_LABEL.match(region.node_text(c)) is not None
            )
            for c in named
        ):
            return f"argument of {name}"  # driver.frame("Hello", :close, 1002)
        if len(named) <= 16 and any(
            c.id != current.id and _CLOSE_CONSTANT.search(region.node_text(c)) for c in named
        ):
            return "beside close constants"  # Seq(CloseCodes.Regular, 3000, 4999)
        if _EMITTER.fullmatch(name) and 1001 <= value <= 1015:
            return f"argument of {name}"
        if _MENTION_MATCHER.search(name):
            statement = call
            for ancestor in _ancestors(call, 6):
                if _STOP_MENTION.search(ancestor.type):
                    break
                statement = ancestor
            said = callee + region.node_text(statement)[:400]  # (Dart: the chain before is no ancestor)
            if _CLOSE_WORD_ANY.search(said) or any(_code_name(w) for w in _IDENTIFIER.findall(said)):
                return "assertion"
        return None

    # -- library constants ---------------------------------------------------------------------
    def on_constant(self, region: _Region, node: Node) -> None:
        if _in_comment_or_string(node):
            return
        found = self.constant_for(region, node)
        if found is None:
            return
        expression, constant = found
        start, end = region.to_str(_chain_first(expression).start_byte), region.to_str(expression.end_byte)
        earlier = self.found.get((start, end))
        if earlier is not None and earlier.role != "define":
            return  # already a send or a comparison: neither role found here would replace it
        if _in_comment_or_string(expression):
            return
        compared = self.compare_context(region, expression)
        role = "compare" if compared is not None else "define"
        self.add(
            occurrence(
                start, end, constant.code, "constant", role, constant.library, self.text[start:end], constant
            )
        )

    # -- Elixir tuples ---------------------------------------------------------------------------
    def on_tuple(self, region: _Region, node: Node) -> None:
        tuple_node = (
            node
            if node.type == "tuple"
            else next((a for a in _ancestors(node, 3) if a.type == "tuple"), None)
        )
        if tuple_node is None or _in_comment_or_string(tuple_node):
            return
        items = [c for c in tuple_node.named_children if c is not None and "comment" not in c.type]
        if not items:
            return
        head = region.node_text(items[0]).strip()
        candidates: list[Node] = []
        if head == ":close":
            candidates = items[1:2]
        elif head == ":stop" and len(items) == 4:
            candidates = items[2:3]
        for candidate in candidates:
            reason_node = None
            value_node = candidate
            if candidate.type == "tuple":
                inner = [c for c in candidate.named_children if c is not None]
                if not inner:
                    continue
                value_node = inner[0]
                if len(inner) > 1 and inner[1].type in _STRING_TYPES:
                    reason_node = inner[1]
            elif head == ":close" and len(items) > 2 and items[2].type in _STRING_TYPES:
                reason_node = items[2]
            evaluated = self.value_of(region, value_node)
            if evaluated is None or evaluated[0] != "literal":
                continue
            kind, code, vnode, constant, passthrough = evaluated
            self.emit_send(
                region,
                vnode,
                kind=kind,
                code=code,
                constant=constant,
                api=head.lstrip(":"),
                reason_node=reason_node,
                passthrough=passthrough,
            )

    # -- members of a close-code type: enum CloseCode { NORMAL = 1000 } ---------------------------
    def on_member(self, region: _Region, node: Node, start: int, end: int) -> None:
        if node.type not in _INT_TYPES or _in_comment_or_string(node):
            return
        value = _int_of(region.node_text(node))
        line = self.text.rfind("\n", 0, start) + 1
        m = _MEMBER_NAME.search(self.text, line, start)
        if value is None or m is None:
            return
        name = m.group("name") or m.group("go")
        before = self.text[line : m.start()]
        if _CONSTRUCTED.search(before):  # NORMAL = new WebSocketCloseStatus(1000, …): NORMAL is defined
            declared = _DECLARED_BY_CALL.search(before)
            if declared is None and not before.strip().removeprefix("new").strip():  # NAME =\n new T(…)
                above = self.text[self.text.rfind("\n", 0, max(0, line - 1)) + 1 : max(0, line - 1)]
                declared = _DECLARED_BY_CALL.search(above)
            if declared is None:
                return
            name = declared.group(1)
        if name in _KEYWORDS or name in _NOT_MEMBER_NAMES:
            return
        earlier = self.found.get((start, end))
        if earlier is not None and earlier.role != "mention":
            return  # already a send, a comparison or a definition
        implied, marked = name_code(name, value)
        self.add(
            occurrence(
                start, end, value, "literal", "define", "constant", self.text[start:end], name=name,
                name_code=self.claimed(name, value, implied) if marked and implied is not None else None,
            )
        )  # fmt: skip

    # -- NAME = 1000 ----------------------------------------------------------------------------
    def on_definition(self, region: _Region, node: Node, start: int, end: int) -> None:
        m = _NAME_AT.match(self.text, start)
        if m is None:
            return
        name = m.group("name")
        value_node = region.node_at(m.start("value"), m.end("value"))
        name_node = region.node_at(m.start("name"), m.end("name"))
        if value_node is None or name_node is None:
            return
        if value_node.type not in _INT_TYPES and not (  # C: #define CLOSE_NORMAL 1000 (the value is raw text)
            value_node.type == "preproc_arg"
            and _int_of(region.node_text(value_node).split("//", 1)[0].split("/*", 1)[0]) is not None
        ):
            return
        if _in_comment_or_string(value_node) or _in_comment_or_string(name_node):
            return
        raw = m.group("value") if value_node.type == "preproc_arg" else region.node_text(value_node)
        value = _int_of(raw)
        if value is None:
            return
        implied, marked = name_code(name, value)
        if implied is None:
            return
        if not marked and not (1000 <= value <= 4999 and self.mentions_close()):
            return
        if any(c.code == value for c in self.table.by_key.get(name, ())):
            implied = None  # a library's own definition (libwebsockets' LWS_CLOSE_STATUS_NOSTATUS = 0)
        for ancestor in _ancestors(value_node, 2):
            if ancestor.type in ("keyword_argument", "argument", "named_argument", "value_argument"):
                return
        vs, ve = region.to_str(value_node.start_byte), region.to_str(value_node.end_byte)
        if value_node.type == "preproc_arg":  # (its text runs to the end of the line)
            vs, ve = m.start("value"), m.end("value")
        earlier = self.definers.get((vs, ve))
        if earlier is not None and earlier < start:
            return  # `A: B = 1006`: the leftmost name is the one defined (B is a type)
        self.definers[(vs, ve)] = start
        previous = self.found.get((vs, ve))
        if previous is not None and previous.role == "define":
            del self.found[(vs, ve)]
        self.add(
            occurrence(
                vs, ve, value, "literal", "define", "constant", self.text[vs:ve], name=name,
                name_code=self.claimed(name, value, implied),
            )
        )  # fmt: skip

    def claimed(self, name: str, value: int, implied: int | None) -> int | None:
        """The code a definition's name claims, for WSC008: only by IANA's names and the names of
        this language's libraries (a Ruby INVALID_DATA = 1003 claims nothing, though
        python-websockets calls 1007 INVALID_DATA); a name that only says what it is keeps it."""
        if implied is None or implied == value:
            return implied
        return implied if name_code(name, value, self.constants_of)[0] == implied else value


# -- mentions (see mentions.py and _Analyser.on_mention) ------------------------------------------
_LEADING_DIGITS = re.compile(r"\d+")
_FIELD_16 = re.compile(r"\s*::?\s*(?:16|size\(\s*16\s*\))\b")  # Elixir <<1000::16>>, Erlang <<1000:16>>
_COMPARED_BEFORE = re.compile(r"([\w$@.\[\]'\"]*[\w$\]'\"])\s*(===|!==|==|!=|~=|<=|>=|<|>)\s*$")
_COMPARED_AFTER = re.compile(r"\s*(===|!==|==|!=|~=|<=|>=|<|>)\s*([\w$@][\w$@.\[\]'\"]*)")
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
# What ends the climb from a number to its context: a statement, a block, a function, a file.
_STOP_MENTION = re.compile(
    r"^(?!.*(?:call|invocation|argument))(?:.*(?:statement|block|body|function|lambda|closure|method|program"
    r"|module|source|chunk|translation_unit|compilation_unit|class|declaration_list|stab_clause"
    r"|macro_definition))"
)
# `name = `, `name: `, `name := `, `obj.name = `, `val name: Int = `, `err[kStatusCode] = `
_ASSIGNED_TO = re.compile(
    r"(?:\[\s*['\"]?([\w$]+)['\"]?\s*\]|([\w$@]+)['\"]?)\s*(?::\s*[\w<>?.\[\], ]+?\s*)?(?::=|=>|=|:)\s*$"
)
_IDENTIFIER = re.compile(r"[A-Za-z_$@][\w$]*")
_NOT_A_CODE = re.compile(
    r"(?i)time|delay|interval|millis|_ms\b|ms$|(?<![a-z])sec|wait|ttl|period|after|size|len|bytes|count|retr|attempt"
    r"|backoff|port|buffer|limit|max_?len|depth|width|height"
)
_CLOSE_CALLEE = re.compile(
    r"(?i)clos|disconnect|shutdown|terminat|reconnect|abort|hang_?up|go_?away|^(?:end|stop|fail|kill|drop)"
    r"|(?:put|write|set)_?u?int_?16|u?int16|(?:put|write)_?short"
)
# A callee qualified by a close scope or named for a close-code type (close::status::invalid(…),
# CloseStatus.of(…), StatusCodeRange{…}, WebSocketCloseStatus(…))
_CLOSE_QUALIFIER = re.compile(
    r"[Cc]lose\w*::|\b[A-Z]?\w*Close\w*\.\w+\s*$|^\s*(?:new\s+)?\w*StatusCode\w*\s*$"
)
# A type named for a close status or reason, built with a reason beside the code: WsStatus(1000,
# "Normal"), ShutdownReason(1000, "bye"), WebSocketStatus(1001, "going away")
_STATUS_TYPE = re.compile(r"^[A-Z]\w*(?:Status|Reason)$")
# An argument labelled as the close reason (reason="…", reason: "…"): the number beside it is the code
_REASON_LABEL = re.compile(r"^\s*(?:close_?)?[Rr]eason\s*[:=]")
# A close reason given beside a code: a string, or a name for one (String.Empty, EMPTY_BUFFER, nil)
_REASON_LIKE = re.compile(
    r"""^\s*(?:[@$]?["'`]|.*(?:[Rr]eason|REASON|[Mm]essage|[Ee]mpty|EMPTY)|nil|null|None)"""
)
_EMITTER = re.compile(r"(?i)emit|dispatch\w*|trigger|fire\w*|notify\w*")
_MENTION_MATCHER = re.compile(
    r"(?i)assert|expect|equal|^eql?$|same|^to_?be|should|must|^check|^require|verify|then_?return|^returns?$"
    r"|called_?with|^matches$"
)
_CLOSE_WORD_ANY = re.compile(r"[Cc]los|CLOS")
# A close constant beside a number in a list: CloseCodes.Regular, close::status::normal, CLOSE_NORMAL
_CLOSE_CONSTANT = re.compile(
    r"[Cc]lose\w*(?:\.[A-Z]\w*|::\w+)|\b[A-Z0-9_]*CLOSE_[A-Z0-9_]+\b|\bk?\w*Close(?:Code|Status)\w+"
)
# A brace list whose type speaks of a close (``CloseFrame cf = {1005, …}``, ``Close { 1005, … }``)
_CLOSE_TYPE_BEFORE = re.compile(r"[Cc]lose\w*\s*(?:[\w*&]+\s*=\s*)?$")
_VALUE_CONDITIONALS = (
    _CONDITIONAL_TYPES | _IF_TYPES | frozenset({"conditional", "if_expression", "else_clause"})
)
_NOT_CODE_NAME = re.compile(
    r"(?:exit|key|char|err|error|http|response|return|op|hash|uni|bar|zip|country|lang|postal|result"
    r"|source|byte|cmd|command|short|qr|auth|promo|colou?r|currency|exception|country|area|invite|reset"
    r"|verification|access)(?:code|status)s?$"
)


def _last_name(text: str) -> str:
    """The last identifier of an expression's text (``self.conn.send_close`` -> ``send_close``)."""
    names = _IDENTIFIER.findall(text)
    return names[-1] if names else ""


def _code_name(name: str) -> bool:
    """Does a name speak of a close code: ``code``, ``closeCode``, ``close_code``, ``status_code``,
    ``kStatusCode``, ``codes`` (and not ``exitCode``, ``keyCode``, ``httpStatus``…)?"""
    compact = name.strip("$@_'\"").replace("_", "").lower()
    if not compact.endswith(("code", "codes", "status")):
        return False
    return _NOT_CODE_NAME.search(compact) is None


def _close_name(name: str) -> bool:
    """Does a name speak of closing, and not of a time or a size (``CLOSE_GOING_AWAY``, not
    ``CLOSE_TIMEOUT``)?"""
    return _CLOSE_WORD_ANY.search(name) is not None and _NOT_A_CODE.search(name) is None


_RANK = {
    "send": 3,
    "compare": 2,
    "bound": 2,
    "event": 2,
    "define": 1,
    "mention": 0,
}  # which role wins when two anchors find one span
_KEYWORDS = frozenset({"return", "case", "when", "in", "else", "then", "do", "yield", "await", "if"})
# Plain substring tests: a regular expression that starts with an alternation is ~100x slower.
_NODE_MARKERS = (
    # the ws package, imported (a bare 'ws' is as often an attribute name: htmx's hx-ws extension)
    *(
        f"{head}{q}{name}{q}{tail}"
        for name in ("ws", "isomorphic-ws")
        for q in "'\""
        for head, tail in (("require(", ")"), ("from ", ""), ("import(", ")"))
    ),
    "WebSocketServer",
    "wss.on(",
    "ws.Server",
    "'node:",
    '"node:',
    "uWebSockets",
    # Servers that speak the browser's WebSocket API but are not browsers (their close() takes any
    # 1000–4999 code but 1004/1005/1006/1015): Cloudflare Workers and PartyKit, Deno, Bun.
    "WebSocketPair",
    "acceptWebSocket(",
    "cloudflare:workers",
    "partykit/server",
    "DurableObject",
    "Deno.upgradeWebSocket",
    "Bun.serve",
)
# The `websocket` package's w3cwebsocket is the browser's own WebSocket in a browser build (its
# package.json "browser": "lib/browser.js", which exports the native WebSocket as w3cwebsocket;
# theturtle32/WebSocket-Node at 47067c97d656f0a5449a7360d7afecba94ab24ce, 1.0.34): code that closes
# one reaches the browser's close() (streamr-dev/network#2147 replaced its close(1001) so).
_BROWSER_MARKERS = ("new WebSocket(", "window.", "document.", "addEventListener(", "w3cwebsocket")
# Dart code whose close() takes what a browser's does (1000 or 3000–4999, else it throws): the
# browser's WebSocket (dart:html, package:web), package:web_socket on every platform (checkCloseCode,
# dart-lang/http pkgs/web_socket/lib/src/utils.dart) and web_socket_channel 3.x, whose sinks close
# through it (pkgs/web_socket_channel/lib/adapter_web_socket_channel.dart; dart-lang/http#1690).
_DART_BROWSER_MARKERS = ("dart:html", "package:web/", "package:web_socket/", "package:web_socket_channel/")
# Every Node marker contains a match of one of these (ws' ws" ws.Server wss.on( node: WebSocketS
# WebSockets); most files have none, and three searches beat ten (a test checks the cover).
_NODE_GATES = tuple(
    re.compile(p).search
    for p in (
        r"""ws(?:['"]|\.Server|s\.on\()""",
        "node:",
        "WebSocket[SsP]",
        "acceptWebSocket|cloudflare:|partykit|DurableObject|Deno\\.|Bun\\.",
    )
)


def _node_markers(text: str) -> bool:
    """Does ``text`` contain one of _NODE_MARKERS?"""
    if not any(gate(text) for gate in _NODE_GATES):
        return False
    return any(m in text for m in _NODE_MARKERS)


def _facts(text: str, language: str, runtime: str) -> _FileFacts:
    family = _FAMILY.get(language, language)
    browser = False
    if family == "javascript":
        if runtime == "browser":
            browser = True
        elif runtime == "auto":
            browser = not _node_markers(text) and (
                language == "tsx" or any(m in text for m in _BROWSER_MARKERS)
            )
    elif family == "dart":
        browser = runtime == "browser" or (
            runtime == "auto" and any(m in text for m in _DART_BROWSER_MARKERS)
        )
    elif family in BROWSER_CAPABLE:  # (the runtime comes from runtime.runtime_for: this file's own)
        browser = runtime == "browser" or (runtime == "auto" and browser_build(text, language))
    return _FileFacts(language=language, family=family, browser=browser)
