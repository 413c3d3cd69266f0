"""The eval harness: score summaries against reference extractions (see evals/README.md)."""
