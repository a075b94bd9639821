"""The "Prepare Q&A" view in a real headless Chromium against a real `advisor serve` over the
fixture corpus: a trainer draws items from articles 1-3 of the Harbour Convention, edits one,
drops another, and downloads the edited quiz as a GIFT file for Moodle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor.config import Settings
from evals.serving import advisor_serve
from tests import gift

pytestmark = pytest.mark.integration

GENERATE_TIMEOUT_MS = 60_000
EDITED_QUESTION = "Edited by the trainer what does the Harbour Convention call a pilot"


@pytest.fixture(scope="module")
def server(fixture_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with advisor_serve(fixture_index.index_dir, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()


def generate_from_articles_1_to_3(page: Page) -> None:
    page.click("#tab-quiz")
    page.select_option("#quiz-doc", "harbour-convention")
    page.fill("#quiz-articles", "1-3")
    page.click("#quiz-generate")
    page.locator(".quiz-item").first.wait_for(timeout=GENERATE_TIMEOUT_MS)


def test_generated_items_cite_the_chosen_articles(page: Page) -> None:
    generate_from_articles_1_to_3(page)
    items = page.locator(".quiz-item")
    assert items.count() >= 2
    sources = page.locator(".quiz-item .item-source")
    expect(sources).to_have_count(items.count())
    for source in sources.all():
        assert source.get_attribute("data-article") in {"1", "2", "3"}
        expect(source.locator(".where")).to_contain_text("Article")
        assert source.locator(".quote").inner_text().strip()
    provisions = page.locator("#quiz-provisions li")
    assert provisions.count() >= 1
    for provision in provisions.all_inner_texts():
        assert any(f"Article {n}" in provision for n in (1, 2, 3)), provision
    expect(page.locator("#quiz-status")).to_contain_text(f"{items.count()} items from")
    expect(page.locator("#quiz-dropped-summary")).to_contain_text("dropped")


def test_the_download_holds_the_edits_and_not_the_dropped_item(page: Page, tmp_path: Path) -> None:
    generate_from_articles_1_to_3(page)
    page.fill("#item-1-question", EDITED_QUESTION)
    dropped_id = page.get_attribute("#item-2", "data-item-id")
    dropped_question = page.input_value("#item-2-question")
    kept_questions = [
        page.input_value(f"#item-{n}-question") for n in range(3, page.locator(".quiz-item").count() + 1)
    ]
    page.get_by_role("button", name="Drop item 2").click()
    expect(page.locator("#item-2")).to_have_class("quiz-item dropped")

    page.select_option("#quiz-format", "gift")
    with page.expect_download() as download_info:
        page.click("#quiz-download")
    download = download_info.value
    assert download.suggested_filename.endswith(".gift.txt")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    questions = gift.parse(saved.read_text(encoding="utf-8"))
    assert [q.text for q in questions] == [EDITED_QUESTION, *kept_questions]
    assert not any(q.name.startswith(f"{dropped_id} ") for q in questions)
    if dropped_question not in kept_questions:
        assert dropped_question not in saved.read_text(encoding="utf-8").replace("\\", "")
    expect(page.locator("#quiz-status")).to_contain_text(f"Downloaded {download.suggested_filename}")


def focused(page: Page) -> str:
    """The focused control: its id, or `name:value` for the item-type checkboxes."""
    return str(page.evaluate("(e => e.id || `${e.name}:${e.value}`)(document.activeElement)"))


def test_keyboard_reaches_every_control_of_the_view(page: Page) -> None:
    for _ in range(10):
        if focused(page) == "tab-chat":
            break
        page.keyboard.press("Tab")
    assert focused(page) == "tab-chat"
    page.keyboard.press("ArrowRight")
    assert focused(page) == "tab-quiz"
    expect(page.locator("#quiz-view")).to_be_visible()
    expect(page.locator("#chat-view")).to_be_hidden()

    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(focused(page))
    types = ["definition", "obligation", "true-false", "multiple-choice", "classification", "open"]
    assert reached == [
        "quiz-doc",
        "scope-articles",
        "quiz-articles",
        *(f"quiz-type:{t}" for t in types),
        "quiz-n",
        "quiz-seed",
        "quiz-generate",
    ]


def test_arrow_keys_choose_the_scope_and_tab_reaches_its_box(page: Page) -> None:
    page.click("#tab-quiz")
    page.focus("#scope-articles")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#scope-chapter")).to_be_checked()
    expect(page.locator("#quiz-articles")).to_be_disabled()
    page.keyboard.press("Tab")
    assert focused(page) == "quiz-chapter"
