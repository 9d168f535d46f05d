"""What a library does with the code passed to its close API, as data (``data/close_apis.json``):
some legally turn a reserved code into something else (gorilla's ``FormatCloseMessage`` sends
an empty payload for 1005), so passing it there is not a send of that code."""

from __future__ import annotations

import os
from functools import cache

from .._record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

CLOSE_APIS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "close_apis.json"
)


class Lenient(Record):
    """A library API that legally maps some reserved codes (see data/close_apis.json)."""

    library: str
    language: str
    marker: str  # a file that uses the library contains this
    calls: frozenset[str]
    codes: frozenset[int]
    effect: str  # what the library does with them, in words
    source: str  # where that is written
    without_reason: bool = False  # the mapping holds only when no reason is passed (kj, websocketpp)


@cache
def _raw() -> Mapping[str, Any]:
    """data/close_apis.json, read once (on first use: most files never reach a library close API)."""
    import json

    with open(CLOSE_APIS_FILE, encoding="utf-8") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


@cache
def _lenient() -> Mapping[str, tuple[Lenient, ...]]:
    raw = _raw()
    out: dict[str, list[Lenient]] = {}
    for entry in raw["lenient"]:
        item = Lenient(
            library=entry["library"],
            language=entry["language"],
            marker=entry["marker"],
            calls=frozenset(entry["calls"]),
            codes=frozenset(entry["codes"]),
            effect=entry["effect"],
            source=entry["source"],
            without_reason=entry.get("without_reason", False),
        )
        out.setdefault(item.language, []).append(item)
    return {k: tuple(v) for k, v in out.items()}


# The last text's answers to "is this marker in it?" (a file asks for each of its close calls,
# and in a large file that search costs more than the rest of the call's analysis). One slot,
# replaced as a whole, so two threads with different texts only evict each other's answers.
_MARKED: list[tuple[str, dict[str, bool]]] = [("", {})]


def _marked(marker: str, text: str) -> bool:
    """``marker in text``, remembered for the last text asked about."""
    last = _MARKED[0]
    if last[0] is not text:
        last = (text, {})
        _MARKED[0] = last
    found = last[1].get(marker)
    if found is None:
        found = last[1][marker] = marker in text
    return found


def lenient_api(
    family: str, call: str, code: int, text: str, constant_library: str | None, *, reason: bool = False
) -> Lenient | None:
    """The library rule that makes ``call(code)`` legal in a file with this ``text``, if any
    (``constant_library``: whose constant the code was written as — another library's constant
    means another library's call: Spring's ``session.close(CloseStatus.NO_CLOSE_FRAME)``;
    ``reason``: a non-empty reason is passed with it)."""
    for item in _lenient().get(family, ()):
        if (
            code in item.codes
            and call in item.calls
            and _marked(item.marker, text)
            and constant_library in (None, item.library)
            and not (reason and item.without_reason)
        ):
            return item
    return None


class Rejecting(Record):
    """A library close API that throws for codes the protocol allows (data/close_apis.json
    "rejects"; rule WSC011): dart:io's ``WebSocket.close(1012)``."""

    library: str
    marker: str  # a file that uses the library contains this
    calls: frozenset[str]
    codes: frozenset[int]
    effect: str  # what happens, in words ("{code}": the code)
    source: str  # where that is written
    evidence: str  # the registry source a finding cites


@cache
def _rejecting() -> Mapping[str, tuple[Rejecting, ...]]:
    raw = _raw()
    out: dict[str, list[Rejecting]] = {}
    for entry in raw.get("rejects", ()):
        item = Rejecting(
            library=entry["library"],
            marker=entry["marker"],
            calls=frozenset(entry["calls"]),
            codes=frozenset(entry["codes"]),
            effect=entry["effect"],
            source=entry["source"],
            evidence=entry["evidence"],
        )
        out.setdefault(entry["language"], []).append(item)
    return {k: tuple(v) for k, v in out.items()}


def rejecting_api(family: str, call: str, code: int, text: str) -> Rejecting | None:
    """The library whose ``call(code)`` throws in a file with this ``text``, if any."""
    for item in _rejecting().get(family, ()):
        if code in item.codes and call in item.calls and item.marker in text:
            return item
    return None


class CodeArgument(Record):
    """A close call whose code is not its first argument (see data/close_apis.json "arguments")."""

    library: str
    marker: str  # a file that uses the library contains this
    calls: frozenset[str]
    arity: frozenset[int]  # how many arguments the call has
    index: int  # which one is the code (0-based)
    only_with_marker: bool  # the name is a close call only in files with the marker (uWS ``end``)
    source: str


@cache
def _code_arguments() -> Mapping[str, Mapping[str, tuple[CodeArgument, ...]]]:
    raw = _raw()
    out: dict[str, dict[str, list[CodeArgument]]] = {}
    for entry in raw.get("arguments", ()):
        item = CodeArgument(
            library=entry["library"],
            marker=entry["marker"],
            calls=frozenset(entry["calls"]),
            arity=frozenset(entry["arity"]),
            index=entry["index"],
            only_with_marker=entry.get("only_with_marker", False),
            source=entry["source"],
        )
        for call in item.calls:
            out.setdefault(entry["language"], {}).setdefault(call, []).append(item)
    return {lang: {call: tuple(v) for call, v in calls.items()} for lang, calls in out.items()}


def code_argument(family: str, call: str, count: int, text: str) -> int | None:
    """Which of ``count`` arguments of ``call`` is the close code in a file with this ``text``:
    the library's position if an entry applies, -1 if none does (the usual choice), None if the
    name is a close call only in a library's files and this is not one (``vector.end()``)."""
    items = _code_arguments().get(family, {}).get(call)
    if not items:
        return -1
    gated = False
    for item in items:
        if item.marker in text and count in item.arity:
            return item.index
        gated = gated or item.only_with_marker
    return None if gated else -1
