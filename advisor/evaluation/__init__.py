"""Evaluation: run a gold question set through the pipeline the server uses and score it.

`advisor eval --dataset FILE` (see `runner.run_evaluation`) scores retrieval, citations,
judge-free faithfulness, abstention, latency and ragas metrics, beside simple baselines, and
writes results.jsonl, summary.json and a report; `gate` turns thresholds into an exit code.
"""
