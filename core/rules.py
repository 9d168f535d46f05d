"""Rules: close-code occurrences -> findings with stable ids, severities, evidence and safe fixes.

Every rule is a pure function of (occurrence, registry, config): the editor, ``wscode check`` and
the tests see the same findings. Rules fire on what is *sent*; comparing a received code against
1006 is correct and gets nothing.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from types import MappingProxyType

from ._record import Record
from .errors import ConfigError
from .registry import Constant, Source, Status, data
from .scan import Occurrence, ScanResult, language_for, scan, scan_strict
from .scan.runtime import runtime_for
from .suppressions import Directive, apply, directives

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .scan import ProjectIndex
    from .scan.validators import Validator
    from .teamcodes import ProjectRegistry

__all__ = [
    "RULES",
    "UNUSED_SUPPRESSION",
    "Analysis",
    "Finding",
    "Fix",
    "Rule",
    "RuleConfig",
    "Severity",
    "analyse",
    "findings_for",
    "project_urls",
    "rule_for",
    "rule_url",
    "short_message",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"

    @property
    def rank(self) -> int:
        """Higher is more severe (for thresholds)."""
        return {"error": 3, "warning": 2, "info": 1, "hint": 0}[self.value]


class Fix(Record):
    title: str
    start: int
    end: int
    replacement: str


class Rule(Record):
    """One rule, in one place: its id, name, default severity, evidence, whether its fix is safe,
    and its documentation (what it finds, why it matters, an example, the fix)."""

    id: str
    name: str
    severity: Severity
    summary: str
    evidence: Source
    what: str = ""
    why: str = ""
    example: str = ""  # a short snippet that the rule flags (in ``example_language``)
    example_language: str = "python"
    fixed: str = ""  # the example after the fix
    fix: str = ""  # what to do (and what the automatic fix does)
    fix_safety: str = "none"  # "safe" (applied by --fix), "unsafe" (only with --unsafe-fixes), "none"

    @property
    def url(self) -> str:
        """The rule's documentation (docs/rules.md in the repository, from [project.urls])."""
        return rule_url(self.id)


class Finding(Record):
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    code: int | None
    evidence: Source
    fixes: tuple[Fix, ...] = ()


def _source(source_id: str) -> Source:
    return data().sources[source_id]


def _rules() -> dict[str, Rule]:
    # One entry per rule: (id, name, severity, evidence source id, summary, fix safety) and its
    # documentation. A rule's messages and its fix are written by its check function below.
    specs = [
        ("WSC001", "reserved-code-sent", Severity.ERROR, "rfc6455-7.4.1",
         "Sending 1005, 1006 or 1015: these only report what happened locally and must never be sent.",
         "safe"),
        ("WSC002", "code-1004-sent", Severity.ERROR, "rfc6455-7.4.1",
         "Sending 1004: reserved, with no meaning; receivers treat it as a protocol error.", "safe"),
        ("WSC003", "code-out-of-range", Severity.ERROR, "rfc6455-7.4.2",
         "Sending a code outside 1000–4999 (0–999, 5000–65535) or one that doesn't fit in 2 bytes.",
         "unsafe"),
        ("WSC004", "unassigned-code-sent", Severity.ERROR, "rfc6455-7.4.2",
         "Sending an unassigned 1016–2999 code: that range is reserved for future protocol use.",
         "unsafe"),
        ("WSC005", "unregistered-3xxx-sent", Severity.WARNING, "iana",
         "Sending a 3000–3999 code that nobody registered with IANA.", "unsafe"),
        ("WSC006", "browser-close-code", Severity.ERROR, "whatwg-close",
         "A browser WebSocket.close() with a code other than 1000 or 3000–4999 throws InvalidAccessError.",
         "safe"),
        ("WSC007", "reason-too-long", Severity.ERROR, "rfc6455-5.5.1",
         "A close reason longer than 123 bytes of UTF-8 doesn't fit in a Close frame.", "unsafe"),
        ("WSC008", "constant-name-contradicts-value", Severity.WARNING, "rfc6455-7.4.1",
         "A constant whose name says one close code while its value is another.", "none"),
        ("WSC009", "received-code-passed-through", Severity.WARNING, "rfc6455-7.4.1",
         "Passing a received close code straight back into close(): it may be 1005/1006/1015.", "none"),
        ("WSC010", "undocumented-private-code", Severity.INFO, "rfc6455-7.4.2",
         "A private 4000–4999 code that the project's team file doesn't document.", "none"),
        ("WSC011", "library-rejects-code", Severity.WARNING, "dart-io-websocket",
         "The file's WebSocket library throws for this code although the protocol allows it "
         "(dart:io's close() for 1012–1014).", "unsafe"),
        ("WSC012", "validator-rejects-assigned-code", Severity.WARNING, "iana",
         "A check of a received close code that fails the connection for a code the protocol allows "
         "(1012–1014, 3000–4999).", "none"),
        ("WSC013", "validator-accepts-reserved-code", Severity.WARNING, "rfc6455-7.4.1",
         "A check of a received close code that lets 1004, 1005, 1006, 1015 or 1016–2999 pass as "
         "valid on the wire.", "none"),
    ]  # fmt: skip
    return {
        rid: Rule(
            id=rid, name=name, severity=sev, summary=summary, evidence=_source(src), fix_safety=safety,
            **_DOCS[rid],
        )
        for rid, name, sev, src, summary, safety in specs
    }  # fmt: skip


# Each rule's documentation: what it finds, why that is wrong, an example and its fix. `wscode rule
# WSC001` prints it; docs/rules.md is generated from it (a test keeps the file current).
_DOCS: dict[str, dict[str, str]] = {
    "WSC001": {
        "what": "A close call that sends 1005 (No Status Rcvd), 1006 (Abnormal Closure) or 1015 "
        "(TLS Handshake).",
        "why": "RFC 6455 §7.4.1 designates these codes for reporting what happened locally: a Close "
        "frame without a code (1005), a connection that dropped without one (1006), a failed TLS "
        "handshake (1015). An endpoint must not set them in a Close frame; libraries raise, or send a "
        "frame the peer rejects as a protocol error.",
        "example": "await websocket.close(code=1006)",
        "fixed": "await websocket.close(code=1000)",
        "fix": "Send 1000 (Normal Closure) for a normal close or 1011 (Internal Error) when closing "
        "because of an error, or a 4000–4999 code of your own. The automatic fix picks the code the "
        'close reason names ("shutting down" → 1001, "restarting" → 1012, "unauthorized" → 1008…), '
        "else 1011 inside an error handler and 1000 elsewhere, for a literal or the same library's "
        "constant (safe: the code as written can never be sent).",
    },
    "WSC002": {
        "what": "A close call that sends 1004.",
        "why": "1004 is reserved in RFC 6455 §7.4.1 and has no meaning; a receiver may treat it as a "
        "protocol error, and a browser's close() throws for it.",
        "example": "ws.close(1004)",
        "fixed": "ws.close(1000)",
        "fix": "Send 1000 for a normal close, 1008 for a policy violation, or a 4000–4999 code of "
        "your own. The automatic fix writes the code the close reason names, else 1000 (safe: 1004 "
        "says nothing the peer could act on).",
    },
    "WSC003": {
        "what": "A close call that sends a number outside 1000–4999: 0–999, 5000–65535, or one that "
        "doesn't fit in the Close frame's 2 bytes.",
        "why": "RFC 6455 §7.4.2 defines close codes only in 1000–4999; 0–999 are not used and "
        "5000 and above belong to no range, so the peer fails the connection.",
        "example": "ws.close(404)",
        "fixed": "ws.close(4404)",
        "fix": "Send a protocol code (1000–2999), a registered one (3000–3999) or a private one "
        "(4000–4999). The fix proposes the registered code the close reason names (close(999, "
        '"Server shutdown") → 1001), else, for 0–999, the private code 4000 + n (unsafe: the other '
        "end must learn the new code, so it runs only with --unsafe-fixes).",
    },
    "WSC004": {
        "what": "A close call that sends an unassigned code in 1016–2999.",
        "why": "1000–2999 is reserved for the protocol and its extensions (RFC 6455 §7.4.2); an "
        "unassigned code there may get a different meaning later, and peers may reject it.",
        "example": "ws.close(2001)",
        "fixed": "ws.close(4001)",
        "fix": "Use a private 4000–4999 code and document it in your team file, or the registered "
        "code that says what you mean. The fix proposes the code the close reason names "
        '(close(2001, "restarting") → 1012; unsafe: the other end must learn the new code); '
        "without a reason there is no automatic fix: only you know which code the other end expects.",
    },
    "WSC005": {
        "what": "A close call that sends a 3000–3999 code that is not in the IANA registry (and not "
        "one of your team's codes).",
        "why": "3000–3999 is for libraries, frameworks and applications that register their codes "
        "with IANA (RFC 6455 §7.4.2); an unregistered one can clash with a registration.",
        "example": "ws.close(3999)",
        "fixed": "ws.close(4999)",
        "fix": "Use a private 4000–4999 code, register the code with IANA, or document it in your "
        "team file. The fix proposes code + 1000 (unsafe: the other end must learn the new code).",
    },
    "WSC006": {
        "what": "A browser WebSocket.close() with a code other than 1000 or 3000–4999.",
        "why": "The WHATWG WebSockets Standard's close() throws an InvalidAccessError DOMException for "
        "any other code, so the connection is not closed at all.",
        "example": "socket.close(1001);",
        "example_language": "javascript",
        "fixed": "socket.close(1000);",
        "fix": "Close with 1000, or a 4000–4999 code your server understands. For 1001, 1004, 1005, "
        "1006 and 1015 the automatic fix writes 1000 (safe: the call as written throws).",
    },
    "WSC007": {
        "what": "A close reason longer than 123 bytes of UTF-8.",
        "why": "A Close frame is a control frame, whose payload holds at most 125 bytes: 2 for the "
        "code, so at most 123 for the reason (RFC 6455 §5.5, §5.5.1); a browser's close() throws a "
        "SyntaxError for a longer one.",
        "example": 'await ws.close(1008, "x" * 200)  # (a literal string of 200 characters)',
        "fixed": 'await ws.close(1008, "a shorter reason")',
        "fix": "Shorten the reason. The automatic fix cuts it at 123 bytes (unsafe: it changes the "
        "text the other end sees).",
    },
    "WSC008": {
        "what": "A constant or enum member whose name names one close code while its value is "
        "another (`NORMAL_CLOSURE = 1001`). A name names a code when it is the code's IANA name or "
        "a library's constant name in the file's language (python-websockets' `INVALID_DATA` is 1007 "
        "in Python only); a 3000–4999 code may borrow a protocol code's words for its own meaning "
        "(`ProtocolError = 3001`) unless its name carries a number.",
        "why": "Everyone who reads the name sends or expects the wrong code.",
        "example": "CLOSE_GOING_AWAY = 1000",
        "fixed": "CLOSE_GOING_AWAY = 1001",
        "fix": "Rename the constant or change its value. No automatic fix: which one is wrong is "
        "yours to say.",
    },
    "WSC009": {
        "what": "A received close code passed straight back into close().",
        "why": "The code you received can be 1005, 1006 or 1015, which must never be sent (RFC 6455 "
        "§7.4.1), and a browser's close() throws for them.",
        "example": "def relay(event, other):\n    other.close(event.code)",
        "fixed": "def relay(event, other):\n    other.close(1000)",
        "fix": "Choose the code to send (1000, or your own 4000–4999 code), or guard the value.",
    },
    "WSC010": {
        "what": "A private 4000–4999 code that the project's team file (wscodes.toml or "
        "[tool.wscodes]) doesn't document. Only runs when the project has a team file.",
        "why": "A private code means what the two ends agree on; undocumented, nobody knows what it "
        "means or whether to retry.",
        "example": "ws.close(4002)",
        "fix": 'Add the code to the team file: `[codes.4002]` with `name = "Session expired"` and a '
        "meaning, so the other end (and your team) know what it means.",
    },
    "WSC011": {
        "what": "A close call of a library that throws for a code RFC 6455 and the IANA registry "
        'allow. The libraries are data (core/data/close_apis.json "rejects", each with its '
        "source): today dart:io, whose WebSocket.close() rejects 1012–1014 as reserved. Only in "
        "files that use the library; browser code is WSC006's.",
        "why": "The call throws instead of closing, so the peer never learns why and the "
        "connection stays open until something else ends it.",
        "example": "import 'dart:io';\n\nFuture<void> restart(WebSocket ws) => ws.close(1012);",
        "example_language": "dart",
        "fixed": "import 'dart:io';\n\nFuture<void> restart(WebSocket ws) => ws.close(1001);",
        "fix": "Send a code the library accepts: 1001 (Going Away) for a restart, or a 4000–4999 code "
        "your clients understand. The fix proposes 1001 for 1012 (unsafe: clients may treat 1001 "
        "differently).",
    },
    "WSC012": {
        "what": "A validator of received close codes — a function named for it (isValidCloseCode, "
        "valid_code?, a C macro), an `if` whose branch fails the connection (throws, answers 1002), "
        "or a Rust `match` that files codes with the invalid ones — that rejects a code the IANA "
        "registry assigns: 1012 (Service Restart), 1013 (Try Again Later), 1014 (Bad Gateway), or a "
        "3000–4999 code. The validator's comparisons, ranges and lists are evaluated for 1000–1016, "
        "2999, 3000, 3999, 4000, 4999 (and 0, 999, 5000); it counts only when it accepts 1000, rejects "
        "a code outside 1000–4999 and every code is decided, so one partial check is never judged "
        "alone. The finding is on the bound, list or arm that decides the first misjudged code.",
        "why": "A peer that restarts (1012), is overloaded (1013) or fronts a failing upstream (1014) "
        "gets its connection failed as a protocol error (1002) instead of a retry, and 3000–4999 "
        "codes belong to libraries and applications (RFC 6455 §7.4.2). Sources disagree, which is "
        "why so many validators do this: older Autobahn TestSuite versions listed 1012–1015 among "
        "the invalid close codes of case 7.9.x (`[0,999,1004,1005,1006,1012,1013,1014,1015,1016,"
        "1100,2000,2999]`); 1012 and 1013 left the list in commit f2ab825 (2016) and 1014 and 1015 "
        "in 5164979 (2018), so validators written against the older suite, or copied from one "
        "(tungstenite's From<u16>, SocketRocket's closeCodeIsValid), still reject them. The IANA "
        "registry is normative; 1015 stays invalid on the wire (RFC 6455 §7.4.1).",
        "example": "VALID = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011}\n\n\n"
        "def valid_close_code(code):\n    return code in VALID or 3000 <= code <= 4999",
        "fixed": "VALID = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014}\n\n\n"
        "def valid_close_code(code):\n    return code in VALID or 3000 <= code <= 4999",
        "fix": "Accept 1000–1003, 1007–1014 and 3000–4999 (the current Autobahn TestSuite's 7.7.x "
        "and 7.9.x cases); reject 0–999, 1004–1006, 1015, 1016–2999 and 5000 and above. No "
        "automatic fix: the validator's shape varies.",
    },
    "WSC013": {
        "what": "A validator of received close codes (found and evaluated as for WSC012) that lets a "
        "code pass which can never be valid in a Close frame: 1004 (reserved), 1005, 1006 or 1015 "
        "(only reported locally), or an unassigned 1016–2999 code.",
        "why": "RFC 6455 §7.4.1 forbids 1005, 1006 and 1015 in a Close frame and gives 1004 no "
        "meaning; 1016–2999 are reserved for the protocol (§7.4.2). A receiver that accepts them "
        "reports (or echoes back) a code the peer could not have meant; the Autobahn TestSuite's "
        "case 7.9.x expects the connection to fail for them.",
        "example": "function validCloseCode(code) {\n  if (code >= 3000 && code <= 4999) return true;\n"
        "  return [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, "
        "1015].includes(code);\n}",
        "example_language": "javascript",
        "fixed": "function validCloseCode(code) {\n  if (code >= 3000 && code <= 4999) return true;\n"
        "  return [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014]"
        ".includes(code);\n}",
        "fix": "Reject 1004–1006, 1015 and 1016–2999 (fail the connection with 1002). No automatic "
        "fix: the validator's shape varies.",
    },
}


RULES: Mapping[str, Rule] = MappingProxyType(_rules())
RULE_IDS: tuple[str, ...] = tuple(RULES)
RUNTIMES = ("auto", "browser", "node")
_OFF = ("off", "none", "false", "disable", "disabled")


class RuleConfig(Record):
    """Which rules run, at which severity, and the JS runtime assumption."""

    severities: Mapping[str, Severity | None] = MappingProxyType({})  # rule id -> severity; None = off
    runtime: str = "auto"
    select: frozenset[str] | None = None  # only these rules (None = all)
    ignore: frozenset[str] = frozenset()
    team_file: bool | None = None  # force WSC010 on/off; None = "when the registry has a team file"

    def severity_of(self, rule_id: str) -> Severity | None:
        """The effective severity of ``rule_id``, or None when it is off."""
        if self.select is not None and rule_id not in self.select:
            return None
        if rule_id in self.ignore:
            return None
        if rule_id in self.severities:
            return self.severities[rule_id]
        return RULES[rule_id].severity

    @classmethod
    def from_settings(cls, settings: Mapping[str, object], *, source: str = "settings") -> RuleConfig:
        """From ``[tool.wscodes]`` settings or LSP options: ``{"rules": {...}, "runtime": "browser"}``."""
        severities: dict[str, Severity | None] = {}
        rules = settings.get("rules", {})
        if rules is None:
            rules = {}
        if not isinstance(rules, dict):
            raise ConfigError(
                source, "rules", "must be a table of rule ids", 'write rules = {WSC005 = "off"}'
            )
        for key, value in rules.items():
            rule_id = str(key).upper()
            if rule_id not in RULE_IDS:
                raise ConfigError(
                    source,
                    f"rules.{key}",
                    f"unknown rule {key!r}",
                    _nearest_rule(str(key)),
                )
            severities[rule_id] = _parse_severity(value, source, f"rules.{key}")
        runtime = settings.get("runtime", "auto")
        if runtime is None:
            runtime = "auto"
        if not isinstance(runtime, str) or runtime.lower() not in RUNTIMES:
            raise ConfigError(
                source, "runtime", f"runtime {runtime!r} is not one of {RUNTIMES}",
                'write runtime = "browser", "node" or "auto"',
            )  # fmt: skip
        select = _rule_set(settings.get("select"), source, "select")
        ignore = _rule_set(settings.get("ignore"), source, "ignore") or frozenset()
        return cls(
            severities=MappingProxyType(severities),
            runtime=runtime.lower(),
            select=select,
            ignore=ignore,
        )


def _nearest_rule(word: str) -> str:
    """The hint for an unknown rule id: the nearest valid one (difflib), or the range."""
    import difflib

    near = difflib.get_close_matches(word.upper(), RULE_IDS, n=1, cutoff=0.6)
    return f"did you mean `{near[0]}`?" if near else f"rule ids are {RULE_IDS[0]}–{RULE_IDS[-1]}"


def _parse_severity(value: object, source: str, key: str) -> Severity | None:
    if value is False or value is None:
        return None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _OFF:
            return None
        if word in {s.value for s in Severity}:
            return Severity(word)
    raise ConfigError(
        source, key, f"{value!r} is not a severity", 'use "error", "warning", "info", "hint" or "off"'
    )


def parse_rule_ids(value: str | Iterable[str], source: str, key: str) -> frozenset[str]:
    """``"WSC001,WSC005"`` or a list -> a set of rule ids; unknown ids raise ConfigError."""
    items = value.split(",") if isinstance(value, str) else list(value)
    out = set()
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(source, key, f"{item!r} is not a rule id", 'write e.g. ["WSC001"]')
        word = item.strip().upper()
        if not word:
            continue
        if word not in RULE_IDS:
            raise ConfigError(source, key, f"unknown rule {item.strip()!r}", _nearest_rule(item.strip()))
        out.add(word)
    return frozenset(out)


def _rule_set(value: object, source: str, key: str) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str) or (isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)):
        return parse_rule_ids(value, source, key)
    raise ConfigError(source, key, "must be a list of rule ids", f'write {key} = ["WSC001"]')


class Analysis(Record):
    scan: ScanResult
    findings: tuple[Finding, ...]  # what is reported: minus those a suppression comment covers
    suppressed: tuple[Finding, ...] = ()
    directives: tuple[Directive, ...] = ()  # the file's suppression comments (core.suppressions)
    used: frozenset[tuple[int, str | None]] = frozenset()  # (directive index, rule id or None) used


# ---------------------------------------------------------------------------------------------
# Fix helpers


def _label(code: int) -> str:
    record = data().codes.get(code)
    return f"{code} ({record.name})" if record else str(code)


@cache
def _library_constant(library: str, code: int) -> Constant | None:
    """The first of ``library``'s constants for ``code`` (the registry's data never changes)."""
    return next((c for c in data().constants if c.library == library and c.code == code), None)


def _replacement_constant(occ: Occurrence, target: int) -> str | None:
    """The same library's constant for ``target``, written the way the occurrence wrote its own."""
    constant = occ.constant
    if constant is None:
        return None
    sibling = _library_constant(constant.library, target)
    if sibling is None or not occ.text.endswith(constant.bare):
        return None
    return occ.text[: len(occ.text) - len(constant.bare)] + sibling.bare


def _replace_code(occ: Occurrence, target: int, why: str) -> tuple[Fix, ...]:
    if occ.kind == "literal":
        replacement: str | None = str(target)
    elif occ.constant is not None:
        replacement = _replacement_constant(occ, target)
    else:
        replacement = None  # a user constant: the fix belongs at its definition
    if replacement is None:
        return ()
    return (
        Fix(
            title=f"Send {_label(target)} instead{why.rstrip(',')}",
            start=occ.start,
            end=occ.end,
            replacement=replacement,
        ),
    )


# What a close reason says, as the registered code that says it (IANA names, RFC 6455 §7.4.1 and
# the 1012–1014 registrations): the fix for a code that can't be sent follows the reason's meaning
# ("Server shutdown" → 1001 Going Away), not a number derived from the bad one. First match wins.
_REASON_CODES: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern, re.IGNORECASE))
    for code, pattern in (
        (1012, r"\brestart|\bredeploy|\breboot|\breload"),
        (1013, r"try (?:again )?later|retry later|overload|too many|\bbusy\b|capacity|rate.?limit|throttl"),
        (1001, r"shut ?down|shutting|going (?:away|down)|\bgo(?:ne)? away|\bstopping\b|navigat|"
               r"page (?:unload|clos)|unload|\bleav(?:e|ing)\b|\bexit|\bquit"),
        (1008, r"unauthori[sz]|forbidden|not allowed|permission|polic|\bauth|\btoken|\bban(?:ned)?\b|"
               r"kick|denied|credential|expired session|session expired"),
        (1009, r"too (?:big|large|long)|(?:message|payload|frame) (?:size|length)|size limit|exceeds?"),
        (1007, r"invalid (?:utf|json|data|payload|message|encoding)|malformed|parse|decod"),
        (1003, r"unsupported|not supported|cannot accept|binary (?:data|message|frame)"),
        (1002, r"protocol"),
        (1011, r"internal|unexpected|exception|crash|\berror|\bfail"),
        (1000, r"normal|\bdone\b|complete|finish|\bbye\b|goodbye|clos(?:e|ing)\b|logout|log out|"
               r"disconnect|\bend(?:ed)?\b"),
    )
)  # fmt: skip


def _reason_code(occ: Occurrence) -> int | None:
    """The registered code the close reason's words name, if any (never for browser code, whose
    close() takes only 1000 and 3000–4999)."""
    if occ.reason is None or occ.browser:
        return None
    return next((code for code, pattern in _REASON_CODES if pattern.search(occ.reason)), None)


def _as_said(code: int) -> str:
    return ", as its reason reads," if code in data().codes else ""


def _truncate_utf8(text: str, limit: int) -> str:
    return text.encode("utf-8", "surrogatepass")[:limit].decode("utf-8", "ignore")


# ---------------------------------------------------------------------------------------------
# The rules


def _name(code: int) -> str:
    record = data().codes.get(code)
    return f"{code} ({record.name})" if record else str(code)


def _finding(rule_id: str, occ: Occurrence, message: str, fixes: tuple[Fix, ...] = ()) -> Finding:
    rule = RULES[rule_id]
    return Finding(
        rule=rule_id, severity=rule.severity, message=message, start=occ.start, end=occ.end,
        code=occ.code if occ.code >= 0 or not occ.passthrough else None, evidence=rule.evidence, fixes=fixes,
    )  # fmt: skip


def _subject(occ: Occurrence) -> str:
    """How a message names what is sent: "Sending 1006" or "CloseCode.ABNORMAL_CLOSURE (1006)"."""
    if occ.kind == "literal":
        return f"Sending {occ.code}"
    return f"Sending {occ.text} ({occ.code})"


def _browser_rejects(occ: Occurrence) -> bool:
    return occ.browser and not occ.passthrough and not data().browser_close.accepts(occ.code)


def _wsc001(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or occ.passthrough or occ.code not in (1005, 1006, 1015) or _browser_rejects(occ):
        return ()
    if occ.library_note is not None:  # the library turns it into something legal (data/close_apis.json)
        return ()
    what = {
        1005: "1005 (No Status Rcvd) means a Close frame arrived without a code",
        1006: "1006 (Abnormal Closure) means the connection dropped without a Close frame",
        1015: "1015 (TLS Handshake) means the TLS handshake failed",
    }[occ.code]
    said = _reason_code(occ)
    if said is not None:
        target, why = said, _as_said(said)
    elif occ.error_context:
        target, why = 1011, " for an unexpected error"
    else:
        target, why = 1000, " for a normal close"
    return [_finding(
        "WSC001", occ,
        f"{_subject(occ)}: {what}; an endpoint only reports it locally and must never send "
        f"it in a Close frame (RFC 6455 §7.4.1). Send {_label(target)}{why} or a 4000–4999 code.",
        _replace_code(occ, target, why),
    )]  # fmt: skip


def _wsc002(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or occ.code != 1004 or _browser_rejects(occ) or occ.library_note is not None:
        return ()
    said = _reason_code(occ)
    target, why = (said, _as_said(said)) if said else (1000, " for a normal close")
    return [_finding(
        "WSC002", occ,
        f"{_subject(occ)}: 1004 is reserved with no meaning (RFC 6455 §7.4.1); receivers may "
        "treat it as a protocol error. Send 1000 for a normal close, 1008 for a policy violation, or a "
        "4000–4999 code of your own.",
        _replace_code(occ, target, why),
    )]  # fmt: skip


def _wsc003(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or occ.passthrough or 1000 <= occ.code <= 4999 or _browser_rejects(occ):
        return ()
    if occ.library_note is not None:  # Boost.Beast close(close_code::none): an empty Close frame
        return ()
    fixes: tuple[Fix, ...] = ()
    said = _reason_code(occ)
    if said is not None and occ.kind == "literal":
        fixes = _replace_code(occ, said, _as_said(said))
    if 0 <= occ.code <= 999:
        detail = "0–999 are not used as close codes"
        if occ.kind == "literal" and not fixes:
            target = 4000 + occ.code
            fixes = (
                Fix(
                    title=f"Use the private code {target} (document it in your team file)",
                    start=occ.start, end=occ.end, replacement=str(target),
                ),
            )  # fmt: skip
    elif 5000 <= occ.code <= 65535:
        detail = "5000–65535 are outside every range the protocol defines"
    else:
        detail = "a close code is a 2-byte unsigned number (0–65535)"
    return [_finding(
        "WSC003", occ,
        f"{_subject(occ)}: {detail} (RFC 6455 §7.4.2). Send 1000–2999 (protocol), "
        "3000–3999 (registered) or 4000–4999 (private) codes only.",
        fixes,
    )]  # fmt: skip


def _wsc004(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or not (1016 <= occ.code <= 2999) or _browser_rejects(occ):
        return ()
    if registry.classify(occ.code).status is not Status.UNASSIGNED:
        return ()
    said = _reason_code(occ)
    fixes = _replace_code(occ, said, _as_said(said)) if said else ()
    return [_finding(
        "WSC004", occ,
        f"{_subject(occ)}: {occ.code} is an unassigned code in 1000–2999, which is reserved for the "
        "protocol and its extensions (RFC 6455 §7.4.2). Use a 4000–4999 code for your application.",
        fixes,
    )]  # fmt: skip


def _wsc005(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or not (3000 <= occ.code <= 3999):
        return ()
    record = registry.classify(occ.code)
    if record.status is not Status.UNASSIGNED or record.team:
        return ()
    target = occ.code + 1000
    fixes: tuple[Fix, ...] = ()
    if occ.kind == "literal":
        fixes = (
            Fix(title=f"Use the private code {target} instead", start=occ.start, end=occ.end,
                replacement=str(target)),
        )  # fmt: skip
    return [_finding(
        "WSC005", occ,
        f"{_subject(occ)}: {occ.code} was never registered with IANA, and 3000–3999 is for libraries "
        f"and frameworks that register their codes. Use a private 4000–4999 code (e.g. {target}) or "
        "register it.",
        fixes,
    )]  # fmt: skip


def _wsc006(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or not _browser_rejects(occ):
        return ()
    error = data().browser_close.code_error
    fixes: tuple[Fix, ...] = ()
    if occ.code in (1001, 1004, 1005, 1006, 1015) and occ.kind == "literal":
        fixes = (
            Fix(title="Send 1000 (Normal Closure) instead", start=occ.start, end=occ.end, replacement="1000"),
        )
    hint = {
        1001: "browsers send 1001 themselves when the page goes away",
        1006: "1006 is only reported locally, never sent",
        1005: "1005 is only reported locally, never sent",
    }.get(occ.code, "a script may only close with 1000 or 3000–4999")
    return [_finding(
        "WSC006", occ,
        f"{_subject(occ)}: a browser's WebSocket.close() throws {error} for {occ.code} ({hint}; WHATWG "
        "WebSockets, close()). Use 1000, or a 4000–4999 code your server understands.",
        fixes,
    )]  # fmt: skip


def _wsc007(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or occ.reason is None or occ.reason_start is None or occ.reason_end is None:
        return ()
    rule = data().close_frame
    size = len(occ.reason.encode("utf-8", "surrogatepass"))
    if size <= rule.max_reason_bytes or occ.reason_escaped:
        return ()
    fixes = (
        Fix(
            title=f"Shorten the reason to {rule.max_reason_bytes} bytes",
            start=occ.reason_start, end=occ.reason_end,
            replacement=_truncate_utf8(occ.reason, rule.max_reason_bytes),
        ),
    )  # fmt: skip
    thrown = f" (a browser throws {data().browser_close.reason_error})" if occ.browser else ""
    rule_obj = RULES["WSC007"]
    return [Finding(
        rule="WSC007", severity=rule_obj.severity,
        message=f"The close reason is {size} bytes of UTF-8; a Close frame holds at most "
        f"{rule.max_reason_bytes}{thrown} (RFC 6455 §5.5.1). Shorten it.",
        start=occ.reason_start, end=occ.reason_end, code=occ.code, evidence=rule_obj.evidence, fixes=fixes,
    )]  # fmt: skip


def _wsc008(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.name is None or occ.name_code is None or occ.name_code == occ.code:
        return ()
    if 3000 <= occ.code <= 4999 and not re.search(r"\d{4}", occ.name):
        # a library's or an application's own code may borrow a protocol code's words (SaltyRTC's
        # ProtocolError = 3001): it names its own meaning, not 1002
        return ()
    return [_finding(
        "WSC008", occ,
        f"{occ.name} is {occ.code}, but its name says {_name(occ.name_code)}; anyone reading "
        f"`{occ.name}` will send or expect the wrong code. Rename it or change the value.",
    )]  # fmt: skip


def _wsc009(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or not occ.passthrough:
        return ()
    browser = " and a browser's close() throws InvalidAccessError for them" if occ.browser else ""
    return [_finding(
        "WSC009", occ,
        f"{occ.text} passes a received close code back into close(): it can be 1005, 1006 or 1015, "
        f"which must never be sent{browser} (RFC 6455 §7.4.1). Choose the code to send, e.g. 1000.",
    )]  # fmt: skip


def _wsc010(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or not (4000 <= occ.code <= 4999):
        return ()
    has_team = (
        config.team_file if config.team_file is not None else bool(registry.team or registry.config.path)
    )
    if not has_team or occ.code in registry.team:
        return ()
    where = registry.config.path or "your team file"
    return [_finding(
        "WSC010", occ,
        f"{occ.code} is a private code that {where} doesn't document; add [codes.{occ.code}] with a "
        "name and meaning so the other end (and your team) know what it means.",
    )]  # fmt: skip


def _wsc011(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or occ.rejected_by is None or occ.browser:
        return ()
    from .scan.library import _rejecting

    entry = next((e for items in _rejecting().values() for e in items if e.library == occ.rejected_by), None)
    if entry is None:
        return ()
    fixes: tuple[Fix, ...] = ()
    if occ.code == 1012 and occ.kind == "literal":
        fixes = (
            Fix(title="Send 1001 (Going Away) instead", start=occ.start, end=occ.end, replacement="1001"),
        )
    effect = entry.effect.replace("{code}", str(occ.code))
    finding = _finding(
        "WSC011", occ,
        f"{_subject(occ)}: {effect} ({entry.source}). Send a code it accepts: 1001 (Going Away), or "
        "a 4000–4999 code your clients understand.",
        fixes,
    )  # fmt: skip
    if entry.evidence == finding.evidence.id:
        return [finding]
    from ._record import replace

    return [replace(finding, evidence=_source(entry.evidence))]


def _codes(codes: tuple[int, ...]) -> str:
    return ", ".join(_name(c) for c in codes)


def _validator_finding(rule_id: str, v: Validator, start: int, end: int, message: str) -> Finding:
    rule = RULES[rule_id]
    return Finding(
        rule=rule_id, severity=rule.severity, message=message, start=start, end=end,
        code=None, evidence=rule.evidence,
    )  # fmt: skip


def _what(v: Validator) -> str:
    return "This validator" if v.name in ("if", "match") else f"{v.name}"


def _wsc012(v: Validator, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    rejects = tuple(c for c in v.rejects if registry.classify(c).on_wire)
    if not rejects:
        return ()
    older = [c for c in rejects if 1012 <= c <= 1014]
    history = (
        " (older Autobahn TestSuite versions listed 1012–1015 as invalid in case 7.9.x; the current "
        "one does not)"
        if older
        else ""
    )
    return [_validator_finding(
        "WSC012", v, v.reject_start, v.reject_end,
        f"{_what(v)} rejects {_codes(rejects)}, which the IANA registry assigns and a peer may send"
        f"{history}; a received {rejects[0]} fails the connection as a protocol error. Accept "
        "1000–1003, 1007–1014 and 3000–4999.",
    )]  # fmt: skip


def _wsc013(v: Validator, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    accepts = tuple(c for c in v.accepts if not registry.classify(c).on_wire)
    if not accepts:
        return ()
    return [_validator_finding(
        "WSC013", v, v.accept_start, v.accept_end,
        f"{_what(v)} accepts {_codes(accepts)} as a valid received code, but it can never be in a "
        "Close frame (RFC 6455 §7.4.1, §7.4.2); fail the connection with 1002 for it.",
    )]  # fmt: skip


# The rules on validators (scan/validators.py): each a function of one validator.
_VALIDATOR_CHECKS: dict[str, Callable[[Validator, ProjectRegistry, RuleConfig], Iterable[Finding]]] = {
    "WSC012": _wsc012,
    "WSC013": _wsc013,
}


def validator_findings(
    text: str, language: str, registry: ProjectRegistry, config: RuleConfig
) -> tuple[Finding, ...]:
    """WSC012/WSC013 on the validators of ``text`` (none when both rules are off)."""
    enabled = [
        (rid, check, severity)
        for rid, check in _VALIDATOR_CHECKS.items()
        if (severity := config.severity_of(rid)) is not None
    ]
    if not enabled:
        return ()
    from .scan.validators import validators

    try:
        found = validators(text, language_for(language) or language)
    except Exception:  # a validator the evaluator trips on must not cost the file's other findings
        return ()
    out: list[Finding] = []
    for v in found:
        for _rid, check, severity in enabled:
            for finding in check(v, registry, config):
                out.append(finding if finding.severity is severity else _with_severity(finding, severity))
    return tuple(out)


if TYPE_CHECKING:
    _Check = Callable[[Occurrence, ProjectRegistry, RuleConfig], Iterable[Finding]]

_CHECKS: dict[str, _Check] = {
    "WSC001": _wsc001,
    "WSC002": _wsc002,
    "WSC003": _wsc003,
    "WSC004": _wsc004,
    "WSC005": _wsc005,
    "WSC006": _wsc006,
    "WSC007": _wsc007,
    "WSC008": _wsc008,
    "WSC009": _wsc009,
    "WSC010": _wsc010,
    "WSC011": _wsc011,
}


# The rules that only ever fire on a sent code (each checks occ.role itself too): comparisons and
# definitions, most of an editor's occurrences, skip them (a call per rule and occurrence).
_SEND_RULES = frozenset(_CHECKS) - {"WSC008"}


def _rule_lists(config: RuleConfig) -> tuple[list[tuple[_Check, Severity]], list[tuple[_Check, Severity]]]:
    """The enabled checks, each with its severity: for sends, and for other occurrences."""
    enabled = [
        (rid, check, severity)
        for rid, check in _CHECKS.items()
        if (severity := config.severity_of(rid)) is not None
    ]
    for_sends = [(check, severity) for _rid, check, severity in enabled]
    for_others = [(check, severity) for rid, check, severity in enabled if rid not in _SEND_RULES]
    return for_sends, for_others


# Most configs leave every rule at its default severity: their lists, made once.
_DEFAULT_RULE_LISTS = _rule_lists(RuleConfig())


def findings_for(result: ScanResult, registry: ProjectRegistry, config: RuleConfig) -> tuple[Finding, ...]:
    """Apply every enabled rule to every occurrence of a scan."""
    if not result.occurrences:
        return ()
    out: list[Finding] = []
    defaults = config.select is None and not config.ignore and not config.severities
    for_sends, for_others = _DEFAULT_RULE_LISTS if defaults else _rule_lists(config)
    for occ in result.occurrences:
        if occ.role == "mention":  # hover only: its context says close code, nothing is checked
            continue
        for check, severity in for_sends if occ.role == "send" else for_others:
            for finding in check(occ, registry, config):
                out.append(finding if finding.severity is severity else _with_severity(finding, severity))
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return tuple(out)


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    from ._record import replace

    return replace(finding, severity=severity)


def analyse(
    text: str,
    language: str,
    registry: ProjectRegistry,
    config: RuleConfig,
    *,
    windowed: bool = False,
    project: ProjectIndex | None = None,
    path: str | None = None,
) -> Analysis:
    """scan + rules; a pure function of its inputs; never raises on any text.

    ``windowed`` (for ``wscode check``): parse only the chunks around close contexts and skip
    comparisons; the findings are the same, the scan holds only what findings need. ``path``: where
    the text lives, for what the path says of its runtime (Go's ``_js.go``, Kotlin's ``jsMain``).
    ``project``: the constants the project's other files define (``scan.ProjectIndex``); the
    names the file sends but cannot resolve on its own are in ``Analysis.scan.unresolved``.
    """
    runtime = runtime_for(config.runtime, language, path)
    if windowed:
        try:
            result = scan_strict(
                text, language, runtime=runtime, windowed=True, sends_only=True, project=project
            )
        except Exception:
            result = ScanResult(language=language, occurrences=())
    else:
        result = scan(text, language, runtime=runtime, project=project)
    return analyse_scan(text, language, result, registry, config)


def analyse_scan(
    text: str, language: str, result: ScanResult, registry: ProjectRegistry, config: RuleConfig
) -> Analysis:
    """The rules and the suppression comments on a scan already made: ``analyse``'s second half
    (the editor rescans an edited text incrementally, see ``scan.incremental``)."""
    try:
        findings = findings_for(result, registry, config)
        found = validator_findings(text, language, registry, config)
        if found:
            findings = tuple(sorted((*findings, *found), key=lambda f: (f.start, f.end, f.rule)))
        if findings:
            findings = _with_measured(findings, text, language)
    except Exception:
        findings = ()
    return _suppress(text, language, Analysis(scan=result, findings=findings))


# ---------------------------------------------------------------------------------------------
# What the file's own WebSocket library does with the code it sends, measured (interop.json)

# How a file names a measured implementation (core/data/interop.json's "implementation") in its
# imports. Browser code is left out: WSC006 already says what close() does there.
_IMPLEMENTATION_IMPORTS: dict[str, dict[str, tuple[str, ...]]] = {
    "python": {
        "python-websockets": ("import websockets", "from websockets"),
        "aiohttp": ("import aiohttp", "from aiohttp"),
        "tornado": ("tornado.websocket", "from tornado import websocket"),
        "wsproto": ("import wsproto", "from wsproto"),
    },
    "javascript": {"ws": ("require('ws')", 'require("ws")', "from 'ws'", 'from "ws"')},
    "go": {
        "gorilla/websocket": ('"github.com/gorilla/websocket"',),
        "nhooyr.io/websocket": ('"nhooyr.io/websocket"',),
    },
    "java": {"okhttp": ("import okhttp3.",)},
    "kotlin": {"okhttp": ("import okhttp3.",)},
    "scala": {"okhttp": ("import okhttp3.",)},
    "c": {"libwebsockets": ("<libwebsockets.h>",)},
    "cpp": {
        "libwebsockets": ("<libwebsockets.h>",),
        "boost-beast": ("<boost/beast",),
        "qt-websockets": ("<QWebSocket>", "<QtWebSockets", "<QWebSocketServer>"),
    },
}
_SEND_RULES = frozenset({"WSC001", "WSC002", "WSC003", "WSC004"})


def _with_measured(findings: tuple[Finding, ...], text: str, language: str) -> tuple[Finding, ...]:
    """Send findings, each with what the file's imported library measurably does when asked to
    send that code, when it doesn't send it as given (``ws 8.23.1: close() throws TypeError: …``)."""
    from ._record import replace
    from .registry import measured_for
    from .scan.languages import _FAMILY

    imports = _IMPLEMENTATION_IMPORTS.get(_FAMILY.get(language, language))
    if not imports:
        return findings
    used = {name for name, markers in imports.items() if any(m in text for m in markers)}
    if not used:
        return findings
    out = []
    for finding in findings:
        if finding.rule in _SEND_RULES and finding.code is not None:
            notes = [
                m.text
                for m in measured_for(finding.code)
                if m.scenario == "send" and m.outcome != "sent" and m.implementation in used
            ]
            if notes:
                out.append(replace(finding, message=f"{finding.message} Measured: {'; '.join(notes)}."))
                continue
        out.append(finding)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Suppression comments (core.suppressions) and the rule that reports the unused ones


def _suppress(text: str, language: str, analysis: Analysis) -> Analysis:
    """``analysis`` with the findings that a ``wscode: ignore`` comment covers moved to
    ``suppressed`` (the editor and ``wscode check`` both call ``analyse``: both honour them)."""
    try:
        found = directives(text, language_for(language) or language)
    except Exception:  # a suppression must never cost the findings
        return analysis
    if not found:
        return analysis
    spans = [(f.start, f.end, f.rule) for f in analysis.findings]
    outcome = apply(analysis.findings, spans, found, text)
    from ._record import replace

    return replace(
        analysis,
        findings=outcome.kept,
        suppressed=outcome.suppressed,
        directives=found,
        used=outcome.used,
    )


UNUSED_SUPPRESSION = Rule(
    id="WSC100",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary="A `wscode: ignore` comment that suppresses nothing (reported with "
    "--report-unused-suppressions).",
    evidence=Source(id="wscodes", title="wscodes suppression comments", url=""),
    what="A suppression comment (`# wscode: ignore[…]`, `// wscode: ignore-file`) that suppresses no "
    "finding, or that names a rule id that doesn't exist. Reported only by `wscode check "
    "--report-unused-suppressions` (ruff's RUF100).",
    why="Suppressions outlive the code they were written for; a stale one hides the next real "
    "finding on that line.",
    example="await ws.close(1000)  # wscode: ignore[WSC001]",
    fixed="await ws.close(1000)",
    fix="Delete the comment, or the rule ids in it that no longer apply.",
)


def rule_for(rule_id: str) -> Rule | None:
    """The rule with this id (any case), WSC100 included; None if there is none."""
    key = rule_id.strip().upper()
    return UNUSED_SUPPRESSION if key == UNUSED_SUPPRESSION.id else RULES.get(key)


@cache
def project_urls() -> dict[str, str]:
    """[project.urls] of the installed distribution, by lower-case label (the one place the
    repository URL is written); empty when wscodes is not installed."""
    from importlib import metadata

    try:
        entries = metadata.metadata("wscodes").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return {}
    urls: dict[str, str] = {}
    for entry in entries:
        label, _, url = str(entry).partition(",")
        urls[label.strip().lower()] = url.strip()
    return urls


def rule_url(rule_id: str) -> str:
    """The documentation of a rule: docs/rules.md#wsc001 in the repository ("" if unknown)."""
    urls = project_urls()
    base = urls.get("rules") or (
        urls["repository"] + "/blob/main/docs/rules.md" if "repository" in urls else ""
    )
    return f"{base}#{rule_id.lower()}" if base else ""


def short_message(message: str) -> str:
    """A finding's message cut to its first clause (up to the first "; " or ". " outside
    brackets): the one-line form of ``wscode check``'s concise output."""
    depth = 0
    for i, ch in enumerate(message):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ";." and depth == 0 and message.startswith(" ", i + 1):
            if ch == "." and message[max(0, i - 3) : i + 1].lower().endswith(("e.g.", "i.e.")):
                continue
            return _without_trailing_note(message[:i])
    return _without_trailing_note(message.rstrip("."))


def _without_trailing_note(clause: str) -> str:
    """``clause`` without a closing parenthetical ("… for 1006 (1006 is only … close())")."""
    if not clause.endswith(")"):
        return clause
    depth = 0
    for i in range(len(clause) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(clause[i], 0)
        if depth == 0:
            head = clause[:i].rstrip()
            keep = i == 0 or clause[i - 1] != " " or not head or head.endswith(":")
            return clause if keep else head
    return clause
