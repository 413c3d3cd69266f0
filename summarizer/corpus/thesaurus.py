"""The genre's interchangeable words, folded to one form before terms are counted.

法治政府建设年度报告 name the same measure in several set ways from one year, or one
drafter, to the next: the 普法 plans of the central 八五普法规划 call it 法治宣传教育, the
reports write 普法, 法治宣传 or 普法宣传 for the same work. A plan of year N and the
achievement of year N+1 that carries it out share the measure, not always its wording.
Each entry below is a set of wordings the genre uses for one thing; every wording is
rewritten to the first of its set (longest wordings first, so 法治宣传教育 is not left as
普法教育). Only wordings the genre uses interchangeably belong here: a near neighbour that
names a different measure (考核 and 评查, 执法 and 监督) does not.

The same folding is applied to the genre's reports when ``genre_terms.json`` is built, so
a folded word weighs what all its wordings together say.
"""

from __future__ import annotations

import re

# (the form kept, the wordings folded into it); each comment says why the genre treats them as one.
SYNONYM_SETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # 普法 is the genre's short name for 法治宣传教育 (the 普法规划 are "法治宣传教育第N个五年规划");
    # reports write either, and 普法宣传 / 法治宣传 for the same campaigns and stalls.
    ("普法", ("法治宣传教育", "普法宣传教育", "法制宣传教育", "法治宣传", "普法宣传", "法制宣传")),
    # The 普法 plans name the groups they target 重点对象; reports of the work done write
    # 重点人群 or 重点群体 for the same 领导干部、青少年、企业经营管理人员 ….
    ("重点对象", ("重点人群", "重点群体")),
    # The 国家工作人员学法用法制度 is reported as cadres who 尊法学法守法用法 in any order of the
    # four verbs: all name the one duty of officials to study and apply the law.
    ("学法用法", ("尊法学法守法用法", "尊法学法用法守法", "尊法学法守法", "学法守法用法", "学法用法守法",
                 "尊法学法", "学法守法")),
    # A 普法志愿者队伍 and a 志愿队伍 / 志愿服务队伍 of a 普法 section are the same volunteers.
    ("志愿者队伍", ("志愿服务队伍", "志愿队伍")),
)

_FOLD = {variant: kept for kept, variants in SYNONYM_SETS for variant in variants}
_PATTERN = re.compile("|".join(re.escape(v) for v in sorted(_FOLD, key=len, reverse=True)))


def fold(text: str) -> str:
    """``text`` with each of the genre's interchangeable wordings rewritten to the form kept."""
    return _PATTERN.sub(lambda m: _FOLD[m.group(0)], text)
