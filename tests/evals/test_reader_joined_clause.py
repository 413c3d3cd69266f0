"""The reader's check of a heading joined to one clause of its unit (heading：clause): the clause
must be one a reader would quote on its own (evals/README.md, "joined clause")."""

from __future__ import annotations

import pytest

from summarizer.evals.reader import check_items, summary_problems
from summarizer.schema import Item, Span

# A section of a government work report as the genre writes it: a numbered heading that states
# the section, then paragraphs each under a run-in headline (a sub-task).
SECTION = (
    "二、加快建设科学城，创新能力显著增强\n"
    "　　创新载体加快建设。重大科技基础设施建成投入运营，新建实验室3家，建成各类创新平台100个，同比增长28%。\n"
    "　　城市面貌持续改善。完成重点片区景观提升项目60个，获市财政奖补资金8亿元。拆除建筑91万平方米。\n"
)
# A unit that opens with its own statement before any sub-task (the shape a short heading has).
OPENING = (
    "（三）推进产业空间拓展\n"
    "全年新增产业空间120万平方米，同比增长15%。加快园区改造，建成标准厂房8栋。另有3个项目开工建设。"
    "完成土地整备300公顷。\n"
)


def _problems(summary: str, text: str) -> list[str]:
    item = Item(summary=summary, evidence=text, span=Span(start=0, end=len(text)))
    return [p for p in summary_problems(summary, text, item) if "joins its heading" in p]


def _flat(text: str) -> str:
    """The same text with its line breaks lost (a flattened web page)."""
    return text.replace("\n", "").replace("　", "")


@pytest.mark.parametrize("flatten", [False, True])
def test_a_clause_of_a_sub_task_does_not_stand_for_the_section(flatten):
    text = _flat(SECTION) if flatten else SECTION
    problems = _problems("加快建设科学城，创新能力显著增强：建成各类创新平台100个", text)
    assert problems and "sub-unit '创新载体加快建设'" in problems[0]


@pytest.mark.parametrize("flatten", [False, True])
def test_a_later_clause_that_states_something_of_the_clause_before_has_no_subject(flatten):
    text = _flat(OPENING) if flatten else OPENING
    problems = _problems("推进产业空间拓展：同比增长15%", text)
    assert problems and "without its subject" in problems[0]


@pytest.mark.parametrize("flatten", [False, True])
def test_a_clause_from_past_the_opening_sentences_is_caught(flatten):
    text = _flat(OPENING) if flatten else OPENING
    problems = _problems("推进产业空间拓展：完成土地整备300公顷", text)
    assert problems and "past the unit's opening" in problems[0]


@pytest.mark.parametrize("flatten", [False, True])
@pytest.mark.parametrize("summary", [
    "推进产业空间拓展：全年新增产业空间120万平方米",  # the opening clause, with its lead-in dropped
    "推进产业空间拓展：建成标准厂房8栋",  # a later action clause of the opening sentences
    "推进产业空间拓展",  # the heading alone joins nothing
])
def test_a_clause_of_the_units_opening_is_quotable(summary, flatten):
    text = _flat(OPENING) if flatten else OPENING
    assert _problems(summary, text) == []


def test_the_texts_own_colon_joins_nothing():
    text = "存在的问题，如：执法人员配备不足，专业培训较少。"
    assert _problems("存在的问题，如：执法人员配备不足", text) == []


@pytest.mark.parametrize("marker", ["1.", "一是", "（一）"])
def test_other_numbering_of_the_unit(marker):
    text = (f"{marker}强化行政执法监督。选聘20名行政执法特约监督员，设立26家基层联系点。"
            "组织案卷评查2次。全年办结投诉45件，办结率100%。")
    assert _problems("强化行政执法监督：选聘20名行政执法特约监督员", text) == []
    assert "past the unit's opening" in _problems("强化行政执法监督：办结率100%", text)[0]


# A rule-of-law report's unit is one paragraph: its measures, then the year's results (截至目前，…).
RULE_OF_LAW_UNIT = (
    "（三）加强规范性文件合法性审核。聘请政府法律顾问加强规范性文件的合法性审核。在制定规范性文件前均充分咨询"
    "法律顾问意见，确保有关事项合法性。全年由法律顾问对政策文稿进行合法性审核，提出审核意见7条。"
    "推广应用行政执法信息平台，覆盖市、县、镇三级176家执法单位。\n"
)


def _rule_of_law_problems(summary: str, text: str) -> list[str]:
    item = Item(summary=summary, evidence=text, span=Span(start=0, end=len(text)))
    return [p for p in summary_problems(summary, text, item, opening_states_result=False)
            if "joins its heading" in p]


@pytest.mark.parametrize("flatten", [False, True])
@pytest.mark.parametrize("marker", ["（三）", "3.", "三是"])
def test_a_rule_of_law_result_from_the_end_of_its_unit_is_quotable(marker, flatten):
    text = marker + RULE_OF_LAW_UNIT[3:]
    text = _flat(text) if flatten else text
    summary = "加强规范性文件合法性审核：提出审核意见7条"
    assert _rule_of_law_problems(summary, text) == []
    # (the government work report's check reads the same clause as standing for a long unit wrongly)
    assert "past the unit's opening" in _problems(summary, text)[0]


@pytest.mark.parametrize("flatten", [False, True])
def test_a_rule_of_law_clause_without_its_subject_is_still_caught(flatten):
    text = _flat(RULE_OF_LAW_UNIT) if flatten else RULE_OF_LAW_UNIT
    problems = _rule_of_law_problems("加强规范性文件合法性审核：覆盖市、县、镇三级176家执法单位", text)
    assert problems and "without its subject" in problems[0]
    quoted_whole = "加强规范性文件合法性审核：推广应用行政执法信息平台，覆盖市、县、镇三级176家执法单位"
    assert _rule_of_law_problems(quoted_whole, text) == []


def test_the_rule_of_law_eval_reads_units_as_its_genre_writes_them():
    text = RULE_OF_LAW_UNIT
    item = Item(summary="加强规范性文件合法性审核：提出审核意见7条", evidence=text, span=Span(start=0, end=len(text)))
    assert check_items([item], text, [], opening_states_result=False).well_formed == 1
    assert check_items([item], text, []).well_formed == 0
