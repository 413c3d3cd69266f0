"""Rule-of-law item summaries that join a later clause of a sentence to the unit's heading
(extract/rules/summaries.py, ``_result_clause``): a clause leaning on the one before for its
subject is quoted with its sentence, or passed over; a share is quoted with its base when it fits."""

from __future__ import annotations

import pytest

from summarizer.evals.reader import summary_problems
from summarizer.extract.rules import find_figures
from summarizer.extract.rules.summaries import build_summary
from summarizer.schema import Item, Span

# Units of rule-of-law reports (seeds/devset passages): measures first, the year's results last.
COUNTS_THEN_SHARE = (
    "二是高效回应群众诉求。积极回应“12345”政务服务热线平台群众诉求。建立联动机制，对涉及多个部门的诉求事项，"
    "由OA平台同时转办多个部门协同办理。截至目前，共受理12345诉求件1388件，已办结1388件，及时办结率100%。"
)
PLATFORM_COVERS = (
    "一是持续推进乡镇街道综合行政执法工作。加强工作推进制度配套。建立工作推进情况通报、考评机制。"
    "推广应用清远市行政执法信息平台，覆盖市、县、镇三级176家执法单位，实现综合执法操作性的统一。"
)
RESPECTIVELY = (
    "三是全力推进智慧法治建设。充分运用互联网、大数据等科技手段，大力提升法治政府建设数字化水平，"
    "充分利用行政执法“两平台”与12345政务服务便民热线平台，分别办理行政检查案987宗、行政处罚案15宗，"
    "处理投诉774宗，充分发挥信息化“反馈快”的作用。"
)
# A share whose sentence is longer than a summary: the share alone is still the unit's result.
LONG_SENTENCE_SHARE = (
    "二是持续推进简政放权。积极协调各相关部门深入推进“三集中三到位”。持续推动6+1类政务服务事项“进厅上网”，"
    "截至目前，除涉密或受场地限制因素事项均已进驻中心或分中心集中办理，网上可办率99.3%。"
)


def _heading_span(text: str, heading: str) -> tuple[int, int]:
    at = text.index(heading)
    return at, at + len(heading)


def _summary(text: str, heading: str) -> str:
    return build_summary(text, 0, len(text), find_figures(text), _heading_span(text, heading))


def _reader_problems(summary: str, text: str) -> list[str]:
    item = Item(summary=summary, evidence=text, span=Span(start=0, end=len(text)))
    return summary_problems(summary, text, item, opening_states_result=False)


def _renumbered(text: str, marker: str) -> str:
    """The unit under another of the genre's numberings (一是 → （二） / 2. / 二、)."""
    return marker + text[2:]


def _one_line(text: str) -> str:
    """The unit as a text that lost its line breaks, run on after the unit before it."""
    return "（一）加强组织领导。召开专题会议3次。" + text.replace("\n", "")


SHAPES = [lambda t: t, lambda t: _renumbered(t, "（二）"), lambda t: _renumbered(t, "2."), _one_line]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_share_is_quoted_with_the_counts_it_is_a_share_of(shape):
    text = shape(COUNTS_THEN_SHARE)
    summary = _summary(text, "高效回应群众诉求")
    assert summary == "高效回应群众诉求：共受理12345诉求件1388件，已办结1388件，及时办结率100%"
    assert _reader_problems(summary, text) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_a_clause_without_its_subject_is_quoted_from_the_subject(shape):
    text = shape(PLATFORM_COVERS)
    summary = _summary(text, "持续推进乡镇街道综合行政执法工作")
    assert summary == "持续推进乡镇街道综合行政执法工作：推广应用清远市行政执法信息平台，覆盖市、县、镇三级176家执法单位"
    assert _reader_problems(summary, text) == []


@pytest.mark.parametrize("shape", SHAPES)
def test_respectively_is_dropped_when_each_number_has_its_noun(shape):
    text = shape(RESPECTIVELY)
    summary = _summary(text, "全力推进智慧法治建设")
    # (the whole sentence is longer than a summary)
    assert summary == "全力推进智慧法治建设：办理行政检查案987宗、行政处罚案15宗"
    assert _reader_problems(summary, text) == []


def test_respectively_over_bare_numbers_is_passed_over():
    # 100件、50件: which court took which is in the clause before; without it the numbers say nothing.
    text = ("一是加强审判执行工作。充分发挥区人民法院、区人民检察院和各基层司法所联动作用并持续加强协调配合，"
            "分别受理各类案件100件、50件，组织庭审观摩活动6场。")
    summary = _summary(text, "加强审判执行工作")
    assert summary == "加强审判执行工作：组织庭审观摩活动6场"
    assert _reader_problems(summary, text) == []


def test_a_share_whose_sentence_does_not_fit_stays_alone():
    summary = _summary(LONG_SENTENCE_SHARE, "持续推进简政放权")
    assert summary == "持续推进简政放权：网上可办率99.3%"  # a concrete result, not a vaguer measure
    assert _reader_problems(summary, LONG_SENTENCE_SHARE) == []


def test_a_rise_without_its_subject_is_passed_over_when_its_sentence_does_not_fit():
    text = ("（三）强化行政复议工作。全面落实行政复议体制改革要求，畅通行政复议申请渠道，"
            "持续推进行政复议规范化建设和信息化建设并全面开展行政复议案件审理工作，同比增长35%，"
            "纠错案件12件。")
    summary = _summary(text, "强化行政复议工作")
    assert summary == "强化行政复议工作：纠错案件12件"
    assert _reader_problems(summary, text) == []


def test_a_clause_naming_its_own_subject_is_quoted_alone():
    # Results that state their own subject stay as they were: concrete, and short.
    text = ("一是坚持依法拆违。加强“两违”巡查、督导、教育工作，辖区违法建筑现象下降明显。"
            "今年以来，发现各类新增“两违”352宗，已组织52场集体拆违行动。")
    summary = _summary(text, "坚持依法拆违")
    assert summary == "坚持依法拆违：发现各类新增“两违”352宗"
    assert _reader_problems(summary, text) == []
