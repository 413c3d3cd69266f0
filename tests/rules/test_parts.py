"""Part assignment: heading cues, merged headings, unheaded paragraphs (real passages)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.part_classifier import (
    assign_paragraphs,
    heading_parts,
    paragraph_opener,
)


@pytest.mark.parametrize(
    ("heading", "parts"),
    [
        ("2022年度法治政府建设工作情况", ["achievements"]),
        ("推进法治政府建设的主要举措和成效", ["achievements"]),
        ("法治政府建设工作存在的问题", ["problems"]),
        ("存在问题", ["problems"]),
        ("推进法治政府建设存在的不足", ["problems"]),
        ("存在的问题及下步工作打算", ["problems", "plans"]),
        ("下一步工作计划", ["plans"]),
        ("2023年法治政府建设计划", ["plans"]),
        (
            "2021年度推进法治政府建设的主要举措和成效、存在的不足和原因;下一年度推进法治政府建设的主要安排",
            ["achievements", "problems", "causes", "plans"],
        ),
        (
            "2021年度党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
            ["leader_duties"],
        ),
        (
            "黨委在推進全區法治建設中的領導核心作用".translate(
                str.maketrans("黨進區設領導", "党进区设领导")
            ),
            ["leader_duties"],
        ),
        ("其他需要报告的情况", ["other"]),
        ("深入学习宣传贯彻习近平法治思想,强化干部群众法治意识和法治思维", []),
    ],
)
def test_heading_parts(heading, parts):
    assert heading_parts(heading, report_year=2022) == parts


def test_a_future_year_in_a_title_quote_is_not_a_plan():
    assert (
        heading_parts(
            "深入学习宣传《法治政府建设实施纲要(2021-2025年)》,熟知法治政府建设的路线图", 2021
        )
        == []
    )


@pytest.mark.parametrize(
    ("paragraph", "part"),
    [
        (
            "2021年,宅梧镇存在推动“一规划两纲要”贯彻落实的创新举措不够多、社会基层治理工作有薄弱环节等不足,究其原因还是机制体制不够完善。",
            "problems",
        ),
        (
            "我县法治政府建设各项工作虽然取得了一定成绩,但我们仍然清醒认识到个别工作与上级要求还有一定差距。一是…",
            "problems",
        ),
        (
            "2021年以来,我局在推进法治政府建设工作方面取得了一定的成绩,但仍然存在一些工作短板和薄弱环节,如:…",
            "problems",
        ),
        ("究其原因还是机制体制不够完善,工作责任落实不够实。", "causes"),
        ("展望2022年,宅梧镇将从以下几个方面提升法治政府建设水平:一是…", "plans"),
        ("下一步,全县法治政府建设工作将坚持以习近平新时代中国特色社会主义思想为指导。", "plans"),
        ("接下来,我局将继续全面贯彻落实习近平法治思想。", "plans"),
        ("2022年,环市街在区委、区政府的坚强领导下,深入学习贯彻习近平法治思想。", None),
        ("针对存在的问题,逐一明确责任单位、整改目标和完成时限。", None),
        ("全年行政案件零发生,不存在违规干预司法活动的问题。", None),
    ],
)
def test_paragraph_openers(paragraph, part):
    assert paragraph_opener(paragraph, report_year=2021) == part


def test_seed_003_unheaded_parts_inside_the_merged_section(seed_doc):
    doc, structure = seed_doc("003")
    paragraphs = doc.paragraph_spans
    labels = assign_paragraphs(doc.text, paragraphs, structure, 2021)
    by_start = {doc.text[s : s + 12]: label for (s, _), label in zip(paragraphs, labels)}

    def label_of(prefix: str):
        return next(label for text, label in by_start.items() if text.startswith(prefix))

    assert label_of("（三）扎实推行河长制") == "achievements"
    assert label_of("2021年，宅梧镇存在") == "problems"
    assert label_of("展望2022年") == "plans"
    assert label_of("五、2021年度党政") == "leader_duties"
    assert label_of("（二）严格依法依规决策") == "leader_duties"
    assert label_of("11月2日，宅梧镇") == "achievements"


def test_seed_001_merged_heading_splits_problems_and_plans(seed_doc):
    doc, structure = seed_doc("001")
    paragraphs = doc.paragraph_spans
    labels = assign_paragraphs(doc.text, paragraphs, structure, 2022)
    tail = [(doc.text[s : s + 6], label) for (s, _), label in zip(paragraphs, labels)][-3:]
    assert tail == [
        ("二、存在的问", "problems"),
        ("我县法治政府", "problems"),
        ("下一步，全县", "plans"),
    ]


def test_seed_004_opens_with_the_leaders_duties(seed_doc):
    doc, structure = seed_doc("004")
    paragraphs = doc.paragraph_spans
    labels = assign_paragraphs(doc.text, paragraphs, structure, 2024)
    first_section = structure.sections[0]
    inside = [
        label
        for (s, _), label in zip(paragraphs, labels)
        if first_section.start <= s < first_section.end
    ]
    assert inside and set(inside) == {"leader_duties"}
    second = structure.sections[1]
    assert {
        label for (s, _), label in zip(paragraphs, labels) if second.start <= s < second.end
    } == {"achievements"}


def test_weak_cue_words_in_thematic_headings_do_not_switch_part():
    # 安排/短板 are everyday words in achievements headings; only trailing sections trust them.
    assert heading_parts("统筹谋划安排，补齐基层法治短板", 2022, trailing=False) == []
    assert heading_parts("统筹谋划安排，补齐基层法治短板", 2022, trailing=True) == [
        "plans",
        "problems",
    ]
    assert heading_parts("存在不足", 2022, trailing=False) == ["problems"]
    assert heading_parts("下一步工作安排", 2022, trailing=False) == ["plans"]


def test_section_parts_of_a_long_thematic_report():
    from summarizer.extract.rules.part_classifier import section_parts
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import parse_structure

    headings = [
        "坚持党的领导，统筹安排法治建设",
        "补齐短板，提升执法水平",
        "深化普法",
        "强化监督",
        "存在的问题",
        "2023年工作计划",
    ]
    text = "\n".join(
        f"{'一二三四五六'[i]}、{h}\n内容段落，开展活动{i + 1}场。" for i, h in enumerate(headings)
    )
    structure = parse_structure(CleanDocument(text=text))
    parts = section_parts(structure, 2022)
    assert [parts[id(s)] for s in structure.sections] == [
        ["achievements"],
        ["achievements"],
        ["achievements"],
        ["achievements"],
        ["problems"],
        ["plans"],
    ]


def test_a_year_opener_is_a_plan_only_for_a_later_year():
    assert paragraph_opener("2023年，我局将重点做好以下工作。", report_year=2022) == "plans"
    assert paragraph_opener("2022年，我局将法治建设纳入年度考核。", report_year=2022) is None
    assert paragraph_opener("2022年，我局将法治建设纳入年度考核。", report_year=None) is None


def test_the_first_section_of_a_short_report_is_not_read_by_weak_cues():
    from summarizer.extract.rules.part_classifier import section_parts
    from summarizer.preprocess.document import CleanDocument
    from summarizer.structure import parse_structure

    text = "一、统筹安排，扎实推进法治建设\n开展活动5场。\n二、存在的问题\n力量不足。\n三、工作安排\n加强培训。"
    structure = parse_structure(CleanDocument(text=text))
    parts = section_parts(structure, 2022)
    assert [parts[id(s)] for s in structure.sections] == [["achievements"], ["problems"], ["plans"]]
