"""The bot's settings, from Slack's usual environment variables, checked before anything starts.

Variables (the names Slack's own tools use):

- ``SLACK_BOT_TOKEN``       the bot token, ``xoxb-…`` (both modes)
- ``SLACK_SIGNING_SECRET``  the app's signing secret (HTTP mode: every request is verified with it)
- ``SLACK_APP_TOKEN``       an app-level token with ``connections:write``, ``xapp-…`` (Socket Mode)
- ``SLACK_API_URL``         optional: the Web API base URL (default ``https://slack.com/api/``);
                            tests and local runs point it at a server that speaks Slack's API
- ``WSCODES_CONFIG``        optional: the team-codes file (else ``--config``, else found upward)

Problems are collected and reported together, naming the variable and never its value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Mode = Literal["http", "socket"]

DEFAULT_API_URL = "https://slack.com/api/"
_BOT_TOKEN = re.compile(r"xoxb-[A-Za-z0-9-]{8,}")
_APP_TOKEN = re.compile(r"xapp-[A-Za-z0-9-]{8,}")
_SECRET = re.compile(r"[A-Za-z0-9]{16,}")

__all__ = ["DEFAULT_API_URL", "Mode", "Settings", "SettingsError", "load_settings"]


class SettingsError(Exception):
    """One or more variables are missing or malformed; each line says which and how to fix it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, repr=False)
class Settings:
    mode: Mode
    bot_token: str
    signing_secret: str | None
    app_token: str | None
    api_url: str

    def __repr__(self) -> str:  # never show a credential, even in a traceback
        return f"Settings(mode={self.mode!r}, api_url={self.api_url!r})"


def _token_problem(
    name: str, value: str | None, pattern: re.Pattern[str], prefix: str, what: str
) -> str | None:
    if value is None or not value.strip():
        return f"{name} is not set: export the {what} ({prefix}…) from your Slack app's settings"
    if not value.startswith(prefix):
        return f"{name} does not start with {prefix!r}: it must be the {what}, not another kind of token"
    if not pattern.fullmatch(value):
        return f"{name} is malformed: expected {prefix} followed by letters, digits and dashes only"
    return None


def _api_url(value: str | None) -> tuple[str, str | None]:
    if value is None or not value.strip():
        return DEFAULT_API_URL, None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return DEFAULT_API_URL, "SLACK_API_URL must be an http(s) URL such as https://slack.com/api/"
    url = value.strip()
    return (url if url.endswith("/") else url + "/"), None


def load_settings(mode: Mode, env: Mapping[str, str]) -> Settings:
    """The settings for ``mode``; raises SettingsError listing every problem."""
    problems: list[str] = []
    bot_token = env.get("SLACK_BOT_TOKEN")
    if p := _token_problem("SLACK_BOT_TOKEN", bot_token, _BOT_TOKEN, "xoxb-", "bot token"):
        problems.append(p)
    signing_secret = env.get("SLACK_SIGNING_SECRET")
    app_token = env.get("SLACK_APP_TOKEN")
    if mode == "http":
        if signing_secret is None or not signing_secret.strip():
            problems.append(
                "SLACK_SIGNING_SECRET is not set: HTTP mode verifies every request with it "
                "(Basic Information → App Credentials → Signing Secret)"
            )
        elif not _SECRET.fullmatch(signing_secret):
            problems.append("SLACK_SIGNING_SECRET is malformed: expected letters and digits only")
    elif p := _token_problem("SLACK_APP_TOKEN", app_token, _APP_TOKEN, "xapp-", "app-level token"):
        problems.append(p)
    api_url, url_problem = _api_url(env.get("SLACK_API_URL"))
    if url_problem:
        problems.append(url_problem)
    if problems:
        raise SettingsError(problems)
    assert bot_token is not None
    return Settings(
        mode=mode,
        bot_token=bot_token,
        signing_secret=signing_secret if mode == "http" else None,
        app_token=app_token if mode == "socket" else None,
        api_url=api_url,
    )
