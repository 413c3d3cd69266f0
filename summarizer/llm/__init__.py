"""Model access: the OpenAI-compatible client (``client``), the answer cache (``cache``), the
token and cost meter (``meter``), the prompts (``prompts``), streaming and failure handling,
and the provider's Batch API (``provider_batch``). The llm and hybrid backends and batch use it."""
