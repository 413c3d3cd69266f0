"""The 主要预期目标 of a 政府工作报告, each a structured figure.

Rules of the genre: the targets are stated in one passage (今年经济社会发展的主要预期目标
是：…), clause by clause, each an indicator with its verb and a figure:
``地区生产总值增长6%左右`` is indicator 地区生产总值增长, value 6, unit %, qualifier about.
- A bound is written before the number (约, 近, 超过, 不低于, 不超过…) or after its unit
  (左右, 以上, 以下, 以内); a trailing bound of a list (分别下降5%、5%、3%左右) covers every figure.
- Control verbs (控制在, 提升至, 下降至, 达到) lead to the number and are not the indicator.
- One verb over a list (万元GDP能耗、水耗分别下降4.3%、2.5%) gives one target per listed
  indicator, each with the shared head (万元GDP) and verb; fragments with their own figures
  (新增病床2000张、养老床位1000张) are targets of their own, sharing a leading 新增.
- A range (8—8.5%) keeps both ends. A target without a figure is a criterion
  (居民收入与经济增长同步, 生态环境持续改善, 完成…下达任务).
"""

from __future__ import annotations

import re

from summarizer.extract.phrases import words
from summarizer.govwork_schema import IndicatorBasis, Target
from summarizer.schema import Qualifier, Span

_NUMBER = r"\d+(?:\.\d+)?"
# The units targets are set in (grain in 斤 and 公斤, life expectancy in 岁, a multiple in 倍 too).
_UNIT = (r"个百分点|%|％|‰|(?:万亿|[万亿千百])?(?:元|美元|人次|人|个|套|张|吨标准煤|吨|标箱|千瓦时|千瓦|平方米|平方公里|公里|"
         r"所|家|户|间|亩|座|辆|台|项|部|千克|公斤|斤|岁|倍|天|小时|微克/立方米|立方米|公顷|床|宗|条|件)")
_BEFORE: dict[str, Qualifier] = {
    "约": "about", "大约": "about", "近": "nearly", "接近": "nearly", "将近": "nearly",
    "超过": "more_than", "高于": "more_than", "不低于": "at_least", "不少于": "at_least",
    "至少": "at_least", "低于": "under", "不到": "under", "不超过": "at_most", "不高于": "at_most",
}
_AFTER: dict[str, Qualifier] = {"左右": "about", "上下": "about", "以上": "over", "以下": "under", "以内": "at_most"}
FIGURE = re.compile(
    rf"(?P<before>{'|'.join(sorted(_BEFORE, key=len, reverse=True))})?"
    rf"(?P<value>{_NUMBER})(?:\s*(?:{_UNIT})?\s*[—–\-－~～至到]\s*(?P<high>{_NUMBER}))?\s*(?P<unit>{_UNIT})?"
    rf"(?P<after>{'|'.join(_AFTER)})?"
)
# A PDF's or a narrow page's line may break inside an indicator (地区生产总\n值增长): the reader is
# shown the words joined; a blank between two Latin letters or digits (PM2.5 浓度 aside) is kept.
_LINE_BREAKS = re.compile(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")
# Words that lead from an indicator to its number: not part of the indicator.
_LEAD_WORDS = re.compile(r"(分别|均|控制在|保持在|保持|稳定在|提升至|提升到|提高至|提高到|下降至|下降到|降至|降低至|降低到|"
                         r"达到|完成率|为|在|至|到|每月|每年|每人|达)+$")
# Words an indicator does not start with: scene-setting and striving words.
_OPENERS = re.compile(r"^(今年|全年|力争|努力|确保|其中|实现|全面|继续|力求|争取|同时|并且|并|和|及|(在)?现行标准下)+")
# A figureless criterion: the verb phrase that states it, and the indicator before it.
_CRITERION = re.compile(r"(与|同|和)[^，；。]{1,12}同步|持续(改善|好转|提升|优化|下降)|稳步(增长|提高|提升)|"
                        r"(基本)?(稳定|平稳)|实现正增长|(全面|均)?完成[^，；。]{0,12}(任务|计划|目标)|稳量提质|促稳提质|稳中提质|稳中有升|稳中有进|稳中向好|量稳质升|提质(提效|增效)|"
                        r"(得到)?有效(防控|防范|控制)|守住[^，；。]{0,12}底线|达到[^，；。]{0,12}(要求|标准)|"
                        r"(基本)?平衡|继续(下降|降低|改善|提高|提升)|全部(脱贫|摘帽|达标|完成)|"
                        # the paired 稳… criterion of a list of demand indicators (工业、投资、消费、外贸进出口
                        # 稳规模稳增长; 稳规模优结构)
                        r"稳(规模|总量)(稳增长|优结构|提质量|提质)?|"
                        # a comparison with another figure or place (增速快于城镇居民, 高于全国平均)
                        r"(快于|高于|好于|优于)[^，；。\d]{1,12}|(进一步|持续)?缩小")
_CLAUSES = re.compile(r"[^，；。;,]+")
# A sentence that explains the targets set before it (提出这样的预期目标，主要考虑…; 需要说明的是…;
# 这里，着重对两个目标加以说明): its figures are reasons, not targets.
_EXPLAINS = re.compile(r"\s*(?:(?:提出|确定|设定|设置)(?:这样的|上述|以上|这些|这个|这一)?(?:主要)?(?:预期)?目标|需要说明的是|"
                       r"这里|之所以|上述目标|这些目标|这个目标|这一目标)")
# The stages of a building or housing target, listed over one object with a figure each
# (新开工及筹集人才住房和保障性住房8万套、供应4.6万套): a fragment that is only a stage is that
# object's, not a thing of its own; the object is the first fragment without its stages.
_STAGES = re.compile(r"(?:(?:新开工|开工|新建|筹集|筹建|建设|基本建成|建成|竣工|供应|交付|分配|配租|改扩建|扩建|改造)(?:及|和|、|并)?)+")
# What a rate or share is written with: its noun (失业率, 比重) or its unit (5.5%, 2个百分点).
_RATE_NOUNS = ("率", "比重", "比例", "指数", "占比")
_RATE_UNITS = ("%", "％", "‰", "个百分点")
_UNIT_ASIDE = re.compile(r"[（(][^（）()，。；]{1,6}[）)]")
_LIST_CLOSE = re.compile(r"等[^、和]{0,8}$")
# A clause that asks for work (加强对增长、就业…等主要目标的统筹平衡) sets no target of its own.
_TASK_VERB = re.compile(r"(加强|推动|推进|着力|坚持|做好|着重|促进|深化|统筹)")
# A figureless criterion whose subject is the clause before it: 固定资产投资扭转下滑态势，实现正增长
# (the subject up to its verb); and a bare noun clause before a criterion clause, one more item of
# its list (城镇新增就业人数，城镇登记失业率、节能减排…等约束性指标完成…确定的目标).
_SUBJECT_VERB = re.compile(r"(?P<subject>[^，；。]{2,20}?)(扭转|保持|实现|确保|力争|持续|继续|加快|推动|稳定)")
_BARE_NOUN_MAX = 12
# A clause that only states the level a growth target reaches (，达到326.4亿元 / ，总量突破1万亿元),
# and the growth verb an indicator then drops (地区生产总值增长 → 地区生产总值).
_LEVEL_CLAUSE = re.compile(r"(?:总量|总额|规模)?(?:达到|突破|超过|达)(?P<figure>.+)")
_GROWTH_VERB = re.compile(r"(增长|下降|提高|降低|增加|减少)$")
# A figureless target whose verb comes first: (全面)完成(国家|省|市)下达的 X (控制)目标任务; a list
# closed by 等…指标 (完成节能减排等指标任务) names its items without the summary noun.
_DONE_FIRST = re.compile(r"(?:全面|确保)?完成(?:[^，；。的]{0,8}下达的)?(?P<what>[^，；。]{2,20}?)"
                         r"(?:等[^，；。、]{0,6}?指标(?:任务)?|(?:控制)?(?:目标任务|目标))?$")


def _qualifier(before: str | None, after: str | None, trailing: str | None) -> tuple[Qualifier | None, str | None]:
    if before:
        return _BEFORE[before], before
    word = after or trailing
    return (_AFTER[word], word) if word else (None, None)


def qualifier_of(word: str | None) -> Qualifier | None:
    """The qualifier a bounding word states (左右: about, 不超过: at_most), or None for another word."""
    if not word:
        return None
    found = _BEFORE.get(word) or _AFTER.get(word)
    return found


def _indicator(text: str) -> str:
    text = _OPENERS.sub("", _LINE_BREAKS.sub("", text.strip()))
    return _LEAD_WORDS.sub("", text).strip(" 、：:")


def _target(text: str, start: int, end: int, indicator: str, m: re.Match[str] | None,
            trailing: str | None = None, unit: str | None = None, basis: IndicatorBasis | None = None) -> Target | None:
    if not indicator:
        return None
    if m is None:
        crit = _CRITERION.search(text, start, end)
        return Target(indicator=indicator, comparison=crit.group(0) if crit else None,
                      evidence=text[start:end], span=Span(start=start, end=end), indicator_basis=basis)
    qualifier, word = _qualifier(m.group("before"), m.group("after"), trailing)
    return Target(
        indicator=indicator, value=float(m.group("value")),
        value_high=float(m.group("high")) if m.group("high") else None,
        unit=m.group("unit") or unit, qualifier=qualifier, qualifier_text=word,
        evidence=text[start:end], span=Span(start=start, end=end), indicator_basis=basis,
    )


def _is_rate(name: str, m: re.Match[str]) -> bool:
    """True for a rate or share (城镇调查失业率5.5%): a 新增 that leads a list of counts is not its."""
    return name.endswith(_RATE_NOUNS) or (m.group("unit") or "") in _RATE_UNITS


def _shared_head(names: list[str]) -> str:
    """The head the first listed indicator shares with the others (万元GDP in 万元GDP能耗、水耗):
    up to its last Latin letter or digit when it has one, else what it has beyond the last."""
    if len(names) < 2:
        return ""
    latin = [i for i, c in enumerate(names[0]) if c.isascii() and c.isalnum()]
    if latin and latin[-1] < len(names[0]) - 1:
        return names[0][: latin[-1] + 1]
    return names[0][: max(0, len(names[0]) - len(names[-1]))]


def _urban_rural(names: list[str], figures: int) -> list[str]:
    """The genre's urban and rural pair: 城乡居民人均可支配收入分别增长7%和8% sets one figure for
    城镇 and one for 农村 residents; 城镇、农村居民人均可支配收入 shares its tail."""
    if len(names) == 1 and figures == 2 and names[0].startswith("城乡"):
        rest = names[0][2:]
        return ["城镇" + rest, "农村" + rest]
    if len(names) == 2 and names[0] in ("城镇", "城市") and names[1].startswith(("农村", "乡村")):
        return [names[0] + names[1][2:], names[1]]
    return names


# The measure an indicator ends with (环境质量, 可支配收入, 排放量): in a list (大气、水环境质量) an earlier
# item without one is the modifier of the same measure, written once at the list's end.
_MEASURE_END = re.compile(r"(质量|收入|总额|总量|排放量|浓度|比重|比例|率|水平|指数|能耗|水耗)$")


def _shared_tails(names: list[str]) -> list[str]:
    """Each listed indicator named in full: an item without a measure before the last item that has
    one takes the last item's measure (大气、水环境质量 → 大气环境质量, 水环境质量; the last item's first
    word is its own modifier). A list of whole indicators (工业、投资、消费、外贸进出口) is kept."""
    if len(names) < 2 or not _MEASURE_END.search(names[-1]):
        return names
    last = words(names[-1])
    tail = "".join(last[1:]) if len(last) > 1 else ""
    if not tail:
        return names
    return [n + tail if i < len(names) - 1 and len(words(n)) == 1 and not _MEASURE_END.search(n) else n
            for i, n in enumerate(names)]


def clause_targets(text: str, start: int, end: int) -> list[Target]:
    """The targets one clause (between ，；。) states: none, one, or one per listed figure."""
    figures = [m for m in FIGURE.finditer(text, start, end) if m.group("unit") or m.group("after")]
    if not figures:
        if done := _DONE_FIRST.match(text, start, end):
            # 全面完成年度节能减排任务 / 完成国家下达的能耗强度控制目标任务: the verb leads, what is done
            # is the indicator; each of a listed few (完成节能减排、安全生产等约束性指标任务) is one.
            return [Target(indicator=what, comparison=text[start:end],
                           evidence=text[start:end], span=Span(start=start, end=end))
                    for what in done.group("what").split("、") if what]
        crits = list(_CRITERION.finditer(text, start, end))
        if not crits or crits[0].start() - start < 2 or _TASK_VERB.match(text, start, end):
            return []
        if len(crits) > 1 and text[crits[0].end():crits[1].start()].lstrip().startswith("、"):
            # 农村贫困人口全部脱贫、贫困县全部摘帽: criteria listed in one clause, each its own target
            cut = text.index("、", crits[0].end())
            return [*clause_targets(text, start, cut), *clause_targets(text, cut + 1, end)]
        crit = crits[0]
        # 城镇登记失业率、节能减排、安全生产等约束性指标完成…: the list closes with 等, whose summary
        # noun (约束性指标) is none of its indicators
        head = _indicator(text[start:crit.start()])
        if "、" in head:  # (a single 金融等风险 is its own indicator)
            head = _LIST_CLOSE.sub("", head)
        heads = [h.strip() for h in re.split(r"和|、", head)]
        # 万元GDP能耗、水耗持续下降: the later indicators share the first one's head (万元GDP水耗)
        # (only a head written with Latin letters or digits: 单位国内生产总值能耗和主要污染物排放量 share none)
        prefix = _shared_head(heads) if any(c.isascii() and c.isalnum() for c in heads[0]) else ""
        heads = [h if i == 0 or not prefix or h.startswith(prefix) else prefix + h for i, h in enumerate(heads)]
        named = _shared_tails(heads)
        return [t for h, n in zip(heads, named)
                if (t := _target(text, start, end, n, None, basis="composed" if n != h else None))]
    first = figures[0]
    head_text = text[start:first.start()]
    trailing = figures[-1].group("after")
    last_unit = figures[-1].group("unit")
    if "分别" in head_text and len(figures) > 1:
        # 万元GDP能耗、水耗分别下降4.3%、2.5%: one verb over a list of indicators.
        before, _, verb = head_text.partition("分别")
        listed = [n for n in _indicator(before).split("、") if n]
        names = _urban_rural(listed, len(figures))
        verb = _indicator(verb)
        prefix = _shared_head(names)
        out = []
        for i, (name, m) in enumerate(zip(names, figures)):
            full = name if i == 0 or name.startswith(prefix) else prefix + name
            # The reader is told which indicators the text does not write as such: one of a list
            # with the list's head and verb is composed of its words; 城镇/农村 of 城乡 is inferred.
            written = "".join(text[start:end].split())
            listed_basis: IndicatorBasis = ("inferred" if names != listed else
                                            "stated" if full + verb in written else "composed")
            out.append(_target(text, start, end, full + verb, m, trailing, last_unit, listed_basis))
        return [t for t in out if t]
    if len(figures) == 1 and "均" in head_text:
        # 城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%: one verb and one figure over a
        # list of indicators, each a target of its own with the verb, sharing the clause.
        before, _, verb = head_text.rpartition("均")
        listed = [n for n in re.split(r"、|和", _indicator(before)) if n]
        if len(listed) > 1:
            names = _shared_tails(_urban_rural(listed, 2))
            verb = _indicator(verb)
            written = "".join(text[start:end].split())
            return [t for name in names
                    if (t := _target(text, start, end, name + verb, first, trailing, last_unit,
                                     "stated" if name + verb in written else "composed"))]
    out = []
    lead = re.match(r"新增|新开工|新建", _indicator(head_text))
    subject = _STAGES.sub("", _indicator(head_text))
    frag_start = start
    for i, m in enumerate(figures):
        name = _indicator(text[frag_start:m.start()])
        basis: IndicatorBasis | None = None
        if i and _STAGES.fullmatch(name) and subject:
            name, basis = subject + name, "composed"  # 供应4.6万套: the stage of the first fragment's object
        elif i and lead and not name.startswith(lead.group(0)) and not _is_rate(name, m):
            name, basis = lead.group(0) + name, "composed"  # the list's leading 新增, written once
        frag_end = m.end() if i < len(figures) - 1 else end
        out.append(_target(text, frag_start, frag_end, name, m, None, basis=basis))
        frag_start = m.end()
        # A unit's aside (3万套（间）) belongs to the figure before, not to the next indicator.
        if aside := _UNIT_ASIDE.match(text, frag_start, end):
            frag_start = aside.end()
        while frag_start < end and text[frag_start] in "、和及 ":
            frag_start += 1
    return [t for t in out if t]


def _level(text: str, start: int, end: int, previous: Target | None) -> Target | None:
    """The level a growth target reaches, stated in a clause of its own after it
    (地区生产总值增长7.5%，达到326.4亿元): a target of the indicator without its verb
    (地区生产总值, 326.4 亿元), whose evidence runs from the growth target on."""
    m = _LEVEL_CLAUSE.fullmatch(text, start, end)
    if m is None or previous is None or previous.value is None:
        return None
    figure = FIGURE.fullmatch(text, m.start("figure"), end)
    indicator = _GROWTH_VERB.sub("", previous.indicator)
    if figure is None or not figure.group("unit") or not indicator or indicator == previous.indicator:
        return None
    span = Span(start=previous.span.start, end=end)
    return _target(text, span.start, end, indicator, figure)


def _with_previous_clause(text: str, previous: tuple[int, int], start: int, end: int,
                          found: list[Target]) -> list[Target]:
    """The targets of a figureless criterion clause, completed by the clause before it in the same
    sentence when that one gave none: its subject (固定资产投资扭转下滑态势，实现正增长) or one
    more indicator of its list (城镇新增就业人数，城镇登记失业率…等约束性指标完成…)."""
    a, b = previous
    crit = _CRITERION.search(text, start, end)
    if crit is None or FIGURE.search(text, a, b):
        return found
    if not found and crit.start() - start < 2:
        subject = _SUBJECT_VERB.match(text, a, b)
        if subject:
            return [t for t in [_target(text, a, end, _indicator(subject.group("subject")), None)] if t]
        return found
    if found and all(t.value is None for t in found) and b - a <= _BARE_NOUN_MAX and not _CRITERION.search(text, a, b):
        first = _target(text, a, end, _indicator(text[a:b]), None)
        return [t for t in [first] if t] + [t.model_copy(update={"evidence": text[a:end], "span": Span(start=a, end=end)})
                                            for t in found]
    return found


def find_targets(text: str, start: int, end: int) -> list[Target]:
    """Every target stated in ``text[start:end]`` (the passage after the 主要预期目标 cue)."""
    targets: list[Target] = []
    previous: tuple[int, int] | None = None  # a clause of this sentence that gave no target
    # The genre states its targets in the sentences right after the cue; the first sentence after
    # them that sets none (需要说明的是…, 提出上述目标，主要考虑…) ends the passage, wherever the
    # paragraph ends (a one-line text has no paragraph end to stop at).
    sentence_from = 0  # index in ``targets`` where the current sentence's targets begin
    for m in _CLAUSES.finditer(text, start, end):
        if m.start() > start and text[m.start() - 1] == "。":
            if targets and (len(targets) == sentence_from or _EXPLAINS.match(text, m.start(), end)):
                break
            sentence_from = len(targets)
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b - a >= 3:
            level = _level(text, a, b, targets[-1] if targets else None)
            found = [level] if level else clause_targets(text, a, b)
            if previous is not None and not level:
                found = _with_previous_clause(text, previous, a, b, found)
            targets.extend(found)
            previous = (a, b) if not found else None
        if m.end() < end and text[m.end()] in "。；;":
            previous = None  # the sentence (or its ；-clause) ends
    return targets
