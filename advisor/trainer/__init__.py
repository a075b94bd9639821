"""Trainer tools: grounded quizzes drawn from the indexed provisions (`generate`) and their
files for learning platforms (`exports`)."""
