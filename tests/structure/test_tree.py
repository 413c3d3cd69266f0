"""The section tree: markers, levels, broken headings, inline units, real seeds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import structure
from summarizer.preprocess.document import CleanDocument
from summarizer.structure import cn_number, parse_structure
from tests.tiers import examples


def _doc(text: str) -> CleanDocument:
    return CleanDocument(text=text)


def _outline(structure):
    return [(s.level, s.marker, s.number, s.heading) for s in structure.walk()]


def test_cn_number_reads_chinese_numerals():
    assert [cn_number(x) for x in ("一", "九", "十", "十二", "二十", "二十三")] == [
        1,
        9,
        10,
        12,
        20,
        23,
    ]
    assert cn_number("是") is None


def test_levels_and_nesting_follow_marker_kinds():
    text = "某县2022年法治政府建设年度报告\n一、主要举措\n（一）依法行政\n1.制度建设。建立制度3项。\n2.队伍建设。培训100人次。\n（二）普法\n二、存在问题\n一是认识不足。二是力量薄弱。"
    st = parse_structure(_doc(text))
    assert st.title == "某县2022年法治政府建设年度报告"
    assert [s.marker for s in st.sections] == ["一、", "二、"]
    first = st.sections[0]
    assert [c.marker for c in first.children] == ["（一）", "（二）"]
    assert [(c.level, c.number, c.heading) for c in first.children[0].children] == [
        (3, 1, "制度建设"),
        (3, 2, "队伍建设"),
    ]
    problems = st.sections[1]
    assert [(u.level, u.marker, u.heading) for u in problems.children] == [
        (4, "一是", "认识不足"),
        (4, "二是", "力量薄弱"),
    ]
    for s in st.walk():
        assert text[s.heading_start : s.heading_end] == s.heading
        assert s.start <= s.heading_start <= s.heading_end <= s.end


def test_report_starting_at_paren_level_has_it_on_top():
    text = "（一）加强领导\n一是成立领导小组。二是定期研究。\n（二）规范执法\n执法检查20次。"
    st = parse_structure(_doc(text))
    assert [(s.level, s.marker) for s in st.sections] == [(2, "（一）"), (2, "（二）")]
    assert [u.marker for u in st.sections[0].children] == ["一是", "二是"]
    assert st.sections[1].children == []


def test_broken_markers_are_repaired_from_neighbours():
    text = "一、工作情况\n七)数字政府建设\n一是建平台。\n是加强学习培训,提升能力。\n（八）保障\n一是完善机制。二强化考核,形成闭环。三是落实责任。"
    st = parse_structure(_doc(text))
    seventh = st.sections[0].children[0]
    assert (seventh.marker, seventh.number, seventh.level) == ("七)", 7, 2)
    assert [(u.marker, u.number) for u in seventh.children] == [("一是", 1), ("是", 2)]
    assert seventh.children[1].heading == "加强学习培训,提升能力"
    eighth = st.sections[0].children[1]
    assert [(u.marker, u.number) for u in eighth.children] == [("一是", 1), ("二", 2), ("三是", 3)]


def test_inline_units_stay_in_their_paragraph():
    text = "二、存在的问题及下步工作打算\n我县仍有差距。一是机制需优化。二是机构需加强。\n下一步,我县将继续推进法治政府建设。"
    st = parse_structure(_doc(text))
    units = st.sections[0].children
    assert [u.heading for u in units] == ["机制需优化", "机构需加强"]
    assert text[units[1].start : units[1].end] == "二是机构需加强。"


def test_words_ending_in_shi_are_not_units():
    text = "一、情况\n这就是我们的做法。但是仍有不足。统一是关键。"
    st = parse_structure(_doc(text))
    assert st.sections[0].children == []


def test_no_headings_gives_no_sections_and_leaves_are_the_sections():
    st = parse_structure(_doc("2022年,我局依法行政。\n下一步,我局将继续努力。"))
    assert st.sections == [] and st.leaves() == [] and st.title is None


def test_numbers_are_not_arabic_headings():
    text = "一、情况\n1.04亿元用于法治建设。\n2022年工作顺利。"
    st = parse_structure(_doc(text))
    assert st.sections[0].children == []


# --- the real seeds ----------------------------------------------------------


def test_seed_000_tree(seed_doc):
    doc = seed_doc("000")
    st = parse_structure(doc)
    assert st.title == "环市街2022年法治政府建设年度报告"
    assert [s.heading for s in st.sections] == [
        "2022年度法治政府建设工作情况",
        "法治政府建设工作存在的问题",
        "2023年法治政府建设计划",
    ]
    work = st.sections[0]
    assert len(work.children) == 5 and all(len(c.children) == 3 for c in work.children)
    # "是加强…" and "是深化…" lost their numerals: repaired as 二 and 三.
    broken = [u for u in st.walk() if u.marker == "是"]
    assert [(u.number, u.heading) for u in broken] == [
        (2, "加强党员干部法治思维"),
        (3, "深化法治建设责任落实"),
    ]
    assert len(st.leaves()) == 15 + 3 + 3


def test_seed_001_tree(seed_doc):
    st = parse_structure(seed_doc("001"))
    assert [s.heading for s in st.sections] == [
        "2022年法治政府建设情况",
        "存在的问题及下步工作打算",
    ]
    subs = st.sections[0].children
    assert [s.number for s in subs] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert subs[6].marker == "七)" and subs[6].heading == "加速推进数字赋能政府治理"
    assert [len(s.children) for s in subs] == [3, 4, 3, 0, 3, 4, 0, 3]
    # (一)依法全面履行政府职能。一是…: inline units inside the heading paragraph.
    assert subs[0].heading == "依法全面履行政府职能"
    assert subs[0].children[0].heading == "落实政府权责清单制度"
    assert [u.heading for u in st.sections[1].children][1] == "法治机构建设需进一步加强"


def test_seed_002_tree(seed_doc):
    st = parse_structure(seed_doc("002"))
    assert [s.heading for s in st.sections] == [
        "推进法治政府建设的主要举措和成效",
        "存在问题",
        "下一步工作计划",
    ]
    assert [len(s.children) for s in st.sections[0].children] == [3, 3, 3, 3, 2, 3, 3]
    # "二充分发挥…" lost its 是 between 一是 and 三是.
    sixth = st.sections[0].children[5]
    assert [(u.marker, u.number) for u in sixth.children] == [("一是", 1), ("二", 2), ("三是", 3)]


def test_seed_003_tree(seed_doc):
    st = parse_structure(seed_doc("003"))
    assert st.title == "鹤山市宅梧镇2021年法治政府建设年度报告"
    assert [s.marker for s in st.sections] == ["一、", "二、", "三、", "四、", "五、"]
    merged = st.sections[3]
    assert "主要举措和成效、存在的不足和原因" in merged.heading
    leader = st.sections[4]
    assert "第一责任人" in leader.heading
    assert [len(c.children) for c in leader.children] == [2, 0, 0, 0, 0, 3]


def test_seed_004_tree_after_cleaning(seed_doc):
    st = parse_structure(seed_doc("004"))
    assert st.title is None
    headings = [s.heading for s in st.sections]
    assert len(headings) == 4
    assert "领导核心作用" in headings[0] and "主要举措和成效" in headings[1]
    assert [u.marker for u in st.sections[0].children] == ["一是", "二是", "三是"]
    assert [c.number for c in st.sections[1].children] == [1, 2, 3, 4, 5]
    assert [len(s.children) for s in st.sections[2:]] == [3, 3]


def test_headings_run_into_one_paragraph_are_recovered():
    """Text that lost its line breaks: markers after a sentence end still start sections."""
    body = "某县法治政府建设工作开展顺利，各项任务全面完成。" * 60
    text = (
        f"{body}一、主要举措和成效（一）依法行政。一是完善制度，出台文件5件。二是规范执法，检查120次。"
        f"（二）普法宣传。开展活动30场。二、存在的问题一是执法力量不足。二是宣传不够深入。"
        f"三、下一步工作打算加强队伍建设。下一步，我县将持续推进法治政府建设。"
    )
    st = parse_structure(_doc(text))
    assert [s.marker for s in st.sections] == ["一、", "二、", "三、"]
    assert [c.marker for c in st.sections[0].children] == ["（一）", "（二）"]
    assert [u.heading for u in st.sections[0].children[0].children] == [
        "完善制度，出台文件5件",
        "规范执法，检查120次",
    ]
    assert [u.heading for u in st.sections[1].children] == ["执法力量不足", "宣传不够深入"]


def test_a_paren_numeral_inside_an_ordinary_paragraph_is_not_a_heading():
    text = "一、情况\n" + "依照第（一）项规定办理，" * 40 + "并按（二）类标准执行。"
    st = parse_structure(_doc(text))
    assert st.sections[0].children == []


def test_ordinal_and_circled_inline_units():
    text = "一、存在问题\n主要有：第一，执法力量不足；第二，宣传不深入。\n二、下一步打算\n重点做好：①加强培训；②深化普法。"
    st = parse_structure(_doc(text))
    assert [(u.marker, u.number, u.heading) for u in st.sections[0].children] == [
        ("第一，", 1, "执法力量不足"),
        ("第二，", 2, "宣传不深入"),
    ]
    assert [(u.number, u.heading) for u in st.sections[1].children] == [
        (1, "加强培训"),
        (2, "深化普法"),
    ]


def test_hard_wrapped_lines_are_joined_back_into_paragraphs():
    def wrap(paragraph: str, width: int = 20) -> list[str]:
        return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]

    paragraph = (
        "（一）依法行政。一是完善制度，全年出台规范性文件五件，清理文件十二件，修改文件一件。"
        "二是规范执法，开展检查一百二十次，办结案件八十件。"
    )
    problems = (
        "一是执法力量不足，专业人员少，培训不够系统，需要进一步加强。二是宣传不深入，形式单一。"
    )
    plans = "加强执法队伍建设，深化普法宣传，推进法治政府建设再上新台阶，努力让群众满意。"
    lines = ["一、主要举措和成效", *wrap(paragraph), "二、存在的问题", *wrap(problems)]
    lines += ["三、下一步打算", *wrap(plans)]
    text = "\n".join(lines)
    doc = _doc(text)
    spans = doc.paragraph_spans
    assert [text[s:e].replace("\n", "") for s, e in spans] == [
        "一、主要举措和成效",
        paragraph,
        "二、存在的问题",
        problems,
        "三、下一步打算",
        plans,
    ]
    st = parse_structure(doc)
    first = st.sections[0].children[0]
    assert [u.heading.replace("\n", "") for u in first.children] == [
        "完善制度，全年出台规范性文件五件，清理文件十二件，修改文件一件",
        "规范执法，开展检查一百二十次，办结案件八十件",
    ]
    # Units run across the wrapped lines to the next unit.
    assert first.children[0].end == first.children[1].start


def test_a_paragraph_starting_with_a_bare_numeral_after_a_unit_continues_the_enumeration():
    text = "一、情况\n一是完善制度，出台文件5件。\n二充分发挥调解作用，调处纠纷30起。\n三是强化监督。\n二十多年来的经验表明如此。"
    st = parse_structure(_doc(text))
    assert [(u.marker, u.number) for u in st.sections[0].children] == [
        ("一是", 1),
        ("二", 2),
        ("三是", 3),
    ]


def test_part_headings_are_level_one():
    text = "第一部分 2022年工作情况\n（一）依法行政。出台文件5件。\n第二部分 存在的问题\n一是执法力量不足。"
    st = parse_structure(_doc(text))
    assert [(s.level, s.number, s.heading) for s in st.sections] == [
        (1, 1, "2022年工作情况"),
        (1, 2, "存在的问题"),
    ]


def test_a_report_whose_headings_share_a_length_is_not_taken_for_wrapped_text():
    lines = []
    for i in range(6):
        lines.append(f"（{'一二三四五六'[i]}）推进法治政府建设第{i}项工作")
        lines.append(
            "全年开展相关工作多次，取得明显成效，群众满意度持续提升，各项任务全面完成。" * (i + 1)
        )
    text = "\n".join(lines)
    assert len(_doc(text).paragraphs) == 12


def test_a_title_broken_over_two_lines_is_joined_but_a_site_name_is_not():
    st = parse_structure(
        _doc("某某市人民政府关于\n2022年度法治政府建设情况的报告\n一、主要举措\n开展检查30次。")
    )
    assert st.title == "某某市人民政府关于2022年度法治政府建设情况的报告"
    st = parse_structure(
        _doc("鹤山市人民政府\n鹤山市宅梧镇2021年法治政府建设年度报告\n一、主要举措\n开展检查30次。")
    )
    assert st.title == "鹤山市宅梧镇2021年法治政府建设年度报告"


def _set_heading_by_char(text, marker, paragraph_end, limit):
    """The old ``structure._set_heading``: a step per character to the first heading end."""
    stop = min(paragraph_end, limit)
    ends = "。！!？?" if marker.kind != "shi" else "。；;！!？?"
    pos = marker.marker_end
    while pos < stop and text[pos] not in ends:
        pos += 1
    end = pos
    while end > marker.marker_end and text[end - 1] in " \u3000,，、:：":
        end -= 1
    return marker.marker_end, max(end, marker.marker_end)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三是、（）1.。；;！!？?，：法治 \u3000\n")), max_size=60), st.data())
def test_headings_end_where_the_character_walk_ends_them(text, data):
    # Every kind of marker, stopped by the paragraph's end, the next marker, or neither.
    for kind in ("cn", "paren", "arabic", "shi"):
        start = data.draw(st.integers(0, len(text)))
        marker_end = data.draw(st.integers(start, len(text)))
        marker = structure._Marker(kind, start, marker_end, text[start:marker_end], None, 0, True)
        paragraph_end = data.draw(st.integers(0, len(text)))
        limit = data.draw(st.integers(0, len(text) + 2))
        expected = _set_heading_by_char(text, marker, paragraph_end, limit)
        structure._set_heading(text, marker, paragraph_end, limit)
        assert (marker.heading_start, marker.heading_end) == expected
