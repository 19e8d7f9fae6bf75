"""Evaluation harnesses: run the report code on gold data sets and score it."""
