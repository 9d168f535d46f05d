"""Typed exceptions raised by the core; front ends turn them into clear messages."""

from __future__ import annotations


class WscodesError(Exception):
    """Base class for every error the core raises on purpose."""


class ConfigError(WscodesError):
    """A project file (wscodes.toml / [tool.wscodes]) is wrong: says where, what and how to fix it."""

    def __init__(self, path: str, key: str | None, problem: str, fix: str) -> None:
        self.path = path
        self.key = key
        self.problem = problem
        self.fix = fix
        where = f"{path}: {key}" if key else path
        super().__init__(f"{where}: {problem} — {fix}")

    def __reduce__(self) -> tuple[type[ConfigError], tuple[str, str | None, str, str]]:
        """Picklable with its fields (a worker process of `wscode check` may raise it)."""
        return ConfigError, (self.path, self.key, self.problem, self.fix)
