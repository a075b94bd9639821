"""Take docs/screenshot.png: the web chat answering a real question, a citation opened.

Drives Debian's chromium (no browser download) with playwright against a running server
(`--url`) or one it starts on `--index`:

    .venv/bin/python scripts/screenshot.py --index /tmp/idx-server
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:8000 --out docs/screenshot.png
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "evals"))

from bench_load import started_server  # noqa: E402  (one "start advisor serve, wait for /ready")

QUESTION = "What does article 8 of the Smuggling Protocol say?"


def take(url: str, out: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium is not installed: install Debian's 'chromium' package (scripts/setup does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        page.fill("#question", QUESTION)
        page.press("#question", "Enter")
        page.locator("article.assistant[aria-busy='false']").first.wait_for(timeout=60_000)
        page.locator("article.assistant button.cite[data-n='1']").first.click()
        page.locator("#source-provision mark").wait_for(timeout=10_000)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()
    print(f"saved {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Screenshot of the web chat answering a question.")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="A running server.")
    where.add_argument("--index", type=Path, help="Start `advisor serve` on this index.")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    if args.url:
        take(args.url.rstrip("/"), args.out, args.width, args.height)
        return
    with started_server(args.index) as url:
        take(url, args.out, args.width, args.height)


if __name__ == "__main__":
    main()
