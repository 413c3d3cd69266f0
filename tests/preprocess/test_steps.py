"""The hard steps on their own: pinyin, punctuation, chrome beyond the seeds, dates."""

from __future__ import annotations

import pytest

from summarizer.preprocess import clean

BODY = (
    "2023年，本县坚持以习近平法治思想为指导，全面推进依法行政，各项工作取得明显成效。"
    "全年办理行政复议案件81件，结案80件，纠错率12.5%。"
)
END = "下一步，我县将继续深化法治政府建设，推动各项任务落到实处，为高质量发展提供法治保障。"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("在區(qū)委的堅(jiān)強(qiáng)領(lǐng)導(dǎo)下", "在区委的坚强领导下"),
        ("落實(shí)帮(代)办服务", "落实帮（代）办服务"),
        ("实施纲要(2021-2025年)", "实施纲要（2021-2025年）"),
        ("暂行办法(试行)", "暂行办法（试行）"),
        ("(一)依法全面履行政府职能", "（一）依法全面履行政府职能"),
        ("大家(dà jiā)", "大家(dà jiā)"),  # two syllables with a space: not one annotation
        ("法治(fǎ)", "法治"),
    ],
)
def test_pinyin_annotations_only(raw, expected):
    assert clean(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022年,环市街在区委领导下;成效明显:一是", "2022年，环市街在区委领导下；成效明显：一是"),
        ("共包含各类行政职权1,467项,网上可办率99.3%。", "共包含各类行政职权1,467项，网上可办率99.3%。"),
        ("时间：2022-02-07 17:01:57发布", "时间：2022-02-07 17:01:57发布"),
        ("（草案），５．２％的增长", "（草案），５．２％的增长"),  # never NFKC
        ("\u3000\u3000第一段。\n\n\n\u00a0第二段 有\u00a0\u00a0空格。  ", "第一段。\n第二段 有 空格。"),
        ("法治政府\r\n建设\u200b报告", "法治政府\n建设报告"),
        ("&nbsp;&nbsp;2022年，环市街&emsp;推进依法行政。", "2022年，环市街 推进依法行政。"),
    ],
)
def test_normalisation(raw, expected):
    assert clean(raw).text == expected


def test_chrome_of_an_unseen_site_is_removed_and_dates_kept():
    page_lines = [
        "今天是：2024年3月5日 星期二",
        "XX县人民政府门户网站",
        "首页 | 政务公开 | 政务服务 | 互动交流",
        "当前位置：首页 > 政务公开 > 法治政府建设",
        "XX县人民政府关于2023年度法治政府建设情况的报告",
        "发布时间：2024-03-01 09:30 信息来源：县司法局 阅读次数：356",
        "【字体：大 中 小】 【打印】 【关闭】",
        BODY,
        "一、主要举措",
        "购置打印机3台，分享基层经验，返回乡镇开展督导，关闭违规场所12处。",
        END,
        "XX县人民政府",
        "2024年2月28日",
        "上一篇：XX县2022年度法治政府建设情况的报告",
        "下一篇：关于开展普法宣传的通知",
        "【打印本页】 【关闭窗口】",
        "主办单位：XX县人民政府办公室 网站标识码：1234567890",
    ]
    doc = clean("\n".join(page_lines))
    assert doc.paragraph_texts() == [
        "XX县人民政府关于2023年度法治政府建设情况的报告",
        BODY,
        "一、主要举措",
        "购置打印机3台，分享基层经验，返回乡镇开展督导，关闭违规场所12处。",
        END,
        "XX县人民政府",
        "2024年2月28日",
    ]
    assert doc.hints.title == "XX县人民政府关于2023年度法治政府建设情况的报告"
    seen = {(d.date, d.context) for d in doc.hints.dates}
    assert ("2024-03-05", "chrome") in seen  # a "today is" banner is not a published date
    assert ("2024-03-01", "header") in seen
    assert ("2024-02-28", "closing") in seen


def test_report_without_title_or_chrome_is_left_whole():
    raw = f"{BODY}\n一、主要举措\n（一）完善制度。\n{END}"
    doc = clean(raw)
    assert doc.text == raw
    assert doc.hints.title is None
    assert not [r for r in doc.repairs if r.kind == "chrome"]


def test_lost_character_without_certainty_is_marked_and_warned():
    # A shifted span whose first byte begins no punctuation mark that fits: marked, not guessed.
    doc = clean(f"{BODY}\n法治?ㄒ唬┥钊胴瀼芈鋵?shí)工作。落實(shí)\n{END}")
    assert "〓" in doc.text
    assert doc.warnings
    assert "?" not in doc.text


def test_signature_line_with_date_is_the_closing_date():
    doc = clean(f"{BODY}\n{END}\n某某县人民政府 2024年3月1日")
    closing = [d for d in doc.hints.dates if d.context == "closing"]
    assert [(d.date, doc.text[d.start : d.end]) for d in closing] == [("2024-03-01", "2024年3月1日")]
    body = [d for d in clean(f"{BODY}\n2023年3月1日，召开会议，部署全年工作。\n{END}").hints.dates]
    assert [d.context for d in body] == ["body"]


def test_title_repeated_after_a_metadata_table_starts_the_report():
    # Many government pages put a 信息公开 table (one cell per line once extracted) above the heading.
    title = "某某市生态环境局2023年法治政府建设年度报告"
    table = ["索引号：", "11441800MB2C93-2024-00012", "发布机构：", "某某市生态环境局",
             "名称：", title, "文号：", "无", "成文日期：", "2024-01-30"]
    doc = clean("\n".join([*table, title, BODY, END]))
    assert doc.paragraph_texts() == [title, BODY, END]
    assert ("2024-01-30", "header") in {(d.date, d.context) for d in doc.hints.dates}


def test_metadata_table_between_title_and_body_is_removed():
    title = "某某县2023年法治政府建设年度报告"
    table = ["索引号：000014349/2024-00021 主题分类：法治", "发文字号：无 成文日期：2024年02月20日",
             "发布机构：某某县司法局 公开方式：主动公开"]
    doc = clean("\n".join([title, *table, BODY, END]))
    assert doc.paragraph_texts() == [title, BODY, END]
    assert ("2024-02-20", "header") in {(d.date, d.context) for d in doc.hints.dates}


def test_date_line_under_the_title_is_a_header_date_kept_in_the_text():
    title = "某某县2023年法治政府建设年度报告"
    doc = clean(f"{title}\n（2024年3月1日）\n{BODY}\n{END}")
    assert doc.paragraph_texts()[1] == "（2024年3月1日）"
    header = [d for d in doc.hints.dates if d.context == "header"]
    assert [(d.date, doc.text[d.start : d.end]) for d in header] == [("2024-03-01", "2024年3月1日")]


@pytest.mark.parametrize(
    ("first", "second"),
    [("某某市人民政府关于", "2022年度法治政府建设情况的报告"), ("某某市人民政府", "关于2022年度法治政府建设情况的报告"),
     # Broken after the year the title names, as a narrow PDF column or a centred heading sets it.
     ("某某县2023年法治", "政府建设年度报告"), ("2023年度某某市司法局", "法治政府建设情况报告"),
     ("某某县2023年", "法治政府建设年度报告")],
)
def test_a_title_broken_over_two_lines_is_joined_not_cut(first, second):
    doc = clean(f"您现在的位置：首页 > 政务公开\n{first}\n{second}\n{BODY}\n{END}")
    assert doc.hints.title == first + second
    assert doc.paragraph_texts() == [first + second, BODY, END]


@pytest.mark.parametrize("above", ["2024年3月28日", "某某县人民政府门户网站", "2023年 工作动态"])
def test_a_line_above_a_title_that_names_its_year_stays_apart(above):
    """A date, a site's name or a menu above the title is not its first half."""
    title = "某某县2023年法治政府建设年度报告"
    doc = clean(f"{above}\n{title}\n{BODY}\n{END}")
    assert doc.hints.title == title


def test_a_site_name_before_the_title_is_not_part_of_it():
    doc = clean(f"鹤山市人民政府\n鹤山市宅梧镇2021年法治政府建设年度报告\n{BODY}\n{END}")
    assert doc.hints.title == "鹤山市宅梧镇2021年法治政府建设年度报告"
    assert doc.paragraph_texts()[0] == doc.hints.title


def test_today_banner_of_an_untitled_page_is_removed_and_not_a_published_date():
    doc = clean(f"今天是：2024年3月5日 星期二 农历甲辰年正月廿五\n{BODY}\n{END}")
    assert doc.paragraph_texts() == [BODY, END]
    assert [(d.date, d.context) for d in doc.hints.dates] == [("2024-03-05", "chrome")]
