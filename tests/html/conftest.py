"""Fixtures for the HTML reference page: generated pages and a real headless Chromium.

The browser is Debian's ``chromium`` (/usr/bin/chromium, from .ci/apt-packages.txt), driven by
Playwright for Python with the system browser — never ``playwright install``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Error,
    Page,
    Request,
    sync_playwright,
)

CHROMIUM = os.environ.get("WSCODES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WSCODE = str(Path(sys.executable).with_name("wscode"))
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

EVIL_NAME = "<img src=x onerror=\"window.__pwned='img'\"></script><script>window.__pwned='script'</script>"
TEAM_TOML = f"""\
[codes.4001]
name = "Session expired"
meaning = "The user's session token expired."
sender = "server"
retry = "after-fix"
action = "Refresh the token, then reconnect."

[codes.4002]
name = '''{EVIL_NAME}'''
meaning = "Meaning with <b>markup</b> & an \\"attribute\\" breaker: ' \\" > <"
"""


def wscode(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WSCODES_CONFIG": ""}
    return subprocess.run(
        [WSCODE, *args], capture_output=True, text=True, timeout=60, check=False, cwd=cwd, env=env
    )


def generate(directory: Path, *extra: str) -> Path:
    out = directory / "close-codes.html"
    r = wscode("html", "-o", str(out), *extra, cwd=directory)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def plain_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page generated outside any project (no team codes)."""
    return generate(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="session")
def team_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    (project / "wscodes.toml").write_text(TEAM_TOML, encoding="utf-8")
    (project / "sub").mkdir()
    return project


@pytest.fixture(scope="session")
def team_page(team_project: Path) -> Path:
    """Generated from a subdirectory: the team file is found upward, as the CLI finds it."""
    return generate(team_project / "sub")


# Module scope, not session: Playwright's sync API keeps an asyncio loop running in this
# thread while it is started, which would break the async tests of later modules.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium (listed in .ci/apt-packages.txt)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """A page plus everything it did that it should not: errors, dialogs, requests."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page: Page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", self._page_error)
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)

    def _page_error(self, exc: Error) -> None:
        self.errors.append(str(exc))

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            self.errors.append(msg.text)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def open(self, path: Path, fragment: str = "") -> Page:
        self.page.goto(path.resolve().as_uri() + fragment)
        self.page.wait_for_function("window.wscodes !== undefined")
        return self.page

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs


@pytest.fixture
def watch(browser: Browser) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = PageWatch(context)
    yield w
    context.close()
