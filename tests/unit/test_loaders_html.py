"""HTML loader: the page's document, without the website around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.ingest.loaders import LoadedDocument, load_document

PAGE = """<!DOCTYPE html>
<html><head><title>Smuggling of migrants | UNODC</title>
<style>p { color: red }</style><script>var tracking = "ignore me";</script></head>
<body>
<header><a href="/">UNODC home</a></header>
<nav><ul><li>Menu entry</li></ul></nav>
<main>
  <h1>Smuggling of <em>Migrants</em></h1>
  <p>Migrant smuggling is a crime
     that <b>endangers</b> lives.</p>
  <h2>What we do</h2>
  <ul><li>Legislative assistance</li><li><p>Training</p> of practitioners</li></ul>
  <blockquote>Quoted passage.</blockquote>
  <table><tr><th>Tool</th><td>Model Law</td></tr></table>
  <div>Loose text in a div<br>after a line break</div>
  <!-- a comment that is not text -->
</main>
<footer>Copyright notice</footer>
</body></html>
"""


@pytest.fixture
def page(tmp_path: Path) -> LoadedDocument:
    path = tmp_path / "som.html"
    path.write_text(PAGE, encoding="utf-8")
    return load_document(path)


def test_site_chrome_and_scripts_are_dropped(page: LoadedDocument) -> None:
    for chrome in ("UNODC home", "Menu entry", "Copyright notice", "tracking", "color"):
        assert chrome not in page.text


def test_headings_keep_their_level(page: LoadedDocument) -> None:
    headings = [(b.heading_level, b.text) for b in page.blocks if b.heading_level]
    assert headings == [(1, "Smuggling of Migrants"), (2, "What we do")]


def test_block_elements_become_paragraphs(page: LoadedDocument) -> None:
    body = [b.text for b in page.blocks if b.heading_level is None]
    assert body == [
        "Migrant smuggling is a crime that endangers lives.",
        "Legislative assistance",
        "Training",
        "of practitioners",
        "Quoted passage.",
        "Tool",
        "Model Law",
        "Loose text in a div",
        "after a line break",
    ]


def test_title_comes_from_the_title_element(page: LoadedDocument) -> None:
    assert page.title == "Smuggling of migrants | UNODC"


def test_comments_are_not_text(page: LoadedDocument) -> None:
    assert "comment" not in page.text
