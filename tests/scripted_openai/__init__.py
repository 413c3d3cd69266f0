"""A scripted OpenAI-compatible chat server for tests and benchmarks (no real model)."""
