"""Frozen, keyword-only records — a frozen dataclass without importing ``dataclasses``.

``import dataclasses`` pulls in ``inspect`` and costs ~10 ms: more than half of the start-up
budget of ``wscode 1006`` (≤ 2× a bare ``python -c pass``). ``Record`` gives the same
contract for the core's records — declared fields, defaults, keyword construction,
immutability, equality, hashing, ``replace`` — and type checkers see it as a frozen
dataclass through ``dataclass_transform`` (PEP 681).
"""

from __future__ import annotations

TYPE_CHECKING = False  # `import typing` costs ~3 ms at start-up; type checkers know this idiom
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    R = TypeVar("R", bound="Record")
else:  # the decorator only matters to type checkers

    def dataclass_transform(**_kwargs: object):
        return lambda cls: cls


__all__ = ["Record", "assemble", "replace"]


@dataclass_transform(frozen_default=True, kw_only_default=True)
class Record:
    """Subclass and annotate fields; construct with keywords; instances are immutable."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_set: frozenset[str] = frozenset()
    _defaults: dict[str, Any] = {}  # noqa: RUF012 - class-level table, never mutated

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields: list[str] = []
        defaults: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in klass.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 - no inspect import
                if name.startswith("_") or str(annotation).startswith("ClassVar"):
                    continue
                if name not in fields:
                    fields.append(name)
                if name in klass.__dict__:
                    defaults[name] = klass.__dict__[name]
        cls._fields = tuple(fields)
        cls._field_set = frozenset(fields)
        cls._defaults = defaults

    def __init__(self, **values: Any) -> None:
        merged = {**self._defaults, **values}
        if merged.keys() != self._field_set:
            missing = [f for f in self._fields if f not in merged]
            if missing:
                raise TypeError(f"{type(self).__name__}() missing field {missing[0]!r}")
            unknown = [k for k in merged if k not in self._fields]
            raise TypeError(f"{type(self).__name__}() got unknown field {unknown[0]!r}")
        object.__setattr__(self, "__dict__", merged)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({inner})"


def assemble(cls: type[R], values: dict[str, Any]) -> R:
    """A record from ``values``, a new dict holding exactly its fields (in the order ``cls(**values)``
    would keep them: fields with defaults first, then the others), without ``__init__``'s checks.

    For hot paths only (the scanner builds thousands of occurrences per file), behind a typed
    positional function whose parameters a test compares with the record's fields.
    """
    record = object.__new__(cls)
    object.__setattr__(record, "__dict__", values)
    return record


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with some fields changed (like ``dataclasses.replace``)."""
    values = {f: getattr(record, f) for f in record._fields}
    values.update(changes)
    return type(record)(**values)
