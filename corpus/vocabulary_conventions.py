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

# ---- people as parties -------------------------------------------------------------------------------

# Labels and table columns that name the leader over a task: "牵头领导：副县长 张伟", a 牵头县领导 column.
# A header is a leader column when it ends in LEADER_NOUN, after at most one of these qualifiers and a level.
LEADER_NOUN = "领导"
LEADER_QUALIFIERS = ("牵头", "责任", "分管", "包保", "挂钩", "挂点", "包片", "联系", "协调", "主要")
LEADER_LEVELS = ("县", "市", "区", "省", "镇", "乡", "街道", "局", "部", "委")
# Posts a person is named by (the end of "副县长", "县委副书记", "组织部部长"), besides POSITIONS.
PERSON_POSTS = ("县长", "市长", "区长", "省长", "镇长", "乡长", "书记", "主任", "部长", "局长", "主席", "秘书长",
                "常委", "委员", "调研员", "巡视员", "总经理", "董事长", "政委", "检察长", "庭长", "院长")

# Posts that are a sentence's subject besides those ending in 员/长 ("市委书记履行第一责任人职责",
# "街道办事处主任：负责…", "其他班子成员：对分管领域…负责").
SUBJECT_POSTS = ("书记", "副书记", "主任", "副主任", "班子成员")
# "X是本地区党建工作第一责任人", "市委书记履行第一责任人职责": a copula (or performing the duty of) and the
# noun that makes its subject responsible. "履行" alone is no duty verb: "督导有关部门履行职责" names an object.
RESPONSIBLE_COPULAS = ("是", "为", "作为", "系", "履行", "切实履行", "认真履行")
RESPONSIBLE_NOUNS = ("第一责任人", "主要责任人", "直接责任人", "第一责任主体", "责任主体", "重要责任人")
# ---- leader ↔ place pairings written as lines --------------------------------------------------------

# "张三（县委副书记）联系城关镇、东坝乡；": the verbs that assign a leader to places (longest first in use).
PAIRING_VERBS = ("联系指导", "挂钩联系", "挂点联系", "联系", "挂钩", "挂点", "包片", "包村", "分包", "包保", "蹲点")
# The kind a place's ending names, for the column the pairings are read into ("联系乡镇").
PLACE_KIND_ENDS = (("街道", "街道"), ("社区", "社区"), ("镇", "乡镇"), ("乡", "乡镇"), ("村", "村"),
                   ("片区", "片区"), ("企业", "企业"), ("学校", "学校"))
PAIRING_PERSON_HEADER, PAIRING_POST_HEADER = "领导", "领导职务"
# The level a leader's post names ("县委副书记" → 县领导), the first one found.
PAIRING_LEVELS = ("省", "市", "县", "区", "镇", "乡", "街道")

# "牵头单位及责任人：市发改委 张三": a unit label joined to a people word names the unit and its person.
PEOPLE_AFTER_LABEL = ("责任人", "负责人", "责任领导", "分管领导")

# "街道党工委对辖区基层党建工作负总责": the subject answers for what follows 对; the role each ending gives.
# (负总责 is no 牵头: where several bodies each answer for their part, none leads the others)
ANSWERS_FOR_ENDS = (("负总责", "shared"), ("负全责", "shared"), ("全面负责", "shared"), ("负主体责任", "shared"),
                    ("负直接责任", "shared"), ("负领导责任", "shared"), ("负责", "shared"))
