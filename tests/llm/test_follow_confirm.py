"""An LLM confirms or rejects each follow-through link, citing both sides (summarizer.corpus.confirm).

The cassette was recorded through the real ``openai`` client (and instructor) against the
scripted server, which reads two items as one measure when they name it in the same words
(``scripted_link_answer``); see tests/cassettes/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.corpus.confirm import LinkConfirmer, LinkVerdict, confirm_links
from summarizer.corpus.follow import FollowThrough, follow_through
from summarizer.corpus.follow_views import follow_markdown
from summarizer.errors import ConfigError
from summarizer.settings import Settings

from .conftest import llm_settings  # also puts tests/ on the path, where corpus/summaries.py is

from corpus.summaries import make_summary  # isort: skip

DEVSET = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "devset"


def _pair():
    """Two years of one office: a plan carried out (讲师团), a plan matched on 宪法 and 民法典 alone
    (the same field, another measure), and a recurring problem."""
    earlier = make_summary({
        "plans": ["建好用好普法讲师团，深入开展宪法宣讲进机关活动。", "加强宪法学习宣传，推动民法典进社区。"],
        "problems": ["普法责任制落实不到位，以案释法开展不够经常。"]}, year=2022)
    later = make_summary({
        "achievements": ["发挥普法讲师团作用，全年开展宪法宣讲进机关30场。", "举办宪法知识竞赛，编印民法典读本发放到各中小学校。"],
        "problems": ["普法责任制落实不到位，以案释法开展不够经常，宣传形式较为单一。"]}, year=2023)
    return follow_through(earlier, later, earlier_name="2022.txt", later_name="2023.txt")


@pytest.mark.vcr
def test_each_link_is_confirmed_or_rejected_citing_both_sides(cassette_endpoint, tmp_path):
    lexical = _pair()
    assert [len(p.results) for p in lexical.plans] == [1, 1] and len(lexical.recurring_problems) == 1

    ft = confirm_links(lexical, llm_settings(cassette_endpoint, tmp_path))
    assert ft.confirmed_by == "scripted-strong"
    kept, dropped = ft.plans
    [link] = kept.results
    assert link.confirmation.verdict == "confirmed"
    assert link.confirmation.earlier_quote in kept.plan.evidence
    assert link.confirmation.later_quote in link.item.evidence
    # the plan matched on two words of the field is no longer reported: its link was rejected
    assert dropped.status == "not_reported" and dropped.results == []
    [rejected] = ft.rejected
    assert rejected.kind == "plan_result" and rejected.confirmation.verdict == "rejected"
    assert rejected.earlier == dropped.plan and rejected.confirmation.reason
    [recurring] = ft.recurring_problems
    assert recurring.earlier.confirmation.verdict == "confirmed"
    assert recurring.earlier.confirmation.later_quote in recurring.problem.evidence
    assert any("3 link(s) in 3 call(s)" in note for note in ft.notes)
    # the lexical result is untouched
    assert lexical.plans[1].results and lexical.rejected == []
    shown = follow_markdown(ft)
    assert "confirmed by scripted-strong: 「" in shown and "### Links scripted-strong rejected" in shown


def test_an_answer_is_cached_and_not_asked_again(scripted_server, tmp_path):
    settings = llm_settings(scripted_server.url, tmp_path, cache=True)
    first = confirm_links(_pair(), settings)
    asked = len(scripted_server.requests)
    assert asked == 3
    again = confirm_links(_pair(), settings)
    assert len(scripted_server.requests) == asked
    assert again.model_dump(exclude={"notes"}) == first.model_dump(exclude={"notes"})


def test_a_verdict_whose_quotes_are_not_in_the_items_is_not_applied(scripted_server, tmp_path):
    confirmer = LinkConfirmer(llm_settings(scripted_server.url, tmp_path))
    ft = _pair()
    plan, link = ft.plans[0].plan, ft.plans[0].results[0]
    made_up = LinkVerdict(verdict="rejected", earlier_quote="组建法律顾问团", later_quote=link.item.evidence[:8],
                          reason="编造的引文")
    confirmation, note = confirmer._checked(made_up, plan, link.item)
    assert confirmation is None and "not applied" in note


def test_a_failed_call_keeps_the_link_and_says_so(scripted_server, tmp_path):
    scripted_server.queue_faults(*["server_error"] * 20)
    ft = confirm_links(_pair(), llm_settings(scripted_server.url, tmp_path, max_retries=0))
    assert [len(p.results) for p in ft.plans] == [1, 1] and ft.rejected == []
    assert all(link.confirmation is None for p in ft.plans for link in p.results)
    assert sum("the call failed" in note for note in ft.notes) == 3


def test_without_an_endpoint_confirming_is_refused_clearly(tmp_path):
    with pytest.raises(ConfigError, match="needs an LLM endpoint"):
        LinkConfirmer(Settings(cache_dir=tmp_path))
    result = CliRunner().invoke(app, ["follow", str(DEVSET / "d06.txt"), str(DEVSET / "d02.txt"), "--confirm"])
    assert result.exit_code != 0
    assert "needs an LLM endpoint" in result.output and "Traceback" not in result.output


def test_follow_confirm_at_the_command_line(scripted_server, monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_LLM_BASE_URL", scripted_server.url)
    monkeypatch.setenv("SUMMARIZER_LLM_MODEL", "scripted-strong")
    monkeypatch.setenv("SUMMARIZER_LLM_API_KEY", "test-key")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["follow", str(DEVSET / "d06.txt"), str(DEVSET / "d02.txt"), "--confirm", "--json"])
    assert result.exit_code == 0, result.output
    ft = FollowThrough.model_validate_json(result.stdout)
    links = [link for p in ft.plans for link in p.results] + [r.earlier for r in ft.recurring_problems]
    assert ft.confirmed_by == "scripted-strong" and len(scripted_server.requests) == len(links) + len(ft.rejected)
    assert all(link.confirmation is not None for link in links)
    assert "asked about" in result.stderr
