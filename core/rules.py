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
from .scan import Occurrence, ScanResult, scan, scan_strict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .teamcodes import ProjectRegistry

__all__ = [
    "RULES",
    "Analysis",
    "Finding",
    "Fix",
    "Rule",
    "RuleConfig",
    "Severity",
    "analyse",
    "findings_for",
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
    id: str
    name: str
    severity: Severity
    summary: str
    evidence: Source


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
    specs = [
        ("WSC001", "reserved-code-sent", Severity.ERROR, "rfc6455-7.4.1",
         "Sending 1005, 1006 or 1015: these only report what happened locally and must never be sent."),
        ("WSC002", "code-1004-sent", Severity.ERROR, "rfc6455-7.4.1",
         "Sending 1004: reserved, with no meaning; receivers treat it as a protocol error."),
        ("WSC003", "code-out-of-range", Severity.ERROR, "rfc6455-7.4.2",
         "Sending a code outside 1000–4999 (0–999, 5000–65535) or one that doesn't fit in 2 bytes."),
        ("WSC004", "unassigned-code-sent", Severity.ERROR, "rfc6455-7.4.2",
         "Sending an unassigned 1016–2999 code: that range is reserved for future protocol use."),
        ("WSC005", "unregistered-3xxx-sent", Severity.WARNING, "iana",
         "Sending a 3000–3999 code that nobody registered with IANA."),
        ("WSC006", "browser-close-code", Severity.ERROR, "whatwg-close",
         "A browser WebSocket.close() with a code other than 1000 or 3000–4999 throws InvalidAccessError."),
        ("WSC007", "reason-too-long", Severity.ERROR, "rfc6455-5.5.1",
         "A close reason longer than 123 bytes of UTF-8 doesn't fit in a Close frame."),
        ("WSC008", "constant-name-contradicts-value", Severity.WARNING, "rfc6455-7.4.1",
         "A constant whose name says one close code while its value is another."),
        ("WSC009", "received-code-passed-through", Severity.WARNING, "rfc6455-7.4.1",
         "Passing a received close code straight back into close(): it may be 1005/1006/1015."),
        ("WSC010", "undocumented-private-code", Severity.INFO, "rfc6455-7.4.2",
         "A private 4000–4999 code that the project's team file doesn't document."),
    ]  # fmt: skip
    return {
        rid: Rule(id=rid, name=name, severity=sev, summary=summary, evidence=_source(src))
        for rid, name, sev, src, summary in specs
    }


RULES: Mapping[str, Rule] = MappingProxyType(_rules())
RULE_IDS: tuple[str, ...] = tuple(f"WSC{n:03d}" for n in range(1, 11))
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
                    f"rule ids are {RULE_IDS[0]}–{RULE_IDS[-1]}",
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
            raise ConfigError(
                source, key, f"unknown rule {item.strip()!r}", f"rule ids are {RULE_IDS[0]}–{RULE_IDS[-1]}"
            )
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
    findings: tuple[Finding, ...]


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
            title=f"Send {_label(target)} instead{why}", start=occ.start, end=occ.end, replacement=replacement
        ),
    )


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
    what = {
        1005: "1005 (No Status Rcvd) means a Close frame arrived without a code",
        1006: "1006 (Abnormal Closure) means the connection dropped without a Close frame",
        1015: "1015 (TLS Handshake) means the TLS handshake failed",
    }[occ.code]
    if occ.error_context:
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
    if occ.role != "send" or occ.code != 1004 or _browser_rejects(occ):
        return ()
    return [_finding(
        "WSC002", occ,
        f"{_subject(occ)}: 1004 is reserved with no meaning (RFC 6455 §7.4.1); receivers may "
        "treat it as a protocol error. Send 1000 for a normal close, 1008 for a policy violation, or a "
        "4000–4999 code of your own.",
        _replace_code(occ, 1000, " for a normal close"),
    )]  # fmt: skip


def _wsc003(occ: Occurrence, registry: ProjectRegistry, config: RuleConfig) -> Iterable[Finding]:
    if occ.role != "send" or occ.passthrough or 1000 <= occ.code <= 4999 or _browser_rejects(occ):
        return ()
    fixes: tuple[Fix, ...] = ()
    if 0 <= occ.code <= 999:
        detail = "0–999 are not used as close codes"
        if occ.kind == "literal":
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
    return [_finding(
        "WSC004", occ,
        f"{_subject(occ)}: {occ.code} is an unassigned code in 1000–2999, which is reserved for the "
        "protocol and its extensions (RFC 6455 §7.4.2). Use a 4000–4999 code for your application.",
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
    if 4000 <= occ.code <= 4999 and not re.search(r"\d{4}", occ.name):
        return ()  # a private code may borrow a protocol code's words
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
        for check, severity in for_sends if occ.role == "send" else for_others:
            for finding in check(occ, registry, config):
                out.append(finding if finding.severity is severity else _with_severity(finding, severity))
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return tuple(out)


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    from ._record import replace

    return replace(finding, severity=severity)


def analyse(
    text: str, language: str, registry: ProjectRegistry, config: RuleConfig, *, windowed: bool = False
) -> Analysis:
    """scan + rules; a pure function of its inputs; never raises on any text.

    ``windowed`` (for ``wscode check``): parse only the chunks around close contexts and skip
    comparisons; the findings are the same, the scan holds only what findings need.
    """
    if windowed:
        try:
            result = scan_strict(text, language, runtime=config.runtime, windowed=True, sends_only=True)
        except Exception:
            result = ScanResult(language=language, occurrences=())
    else:
        result = scan(text, language, runtime=config.runtime)
    try:
        findings = findings_for(result, registry, config)
    except Exception:
        findings = ()
    return Analysis(scan=result, findings=findings)
