"""Issuers as the references name them, wherever the report names them (docs/extraction.md)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.metadata import (
    generic_issuer,
    issuer_from_opening,
    issuer_from_signature,
    issuer_from_title,
    issuer_level,
    spelled_out,
)
from summarizer.preprocess import clean
from summarizer.structure import parse_structure


@pytest.mark.parametrize(
    ("title", "issuer", "level"),
    [
        ("司法部关于2021年法治政府建设年度情况的报告", "司法部", "department"),
        ("中共天津市静海区委 天津市静海区人民政府关于2023年法治政府建设情况的报告", "静海区", "county"),
        ("杭州市西湖区留下街道办事处2022年法治政府建设工作报告", "留下街道", "township"),
        ("新疆维吾尔自治区2017年法治政府建设情况报告", "新疆维吾尔自治区", "province"),
        ("重庆市长寿区司法局2022年度法治政府建设情况报告", "长寿区司法局", "department"),
        ("深圳市深汕特别合作区党政办公室关于2025年法治政府建设情况的报告", "深汕特别合作区党政办公室", "department"),
        ("清远市市场监督管理局2022年法治政府建设年度报告", "清远市市场监督管理局", "department"),
        ("平潭综合实验区2023年法治政府建设情况", "平潭综合实验区", "city"),
        ("苏平片区2022年法治政府建设工作情况报告", "苏平片区", "township"),
    ],
)
def test_issuer_from_title(title, issuer, level):
    assert issuer_from_title(title) == issuer
    assert issuer_level(issuer) == level


def test_issuer_from_the_first_sentence():
    assert issuer_from_opening("2021年，司法部坚持以习近平新时代中国特色社会主义思想为指导，全面推进。", None) == "司法部"
    assert issuer_from_opening("2024年，我区深入学习贯彻习近平法治思想。", None) is None  # no name


def test_issuer_from_the_signature():
    assert issuer_from_signature("……全面提升行政应诉能力。\n专此报告。\n深圳市龙华区人民政府\n2019年12月18日") == "龙华区"
    # An area's 片区管理局 (a zone's 管委会) is its government: the issuer is the area, as the
    # title names it (苏平片区2022年法治政府建设工作情况报告).
    assert issuer_from_signature("……全面发展。 平潭综合实验区苏平片区管理局2023年3月30日") == "苏平片区"
    assert issuer_from_signature("……全面发展。\n某某经济开发区管委会\n2023年3月30日") == "某某经济开发区"


def test_the_records_title_field_is_preferred():
    text = (
        "标题: 某某县司法局2023年法治政府建设年度报告\n发布时间: 2024-02-01 09:00\n"
        "==== 正文 ====\n2023年法治政府建设情况报告\n"
        "2023年，县司法局坚持以习近平法治思想为指导，深入推进依法行政，全面完成各项任务。\n"
    )
    doc = clean(text)
    assert doc.hints.title == "某某县司法局2023年法治政府建设年度报告"
    assert parse_structure(doc).title == "某某县司法局2023年法治政府建设年度报告"


def test_citations_in_brackets_are_no_headings():
    # One-line body: 《…（2021—2025年）》 and 第三十条（一）项 stay inside their sentences.
    line = (
        "2022年，我县深入贯彻《法治政府建设实施纲要（2021—2025年）》，严格依照第三十条（一）项的规定办理案件，"
        "全面推进依法行政，各项工作取得明显成效。" * 25
        + "一、主要成效（一）推进依法决策。全年审查文件30件。（二）规范执法。办理案件120件。"
    )
    doc = clean(line)
    headings = [s.marker for s in parse_structure(doc).walk()]
    assert headings == ["一、", "（一）", "（二）"]


# -- an issuer resting on a generic word (issue 16) ------------------------------------------


@pytest.mark.parametrize(
    "word", ["实验区", "片区", "开展", "区", "综合实验区", "实验区党工委管委会", "本区", "经济开发区", "工业园区", "新区"]
)
def test_generic_words_name_no_issuer(word):
    assert generic_issuer(word)


@pytest.mark.parametrize(
    "name", ["平潭综合实验区", "苏平片区", "龙华区", "深汕特别合作区党政办公室", "宅梧镇", "浦东新区", "苏州工业园区"]
)
def test_names_are_not_generic(name):
    assert not generic_issuer(name)


# d03 (平潭综合实验区2021年法治政府建设情况): the body calls the zone 实验区 and names it in full in
# passing (《平潭综合实验区…》, 平潭综合实验区党工委…).
D03_USES = (
    "2021年，在省委、省政府的领导下,实验区党工委管委会继续深入贯彻落实党中央关于推进全面依法治国的重要部署。"
    "制定出台《平潭综合实验区法治政府建设实施方案》。推动习近平法治思想在实验区落地生根。"
    "平潭综合实验区党工委全面依法治区委员会召开会议。目前实验区25家党政机关均已配备法律顾问。"
    "印发平潭综合实验区“八五”普法规划。"
)


@pytest.mark.parametrize(
    ("generic", "text", "full"),
    [
        ("实验区", D03_USES, "平潭综合实验区"),
        ("实验区党工委管委会", D03_USES, "平潭综合实验区"),
        # other shapes: an area named in the signature's place, a zone with its city before it
        ("片区", "苏平片区坚持…。推进苏平片区法治建设。各片区普法。在苏平片区开展…。", "苏平片区"),
        ("合作区", "《深圳市深汕特别合作区条例》。深汕特别合作区全面推进。在深汕特别合作区", "深汕特别合作区"),
        ("实验区", "实验区全面推进依法行政。实验区坚持…。推进实验区建设。", None),  # never named in full
        ("区", "全区推进。区政府坚持。", None),  # a bare 区 names nothing
    ],
)
def test_a_generic_word_is_spelled_out_as_the_report_names_it(generic, text, full):
    assert spelled_out(generic, text) == full


def test_metadata_left_null_with_the_reason_rather_than_a_generic_word():
    from summarizer.extract.rules.metadata import extract_metadata

    text = "2021年，实验区党工委管委会继续深入贯彻落实党中央关于推进全面依法治国的重要部署，推进实验区法治建设。"
    doc = clean(text)
    meta = extract_metadata(doc, parse_structure(doc))
    assert meta.issuer is None and meta.issuer_level is None
    assert "实验区" in meta.field_basis("issuer").reason
    assert meta.report_year == 2021 and meta.field_basis("report_year").source == "opening sentence"

    doc = clean(text + D03_USES)
    meta = extract_metadata(doc, parse_structure(doc))
    assert (meta.issuer, meta.issuer_level) == ("平潭综合实验区", "city")  # a prefecture-level zone
    assert meta.field_basis("issuer").source == "opening sentence"
