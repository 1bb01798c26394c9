"""The one vocabulary of responsibility roles: every phrase that assigns a role, as data.

Each row is (phrase, role, kinds):
- role: lead (牵头) / cooperate (配合) / responsible (named as responsible, no lead stated) /
  shared (按职责分工负责) / coordinate (协调) / guide (指导);
- kinds: where the phrase occurs — ``label`` ("牵头单位：A"), ``suffix`` ("A牵头", "A负责"),
  ``column`` (a table header), ``question`` (a word people use to ask for that role).

Every pattern that reads roles — item parentheses, label lines, inline sentences, table columns and
question words — is generated from these rows, so a new convention is one new row here. Units store
``responsible`` as their ``shared`` tuple (several units answering together, none designated lead).
"""

from __future__ import annotations

import re
from functools import cache

from corpus import vocabulary_conventions as _c

LABEL, SUFFIX, COLUMN, QUESTION = "label", "suffix", "column", "question"
# VERB: a duty verb after a party that is the clause's subject ("各乡镇提供名单，区民政局汇总"): the party
# is responsible for that part. Only read where the subject is a recognised name (corpus/parties.py).
VERB = "verb"
ROLES = ("lead", "cooperate", "responsible", "shared", "coordinate", "guide")

UNIT_NOUNS = ("单位", "部门", "处室", "科室", "股室", "机构")
# The words of support: each makes a cooperate label ("配合单位", "参与部门"); answers show a supporting unit
# with the word its document used (assistant/documents/units_index.py).
COOPERATE_STEMS = ("配合", "协办", "协助", "参与", "参加", "协作", "协同")
# "A会同B…" (A leads, B co-operates), "A联合B…" (both act together).
JOINT_VERBS = ("会同", "联合")
# "A配合B落实…": A supports B in B's work (one of SUPPORTED_VERBS).
SUPPORT_VERBS = ("配合", "协助")
SUPPORTED_VERBS = ("落实", "负责", "实施", "开展", "做好", "推进")
# Role suffixes that are also plain verbs: in running text "落实", "实施" alone assign no one.
PLAIN_VERBS = ("落实", "实施")
# What follows a role word when it is a noun, not an assignment: "负责人", "负责同志", "负责的", "负责单位".
NOT_AFTER_ROLE = ("人", "同志", "的", "单位", "部门")

PHRASES: tuple[tuple[str, str, frozenset[str]], ...] = (
    # lead
    *((f"{w}{n}", "lead", frozenset({LABEL, COLUMN})) for w in ("牵头", "主责", "主办", "牵头责任") for n in UNIT_NOUNS),
    ("牵头", "lead", frozenset({SUFFIX, QUESTION, COLUMN})),
    ("牵头抓总", "lead", frozenset({SUFFIX})),
    ("牵头负责", "lead", frozenset({SUFFIX})),
    ("牵头实施", "lead", frozenset({SUFFIX})),
    ("牵头落实", "lead", frozenset({SUFFIX})),
    ("牵头组织", "lead", frozenset({SUFFIX})),
    ("总牵头", "lead", frozenset({SUFFIX})),
    ("主责", "lead", frozenset({SUFFIX, QUESTION})),
    ("负总责", "lead", frozenset({SUFFIX})),
    ("负责牵头", "lead", frozenset({SUFFIX})),  # "由X负责牵头抓总", "X负责牵头推动…"
    ("负责牵头抓总", "lead", frozenset({SUFFIX})),
    ("主办", "lead", frozenset({QUESTION})),
    # cooperate
    *((f"{w}{n}", "cooperate", frozenset({LABEL, COLUMN}))
      for w in COOPERATE_STEMS for n in UNIT_NOUNS),
    ("配合", "cooperate", frozenset({SUFFIX, QUESTION})),
    ("协助", "cooperate", frozenset({SUFFIX, QUESTION})),
    ("参与", "cooperate", frozenset({SUFFIX})),
    ("协办", "cooperate", frozenset({SUFFIX, QUESTION})),
    ("共同参与", "cooperate", frozenset({SUFFIX})),
    ("参加", "cooperate", frozenset({SUFFIX})),  # "县民政局等有关部门参加"
    ("积极配合", "cooperate", frozenset({SUFFIX})),
    ("协同", "cooperate", frozenset({SUFFIX})),
    # responsible: named as responsible, no lead among them unless the document designates one
    *((f"{w}{n}", "responsible", frozenset({LABEL, COLUMN}))
      for w in ("责任", "责任制", "实施", "落实", "承办", "主体责任", "具体负责", "负责", "执行",
                "主要责任") for n in UNIT_NOUNS),
    ("责任主体", "responsible", frozenset({LABEL, COLUMN})),
    ("负责", "responsible", frozenset({SUFFIX, QUESTION})),
    ("具体负责", "responsible", frozenset({SUFFIX})),
    ("负责落实", "responsible", frozenset({SUFFIX})),
    ("负责实施", "responsible", frozenset({SUFFIX})),
    # "所在乡镇人民政府组织实施", "各片区具体落实": the verb is no part of the name
    *((w, "responsible", frozenset({SUFFIX})) for w in ("组织实施", "具体实施", "负责组织实施", "组织落实", "具体落实")),
    ("共同负责", "responsible", frozenset({SUFFIX})),
    ("落实", "responsible", frozenset({SUFFIX})),
    ("实施", "responsible", frozenset({SUFFIX})),
    ("责任", "responsible", frozenset({QUESTION})),
    # shared: "按职责分工负责"
    ("按职责分工负责", "shared", frozenset({SUFFIX})),
    ("按照职责分工负责", "shared", frozenset({SUFFIX})),
    ("按职能分工负责", "shared", frozenset({SUFFIX})),
    ("按职责负责", "shared", frozenset({SUFFIX})),
    ("分工负责", "shared", frozenset({SUFFIX})),
    ("按职责分工落实", "shared", frozenset({SUFFIX})),
    # coordinate
    *((f"协调{n}", "coordinate", frozenset({LABEL, COLUMN})) for n in UNIT_NOUNS),
    ("组织协调", "coordinate", frozenset({SUFFIX})),
    ("统筹协调", "coordinate", frozenset({SUFFIX})),
    ("协调", "coordinate", frozenset({SUFFIX})),
    # "A会同B负责": A leads, B co-operates; "A联合B对…开展": A and B act together (see units.py, inline.py)
    *((w, "coordinate", frozenset()) for w in JOINT_VERBS),
    # people, not units: "牵头领导：张三" / a 责任人 column is read as no unit at all
    *((w, "person", frozenset({LABEL})) for w in ("牵头领导", "责任领导", "分管领导", "联系领导", "责任人", "联系人")),
    # "包保领导：", "牵头县领导：" (corpus/vocabulary_conventions.py): the leader over the task, a person
    *((f"{q}{lv}{_c.LEADER_NOUN}", "person", frozenset({LABEL}))
      for q in _c.LEADER_QUALIFIERS for lv in ("", *_c.LEADER_LEVELS)),
    # guide
    *((f"指导{n}", "guide", frozenset({LABEL, COLUMN})) for n in UNIT_NOUNS),
    ("指导", "guide", frozenset({SUFFIX})),
    ("业务指导", "guide", frozenset({SUFFIX})),
)

# "牵头单位及责任人：市发改委 张三" (corpus/vocabulary_conventions.py): the unit label's role, with people.
PHRASES += tuple((f"{p}及{x}", r, frozenset({LABEL, COLUMN})) for p, r, kinds in PHRASES
                 if LABEL in kinds and r in ("lead", "responsible", "cooperate") and p.endswith(UNIT_NOUNS[:2])
                 for x in _c.PEOPLE_AFTER_LABEL)

# Duty verbs (kind VERB): what a named body does in a task sentence.
PHRASES += tuple((w, "responsible", frozenset({VERB})) for w in (
    "提供", "汇总", "报送", "上报", "制定", "研究制定", "起草", "审核", "审查", "核实", "核查", "督促", "督查", "检查",
    "统计", "收集", "排查", "整治", "组织", "开展", "承担", "抓好", "做好", "推进", "建立", "完善", "监督", "解释",
    "编制", "发布", "通报", "验收", "考核", "评估", "宣传", "培训", "巡查", "清理", "办理", "审批", "受理", "保障",
    "下达", "核对", "责成", "进行", "联系", "安排", "保管",
))
# Role words that, followed by an object, mean "together with" and name no role: "各处室要协同辖区学校开展
# 宣传" — the subject does the work (responsible), the object is a partner, not a lead it supports.
TOGETHER_VERBS = ("协同", "协作")
# "A委托B代为召开": B does A's work on A's behalf — both answer for it; "A与B签订…协议": the two sides of an
# agreement both act (corpus/inline.py). 委托 without 代为 ("委托区公证部门进行鉴别") names a body engaged, no party.
DELEGATE_VERBS, ON_BEHALF_WORDS, AGREEMENT_VERBS = ("委托",), ("代为", "代表"), ("签订", "签署")
# Duty verbs that also begin names of bodies ("组织部", "宣传部", "督查组"): before an organisation
# suffix they are part of a name, not a verb.
NOUN_VERBS = ("组织", "宣传", "统计", "监督", "检查", "巡查", "督查", "考核", "培训", "审批", "保障", "审查", "协调")
NAME_AFTER_VERB = re.compile(rf"(?:{'|'.join(NOUN_VERBS)})(?:部|组|局|科|处|室|办|站|所|队|中心)")
# "县工信局为牵头单位，县通信公司为责任单位": every unit label also works as "为<label>" after its units.
LABEL_COPULAS = ("为", "作为", "是")
PHRASES += tuple((f"{v}{p}", r, frozenset({SUFFIX})) for v in LABEL_COPULAS
                 for p, r, kinds in PHRASES if LABEL in kinds and r != "person")
# "党政办牵头、各处室分别负责": each answers for its own part
PHRASES += (("分别负责", "shared", frozenset({SUFFIX})), ("分别落实", "shared", frozenset({SUFFIX})))

# Sentences by which a document designates the first-listed unit as lead ("列第一位者为牵头单位，下同").
FIRST_LEADS = re.compile(
    r"(?:列|排|排列|排名|排位|排序|位列|写)(?:在)?(?:第一|首|最前面?|前面?|靠前)(?:位|个|家|名)?(?:者|的|责任|单位|部门|处室)*(?:为|是|作为)?牵头|"
    r"(?:第一|首)(?:位|个|家|名)?(?:者|的|单位|部门)*(?:为|是|作为)牵头"
)
# An owner that depends on the situation: "谁主管谁负责", "谁审批谁监管", "按照属地管理原则", "根据…类型分别由…".
CONDITIONAL_OWNER = re.compile(r"谁[\u4e00-\u9fff]{1,3}谁[\u4e00-\u9fff]{1,3}|属地管理(?:原则|为主)|"
                               r"根据[^，。；;]{1,16}(?:类型|情况|级别|等级|性质)[^。；;]{0,12}分别由")
# A party named once for every later task: "以下均需各片区配合落实，不再列出", "以下各项均由区财政局配合".
CARRIED_PARTY = re.compile(r"(?:以下|下同|后同|下列|以后)[^。；;）)，,]{0,6}?均(?:需|须|由|要|请)?(?P<units>[^，,。；;）)]{2,24}?)"
                           r"(?P<role>配合|协助|参与|协办)")
# The rule applies beyond its own item: "下同", "以下同", "均", in a preamble or footnote.
CARRIES_FORWARD = re.compile(r"下同|以下各项|均为|均以")
# …or to every task of the document, wherever it is stated ("各项任务中排位靠前的责任单位为牵头单位").
GOVERNS_ALL = re.compile(r"各项任务|各项工作|所有任务|本方案(?:中|所列)")


def phrases(kind: str, role: str | None = None) -> list[tuple[str, str]]:
    """(phrase, role) rows of one kind, longest first so "牵头负责" wins over "负责"."""
    rows = [(p, r) for p, r, kinds in PHRASES if kind in kinds and (role is None or r == role)]
    return sorted(dict.fromkeys(rows), key=lambda x: -len(x[0]))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def label_words() -> str:
    """Every label phrase as one regex alternation, longest first."""
    return _alternation(p for p, _ in phrases(LABEL))


@cache
def label_regex() -> re.Pattern[str]:
    """"牵头单位：" / "责任处室:" at the start of a clause or line (full- or half-width colon)."""
    return re.compile(rf"^(?P<label>{label_words()})\s*[:：]\s*")


@cache
def label_anywhere() -> re.Pattern[str]:
    """A label inside running text ("…增长10%。责任单位：各区属国企")."""
    return re.compile(rf"(?P<label>{label_words()})\s*[:：]\s*")


def label_role(label: str) -> str:
    return next((r for p, r in phrases(LABEL) if p == label), "responsible")


@cache
def role_words() -> re.Pattern[str]:
    """Any role phrase: tells a responsibility parenthesis from an explanatory one."""
    words = [p for p, _, kinds in PHRASES if kinds & {SUFFIX, LABEL}]
    return re.compile(_alternation(words))


_PEOPLE_COLUMN = re.compile(r"领导|责任人|联系人|负责人|姓名")
_COLUMN_PRIORITY = ("lead", "cooperate", "guide", "coordinate", "responsible", "shared")


@cache
def _column_stems() -> tuple[tuple[str, str], ...]:
    stems = []
    for phrase, role in phrases(COLUMN):
        stem = re.sub(f"(?:{'|'.join(UNIT_NOUNS)})$", "", phrase) or phrase
        stems.append((stem, role))
    return tuple(sorted(dict.fromkeys(stems), key=lambda x: _COLUMN_PRIORITY.index(x[1])))


# "责任事项" / "牵头任务" / "责任内容": the column holds the tasks, whatever role word it starts with.
_TASK_COLUMN = re.compile(r"(?:事项|任务|内容|措施|要求|清单)$")


def column_role(header: str) -> str | None:
    """The role a table column assigns ("牵头单位" → lead, "配合/责任单位" → cooperate), or None.

    The role word decides, in priority order: a "配合/责任单位" column lists co-operators. Columns of
    people ("牵头领导", "责任人") assign no unit."""
    h = re.sub(r"\s+", "", header)
    if len(h) > 12 or _PEOPLE_COLUMN.search(h) or _TASK_COLUMN.search(h):
        return None
    for stem, role in _column_stems():
        if stem in h:
            return role
    return None


def question_role(text: str) -> str | None:
    """The role a question asks about: lead / cooperate / responsible, or None."""
    for phrase, role in phrases(QUESTION):
        if phrase in text:
            return role
    return None


@cache
def question_regex(role: str) -> re.Pattern[str]:
    return re.compile(_alternation(p for p, _ in phrases(QUESTION, role)))
