"""Wording of conventions from other regions and levels (national 分工方案, provincial to street documents).

Data only, in the style of corpus/roles.py; the patterns that read these rows are generated where they are
used (corpus/headings.py, corpus/units.py, corpus/inline.py, corpus/parties.py). Split from
corpus/vocabulary.py, which is at its size limit.
"""

from __future__ import annotations

# A numbered entry written with a noun before its number: "任务1：…", "任务一：…", "事项3.", "措施2、".
ITEM_LABEL_NOUNS = ("任务", "事项", "措施", "举措")

# Plain verbs that assign work only after 由: "由区住建局具体实施", "由市财政局组织实施", "由各县抓好落实",
# "由县档案馆具体承办" (in running text "落实", "实施" alone name no one: corpus/roles.py PLAIN_VERBS).
BY_ONLY_VERBS = ("实施", "落实", "承办", "执行")
# What may stand between the party and such a verb: "具体", "组织", "抓好", "认真", "统一".
BY_VERB_PREFIXES = ("具体", "组织", "抓好", "认真", "统一", "负责组织", "牵头组织")
