"""The web chat page is served by the app and needs nothing from the internet."""

from __future__ import annotations

import re
from collections.abc import Iterator

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


@pytest.mark.parametrize(("name", "media_type"), [("app.js", "javascript"), ("style.css", "text/css")])
def test_assets_are_served_with_their_media_type(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 200
    assert media_type in response.headers["content-type"]


@pytest.mark.parametrize("name", ["index.html", "app.js", "style.css"])
def test_page_loads_nothing_from_other_hosts(name: str) -> None:
    text = (WEB_DIR / name).read_text(encoding="utf-8")
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I)


def test_question_box_and_controls_are_labelled() -> None:
    html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    assert '<label for="question"' in html and '<label for="instrument"' in html
    assert 'aria-live="polite"' in html
