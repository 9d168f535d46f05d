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


@cache
def _lenient() -> Mapping[str, tuple[Lenient, ...]]:
    import json  # (on first use: most files never reach a library close API)

    with open(CLOSE_APIS_FILE, encoding="utf-8") as f:
        raw = json.load(f)
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
        )
        out.setdefault(item.language, []).append(item)
    return {k: tuple(v) for k, v in out.items()}


def lenient_api(family: str, call: str, code: int, text: str, constant_library: str | None) -> Lenient | None:
    """The library rule that makes ``call(code)`` legal in a file with this ``text``, if any
    (``constant_library``: whose constant the code was written as — another library's constant
    means another library's call: Spring's ``session.close(CloseStatus.NO_CLOSE_FRAME)``)."""
    for item in _lenient().get(family, ()):
        if (
            code in item.codes
            and call in item.calls
            and item.marker in text
            and constant_library in (None, item.library)
        ):
            return item
    return None
