"""Names that stand for close codes: library constants (from the registry) and names that imply
a code (``CLOSE_NORMAL``, ``WS_1004_NO_STATUS_RCVD``), for WSC008."""

from __future__ import annotations

import re
from functools import cache

from .._record import Record
from ..registry import Constant, data
from .languages import _CONSTANT_LANGUAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


class _ConstantTable(Record):
    by_key: Mapping[str, tuple[Constant, ...]]  # "CloseCode.GOING_AWAY" -> constants
    bare_names: tuple[str, ...]  # every member name, for the anchor regex
    implicit: Mapping[str, Constant]  # Swift ".goingAway" (implicit member of CloseCode)
    unqualified: tuple[str, ...] = ()  # names used without a qualifier (C: LWS_CLOSE_STATUS_NORMAL)


_BLANKS = re.compile(r"\s+")  # compiled once: re.sub(pattern_string, …) looks it up on every call


def _normalize(expression: str) -> str:
    return _BLANKS.sub("", expression).replace("::", ".").replace("->", ".").replace("?.", ".")


@cache
def _constant_table(language: str) -> _ConstantTable:
    languages = _CONSTANT_LANGUAGES.get(language, ())
    by_key: dict[str, list[Constant]] = {}
    bare: set[str] = set()
    implicit: dict[str, Constant] = {}
    unqualified: set[str] = set()
    for constant in data().constants:
        if constant.language not in languages or constant.code < 0:
            continue
        parts = _normalize(constant.name).split(".")
        for k in range(2, len(parts) + 1):
            if k == 2 and parts[-2] == "status" and language == "cpp" and not re.search(r"\d", constant.bare):
                continue  # `status::bad_gateway` is HTTP's too: websocketpp's need `close::status::`
            by_key.setdefault(".".join(parts[-k:]), []).append(constant)
        if len(parts) == 1:  # C / Objective-C enumerators and macros: the name alone
            unqualified.add(constant.bare)
        if re.search(r"\d", constant.bare) or constant.language == "go" or len(parts) == 1:
            # WS_1008_POLICY_VIOLATION, and Go's package-qualified names under any import alias
            by_key.setdefault(constant.bare, []).append(constant)
        if constant.language == "swift":
            implicit["." + constant.bare] = constant
        if "[" in parts[-1]:  # Ruby: ERRORS[:going_away]
            by_key.setdefault(parts[-1], []).append(constant)
            bare.add(parts[-1].split("[", 1)[0])
        bare.add(constant.bare if "[" not in parts[-1] else parts[-1].split("[", 1)[0])
    return _ConstantTable(
        by_key={k: tuple(v) for k, v in by_key.items()},
        bare_names=tuple(sorted(bare, key=lambda s: (-len(s), s))),
        implicit=implicit,
        unqualified=tuple(sorted(unqualified, key=lambda s: (-len(s), s))),
    )


# ---------------------------------------------------------------------------------------------
# Names that imply a code (for WSC008: ``const CLOSE_NORMAL = 1006``)

_MARKERS = ("websocket", "closecode", "closestatus", "close", "status", "code", "ws")


@cache
def _name_words(language: str | None = None) -> Mapping[str, int]:
    """Normalised names (lower case, no separators) -> the code they name, when unambiguous.

    With a language, a library constant's name counts only in the languages that library is
    written in: python-websockets calls 1007 ``INVALID_DATA``, which says nothing about a Ruby
    gem's ``INVALID_DATA = 1003`` (IANA's name for 1003 is Unsupported Data). The registry's own
    names count in every language, and a name stays out wherever it is ambiguous anywhere.
    """
    if language is not None:
        allowed = set(_CONSTANT_LANGUAGES.get(language, (language,)))
        own = {_key(c.bare.split("[")[-1]) for c in data().constants if c.language in allowed}
        own.update(_key(record.name) for code, record in data().codes.items() if 1000 <= code <= 1015)
        return {k: v for k, v in _name_words().items() if k in own}
    seen: dict[str, set[int]] = {}

    def add(name: str, code: int) -> None:
        key = _key(name)
        if len(key) >= 4 and not key.isdigit():
            seen.setdefault(key, set()).add(code)

    registry = data()
    for code, record in registry.codes.items():
        if 1000 <= code <= 1015:
            add(record.name, code)
    for constant in registry.constants:
        if 1000 <= constant.code <= 4999:
            add(constant.bare.split("[")[-1], constant.code)
    # Words that libraries use for different codes say nothing: Spring's BAD_DATA is 1007, Ratchet's
    # CLOSE_BAD_DATA is 1003 (RFC 6455 §7.4.1: 1003 is data of a type it cannot accept, 1007 data
    # inconsistent with its type — "bad data" fits both).
    cores: dict[str, set[int]] = {}
    for key, codes in seen.items():
        cores.setdefault(_strip_markers(key), set()).update(codes)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1 and len(cores[_strip_markers(k)]) == 1}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _strip_markers(key: str) -> str:
    """A normalised name without the words that only say "close code" (closebaddata -> baddata)."""
    stripped = True
    while stripped:
        stripped = False
        for marker in _MARKERS:
            if key.startswith(marker) and len(key) > len(marker):
                key, stripped = key[len(marker) :], True
            if key.endswith(marker) and len(key) > len(marker) and marker not in ("status", "code"):
                key, stripped = key[: -len(marker)], True
    return key


_NUMBER_IN_NAME = re.compile(r"(?i)(?:^|_|(?<=[a-z]))(?:ws|close)_?(\d{4})(?:_|$|(?=[A-Z]))")


@cache
def name_code(name: str, value: int | None = None, language: str | None = None) -> tuple[int | None, bool]:
    """The close code a constant's name implies, and whether the name is explicitly about closing.

    ``WS_1004_NO_STATUS_RCVD`` -> (1005, True): the words win over the number when they disagree
    (Starlette's old name); ``CLOSE_NORMAL`` -> (1000, True); ``GOING_AWAY`` -> (1001, False);
    ``TIMEOUT`` -> (None, False). With a language, only the names its libraries use count.
    """
    words = _name_words(language)
    number = _NUMBER_IN_NAME.search(name)
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    marked = number is not None or "close" in key
    if number is not None:
        key = re.sub(r"[^a-z0-9]", "", (name[: number.start(1)] + name[number.end(1) :]).lower())
    key = _strip_markers(key)
    by_words = words.get(key)
    if by_words is None and marked:
        by_words = words.get("close" + key) or words.get(key + "closure")
    if by_words is not None and not marked and not re.search(r"_|[a-z][A-Z]", name.strip("_")):
        return None, False  # a single word (POLICY, NORMAL) says too little on its own
    numbered = int(number.group(1)) if number is not None else None
    if value is not None:  # report the part of the name that contradicts the value, if any
        for candidate in (numbered, by_words):
            if candidate is not None and candidate != value:
                return candidate, True
    if by_words is not None:
        return by_words, marked
    if numbered is not None:
        return numbered, True
    return None, marked


_WS_NUMBERED = re.compile(r"WS_(\d{4})_[A-Z0-9_]+")  # Starlette's WS_1008_POLICY_VIOLATION style
