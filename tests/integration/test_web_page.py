"""The web chat in a real headless Chromium (Debian's, driven by playwright) against a real
`advisor serve` over the full corpus: ask, read the cited passage and provision, open the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor.config import Settings
from evals.serving import advisor_serve

pytestmark = pytest.mark.integration

ARTICLE_8 = "What does article 8 of the Smuggling Protocol say?"
OUT_OF_SCOPE = "What is the penalty for migrant smuggling in Spain?"
ANSWER_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server(corpus_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with advisor_serve(corpus_index.index_dir, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()


def ask(page: Page, question: str) -> None:
    answered = page.locator("article.assistant[aria-busy='false']")
    before = answered.count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    answered.nth(before).wait_for(timeout=ANSWER_TIMEOUT_MS)


def test_citation_shows_the_passage_the_provision_and_the_pdf_page(page: Page, tmp_path: Path) -> None:
    ask(page, ARTICLE_8)
    answer = page.locator("article.assistant").last
    expect(answer.locator("button.cite").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "screenshot.png"))
    assert (tmp_path / "screenshot.png").stat().st_size > 10_000

    answer.locator("button.cite[data-n='1']").first.click()
    panel = page.locator("#source-panel")
    expect(panel).to_be_visible()
    expect(page.locator("#source-quote")).to_contain_text(
        "A State Party that has reasonable grounds to suspect"
    )
    expect(page.locator("#source-provision")).to_contain_text(
        "Measures against the smuggling of migrants by sea"
    )
    expect(page.locator("#source-provision mark")).to_contain_text("reasonable grounds to suspect")
    href = page.locator("#source-file").get_attribute("href") or ""
    assert href.startswith("/documents/smuggling-protocol/file#page=")
    assert int(href.rsplit("=", 1)[1]) >= 1


def test_abstention_is_shown_distinctly(page: Page) -> None:
    ask(page, OUT_OF_SCOPE)
    answer = page.locator("article.assistant").last
    expect(answer).to_have_class("message assistant abstained")
    expect(answer.locator(".badge")).to_have_text("Not covered by the indexed documents")
    expect(answer.locator("button.cite")).to_have_count(0)


def test_instrument_filter_lists_the_indexed_documents(page: Page) -> None:
    options = page.locator("#instrument option")
    expect(options.first).to_have_text("All instruments")
    expect(page.locator("#instrument option[value='smuggling-protocol']")).to_have_count(1)


def test_shift_enter_adds_a_line_instead_of_sending(page: Page) -> None:
    page.fill("#question", "first line")
    page.press("#question", "Shift+Enter")
    page.keyboard.type("second line")
    assert page.input_value("#question") == "first line\nsecond line"
    expect(page.locator("article.user")).to_have_count(0)


def test_copy_puts_the_answer_and_its_sources_on_the_clipboard(page: Page) -> None:
    ask(page, ARTICLE_8)
    page.locator("article.assistant button.copy").last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "reasonable grounds to suspect" in copied
    assert "Sources:\n[1] Smuggling of Migrants Protocol, Article 8(1), p. " in copied


def test_phone_width_has_no_sideways_scrolling_and_the_source_fills_the_screen(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    ask(page, ARTICLE_8)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("article.assistant button.cite").first.click()
    box = page.locator("#source-panel").bounding_box()
    assert box is not None and box["width"] >= 385
    page.keyboard.press("Escape")
    expect(page.locator("#source-panel")).to_be_hidden()
