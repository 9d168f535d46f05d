"""The page in a real headless Chromium: typing, deep links, keyboard, screen-reader labels,
dark scheme, a phone, team codes (and a hostile team code name), and no network at all."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.html.conftest import EVIL_NAME, PageWatch
from wscodes.core.registry import classify, data
from wscodes.core.search import search
from wscodes.core.teamcodes import ProjectRegistry, discover

CONTRAST_JS = """([fgSel, bgSel]) => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = c => { const [r, g, b] = c.map(lin); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const fg = lum(rgb(getComputedStyle(document.querySelector(fgSel)).color));
  const bg = lum(rgb(getComputedStyle(document.querySelector(bgSel)).backgroundColor));
  return {ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), background: bg};
}"""


def hit_codes(page: Page) -> list[str]:
    return page.locator("#results a.hit .num").all_inner_texts()


def test_typing_shows_ranked_results(watch: PageWatch, plain_page: Path, artifacts: Path) -> None:
    page = watch.open(plain_page)
    page.get_by_role("searchbox", name="Search by number, range or words").click()
    page.keyboard.type("message too large", delay=5)
    expected = [str(h.code.code) for h in search("message too large").hits]
    noun = "result" if len(expected) == 1 else "results"
    expect(page.locator("#status")).to_have_text(f"{len(expected)} {noun} for “message too large”")
    assert hit_codes(page) == expected and expected[0] == "1009"
    first = page.locator("#results a.hit").first
    expect(first).to_contain_text(classify(1009).name)
    expect(first).to_contain_text("matched:")
    page.screenshot(path=str(artifacts / "html-search-light.png"))
    for query in ("3xxx", "10", "overloded"):
        page.fill("#q", query)
        assert hit_codes(page) == [str(h.code.code) for h in search(query).hits]
    page.fill("#q", "3xxx")
    expect(page.locator("#explain")).to_contain_text("Registered library/framework codes (3000–3999)")
    page.fill("#q", "zzzzqqq")
    expect(page.locator("#status")).to_contain_text("No close code matches 'zzzzqqq'")
    assert hit_codes(page) == []
    page.fill("#q", "")
    expect(page.locator("#status")).to_have_text("")
    watch.assert_clean()


def test_a_number_without_an_entry_is_explained(watch: PageWatch, plain_page: Path) -> None:
    page = watch.open(plain_page)
    page.fill("#q", "4321")
    card = page.locator("#results li").first
    expect(card).to_contain_text("4321 is in the private-use range 4000–4999")
    expect(card).to_contain_text("Private use (4000–4999)")
    page.fill("#q", "1016")
    expect(page.locator("#results li").first).to_contain_text(
        "WebSocket.close(1016) throws InvalidAccessError"
    )


def test_deep_link_opens_the_entry(watch: PageWatch, plain_page: Path, artifacts: Path) -> None:
    page = watch.open(plain_page, "#1006")
    entry = page.locator("details#\\31 006")
    expect(entry).to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.closest('details').id") == "1006"
    assert page.locator("details.entry[open]").count() == 1
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text(classify(1006).meaning)
    expect(entry).to_contain_text("nobody — never in a Close frame")
    expect(entry).to_contain_text("WebSocket.close(1006) throws InvalidAccessError")
    page.screenshot(path=str(artifacts / "html-deeplink-1006.png"))
    # a link inside the page (the FAQ's) opens its entry too
    page.locator("#faq a[href='#1001']").first.click()
    expect(page.locator("details#\\31 001")).to_have_attribute("open", "")
    # a number with no entry: shown as a search result
    page.goto(plain_page.resolve().as_uri() + "#4321")
    expect(page.locator("#q")).to_have_value("4321")
    expect(page.locator("#results a.hit").first).to_be_focused()
    watch.assert_clean()


def test_keyboard_only(watch: PageWatch, plain_page: Path) -> None:
    page = watch.open(plain_page)
    page.keyboard.press("/")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("timeout")
    hits = page.locator("#results a.hit")
    expect(hits).to_have_count(3)
    page.keyboard.press("ArrowDown")
    expect(hits.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(hits.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.press("Tab")  # tab through the results as well
    expect(hits.nth(0)).to_be_focused()
    page.keyboard.press("Tab")
    expect(hits.nth(1)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = hits.nth(1).locator(".num").inner_text()
    page.keyboard.press("Enter")
    expect(page.locator(f"details[id='{second}']")).to_have_attribute("open", "")
    assert page.evaluate("location.hash") == f"#{second}"
    # Enter in the search box opens the best result
    page.keyboard.press("/")
    page.keyboard.type("going away")
    page.keyboard.press("Enter")
    expect(page.locator("details[id='1001']")).to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.closest('details')?.id") == "1001"
    watch.assert_clean()


def test_screen_reader_labels_and_landmarks(watch: PageWatch, plain_page: Path) -> None:
    page = watch.open(plain_page)
    expect(page.get_by_role("search")).to_have_count(1)
    expect(page.get_by_role("searchbox", name="Search by number, range or words")).to_have_count(1)
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Sections")).to_have_count(1)
    status = page.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    page.fill("#q", "tls")
    expect(status).to_contain_text("for “tls”")
    expect(page.get_by_role("list", name="Search results")).to_have_count(1)
    assert page.locator("html").get_attribute("lang") == "en"
    for section in ("codes", "ranges", "faq"):
        expect(
            page.get_by_role("region", name=re.compile(".+")).and_(page.locator(f"#{section}"))
        ).to_have_count(1)


def test_ranges_and_questions_come_from_the_registry(watch: PageWatch, plain_page: Path) -> None:
    page = watch.open(plain_page)
    for r in data().ranges:
        section = page.locator(f"section[id='range-{r.id}']")
        expect(section).to_contain_text(r.summary)
        expect(section).to_contain_text(r.advice)
    faq = page.locator("#faq")
    for question in (
        "What does close code 1006 mean?",
        "Why does close(1001) throw in the browser?",
        "Which code should my app use?",
    ):
        expect(faq.get_by_role("heading", name=question)).to_have_count(1)
    expect(faq).to_contain_text(classify(1006).meaning)
    expect(faq).to_contain_text(data().browser_close.summary)
    expect(faq).to_contain_text(classify(1000).meaning)
    # every registered code has an entry saying who sends it and whether it may be sent
    for code in data().codes.values():
        entry = page.locator(f"details[id='{code.code}']")
        expect(entry).to_contain_text("Who sends it")
        expect(entry.locator("summary")).to_contain_text("may be sent" if code.on_wire else "never sent")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_color_schemes(
    browser: Browser, plain_page: Path, artifacts: Path, scheme: Literal["light", "dark"]
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1100, "height": 900})
    try:
        watch = PageWatch(context)
        page = watch.open(plain_page, "#1008")
        page.fill("#q", "policy")
        body = page.evaluate(CONTRAST_JS, ["body", "body"])
        assert (body["background"] < 0.05) == (scheme == "dark")
        assert body["ratio"] >= 7
        for fg, bg in ((".hit .why", ".hit"), (".badge.bad", ".badge.bad"), ("#q", "#q"), ("a", "body")):
            assert page.evaluate(CONTRAST_JS, [fg, bg])["ratio"] >= 4.5, (fg, bg)
        page.screenshot(path=str(artifacts / f"html-{scheme}.png"))
        watch.assert_clean()
    finally:
        context.close()


def test_phone(browser: Browser, plain_page: Path, artifacts: Path) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    try:
        watch = PageWatch(context)
        page = watch.open(plain_page, "#1011")
        page.fill("#q", "bad utf-8")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        columns = page.evaluate(
            "getComputedStyle(document.querySelector('details[id=\"1011\"] dl')).gridTemplateColumns"
        )
        assert len(columns.split()) == 1  # labels above values on a narrow screen
        box = page.locator("#q").bounding_box()
        assert box is not None and box["width"] > 300 and box["x"] + box["width"] <= 390
        assert float(page.evaluate("getComputedStyle(document.body).fontSize")[:-2]) >= 15
        page.screenshot(path=str(artifacts / "html-phone.png"))
        page.screenshot(path=str(artifacts / "html-phone-full.png"), full_page=True)
        watch.assert_clean()
    finally:
        context.close()


def test_team_codes_marked_and_hostile_names_inert(
    watch: PageWatch, team_page: Path, team_project: Path, artifacts: Path
) -> None:
    page = watch.open(team_page, "#4001")
    entry = page.locator("details[id='4001']")
    expect(entry).to_have_attribute("open", "")
    expect(entry).to_have_class(re.compile(r"\bteam\b"))
    expect(entry.locator("summary")).to_contain_text("your team")
    expect(entry).to_contain_text("Refresh the token, then reconnect.")
    expect(entry).to_contain_text("wscodes.toml")
    expect(page.locator(".team-note")).to_contain_text("wscodes.toml")
    expect(page.locator("#faq")).to_contain_text("4001 Session expired")
    page.fill("#q", "session expired")
    registry = ProjectRegistry(discover(start=team_project))
    assert hit_codes(page) == [str(h.code.code) for h in search("session expired", registry).hits]
    assert hit_codes(page)[0] == "4001"
    expect(page.locator("#results a.hit").first).to_contain_text("your team")
    page.screenshot(path=str(artifacts / "html-team.png"))
    # the hostile name is text everywhere it appears, and nothing it contains ran
    assert page.locator("details[id='4002'] summary .name").text_content() == EVIL_NAME
    page.fill("#q", "4002")
    assert page.locator("#results a.hit .name").first.evaluate("n => n.firstChild.textContent") == EVIL_NAME
    page.fill("#q", "4xxx")
    expect(page.locator("#results a.hit")).to_have_count(2)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    assert page.locator("details[id='4002'] b").count() == 0  # the meaning's <b> is text too
    watch.assert_clean()


def test_no_network_from_file(watch: PageWatch, team_page: Path) -> None:
    page = watch.open(team_page, "#1006")
    page.fill("#q", "timeout")
    page.keyboard.press("Enter")
    assert watch.requests == [team_page.resolve().as_uri() + "#1006"] or watch.requests == [
        team_page.resolve().as_uri()
    ]
    watch.assert_clean()


@pytest.fixture
def static_host(plain_page: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = partial(Quiet, directory=str(plain_page.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{plain_page.name}"
    finally:
        server.shutdown()
        server.server_close()


def test_works_from_a_static_host_with_one_request(watch: PageWatch, static_host: str) -> None:
    page = watch.page
    page.goto(static_host + "#1013")
    expect(page.locator("details[id='1013']")).to_have_attribute("open", "")
    page.fill("#q", "overloaded")
    assert hit_codes(page)[0] == "1013"
    assert [u.split("#")[0] for u in watch.requests] == [static_host]
    watch.assert_clean()
