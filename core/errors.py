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
