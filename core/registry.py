"""The close-code registry: every IANA entry, every range, and `classify(n)` for any integer.

The facts live in ``core/data/registry.json`` (one file, each fact with its source); this
module turns them into frozen records once, on first use, and answers lookups as dict hits.
"""

from __future__ import annotations

import os
from enum import StrEnum
from functools import cache

from ._record import Record, replace

TYPE_CHECKING = False  # no `import typing` at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from typing import Any

DATA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "registry.json")
# What real implementations do with each code, measured by interop/measure.py; read on first use.
INTEROP_FILE = os.path.join(os.path.dirname(DATA_FILE), "interop.json")
# The same data, pre-parsed at build time by setup.py (marshal: no import, no parsing). Only in
# built installs; a checkout or editable install reads the JSON.
MARSHAL_FILE = DATA_FILE[: -len(".json")] + ".marshal"

__all__ = [
    "BrowserClose",
    "CloseCode",
    "CloseFrameRule",
    "CodeRange",
    "Constant",
    "Measured",
    "Message",
    "RegistryData",
    "Retry",
    "Sender",
    "Source",
    "Status",
    "classify",
    "data",
    "lookup",
]


class Sender(StrEnum):
    """Who puts this code in a Close frame."""

    CLIENT = "client"
    SERVER = "server"
    EITHER = "either"
    NONE = "none"  # never on the wire: set locally by the implementation, or not sendable at all


class Retry(StrEnum):
    """What a receiver should do about reconnecting."""

    NO = "no"  # don't reconnect automatically
    YES = "yes"  # reconnect
    BACKOFF = "backoff"  # reconnect with exponential backoff and jitter
    AFTER_FIX = "after-fix"  # something must change first (credentials, data, config, a bug)
    UNKNOWN = "unknown"  # depends on what the application means by it


SENDER_TEXT = {
    Sender.CLIENT: "the client",
    Sender.SERVER: "the server",
    Sender.EITHER: "either endpoint",
    Sender.NONE: "nobody — never in a Close frame",
}
RETRY_TEXT = {
    Retry.NO: "don't reconnect automatically",
    Retry.YES: "reconnect",
    Retry.BACKOFF: "reconnect with exponential backoff and jitter",
    Retry.AFTER_FIX: "fix the cause first, then reconnect",
    Retry.UNKNOWN: "depends on what your application means by it",
}


STATUS_TEXT = {
    "registered": "registered with IANA",
    "reserved": "registered with IANA, reserved: never in a Close frame",
    "unassigned": "not registered with IANA",
    "private": "private use",
    "team": "your team's code",
    "invalid": "not a valid close code",
}


class Status(StrEnum):
    """Where a number stands in the registry."""

    REGISTERED = "registered"  # an IANA entry that may appear in a Close frame
    # An IANA entry that no endpoint may put in a Close frame: 1005, 1006, 1015 (RFC 6455 §7.4.1
    # "MUST NOT be set as a status code in a Close control frame") and 1004 ("Reserved", no
    # meaning defined; receivers reject it). A script must not take it as a code to send.
    RESERVED = "reserved"
    UNASSIGNED = "unassigned"  # inside a registrable range, but nobody registered it
    PRIVATE = "private"  # 4000–4999, meaning agreed between the endpoints
    TEAM = "team"  # documented in the project's own team-codes file
    INVALID = "invalid"  # cannot be sent: outside every usable range


class Source(Record):
    id: str
    title: str
    url: str

    def to_json(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


class Constant(Record):
    """A library's named constant for a close code, e.g. ``CloseCode.GOING_AWAY``."""

    library: str
    language: str
    name: str  # as written in code, qualified the way it is usually imported
    bare: str  # the member name alone
    code: int
    source: str  # the repository and file the name was read from

    def to_json(self) -> dict[str, str | int]:
        return {"library": self.library, "language": self.language, "name": self.name}


class CodeRange(Record):
    id: str
    low: int | None  # None: unbounded below
    high: int | None  # None: unbounded above
    name: str
    status: str
    summary: str
    advice: str
    sender: Sender
    on_wire: bool
    sources: tuple[Source, ...]
    notes: tuple[str, ...] = ()
    # A number of this range that has no entry of its own ("unlisted" in the data): its status,
    # name, meaning ("{n}" stands for the number) and retry advice.
    unlisted_status: Status = Status.INVALID
    unlisted_name: str = ""
    unlisted_meaning: str = ""
    unlisted_retry: Retry = Retry.AFTER_FIX

    def __contains__(self, n: object) -> bool:
        if not isinstance(n, int):
            return False
        return (self.low is None or n >= self.low) and (self.high is None or n <= self.high)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "low": self.low,
            "high": self.high,
            "name": self.name,
            "summary": self.summary,
        }


class CloseCode(Record):
    """Everything known about one close code (or one integer that is not one)."""

    code: int
    name: str
    meaning: str
    sender: Sender
    on_wire: bool
    browser_close_allowed: bool
    action: str
    retry: Retry
    status: Status
    range: CodeRange
    reference: Source
    sources: tuple[Source, ...]
    keywords: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    iana_description: str | None = None
    iana_contact: str | None = None
    iana_date: str | None = None
    team: bool = False
    team_file: str | None = None  # where a team code was read from
    off_wire_why: str | None = None  # why a registered code stays off the wire, when not a MUST NOT

    @property
    def browser_close_error(self) -> str | None:
        """The DOMException a browser's ``WebSocket.close(code)`` throws, if any."""
        return None if self.browser_close_allowed else data().browser_close.code_error

    # The facts in words, the same in every front end (terminal, editor, Slack, the page), which
    # only add their own markup.
    @property
    def sender_text(self) -> str:
        return SENDER_TEXT[self.sender]

    @property
    def on_wire_text(self) -> str:
        if self.on_wire:
            return "yes"
        if self.off_wire_why:
            return f"no — {self.off_wire_why}"
        if self.registered:
            return f"no — it must never be sent ({self.reference.title})"
        return f"no — {self.range.name}"

    @property
    def browser_close_text(self) -> str:
        bc = data().browser_close
        if self.browser_close_allowed:
            return "accepted by WebSocket.close()"
        return f"WebSocket.close({self.code}) throws {bc.code_error} (only {bc.allowed} allowed)"

    @property
    def retry_text(self) -> str:
        return RETRY_TEXT[self.retry]

    @property
    def status_text(self) -> str:
        """Where the code stands, e.g. "registered with IANA", "your team's code (from wscodes.toml)"."""
        if self.team:
            where = os.path.basename(self.team_file) if self.team_file else "the team's file"
            return f"{STATUS_TEXT['team']} (from {where})"
        return STATUS_TEXT.get(self.status.value, self.status.value)

    @property
    def constants(self) -> tuple[Constant, ...]:
        """Library constants for this number (built on first use: most lookups need one code's)."""
        return constants_for(self.code)

    @property
    def registered(self) -> bool:
        """An IANA entry (usable or reserved)."""
        return self.status is Status.REGISTERED or self.status is Status.RESERVED

    @property
    def measured(self) -> tuple[Measured, ...]:
        """What real implementations did with this code, measured (see core/data/interop.json)."""
        return measured_for(self.code)

    @property
    def measured_highlights(self) -> tuple[Measured, ...]:
        """The measured behaviours worth showing beside the code: where an implementation departs
        from what the code's place on the wire leads one to expect (a code that may be sent but is
        refused or rewritten, or rejected on receipt; one that may not, but goes through or is
        reported), and for 1005/1006 what each reports when a Close has no code / the TCP
        connection drops."""
        event = {1005: "nocode", 1006: "drop"}.get(self.code)
        sent, received = ("sent", "reported") if self.on_wire else ("throws", "fails")
        return tuple(
            m
            for m in self.measured
            if (m.scenario == "receive" and m.outcome != received)
            or (m.scenario == "send" and m.outcome != sent)
            or m.scenario == event
        )

    @property
    def disagreements(self) -> tuple[str, ...]:
        """Where a measured run contradicts or completes what the registry says about this code
        (core/data/interop.json "sources_disagree"): one note per disagreement, to show beside it."""
        return disagreements_for(self.code)

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    def to_json(self) -> dict[str, Any]:
        """The documented, stable JSON shape (see README, "JSON output")."""
        return {
            "code": self.code,
            "name": self.name,
            "meaning": self.meaning,
            "sender": self.sender.value,
            "on_wire": self.on_wire,
            "browser_close_allowed": self.browser_close_allowed,
            "browser_close_error": self.browser_close_error,
            "reference": self.reference.to_json(),
            "status": self.status.value,
            "range": self.range.to_json(),
            "action": self.action,
            "retry": self.retry.value,
            "team": self.team,
            "iana": None
            if self.iana_description is None
            else {
                "description": self.iana_description,
                "contact": self.iana_contact,
                "date": self.iana_date,
            },
            "constants": [c.to_json() for c in self.constants],
            "notes": list(self.notes),
            "sources_disagree": list(self.disagreements),
            "sources": [s.to_json() for s in self.sources],
        }


class CloseFrameRule(Record):
    code_bytes: int
    max_control_payload_bytes: int
    max_reason_bytes: int
    reason_encoding: str
    summary: str
    sources: tuple[Source, ...]

    def reason_fits(self, reason: str) -> bool:
        return len(reason.encode("utf-8", "surrogatepass")) <= self.max_reason_bytes


class BrowserClose(Record):
    allowed: str
    code_error: str
    reason_error: str
    summary: str
    sources: tuple[Source, ...]

    @staticmethod
    def accepts(code: int) -> bool:
        """WHATWG close(): only 1000 or 3000–4999 (after [Clamp] unsigned short conversion)."""
        return code == 1000 or 3000 <= code <= 4999


class Message(Record):
    """A known error/log message and what it means, e.g. a browser's close() exception."""

    id: str
    pattern: str  # a regular expression that recognises the message
    explanation: str
    sources: tuple[Source, ...]
    codes: tuple[int, ...] = ()  # codes the message implies, e.g. "no close frame" -> 1006
    code_pattern: str | None = None  # captures the code the message is about, if it names one
    examples: tuple[str, ...] = ()  # the message verbatim, as the implementation prints it


class Measured(Record):
    """What one implementation (at one version) did with one close code, measured on loopback by
    interop/measure.py against a raw peer (core/data/interop.json)."""

    implementation: str
    version: str
    measured: str  # the date of the run, YYYY-MM-DD
    role: str  # "client" or "server"
    scenario: str  # "send", "receive", or an event: "drop", "nocode", "onebyte", "badutf8", "longreason"
    outcome: str  # send: sent/rewritten/throws/aborts; receive: reported/fails; events: observed
    app_code: int | None = None  # the code the library reported to the application
    reply: int | str | None = None  # what it put on the wire in answer (None: a Close without code)
    wire: int | str | None = None  # send, when rewritten: what went on the wire instead
    error: str | None = None  # the exception or error text, verbatim

    @property
    def label(self) -> str:
        return f"{self.implementation} {self.version}"

    def to_json(self) -> dict[str, Any]:
        return {
            "implementation": self.implementation,
            "version": self.version,
            "measured": self.measured,
            "role": self.role,
            "scenario": self.scenario,
            "outcome": self.outcome,
            "app_code": self.app_code,
            "reply": self.reply,
            "wire": self.wire,
            "error": self.error,
            "text": self.text,
        }

    @property
    def text(self) -> str:
        """One line, e.g. "ws 8.23.1: fails the connection with 1002 on receipt (the app sees 1006)"."""
        return f"{self.label}: {self.behaviour}"

    @property
    def behaviour(self) -> str:
        if self.scenario == "send":
            if self.outcome == "sent":
                return "close() sends it as given"
            if self.outcome == "throws":
                # a library that reports the error and puts another code on the wire (nhooyr: 1011)
                also = f" (and sends {self.wire} instead)" if isinstance(self.wire, int) else ""
                return f"close() throws {self.error}{also}"
            if self.outcome == "rewritten":
                what = "a Close frame with no code" if self.wire is None else str(self.wire)
                return f"close() silently sends {what} instead"
            return "close() sends no Close frame at all"
        app = "no code" if self.app_code is None else str(self.app_code)
        if self.scenario == "receive":
            if self.outcome == "reported":
                return f"reports it to the application as {app} on receipt"
            reply = _reply_text(self.reply)
            return f"fails the connection on receipt ({reply}; the application sees {app})"
        event = _EVENT_TEXT.get(self.scenario, self.scenario)
        return f"{event}, the application sees {app}"


_EVENT_TEXT = {
    "drop": "when the TCP connection drops without a Close frame",
    "nocode": "on a Close frame with no code",
    "onebyte": "on a Close frame whose body is a single byte",
    "badutf8": "on a Close reason that is not valid UTF-8",
    "longreason": "on a Close reason over 123 bytes",
}
# Which code an event is about: what RFC 6455 says the application should see.
_EVENT_CODE = {"drop": 1006, "nocode": 1005, "onebyte": 1002, "badutf8": 1007, "longreason": 1002}


def _reply_text(reply: int | str | None) -> str:
    if isinstance(reply, int):
        return f"answers with {reply}"
    if reply is None:
        return "answers with a Close frame without code"
    return "sends no Close frame back"


class RegistryData(Record):
    sources: Mapping[str, Source]
    close_frame: CloseFrameRule
    browser_close: BrowserClose
    ranges: tuple[CodeRange, ...]
    codes: Mapping[int, CloseCode]
    messages: tuple[Message, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    iana_registry_updated: str
    constant_rows: tuple[tuple[str, str, str, str, int, str], ...] = ()  # see constants_for()

    @property
    def constants(self) -> tuple[Constant, ...]:
        """Every library constant in the registry, in file order."""
        return all_constants()

    def range_of(self, n: int) -> CodeRange:
        return _range_in(self.ranges, n)


def _range_in(ranges: Iterable[CodeRange], n: int) -> CodeRange:
    for r in ranges:
        if n in r:
            return r
    raise AssertionError(f"ranges do not cover {n}")  # the data file's ranges are total


def _sources(ids: Iterable[str], table: Mapping[str, Source]) -> tuple[Source, ...]:
    return tuple(table[i] for i in ids)


def read_raw() -> dict[str, Any]:
    """registry.json as plain data: from the build-time marshal copy when there is one."""
    import marshal

    try:
        with open(MARSHAL_FILE, "rb") as f:
            raw = marshal.loads(f.read())
        if isinstance(raw, dict):
            return raw
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no copy (checkout, editable install) or another Python's format
    import json

    with open(DATA_FILE, "rb") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


def _load() -> RegistryData:
    raw = read_raw()
    sources = {k: Source(id=k, title=v["title"], url=v["url"]) for k, v in raw["sources"].items()}
    cf = raw["close_frame"]
    close_frame = CloseFrameRule(
        code_bytes=cf["code_bytes"],
        max_control_payload_bytes=cf["max_control_payload_bytes"],
        max_reason_bytes=cf["max_reason_bytes"],
        reason_encoding=cf["reason_encoding"],
        summary=cf["summary"],
        sources=_sources(cf["sources"], sources),
    )
    bc = raw["browser_close"]
    browser_close = BrowserClose(
        allowed=bc["allowed"],
        code_error=bc["code_error"],
        reason_error=bc["reason_error"],
        summary=bc["summary"],
        sources=_sources(bc["sources"], sources),
    )
    ranges = tuple(
        CodeRange(
            id=r["id"],
            low=r["low"],
            high=r["high"],
            name=r["name"],
            status=r["status"],
            summary=r["summary"],
            advice=r["advice"],
            sender=Sender(r["sender"]),
            on_wire=r["on_wire"],
            sources=_sources(r["sources"], sources),
            notes=tuple(r.get("notes", ())),
            unlisted_status=Status(r["unlisted"]["status"]),
            unlisted_name=r["unlisted"].get("name", r["name"]),
            unlisted_meaning=r["unlisted"].get("meaning", r["summary"]),
            unlisted_retry=Retry(r["unlisted"]["retry"]),
        )
        for r in raw["ranges"]
    )

    constant_rows = tuple(
        (c["library"], c["language"], c["name"], c["bare"], c["code"], c["source"])
        for c in raw.get("constants", ())
    )
    codes: dict[int, CloseCode] = {}
    for c in raw["codes"]:
        n = c["code"]
        codes[n] = CloseCode(
            code=n,
            name=c["name"],
            meaning=c["meaning"],
            sender=Sender(c["sender"]),
            on_wire=c["on_wire"],
            browser_close_allowed=BrowserClose.accepts(n),
            action=c["action"],
            retry=Retry(c["retry"]),
            status=Status(c.get("status", "registered")),
            range=_range_in(ranges, n),
            reference=sources[c["reference"]],
            sources=_sources(c["sources"], sources),
            keywords=tuple(c.get("keywords", ())),
            notes=tuple(c.get("notes", ())),
            iana_description=c["iana_description"],
            iana_contact=c.get("iana_contact"),
            iana_date=c.get("iana_date"),
            off_wire_why=c.get("off_wire_why"),
        )
    messages = tuple(
        Message(
            id=m["id"],
            pattern=m["pattern"],
            explanation=m["explanation"],
            sources=_sources(m["sources"], sources),
            codes=tuple(m.get("codes", ())),
            code_pattern=m.get("code_pattern"),
            examples=tuple(m.get("examples", ())),
        )
        for m in raw["messages"]
    )
    return RegistryData(
        sources=sources,
        close_frame=close_frame,
        browser_close=browser_close,
        ranges=ranges,
        codes=codes,
        messages=messages,
        synonyms={k: tuple(v) for k, v in raw["synonyms"].items()},
        iana_registry_updated=raw["iana_registry_updated"],
        constant_rows=constant_rows,
    )


def _constant(row: tuple[str, str, str, str, int, str]) -> Constant:
    library, language, name, bare, code, source = row
    return Constant(library=library, language=language, name=name, bare=bare, code=code, source=source)


@cache
def all_constants() -> tuple[Constant, ...]:
    return tuple(_constant(row) for row in data().constant_rows)


@cache
def constants_for(n: int) -> tuple[Constant, ...]:
    """The library constants whose value is ``n``."""
    return tuple(_constant(row) for row in data().constant_rows if row[4] == n)


@cache
def interop_raw() -> dict[str, Any]:
    """core/data/interop.json as plain data (only read when a measured behaviour is asked for)."""
    import json

    with open(INTEROP_FILE, "rb") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


@cache
def _measured_index() -> dict[int, tuple[Measured, ...]]:
    index: dict[int, list[Measured]] = {}
    for impl in interop_raw()["implementations"]:
        common = {
            "implementation": impl["implementation"],
            "version": impl["version"],
            "measured": impl["measured"],
            "role": impl["role"],
        }
        rows = [("send", int(n), r) for n, r in impl["send"].items()]
        rows += [("receive", int(n), r) for n, r in impl["receive"].items()]
        rows += [(event, _EVENT_CODE[event], r) for event, r in impl["events"].items()]
        for scenario, n, r in rows:
            index.setdefault(n, []).append(
                Measured(
                    **common,
                    scenario=scenario,
                    outcome=r.get("outcome", "observed"),
                    app_code=r.get("app_code"),
                    reply=r.get("reply"),
                    wire=r.get("wire"),
                    error=r.get("error"),
                )
            )
    return {n: tuple(v) for n, v in index.items()}


@cache
def disagreements_for(n: int) -> tuple[str, ...]:
    """The notes of the hand-written "sources_disagree" entries about code ``n``."""
    return tuple(
        e["note"]
        for e in interop_raw()["sources_disagree"]
        if any(low <= n <= high for low, high in e["codes"])
    )


def measured_for(n: int) -> tuple[Measured, ...]:
    """Every measured behaviour for code ``n`` (empty for codes the harness does not try)."""
    return _measured_index().get(n, ())


def codes_measured() -> tuple[int, ...]:
    """The codes the interop harness tries, in its order."""
    return tuple(interop_raw()["codes"])


@cache
def data() -> RegistryData:
    """The registry, loaded once."""
    return _load()


def lookup(n: int) -> CloseCode | None:
    """The IANA-registered code ``n``, or None."""
    return data().codes.get(n)


def _unregistered(n: int, rng: CodeRange) -> CloseCode:
    """A number without an entry: its range's "unlisted" wording, from the data."""
    status, name, retry = rng.unlisted_status, rng.unlisted_name, rng.unlisted_retry
    meaning = rng.unlisted_meaning.replace("{n}", str(n))
    sender, on_wire = rng.sender, rng.on_wire
    return CloseCode(
        code=n,
        name=name,
        meaning=meaning,
        sender=sender,
        on_wire=on_wire,
        browser_close_allowed=BrowserClose.accepts(n),
        action=rng.advice,
        retry=retry,
        status=status,
        range=rng,
        reference=rng.sources[0],
        sources=rng.sources,
        notes=rng.notes,
    )


@cache
def _classify_cached(n: int) -> CloseCode:
    rng = data().range_of(n)
    return _unregistered(n, rng)


def classify(n: int) -> CloseCode:
    """Total: every integer gets a record — its range, its rules and plain advice."""
    code = data().codes.get(n)
    if code is not None:
        return code
    if -1_000_000 < n < 1_000_000:
        return _classify_cached(n)
    return _unregistered(n, data().range_of(n))


def with_team(code: CloseCode, **changes: Any) -> CloseCode:
    """A copy of ``code`` with team-specific fields replaced (used by core.teamcodes)."""
    return replace(code, **changes)
