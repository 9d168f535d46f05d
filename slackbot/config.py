"""The bot's settings, from Slack's usual environment variables, checked before anything starts.

Variables (the names Slack's own tools use):

- ``SLACK_BOT_TOKEN``       the bot token, ``xoxb-…`` (both modes; not with OAuth)
- ``SLACK_CLIENT_ID``, ``SLACK_CLIENT_SECRET``  HTTP mode, any workspace may install the app
                            (OAuth v2: ``/slack/install``); tokens are kept in the database
- ``SLACK_SCOPES``          optional with OAuth: bot scopes, comma-separated (default: the manifest's)
- ``DATABASE_URL``          optional: ``sqlite:///PATH`` (default ``sqlite:///wscodes-slack.sqlite3``)
                            or ``postgresql://USER:PASSWORD@HOST/DB`` (``--database-url`` wins)
- ``WSCODES_SLACK_EDITORS`` optional: who may define a workspace's codes, ``admins`` (default:
                            workspace admins and owners, by users.info) or ``everyone``
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
from urllib.parse import urljoin, urlsplit

Mode = Literal["http", "socket"]

DEFAULT_API_URL = "https://slack.com/api/"
# users:read: users.info, to let only admins change a workspace's codes
DEFAULT_SCOPES = ("commands", "chat:write", "app_mentions:read", "users:read")
EDITORS = ("admins", "everyone")
_BOT_TOKEN = re.compile(r"xoxb-[A-Za-z0-9-]{8,}")
_APP_TOKEN = re.compile(r"xapp-[A-Za-z0-9-]{8,}")
_SECRET = re.compile(r"[A-Za-z0-9]{16,}")
_CLIENT_ID = re.compile(r"[0-9]+\.[0-9]+")
_SCOPE = re.compile(r"[a-z][a-z0-9_.:-]*")

__all__ = [
    "DEFAULT_API_URL",
    "DEFAULT_SCOPES",
    "EDITORS",
    "Mode",
    "Settings",
    "SettingsError",
    "load_settings",
]


class SettingsError(Exception):
    """One or more variables are missing or malformed; each line says which and how to fix it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True, repr=False)
class Settings:
    mode: Mode
    bot_token: str | None  # None with OAuth: each workspace's token comes from the database
    signing_secret: str | None
    app_token: str | None
    api_url: str
    client_id: str | None = None
    client_secret: str | None = None
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    database_url: str | None = None
    editors: str = "admins"

    @property
    def oauth(self) -> bool:
        return self.client_id is not None

    @property
    def authorize_url(self) -> str | None:
        """Where "Add to Slack" sends people: Slack's own page (None: Bolt's default) or, with
        SLACK_API_URL pointing elsewhere, the same path on that server."""
        if self.api_url == DEFAULT_API_URL:
            return None
        return urljoin(self.api_url, "/oauth/v2/authorize")

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
    client_id = (env.get("SLACK_CLIENT_ID") or "").strip() or None
    client_secret = (env.get("SLACK_CLIENT_SECRET") or "").strip() or None
    if client_id or client_secret:
        if mode != "http":
            problems.append("SLACK_CLIENT_ID is set: installing to any workspace (OAuth) needs --mode http")
        if not client_id or not _CLIENT_ID.fullmatch(client_id):
            problems.append("SLACK_CLIENT_ID is missing or malformed: Basic Information → App Credentials")
        if not client_secret or not _SECRET.fullmatch(client_secret):
            problems.append(
                "SLACK_CLIENT_SECRET is missing or malformed: Basic Information → App Credentials"
            )
        bot_token = None
    elif p := _token_problem("SLACK_BOT_TOKEN", bot_token, _BOT_TOKEN, "xoxb-", "bot token"):
        problems.append(p)
    scopes = tuple(s.strip() for s in (env.get("SLACK_SCOPES") or "").split(",") if s.strip())
    if any(not _SCOPE.fullmatch(s) for s in scopes):
        problems.append("SLACK_SCOPES is malformed: comma-separated scope names such as commands,chat:write")
    editors = (env.get("WSCODES_SLACK_EDITORS") or "admins").strip().lower()
    if editors not in EDITORS:
        problems.append("WSCODES_SLACK_EDITORS must be admins or everyone")
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
    return Settings(
        mode=mode,
        bot_token=bot_token,
        signing_secret=signing_secret if mode == "http" else None,
        app_token=app_token if mode == "socket" else None,
        api_url=api_url,
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes or DEFAULT_SCOPES,
        database_url=(env.get("DATABASE_URL") or "").strip() or None,
        editors=editors,
    )
