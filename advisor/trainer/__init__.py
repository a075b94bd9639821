"""Trainer tools: quizzes generated from the documents, with their keys, sources and exports."""
