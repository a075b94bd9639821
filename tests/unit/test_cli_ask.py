"""`advisor ask` and `advisor chat` as a user runs them, over the real fixture index.

Runs go through `main()` in process (`tests.cli`): the same exit codes and stderr as a shell
sees, without a subprocess loading torch; `test_cli_process.py` runs one `ask` for real.
"""

from __future__ import annotations

import json

from advisor.config import Settings
from tests.cli import run_main


def test_ask_prints_the_answer_with_its_sources(fixture_index: Settings):
    result = run_main("ask", "Must lighthouses be lit at night?", "--index", str(fixture_index.index_dir))
    assert result.returncode == 0, result.stderr
    assert "Pilots Protocol, Article 3" in result.stdout and "Sources:" in result.stdout


def test_ask_json_is_the_answer_object(fixture_index: Settings):
    result = run_main(
        "ask", "Must lighthouses be lit at night?", "--index", str(fixture_index.index_dir), "--json"
    )
    answer = json.loads(result.stdout)
    assert answer["mode"] == "extractive" and answer["citations"][0]["doc_id"] == "pilots-protocol"


def test_ask_with_a_history_file_resolves_the_follow_up(fixture_index: Settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text(json.dumps([
        {"role": "user", "content": "Who must inspect vessels entering harbours?"},
        {"role": "assistant", "content": "Article 2 of the Harbour Convention."},
    ]))  # fmt: skip
    result = run_main("ask", "And must the flag State be told?", "--index", str(fixture_index.index_dir),
                      "--history", str(history), "--json")  # fmt: skip
    assert json.loads(result.stdout)["citations"][0]["article"] == "2"


def test_ask_with_a_malformed_history_file_says_what_is_wrong(fixture_index: Settings, tmp_path):
    history = tmp_path / "history.json"
    history.write_text('[{"role": "judge", "content": "x"}]')
    result = run_main("ask", "q?", "--index", str(fixture_index.index_dir), "--history", str(history))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "history file" in result.stderr and "role" in result.stderr


def test_ask_restricted_to_an_unknown_document_is_refused(fixture_index: Settings):
    result = run_main("ask", "q?", "--index", str(fixture_index.index_dir), "--doc", "no-such-doc")
    assert result.returncode != 0 and "not in the index: no-such-doc" in result.stderr


def test_ask_with_a_malformed_llm_spec_is_refused(fixture_index: Settings):
    result = run_main("ask", "q?", "--index", str(fixture_index.index_dir), "--llm", "gpt-please")
    assert result.returncode != 0 and "openai:BASE_URL:MODEL" in result.stderr


def test_chat_keeps_the_conversation_between_questions(fixture_index: Settings):
    session = "Who must inspect vessels entering harbours?\nAnd must the flag State be told of the results?\n/quit\n"
    result = run_main("chat", "--index", str(fixture_index.index_dir), stdin=session)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Sources:") == 2
    assert "Article 2(3)" in result.stdout.split("Sources:")[-1]


def test_chat_reports_a_refused_question_in_one_line_and_goes_on(fixture_index: Settings):
    session = "x" * 2100 + "\nWho must inspect vessels entering harbours?\n/quit\n"
    result = run_main("chat", "--index", str(fixture_index.index_dir), stdin=session)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        "advisor: the question is 2100 characters long; the limit is 2000 "
        "(ask about one situation at a time, or shorten the facts)"
    )
    assert result.stdout.count("Sources:") == 1
