"""A tiny GGUF model with random weights, made with the ``gguf`` package (a few MB, fast).

Architecture ``llama`` (2 layers, 64 wide) with a byte-level BPE vocabulary
(the 256 bytes, so any UTF-8 text, Chinese included, tokenizes) and a ChatML
chat template. One direction of the hidden state is constant, and the output
layer reads it as a preference for the tokens that end JSON values (quote,
brace, bracket, comma, digits, end of turn): under a grammar the noise then
closes every string and array at once, so an answer takes a few dozen tokens,
not the whole budget (the model generates about 20 tokens a second on a busy
2-core machine). Its answers are noise, but grammar-constrained output
(``response_format``, a forced tool call) is schema-valid JSON even from
noise, so every path of the LLM backend runs against a real server: modes,
citations that point nowhere, truncation and the budget.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

N_EMBD, N_HEAD, N_FF, N_LAYER = 64, 4, 128, 2
CONTEXT = 8192
CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
_SPECIAL = ["<s>", "</s>", "<|im_start|>", "<|im_end|>"]
# llama.cpp wants merges in a BPE vocabulary: a few of JSON's own pairs ('Ġ' is the space byte).
_MERGES = [('"', ":"), ("{", '"'), (",", "Ġ"), (":", "Ġ"), ('"', ",")]


def _byte_tokens() -> list[str]:
    """GPT-2's byte-to-unicode mapping: each byte as one printable character."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(
        range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    table = dict(zip(printable, chars, strict=True))
    return [chr(table[b]) for b in range(256)]


def write_tiny_model(path: Path, seed: int = 0) -> Path:
    """Write the model to ``path`` (same seed, same bytes) and return it."""
    import gguf

    rng = np.random.default_rng(seed)
    merged = [a + b for a, b in _MERGES]
    tokens = _byte_tokens() + merged + _SPECIAL
    n_vocab = len(tokens)
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("summarizer-tests-tiny-random")
    writer.add_context_length(CONTEXT)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(tokens)
    writer.add_token_types([gguf.TokenType.NORMAL] * (256 + len(merged)) + [gguf.TokenType.CONTROL] * len(_SPECIAL))
    writer.add_token_merges([f"{a} {b}" for a, b in _MERGES])
    writer.add_bos_token_id(tokens.index("<s>"))
    writer.add_eos_token_id(tokens.index("<|im_end|>"))
    writer.add_chat_template(CHATML)

    def weight(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    embedding = weight(n_vocab, N_EMBD)
    embedding[:, 0] = 1.0  # the constant direction
    output = weight(n_vocab, N_EMBD)
    closing = [tokens.index(t) for t in ['"', "}", "]", ",", *"0123456789", "<|im_end|>"]]
    output[:, 0] = -1.0
    output[closing, 0] = 1.0
    writer.add_tensor("token_embd.weight", embedding)
    for i in range(N_LAYER):
        writer.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"blk.{i}.{name}.weight", weight(N_EMBD, N_EMBD))
        writer.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.ffn_gate.weight", weight(N_FF, N_EMBD))
        writer.add_tensor(f"blk.{i}.ffn_up.weight", weight(N_FF, N_EMBD))
        writer.add_tensor(f"blk.{i}.ffn_down.weight", weight(N_EMBD, N_FF))
    writer.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    writer.add_tensor("output.weight", output)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
