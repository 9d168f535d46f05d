"""What the scanner reports: one Occurrence per close code found, in a ScanResult."""

from __future__ import annotations

from .._record import Record, assemble
from ..registry import Constant


class Occurrence(Record):
    """One close code found in source text (offsets are str offsets into the scanned text)."""

    start: int
    end: int
    code: int  # the close code it stands for; -1 when unknown (a passthrough of a received code)
    kind: str  # "literal" | "constant"
    # "send" | "compare" | "bound" (the end of a range check: code >= 3000) | "define" | "event" (a
    # close reported locally, never sent) | "mention" (hover only: a number in close-code territory
    # that only its context says is a close code — socket.end(1001, …), code = 1000, <<1000::16>> —
    # in a file about WebSockets; no rule ever reports one, see scan/mentions.py — or a use of a
    # name the file defines as a code, STATUS_NORMAL in VALID = (STATUS_NORMAL, …), see scan/uses.py)
    role: str
    # e.g. "browser.close", "ws.close", "websocket.FormatCloseMessage", "compare", "case"; for a
    # mention, the context that says so ("argument of send_close", "assigned to code", "assertion",
    # "named: STATUS_NORMAL is 1000 in this file")
    api: str
    text: str  # the source text of the expression, e.g. "1006" or "CloseCode.GOING_AWAY"
    constant: Constant | None = None
    browser: bool = False
    reason: str | None = None  # the literal reason string passed alongside, if any
    reason_start: int | None = None  # offsets of the reason's characters (inside the quotes)
    reason_end: int | None = None
    passthrough: bool = False  # close(<received code>), e.g. ws.close(event.code)
    # Added beyond the contract (front ends may ignore them):
    name: str | None = None  # for role "define": the constant's name (``CLOSE_NORMAL = 1006``)
    name_code: int | None = None  # the code the name implies, when it implies one
    error_context: bool = False  # inside a catch/except/rescue/error handler (fix 1006 -> 1011)
    reason_escaped: bool = False  # the reason literal contains escapes or interpolation
    # For role "bound": the codes the range check admits, as far as it says (inclusive; None = open)
    range_low: int | None = None
    range_high: int | None = None
    # A library that legally turns this code into something else (data/close_apis.json): its effect
    library_note: str | None = None
    # A library whose close API throws for this (otherwise legal) code (data/close_apis.json
    # "rejects", rule WSC011): its name; the finding says what it does
    rejected_by: str | None = None


class Wrapper(Record):
    """A function that closes with a code it is given (``def fail(ws, code): ws.close(code)``): its
    calls are close calls, in its own file and, through a ProjectIndex, in the project's others."""

    name: str
    position: int  # which positional argument is the code (after Python's self)
    parameter: str
    label: str | None  # how a caller may name it (Swift's argument label), when not by its name
    api: str  # "fail → ws.close"
    inner: str  # the close API's name ("close")
    has_self: bool = False
    local: bool = False  # the inner close sends nothing (the file's own closes_locally method)
    markers: tuple[str, ...] = ()  # the library markers of its file (data/close_apis.json "lenient")


class ScanResult(Record):
    language: str
    occurrences: tuple[Occurrence, ...]
    # Constant-like names sent as a close code that nothing in the file binds (``ws.close(GOING_AWAY)``
    # with GOING_AWAY from another file): a front end that knows the project resolves them with a
    # ProjectIndex (project.py) and scans again.
    unresolved: tuple[str, ...] = ()
    # The file's own functions that close with a code they are given (their calls are sends): an
    # edit anywhere may change what a call elsewhere sends, so the editor rescans such a file whole.
    wrappers: tuple[str, ...] = ()
    # Those functions as records, for the project's other files (project.ProjectIndex.add_wrappers)
    wrapper_specs: tuple[Wrapper, ...] = ()

    def at(self, offset: int) -> Occurrence | None:
        """The occurrence covering ``offset`` (inclusive of its end, for a cursor just after it)."""
        best: Occurrence | None = None
        for occ in self.occurrences:
            if occ.start <= offset <= occ.end and (
                best is None or occ.end - occ.start < best.end - best.start
            ):
                best = occ
        return best


def occurrence(  # noqa: PLR0917 - positional on purpose: the hot path
    start: int,
    end: int,
    code: int,
    kind: str,
    role: str,
    api: str,
    text: str,
    constant: Constant | None = None,
    browser: bool = False,
    reason: str | None = None,
    reason_start: int | None = None,
    reason_end: int | None = None,
    passthrough: bool = False,
    name: str | None = None,
    name_code: int | None = None,
    error_context: bool = False,
    reason_escaped: bool = False,
    range_low: int | None = None,
    range_high: int | None = None,
    library_note: str | None = None,
    rejected_by: str | None = None,
) -> Occurrence:
    """``Occurrence(start=…, …)`` for the scanner's hot path (thousands per file): positional
    arguments, no keyword merge or field check. The same record, field for field (a test holds
    its parameters to Occurrence's fields); everyone else uses the keyword constructor."""
    return assemble(
        Occurrence,
        {
            "constant": constant,
            "browser": browser,
            "reason": reason,
            "reason_start": reason_start,
            "reason_end": reason_end,
            "passthrough": passthrough,
            "name": name,
            "name_code": name_code,
            "error_context": error_context,
            "reason_escaped": reason_escaped,
            "range_low": range_low,
            "range_high": range_high,
            "library_note": library_note,
            "rejected_by": rejected_by,
            "start": start,
            "end": end,
            "code": code,
            "kind": kind,
            "role": role,
            "api": api,
            "text": text,
        },
    )
