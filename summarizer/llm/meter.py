"""Token and cost accounting for one document, and its budget."""

from __future__ import annotations

import re
from typing import Any

from summarizer.errors import BudgetExceededError
from summarizer.schema import Usage
from summarizer.settings import Price

_CJK_CLASS = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# Runs of what is *not* CJK: far fewer matches than CJK characters in a Chinese report, so faster to count.
_NOT_CJK = re.compile(f"[^{_CJK_CLASS}]+")


def estimate_tokens(text: str) -> int:
    """A conservative token estimate without a tokenizer.

    1.25 tokens per CJK character or full-width mark and one per three other
    characters. Measured on the seeds (benchmarks/llm_tokens.py), cl100k_base
    spends about 1.2 tokens per Chinese character; newer vocabularies (o200k,
    DeepSeek, Qwen) spend fewer, so this errs on the side of splitting early.
    """
    cjk = len(text) - sum(map(len, _NOT_CJK.findall(text)))
    return (cjk * 5 + 3) // 4 + (len(text) - cjk + 2) // 3


# Warnings that describe one run, not the answer: a cache hit later must not repeat them.
RETRY_NOTE = "transport retries: "
USAGE_MISSING_NOTE = "the endpoint reported no token usage: tokens, cost and budgets are not counted"


def lasting_warnings(warnings: list[str]) -> list[str]:
    """``warnings`` without this run's retry note: what a cached answer keeps."""
    return [w for w in warnings if not w.startswith(RETRY_NOTE)]


class Meter:
    """Sums the usage of every call for one document and enforces its budget.

    ``calls`` counts every request sent, answered or not (a 429, a 5xx, a
    refused mode, a timeout); tokens come from the answered ones' ``usage``.
    ``budget_tokens`` counts prompt plus completion tokens of every call
    (chunks, re-asks and retries); ``budget_cost`` the money, when a price is known.
    """

    def __init__(self, budget_tokens: int, budget_cost: float | None, price: Price | None, source: str | None):
        self.budget_tokens = budget_tokens
        self.budget_cost = budget_cost
        self.price = price
        self.source = source
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.calls = 0
        self.retries: list[str] = []
        self.usage_missing = False  # the endpoint answered without ``usage``
        self.failed_modes: list[str] = []  # modes whose answers never validated

    @property
    def tokens(self) -> int:
        """Prompt plus completion tokens spent so far."""
        return self.prompt_tokens + self.completion_tokens

    @property
    def cost(self) -> float | None:
        """Money spent so far, or None without a price for the model."""
        if self.price is None:
            return None
        return (self.prompt_tokens * self.price.prompt + self.completion_tokens * self.price.completion) / 1e6

    def record(self, response: Any) -> None:
        """Add one chat completion's usage (an instructor ``completion:response`` hook)."""
        self.calls += 1
        usage = getattr(response, "usage", None)
        if usage is None:
            self.usage_missing = True
        else:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)

    def record_failed_call(self) -> None:
        """Count a request that got an error instead of a completion (it has no ``usage``)."""
        self.calls += 1

    def retry_note(self) -> str | None:
        """The warning naming this run's transport retries, if there were any."""
        return f"{RETRY_NOTE}{len(self.retries)}: " + ", ".join(self.retries) if self.retries else None

    def usage_note(self) -> str | None:
        """The warning that the endpoint reported no usage, if it did not."""
        return USAGE_MISSING_NOTE if self.usage_missing else None

    def note_retry(self, error: BaseException | None) -> None:
        """Record a transport failure that is about to be retried."""
        self.retries.append(type(error).__name__ if error is not None else "unknown")

    def note_mode_failed(self, mode: str) -> None:
        """Record that answers in ``mode`` did not validate, so another mode was tried."""
        self.failed_modes.append(mode)

    def remaining_tokens(self) -> int:
        """Tokens left in the budget (may be zero)."""
        return max(self.budget_tokens - self.tokens, 0)

    def check(self, prompt_estimate: int, max_tokens: int) -> int:
        """Before a call: the ``max_tokens`` it may use, or BudgetExceededError.

        The call may not start unless its prompt and at least a quarter of the
        wanted completion fit in what is left of the budget.
        """
        cost = self.cost
        if self.budget_cost is not None and cost is not None and cost >= self.budget_cost:
            currency = self.price.currency if self.price else ""
            raise self.exceeded(f"spent {cost:.4f} {currency} of {self.budget_cost}")
        room = self.remaining_tokens() - prompt_estimate
        if room < max(max_tokens // 4, 64):
            raise self.exceeded(
                f"spent {self.tokens} of {self.budget_tokens} tokens; the next call needs about "
                f"{prompt_estimate} prompt tokens plus its answer"
            )
        return min(max_tokens, room)

    def exceeded(self, detail: str) -> BudgetExceededError:
        """The error to raise when the budget is spent."""
        return BudgetExceededError(
            f"the document's LLM budget is spent: {detail}",
            source=self.source,
            hint="raise SUMMARIZER_LLM_BUDGET_TOKENS / SUMMARIZER_LLM_BUDGET_COST, or use --backend rules",
        )

    def usage(self) -> Usage:
        """The usage so far, as recorded in provenance."""
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            calls=self.calls,
            cost=None if self.cost is None else round(self.cost, 6),
            currency=None if self.price is None else self.price.currency,
        )
