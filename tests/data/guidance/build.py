"""Build the guidance look-alike PDFs, their ground truth and a manifest, deterministically.

    python -m tests.data.guidance.build OUT_DIR [--scale N]

`scale` multiplies the body (chapters, paragraphs, modules, tools, pillars) so a benchmark can
ask for about 2,000 pages with scale 44; the truth is recorded from the layout itself, so it
stays right at any scale. The scale-1 output is committed beside this file and a unit test
rebuilds it to prove the two have not drifted apart.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import ModuleType

from tests.data.guidance import framework, issue_paper, legislative_guide, model_law, toolkit, training_manual
from tests.data.guidance._pdf import render

FIXTURES: tuple[ModuleType, ...] = (
    model_law,
    legislative_guide,
    issue_paper,
    training_manual,
    toolkit,
    framework,
)
MANIFEST = "manifest.json"


def truth_name(pdf_name: str) -> str:
    return pdf_name.removesuffix(".pdf") + ".truth.json"


def build_all(out_dir: Path, scale: int = 1) -> list[Path]:
    """Write every fixture PDF, its `.truth.json` and `manifest.json`; returns the PDF paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for module in FIXTURES:
        path = out_dir / module.FILE
        truth = render(
            path, lambda contents, m=module: m.story(scale, contents), module.PAGESIZE, module.furniture
        )
        _write_json(out_dir / truth_name(module.FILE), truth.as_json())
        written.append(path)
    _write_json(out_dir / MANIFEST, [{**module.SPEC, "files": [module.FILE]} for module in FIXTURES])
    return written


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=int, default=1, help="body repetitions (about 2,000 pages at 44)")
    args = parser.parse_args(argv)
    for path in build_all(args.out_dir, args.scale):
        print(path)


if __name__ == "__main__":
    main()
