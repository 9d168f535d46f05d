"""The wiring, in process: signed Bolt requests through AsyncApp.async_dispatch (Web API: the local fake)."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from tests.slack.conftest import sqlite_url
from tests.slack.fake_slack import FakeSlack
from tests.slack.limits_check import problems
from tests.slack.slack_requests import (
    BOT_TOKEN,
    FORM,
    JSON,
    SIGNING_SECRET,
    command_body,
    mention_body,
    signed_headers,
)
from wscodes.core.teamcodes import ProjectRegistry
from wscodes.slack import listeners
from wscodes.slack.app import build_bolt
from wscodes.slack.config import load_settings
from wscodes.slack.server import SlackRequest
from wscodes.slack.store import Database

T = TypeVar("T")
OPEN: list[Database] = []  # databases opened by the test running now
P = ParamSpec("P")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


async def make_app(fake: FakeSlack) -> AsyncApp:
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
    }
    db = Database(sqlite_url())
    await db.migrate()
    OPEN.append(db)
    return build_bolt(load_settings("http", env), ProjectRegistry(), db)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` on a fresh event loop in its own thread: immune to whatever loop the test
    session has running in the main thread (a sync Playwright session keeps one marked as running)."""

    async def closing() -> T:
        try:
            return await coro
        finally:
            await asyncio.sleep(0.3)  # lazy listeners (replies after the ack) finish
            while OPEN:
                await OPEN.pop().close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, closing()).result(60)


def in_own_loop(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """An async test, run by ``run`` rather than by pytest-asyncio."""

    @functools.wraps(test)
    def sync_test(*args: P.args, **kwargs: P.kwargs) -> None:
        run(test(*args, **kwargs))

    return sync_test


def request(body: bytes, content_type: str) -> AsyncBoltRequest:
    headers = {k.lower(): v for k, v in signed_headers(body, content_type).items()}
    return SlackRequest(body=body.decode(), headers=headers)


@in_own_loop
async def test_command_is_answered_in_the_ack(fake: FakeSlack) -> None:
    app = await make_app(fake)
    response = await app.async_dispatch(request(command_body("1009"), FORM))
    assert response.status == 200
    message = json.loads(response.body)
    assert message["response_type"] == "ephemeral"
    assert "1009 Message Too Big" in json.dumps(message["blocks"])
    assert problems(message) == []
    assert fake.find("/api/auth.test")  # Bolt authorised against the fake, not slack.com


@in_own_loop
async def test_any_command_name_is_handled(fake: FakeSlack) -> None:
    app = await make_app(fake)
    response = await app.async_dispatch(request(command_body("1000", command="/closecode"), FORM))
    assert response.status == 200 and "1000 Normal Closure" in response.body


@in_own_loop
async def test_unsigned_request_runs_no_listener(fake: FakeSlack) -> None:
    app = await make_app(fake)
    body = command_body("1000")
    response = await app.async_dispatch(AsyncBoltRequest(body=body.decode(), headers={"content-type": FORM}))
    assert response.status == 401 and "blocks" not in response.body


@in_own_loop
async def test_the_same_event_posts_once(fake: FakeSlack) -> None:
    app = await make_app(fake)
    before = len(fake.find("/api/chat.postMessage"))
    body = mention_body("<@UBOT00001> 1001", "EvDISPATCH01")
    for _ in range(3):
        assert (await app.async_dispatch(request(body, JSON))).status == 200
    await asyncio.sleep(0.3)  # Bolt runs event listeners after the ack
    assert len(fake.find("/api/chat.postMessage")) == before + 1


@in_own_loop
async def test_a_rendering_bug_still_gets_a_reply(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(listeners, "answer", broken)
    app = await make_app(fake)
    response = await app.async_dispatch(request(command_body("1000"), FORM))
    assert response.status == 200 and "Sorry" in response.body


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=4000))
def test_any_text_through_dispatch(fake: FakeSlack, text: str) -> None:
    async def dispatch() -> None:
        app = await make_app(fake)
        response = await app.async_dispatch(request(command_body(text), FORM))
        assert response.status == 200
        assert problems(json.loads(response.body)) == []

    run(dispatch())
