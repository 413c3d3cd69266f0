"""The same report in every encoding and as a web page gives the same clean text."""

from __future__ import annotations

import html

import opencc
import pytest

from summarizer.preprocess import clean
from summarizer.preprocess.t2s import to_simplified


def _raw(seeds_dir, doc_id: str) -> str:
    return (seeds_dir / f"{doc_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_every_encoding_gives_the_same_text(cleaned, seeds_dir, doc_id, encoding):
    data = _raw(seeds_dir, doc_id).encode(encoding)
    doc = clean(data, name=f"{doc_id}.txt")
    assert doc.text == cleaned[doc_id].text
    assert doc.hints.title == cleaned[doc_id].hints.title


def test_str_bytes_and_path_agree(cleaned, seeds_dir, doc_id):
    path = seeds_dir / f"{doc_id}.txt"
    assert clean(path.read_text(encoding="utf-8")).text == cleaned[doc_id].text
    assert clean(path.read_bytes()).input_sha256 == cleaned[doc_id].input_sha256


def test_big5_is_detected(cleaned):
    # Seed 000 written in traditional characters, the paragraphs Big5 can represent.
    simplified = cleaned["000_7146bd087c0c1040"].text
    traditional = []
    to_trad = opencc.OpenCC("s2tw")  # Taiwan forms are what Big5 holds
    for para in simplified.split("\n"):
        trad = to_trad.convert(para)
        try:
            trad.encode("big5")
        except UnicodeEncodeError:
            continue
        traditional.append(trad)
    text = "\n".join(traditional)
    assert len(text) > 2000
    from_big5 = clean(text.encode("big5"))
    assert from_big5.hints.encoding == "big5hkscs"
    assert from_big5.text == clean(text).text
    assert from_big5.text == to_simplified(from_big5.text)


def _page(raw: str, charset: str = "utf-8") -> str:
    paras = "\n".join(f"<p>{html.escape(line)}</p>" for line in raw.split("\n") if line.strip())
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>政务公开</title>
<script>var counter = 1; document.write("访问量");</script><style>p {{margin: 0}}</style></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></nav>
<div class="article">{paras}</div>
<footer>版权所有 主办单位：某某人民政府办公室 网站标识码 4407000000</footer>
</body></html>"""


def test_a_web_page_gives_the_same_text(cleaned, seeds_dir, doc_id):
    doc = clean(_page(_raw(seeds_dir, doc_id)).encode("utf-8"), name=f"{doc_id}.html")
    assert doc.hints.source_format == "html"
    assert doc.text == cleaned[doc_id].text
    assert "var counter" not in doc.text and "版权所有" not in doc.text


def test_a_gbk_web_page_with_meta_charset(cleaned, seeds_dir):
    doc_id = "002_93df2457fec9964f"
    page = _page(_raw(seeds_dir, doc_id), charset="gb2312").encode("gb18030")
    doc = clean(page)
    assert doc.hints.source_format == "html"
    assert doc.hints.encoding == "gb18030"
    assert doc.text == cleaned[doc_id].text


def test_undecodable_bytes_are_reported_not_raised(seeds_dir):
    data = _raw(seeds_dir, "000_7146bd087c0c1040").encode("utf-8")
    broken = data[:3001] + b"\xff\xfe\xff" + data[3001:]
    doc = clean(broken)
    assert any(r.kind == "decode" for r in doc.repairs)
    assert doc.warnings
    assert "环市街2022年法治政府建设年度报告" in doc.text


def _cms_page(title: str, body_lines: list[str], *, h1: bool = True) -> str:
    """A typical government CMS article page: menu, breadcrumb, h1, info line, share bar, footer."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in body_lines)
    heading = f"<h1>{title}</h1>" if h1 else ""
    return f"""<html><head><title>{title}_某某县人民政府</title></head><body>
<div class="top"><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li><li><a href="/b">政务服务</a></li></ul></div>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/a">政务公开</a> &gt; <a>法治政府</a></div>
<div class="article">{heading}<div class="info">日期: 2023-03-01 浏览量:200 来源:县司法局</div>
<div class="content">{body}</div></div>
<div class="share"><a>打印</a> <a>分享</a> <a>返回列表</a></div>
<ul class="related"><li><a href="/x">某某县2021年法治政府建设年度报告</a></li></ul>
<div class="footer">版权所有：某某县人民政府 ICP备12345号</div></body></html>"""


@pytest.mark.parametrize("h1", [True, False])
def test_a_cms_page_keeps_title_and_header_date(cleaned, seeds_dir, h1):
    doc_id = "001_b013c1bd2a4005fb"
    lines = [line for line in _raw(seeds_dir, doc_id).split("\n") if line.strip()]
    title, body = lines[0], lines[2:-3]  # the seed without its own chrome
    doc = clean(_cms_page(title, body, h1=h1), name="page.html")
    assert doc.text == cleaned[doc_id].text
    assert doc.hints.title == title
    assert ("2023-03-01", "header") in {(d.date, d.context) for d in doc.hints.dates}


def test_short_gbk_and_big5_passages_are_told_apart(cleaned):
    from summarizer.preprocess.decode import decode_bytes

    to_trad = opencc.OpenCC("s2tw")
    checked = 0
    for doc in cleaned.values():
        for para in doc.paragraph_texts()[:20]:
            short = para[:8]
            assert decode_bytes(short.encode("gb18030")).text == short
            trad = to_trad.convert(short)
            try:
                data = trad.encode("big5")
            except UnicodeEncodeError:
                continue
            assert decode_bytes(data).text == trad
            checked += 1
    assert checked > 50


def test_government_page_metadata_gives_title_and_published_date(cleaned, seeds_dir):
    # Chinese government sites carry ArticleTitle/PubDate meta tags (政府网站页面元数据).
    doc_id = "000_7146bd087c0c1040"
    lines = [line for line in _raw(seeds_dir, doc_id).split("\n") if line.strip()]
    title, body = lines[1], lines[3:-2]
    paras = "".join(f"<p>{html.escape(line)}</p>" for line in body)
    page = (f'<html><head><meta name="ArticleTitle" content="{title}"><meta name="PubDate" '
            f'content="2023-02-20 09:15"><title>镇街动态</title></head><body><div>{paras}</div></body></html>')
    doc = clean(page.encode("utf-8"), name="a.html")
    assert doc.hints.title == title
    assert doc.text == cleaned[doc_id].text
    assert ("2023-02-20", "header") in {(d.date, d.context) for d in doc.hints.dates}


def test_utf8_page_that_declares_gb2312_is_read_as_utf8(cleaned, seeds_dir):
    doc_id = "003_0826f129c47e1bb2"
    doc = clean(_page(_raw(seeds_dir, doc_id), charset="gb2312").encode("utf-8"))
    assert doc.hints.encoding == "utf-8"
    assert doc.text == cleaned[doc_id].text
