"""The five real seed reports: chrome gone, body intact, seed 004 repaired."""

from __future__ import annotations

import re

import pytest

from summarizer.preprocess import clean
from summarizer.preprocess.t2s import to_simplified

# First and last body sentences of each seed (clean form) and chrome that must be gone.
BODY = {
    "000_7146bd087c0c1040": (
        "2022年，环市街在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想",
        "努力打造一支作风过硬、业务过硬、廉洁高效的执法队伍。",
        ["您现在的位置", "字体", "相关附件", "镇街动态"],
    ),
    "001_b013c1bd2a4005fb": (
        "2022年，阜蒙县深入贯彻落实习近平法治思想，全面执行上级部署要求",
        "推动建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。",
        ["浏览量", "责任编辑", "文字大小", "打印", "分享", "返回列表"],
    ),
    "002_93df2457fec9964f": (
        "2021年以来，清远市司法局坚持以习近平新时代中国特色社会主义思想为指导",
        "着力提升法治政府建设能力和水平，以坚实的法治保障推动我市高质量发展。",
        ["您当前的位置", "访问量", "字体", "相关附件", "扫一扫"],
    ),
    "003_0826f129c47e1bb2": (
        "2021年，宅梧镇以习近平新时代中国特色社会主义思想为指导",
        "2021年主持开展党组织书记轮训7期，通过“头雁”工程带动基层党组织法治建设。",
        ["中国福彩网", "国徽", "走进鹤山", "字体", "打印", "关闭", "分享到"],
    ),
    "004_dd65877722798507": (
        "2024年，在市委、市政府和区委的坚强领导下",
        "为经济社会高质量发展提供坚实的法治保障。",
        [],
    ),
}


def test_body_starts_after_the_title_and_ends_the_text(cleaned, doc_id):
    first, last, _ = BODY[doc_id]
    paras = cleaned[doc_id].paragraph_texts()
    body_start = 1 if cleaned[doc_id].hints.title else 0
    assert paras[body_start].startswith(first)
    closing = [p for p in paras[-1:] if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", p)]
    assert paras[-1 - len(closing)].endswith(last)


def test_chrome_is_gone(cleaned, doc_id):
    text = cleaned[doc_id].text
    for chrome in BODY[doc_id][2]:
        assert chrome not in text
    removed = [r for r in cleaned[doc_id].repairs if r.kind == "chrome"]
    assert len(removed) == len(BODY[doc_id][2]) or removed  # reported as repairs
    assert all(r.start is None for r in removed)


def test_paragraph_offsets_cover_the_lines(cleaned, doc_id):
    doc = cleaned[doc_id]
    assert doc.paragraph_texts() == doc.text.split("\n")
    assert all(p.end > p.start for p in doc.paragraphs)


def test_single_repairs_point_at_their_result(cleaned, doc_id):
    doc = cleaned[doc_id]
    for r in doc.repairs:
        if r.start is not None:
            assert r.after and doc.text[r.start : r.end] == r.after
        if r.kind == "pinyin":  # points at the annotated character, now simplified
            assert r.end - r.start == 1
            assert doc.text[r.start] == to_simplified(r.before[0])


@pytest.mark.parametrize(
    "span",
    [
        "法治政府建设取得了显著成效。现将有关情况报告如下：",  # 成效?,F(xiàn)將
        "（一）深入贯彻落实“一规划两方案”",  # ?。ㄒ唬┥钊胴瀼芈鋵?shí)
        "（二）有效推进法治建设专项督查整改工作",  # ?。ǘ┯行七M: 二 and 效推 lost
        "（三）高位推进法治政府建设工作",  # ?。ㄈ└呶煌七M: 三 lost
        "（四）推动法治环境不断向好",  # ?。ㄋ模┩苿?dòng)
        "信访工作典型做法被人民日报《内部参阅》刊发",  # 日?qǐng)?bào)
        "（一）法治建设认识不够深刻。",
        "（三）法治建设氛围仍需浓厚。",
        "（一）进一步提升法治能力水平。",
        "（三）进一步开展法治宣传教育。",
        "区委的坚强领导下",  # 區(qū)委的堅(jiān)強(qiáng)
    ],
)
def test_seed_004_repaired_spans(cleaned, span):
    assert span in cleaned["004_dd65877722798507"].text


def test_seed_004_has_no_pinyin_mojibake_or_lost_bytes(cleaned):
    doc = cleaned["004_dd65877722798507"]
    assert not re.search(r"\([a-zü\u00e0-\u01dc]+\)", doc.text)
    assert "?" not in doc.text and "？" not in doc.text and "〓" not in doc.text
    assert not re.search(r"[ㄅ-ㄩ┥┯└┓┻┩]", doc.text)
    assert doc.warnings == []
    kinds = {r.kind for r in doc.repairs}
    assert {"mojibake", "lost_char", "pinyin", "t2s"} <= kinds
    lost = {r.after for r in doc.repairs if r.kind == "lost_char" and r.start is not None}
    assert {"二", "三", "实", "动", "报", "。", "效推"} <= lost
    spans = {r.after for r in doc.repairs if r.kind == "mojibake" and r.start is not None}
    assert {"。现", "（一）深入贯彻落实", "（二）有效推进", "（三）高位推进", "（四）推动", "（一）法治建设"} <= spans


def test_header_and_closing_dates(cleaned):
    dates = {d: [(x.date, x.context) for x in cleaned[d].hints.dates] for d in cleaned}
    assert ("2023-03-01", "header") in dates["001_b013c1bd2a4005fb"]
    assert ("2022-02-07", "header") in dates["002_93df2457fec9964f"]
    closing = [x for x in cleaned["004_dd65877722798507"].hints.dates if x.context == "closing"]
    assert [x.date for x in closing] == ["2025-02-21"]
    doc = cleaned["004_dd65877722798507"]
    assert doc.text[closing[0].start : closing[0].end] == "2025年2月21日"


def test_cleaning_a_clean_seed_changes_nothing(cleaned, doc_id):
    doc = cleaned[doc_id]
    again = clean(doc.text)
    assert again.text == doc.text
    assert again.hints.title == doc.hints.title
    assert not [r for r in again.repairs if r.kind in ("chrome", "mojibake", "lost_char", "pinyin")]
