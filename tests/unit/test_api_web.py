"""The web chat page is served by the app and needs nothing from the internet."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from advisor.api.web import WEB_DIR
from advisor.config import Settings
from advisor.index.embeddings import Embedder
from tests.apiclient import api_client


@pytest.fixture(scope="module")
def client(fixture_index: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(fixture_index, embedder) as client:
        yield client


def test_page_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js"' in response.text


@pytest.mark.parametrize(
    ("name", "media_type"), [("app.js", "javascript"), ("quiz.js", "javascript"), ("style.css", "text/css")]
)
def test_assets_are_served_with_their_media_type(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert media_type in response.headers["content-type"]


@pytest.mark.parametrize("name", ["index.html", "app.js", "quiz.js", "style.css"])
def test_page_loads_nothing_from_other_hosts(name: str) -> None:
    text = (WEB_DIR / name).read_text(encoding="utf-8")
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I)


def test_question_box_and_controls_are_labelled() -> None:
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    assert '<label for="question"' in html and '<label for="instrument"' in html
    assert 'aria-live="polite"' in html


class _Controls(HTMLParser):
    """The form controls of a page, and the ids its <label for=...> elements name."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self._label_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self._label_depth += 1
            if found.get("for"):
                self.labelled.add(str(found["for"]))
        elif tag in {"input", "select", "textarea"}:
            self.controls.append({**found, "wrapped": "yes" if self._label_depth else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label_depth -= 1


def test_every_form_control_has_a_label() -> None:
    page = _Controls()
    page.feed((WEB_DIR / "index.html").read_text(encoding="utf-8"))
    unlabelled = [
        control.get("id") or control.get("name")
        for control in page.controls
        if not (control["wrapped"] or control.get("aria-label") or control.get("id") in page.labelled)
    ]
    assert page.controls and not unlabelled


def test_quiz_view_is_a_tab_with_a_live_status() -> None:
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    assert 'role="tab" id="tab-quiz" aria-controls="quiz-view"' in html
    assert '<p id="quiz-status" class="quiz-status" role="status" aria-live="polite">' in html
