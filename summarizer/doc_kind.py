"""Is the input a 法治政府建设年度报告 at all? Decide the kind of document, with a reason.

Every rule here is a rule of the genres, in this order:

1. The title, when there is one, names the genre: a rule-of-law report is titled
   …法治政府建设(年度|工作|情况)报告/情况/总结 (or 依法行政/依法治X…); a notice is
   titled …通知/公告/通告; a 政府工作报告 or another 工作总结/工作报告 says so.
2. Without a telling title, the closing and address formulas of other genres:
   a notice ends 特此通知 or announces 现将…通知如下; a 政府工作报告 is a speech
   to the people's congress (各位代表); news carries a byline (记者, 讯, 日电).
3. The body: a rule-of-law report is a structured report (numbered sections or
   the statutory parts) that keeps returning to 法治/依法行政. A 政府工作报告
   reviews the economic indicators (地区生产总值, 固定资产投资 …); other
   government reports speak of the year's work in the institution's own voice
   (我区/我局…, 工作, 年) but hardly of the rule of law; anything else is not a
   report.
"""

from __future__ import annotations

import re

from summarizer.schema import DocumentKind
from summarizer.structure import DocumentStructure

_RULE_OF_LAW = re.compile(r"法治|依法行政|依法治[国省市县区镇乡街]")
_REPORT_WORD = re.compile(r"报告|情况|总结|工作要点落实")
_NOTICE_TITLE = re.compile(r"(通知|公告|通告|启事|通报|函)$")
_GOV_WORK_REPORT = re.compile(r"政府工作报告")
_OTHER_REPORT_TITLE = re.compile(r"工作报告|工作总结|情况报告|年度报告|述职报告|总结$|报告$")
_NOTICE_FORMULA = re.compile(r"特此(通知|公告|通告)|通知如下|公告如下|现(予|将)[^。]{0,20}(公告|公布)")
_CONGRESS_SPEECH = re.compile(r"各位代表")
_NEWS_BYLINE = re.compile(r"记者|通讯员|本报讯|[网台报]讯|\d日电|新华社|据[^。]{1,10}报道")
# The indicators every 政府工作报告 reviews and sets targets for.
_ECONOMIC_INDICATORS = re.compile(r"地区生产总值|GDP|一般公共预算收入|固定资产投资|社会消费品零售总额|"
                                  r"居民人均可支配收入|城镇调查失业率|进出口总额")
_OWN_VOICE = re.compile(r"[我本](省|市|县|区|镇|乡|街道|局|委|办|部门|单位|厅|院)")
_WORK_YEAR = re.compile(r"(19|20)\d\d年")
_STATUTORY_HEADING = re.compile(r"举措|成效|不足|问题|原因|第一责任人|下一步|下一年度|计划|打算|安排|思路")

# A report is a structured text of some length: a few numbered sections, or two of
# the statutory parts as headings. News items and notices are short and flat.
_MIN_REPORT_CHARS = 800
_MIN_SECTIONS = 2
# How often a rule-of-law report names its subject: the seeds and the devset say
# 法治 5.8 to 17 times per 1000 characters; a 政府工作报告 says it well under once.
_MIN_RULE_OF_LAW_PER_1000 = 3.0


def classify(text: str, structure: DocumentStructure, title: str | None = None) -> DocumentKind:
    """The kind of document ``text`` is (``DocumentKind``), with the evidence for it."""
    title = (title or structure.title or "").strip()
    by_title = _by_title(title)
    if by_title is not None:
        return by_title
    by_formula = _by_formula(text)
    if by_formula is not None:
        return by_formula
    return _by_body(text, structure)


def _kind(kind: str, reason: str) -> DocumentKind:
    return DocumentKind(kind=kind, reason=reason)


def _by_title(title: str) -> DocumentKind | None:
    if not title:
        return None
    if _GOV_WORK_REPORT.search(title):
        return _kind("other_government_report", f"the title「{title}」names a 政府工作报告")
    if _NOTICE_TITLE.search(title):
        return _kind("not_a_report", f"the title「{title}」names a notice or announcement")
    if _RULE_OF_LAW.search(title) and _REPORT_WORD.search(title):
        return _kind("rule_of_law_report", f"the title「{title}」names a report on the rule of law")
    if _OTHER_REPORT_TITLE.search(title) and not _RULE_OF_LAW.search(title):
        return _kind("other_government_report", f"the title「{title}」names a report on another subject")
    return None


def _by_formula(text: str) -> DocumentKind | None:
    if m := _NOTICE_FORMULA.search(text):
        return _kind("not_a_report", f"it is worded as a notice (「{m.group(0)}」)")
    if _CONGRESS_SPEECH.search(text):
        return _kind("other_government_report", "it is addressed to the people's congress (「各位代表」), "
                     "as a 政府工作报告 is")
    return None


def _by_body(text: str, structure: DocumentStructure) -> DocumentKind:
    chars = len(text.strip())
    top = [s for s in structure.sections if not s.inline]
    statutory = sum(1 for s in top if _STATUTORY_HEADING.search(s.heading))
    structured = chars >= _MIN_REPORT_CHARS and (len(top) >= _MIN_SECTIONS or statutory >= 2)
    density = len(_RULE_OF_LAW.findall(text)) * 1000 / max(chars, 1)
    if structured and density >= _MIN_RULE_OF_LAW_PER_1000:
        return _kind("rule_of_law_report", f"{len(top)} numbered sections that name the rule of law "
                     f"{density:.1f} times per 1000 characters")
    indicators = sorted(set(_ECONOMIC_INDICATORS.findall(text)))
    if len(indicators) >= 2:
        return _kind("other_government_report", f"it reviews the economy ({'、'.join(indicators[:3])}) as "
                     "a 政府工作报告 does, and names the rule of law only "
                     f"{density:.1f} times per 1000 characters")
    if m := _NEWS_BYLINE.search(text):
        return _kind("not_a_report", f"it reads as news (「{m.group(0)}」)")
    if not structured:
        return _kind("not_a_report", f"{chars} characters in {len(top)} numbered sections: too short "
                     "and unstructured for a report" if chars < _MIN_REPORT_CHARS else
                     f"no numbered sections or statutory parts in {chars} characters")
    if _OWN_VOICE.search(text) and _WORK_YEAR.search(text):
        return _kind("other_government_report", f"a structured account of a year's work that names "
                     f"the rule of law only {density:.1f} times per 1000 characters")
    return _kind("not_a_report", "structured, but neither a government body's account of its work "
                 "nor about the rule of law")
