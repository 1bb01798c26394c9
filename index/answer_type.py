"""What kind of phrase answers a question: "几次" wants a frequency, "多久" a period or date, "多少分" a
score. Among passages that match the question's words about equally, the one that also holds such a
phrase is the one that answers it ("民主生活会一年开几次" → "每年至少召开1次民主生活会", not a
passage that merely mentions 民主生活会).

Pure and corpus-independent: the patterns describe Chinese policy-document phrasing, not any document.
"""

from __future__ import annotations

import re

from corpus import vocabulary as v
from corpus import vocabulary_questions as qv
from corpus.vocabulary import (
    FUND_SOURCE_ASKS,
    FUND_SOURCES,
    MEASURE_WORDS,
    PLACE_ASKS,
    PLACE_NOUNS,
    PLACE_VERBS,
    alternation,
    one_of,
)

# How much a passage or sentence holding the asked-for phrase gains (search ranking and the quoted
# sentence alike); tuned on the dev set: enough to reorder near-ties, not to lift strays.
ANSWER_TYPE_BOOST = 1.5

_N = r"[0-9０-９一二两三四五六七八九十百半]+"
# A bare "一次" is often a one-off ("召开一次专题民主生活会"); a rule says how often: 每…, 至少, 不少于.
_EVERY = (rf"每(?:[0-9０-９一二两三四五六七八九十]+个?)?(?:{one_of(v.RECURRING_PERIODS)})|[0-9０-９两二三四五六七八九十]+次"
          rf"|一(?:{one_of(v.RECURRING_PERIODS)})一")  # "一周一督导"
_FREQUENCY = re.compile(rf"{_EVERY}|{one_of(v.FREQUENCY_WORDS)}")
# "几次", "多少次" ask for a number of times: "定期" or "常态化" says how regularly, not how many times.
_TIMES = re.compile(_EVERY)
_PERIOD = re.compile(rf"{_N}个?(?:{one_of(v.DURATION_UNITS)})|[0-9]+月[0-9]+日|{one_of(v.PERIOD_WORDS)}")
# What states a time in a passage: the same without a bare 前 ("项目前期" states none).
_PERIOD_STATED = re.compile(rf"{_N}个?(?:{one_of(v.DURATION_UNITS)})|[0-9]+月[0-9]+日"
                            rf"|{one_of(w for w in v.PERIOD_WORDS if w not in v.BEFORE_WORDS)}"
                            rf"|(?<={one_of(qv.TIME_BEFORE_ENDS)})前")
# "几月几日 / 几月份" ask for a point in the calendar: a month (with its day), a part of a month or year;
# a length of time ("全年24小时值班") does not answer them.
_DATE = re.compile(rf"{_N}月(?:份|{_N}[日号])?|{one_of(v.CALENDAR_POINTS)}")
_SCORE = re.compile(rf"{_N}分")
_COUNT = re.compile(rf"{_N}(?:余|多)?(?:{alternation((*MEASURE_WORDS, *v.GENERIC_COUNTERS))})")
_SHARE = re.compile(rf"[0-9.]+%|{one_of(v.SHARE_WORDS)}")
_MONEY = re.compile(rf"{_N}(?:\.[0-9]+)?(?:余|多)?(?:千|万|亿)?元")
# How a result is used ("考核结果怎么运用"): the answer says what it serves as or is tied to (USE_WORDS).
_USE = re.compile(one_of(v.USE_WORDS))
# Where something is put or published: a site ("设在…", "在区政府网站公示"), a board, a medium.
_PLACE = re.compile(rf"{alternation(PLACE_VERBS)}|{alternation(PLACE_NOUNS)}"
                    rf"|在[\u4e00-\u9fff]{{1,12}}?(?:{one_of(v.PUBLISH_VERBS)})")
# Where money comes from: a budget line, an account, a payer ("列入年度预算", "由区财政承担").
_FUND_SOURCE = re.compile(alternation(FUND_SOURCES))
_FUND_WORDS = one_of(v.FUND_WORDS)
# A reward is named: 奖励, 表彰, 表扬, 评先评优, 优先.
_REWARD = re.compile(one_of(v.REWARD_WORDS))
# A sanction is named, not counted: 给予…处分, 追究…责任, 罚款, 通报批评; for a body (软弱涣散党支部) the
# handling is an 整顿 or 整治.
_SANCTION = re.compile(one_of(v.SANCTION_WORDS))

# "要向哪些部门报备", "报给哪个处室", "交给谁": the body something goes to, named after 向 / 报 / 交 / 送.
RECIPIENT_KIND = "报送对象"
# How a question asks where something goes: "向哪些部门", "报给谁", "交到哪个处室".
RECIPIENT_ASKED = re.compile(rf"(?:向|(?:{one_of(qv.REPORT_ASK_VERBS)})(?:{one_of(qv.REPORT_TO_MARKS)})?)(?:哪|谁)"
                             rf"[{qv.WHICH_COUNTERS}]?(?:{one_of(qv.RECIPIENT_NOUNS)})?")
_ORG_END = rf"(?:{one_of(qv.RECIPIENT_ENDS)})"
_RECIPIENT = re.compile(rf"(?:向|报送至?|{one_of(qv.REPORT_TO_VERBS)}|提交至?)[^，。；;]{{0,12}}?{_ORG_END}"
                        rf"|报(?:{one_of(qv.RECIPIENT_SCOPES)})[^，。；;]{{0,10}}?{_ORG_END}")

# "根据哪个文件开展的", "依据党群工作部哪个文件发的": the document a text rests on, answered by its 文号
# (岚党群通〔2022〕25号). The router reads the same cue: such a question asks for a document the text cites,
# not which of the corpus documents mention something.
BASIS_QUESTION = re.compile(rf"(?:{one_of(v.BASIS_VERBS)})[\u4e00-\u9fff]{{0,12}}?(?:{one_of(v.WHICH_WORDS)})"
                            rf"(?:{one_of(v.BASIS_NOUNS)})"
                            rf"|(?:{one_of(v.WHICH_DOCUMENT)})(?:{one_of(v.DOCUMENT_NOUNS)})"
                            rf"[\u4e00-\u9fff]{{0,4}}?(?:{one_of(v.ISSUE_VERBS)})|文号")
_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（][0-9０-９]{4}[〕\]］)）]\s*[0-9０-９]+\s*号")

# Question cue → the pattern its answer contains. First match wins: the cues are ordered from the
# most specific ("多少分") to the most general ("多少").
# "组长是谁": the holder of a post is named where the post is given ("组  长：张三", "由张三担任").
_APPOINTED = one_of(p for p, kind in v.POSTS_ASKED if kind == v.APPOINTED)
_MEMBER = r"\s*".join(v.MEMBER_LABEL)  # "成  员："
_POST_HOLDER = re.compile(rf"(?:{one_of(v.HEAD_POST_STEMS)})\s*长\s*[:：]|"
                          rf"(?:{one_of(v.POST_LABELS)}|{_MEMBER})\s*[:：]|"
                          rf"由[^，。；;]{{2,20}}?(?:{one_of(v.APPOINT_VERBS)})|任(?:{_APPOINTED})")
_POST_ASKED = re.compile(rf"(?:{one_of(p for p, _ in v.POSTS_ASKED)})(?:{one_of(v.WHO_ASKS)})"
                         rf"|谁(?:{one_of(v.WHO_HOLDS)})(?:{_APPOINTED})")

_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (_POST_ASKED, _POST_HOLDER),
    (re.compile(one_of(v.TIMES_CUES)), _TIMES),
    (re.compile(rf"(?:{one_of(v.HOW_LONG)})[\u4e00-\u9fff]{{0,12}}?一次|{one_of(v.FREQUENCY_CUES)}"), _FREQUENCY),
    (re.compile(one_of(v.SCORE_CUES)), _SCORE),
    (re.compile(one_of(v.SHARE_CUES)), _SHARE),
    (re.compile(rf"多少钱|(?:多少|几)(?:万|千|亿)?元|多少[\u4e00-\u9fff]{{0,4}}?(?:{one_of(v.FUNDS_AFTER_ASK)})"
                rf"|{one_of(v.MONEY_CUES)}"
                rf"|(?:{one_of(v.COMPUTED_FUNDS)})[\u4e00-\u9fff]{{0,4}}?(?:{one_of(v.COMPUTE_ASKS)})"
                rf"|(?:{one_of(v.FUNDS_BEFORE_ASK)})[\u4e00-\u9fff]{{0,6}}?多少"), _MONEY),
    (re.compile(rf"(?:{one_of(v.SANCTION_ASKS)})(?:{one_of(v.SANCTION_NOUNS)})(?!{one_of(qv.SANCTION_NOT_BEFORE)})"
                rf"|(?:{one_of(v.SANCTION_HOW)})(?:{one_of(v.SANCTION_VERBS)})"), _SANCTION),
    (re.compile(rf"(?:{one_of(v.USE_HOW)})(?:{one_of(v.USE_VERBS)})|{one_of(v.USE_CUES)}"), _USE),
    (re.compile(rf"(?:{one_of(v.REWARD_ASKS)})(?:{one_of(v.REWARD_NOUNS)})|{v.REWARD_NOUNS[0]}(?:{one_of(v.REWARD_AFTER)})"),
     _REWARD),
    (re.compile(rf"(?:{_FUND_WORDS})[\u4e00-\u9fff]{{0,4}}?(?:{alternation(FUND_SOURCE_ASKS)})"), _FUND_SOURCE),
    (BASIS_QUESTION, _DOCUMENT_NUMBER),
    (RECIPIENT_ASKED, _RECIPIENT),
    (re.compile(one_of(v.DATE_CUES)), _DATE),
    (re.compile(one_of(v.PERIOD_CUES)), _PERIOD),
    (re.compile(rf"多少|几(?:{alternation((*MEASURE_WORDS, '个'))})"), _COUNT),
    (re.compile(alternation(PLACE_ASKS)), _PLACE),
)


# "多少字" / "几篇" name the counter the answer uses: "5700余字", not any number. 个 is the generic
# classifier ("最少几个" is answered by "不少于3人"), so it keeps the general pattern.
_COUNTER = re.compile(rf"(?:多少|几)({alternation(MEASURE_WORDS)})")


_KIND_NAMES = {id(_FREQUENCY): "频次", id(_TIMES): "频次", id(_SCORE): "分值", id(_SHARE): "比例", id(_PERIOD): "时间或期限", id(_DATE): "日期",
               id(_COUNT): "数量", id(_MONEY): "金额", id(_SANCTION): "处理或处分",
               id(_USE): "用途", id(_REWARD): "奖励", id(_DOCUMENT_NUMBER): "依据文件", id(_POST_HOLDER): "担任职务的人",
               id(_PLACE): "地点", id(_FUND_SOURCE): "经费来源", id(_RECIPIENT): RECIPIENT_KIND}


# The kinds that a rule in the text states (how often, a score, a share, a period): the router answers
# them from the text, not from a roster of duties or points (assistant/intents.asks_rule).
RULE_KINDS = frozenset(_KIND_NAMES[id(p)] for p in (_FREQUENCY, _TIMES, _SCORE, _SHARE, _PERIOD))
# Kinds whose phrase is bound to what the question asks of: a 文号 answers "依据哪个文件", a sum of the fund
# named ("工资…800～1200元") answers "工资多少". A sentence stating one while sharing the question's words is
# evidence enough at a lower word coverage (index/gates.py); a count or a date, met in any sentence, is not.
BOUND_KINDS = frozenset({_KIND_NAMES[id(_DOCUMENT_NUMBER)], _KIND_NAMES[id(_MONEY)]})
# Counters too generic to bind a count to its object: "多少个" / "几项" are met in any list.
_LOOSE_COUNTERS = frozenset({*v.GENERIC_COUNTERS, "项"})


def asks_bound(question: str) -> bool:
    """Whether ``question`` asks a bound phrase: a kind of BOUND_KINDS, or a count in the counter it
    names ("最多允许几级" → "控制在三级以内"; not "多少个", "几项")."""
    if answer_kind(question) in BOUND_KINDS:
        return True
    counter = _COUNTER.search(asked(question))
    return answer_pattern(question) is not None and answer_kind(question) == _KIND_NAMES[id(_COUNT)] \
        and counter is not None and counter.group(1) not in _LOOSE_COUNTERS
# Kinds whose phrase decides which sentence of a passage answers: only a sentence naming where something
# goes ("主动向区经济发展局、执法应急局同步报备") answers "向哪些部门报备", however many other words
# another sentence shares ("完成报备后需接受相关部门联合监管").
DECISIVE_KINDS = frozenset({RECIPIENT_KIND})


_SEVERAL = re.compile(one_of(qv.SEVERAL_WORDS))
_WHICH_FEW = re.compile(one_of(qv.WHICH_FEW_WORDS))
_ACCOUNTABILITY = re.compile(one_of(qv.ACCOUNTABILITY_ASKS))


def asked(question: str) -> str:
    """The question as it asks: "涉及好几个部门" says how many, as "多个部门" does, and asks no count; nor
    does "有哪几个人", which asks which people, as "有哪些人" does."""
    return _WHICH_FEW.sub("哪些", _SEVERAL.sub("多", question))


def _counted_as(counter: str) -> str:
    """The counter asked in every form that counts the same things ("多少人": 人, 名, 位)."""
    return "(?:" + one_of(dict.fromkeys((counter, *(w for forms in qv.COUNTER_FORMS if counter in forms for w in forms)))) + ")"


def answer_kind(question: str) -> str:
    """What the question asks for, in words ("时间或期限" for "什么时候完成"), or "" without a cue."""
    for cue, pattern in _CUES:
        if cue.search(asked(question)):
            return _KIND_NAMES[id(pattern)]
    return ""


def asks_when(question: str) -> bool:
    """Whether the question asks for a date, a period or a span of time."""
    return answer_pattern(question) in (_PERIOD, _DATE)


def answer_pattern(question: str) -> re.Pattern[str] | None:
    """The pattern a passage answering ``question`` contains, or None for questions without a cue."""
    for cue, pattern in _CUES:
        if cue.search(asked(question)):
            if pattern is _COUNT and (counter := _COUNTER.search(asked(question))):
                return re.compile(rf"{_N}(?:余|多)?(?:万|千|百)?{_counted_as(counter.group(1))}")
            return pattern
    return None


# The fund a sum is asked of ("多少养老补贴", "工资大概多少"): a sum answers only when the text names
# that fund, or one of its family, and the qualifier the question puts on it ("养老") — "兑现工资1200元"
# is a sum, but not of a 养老补贴.
_FUND_FAMILIES = v.FUND_FAMILIES
_FUND = "|".join(w for family in _FUND_FAMILIES for w in family)
_FUND_ASKED = re.compile(rf"(?:多少|几)(?:万|千|亿)?元?(?P<q1>[\u4e00-\u9fff]{{0,4}}?)(?P<f1>{_FUND})"
                         rf"|(?P<q2>[\u4e00-\u9fff]{{0,2}}?)(?P<f2>{_FUND})[\u4e00-\u9fff]{{0,6}}?(?:是)?多少")
_NOT_QUALIFIER = re.compile(rf"^(?:{one_of(v.NOT_QUALIFIERS)})+|的$")


# "每户补助多少" asks a sum per household: "50元/人" is a sum per head, not that. The counter after 每
# (not a period: 每月, 每年 say how often) must be the one the text's sum is given per (每户, /户, 每名 for 每人).
_PER_ASKED = re.compile(rf"每(?!个?(?:{one_of(v.RECURRING_PERIODS)}|{_N}))个?(?P<c>[\u4e00-\u9fff])")


def _per_named(question: str, text: str) -> bool:
    m = _PER_ASKED.search(asked(question))
    if m is None:
        return True
    forms = next((f for f in qv.COUNTER_FORMS if m.group("c") in f), (m.group("c"),))
    return re.search(rf"[每/／]个?(?:{one_of(forms)})", text) is not None


def _fund_named(question: str, text: str) -> bool:
    m = _FUND_ASKED.search(question)
    if m is None:
        return True
    fund = m.group("f1") or m.group("f2")
    qualifier = _NOT_QUALIFIER.sub("", m.group("q1") or "")  # "多少养老补贴" → 养老; "工资大概多少" → none
    family = next(f for f in _FUND_FAMILIES if fund in f)
    return any(w in text for w in family) and (len(qualifier) < 2 or qualifier in text)


# Answers with a form a passage must show: an amount, or a named holder of a post.
_QUANTITIES = (_SCORE, _SHARE, _MONEY, _COUNT)
_STRICT = (*_QUANTITIES, _POST_HOLDER, _TIMES, _FREQUENCY, _USE, _REWARD, _DATE, _PERIOD, _SANCTION)
# Numbers that are no amount: a 文号's year and serial ("〔2015〕119号"), a year, a date.
_NOT_AN_AMOUNT = re.compile(r"[〔\[［(（][0-9０-９]{4}[〕\]］)）]\s*[0-9０-９]+\s*号|[0-9０-９]{4}\s*年|[0-9０-９]{1,2}月[0-9０-９]{1,2}日")
_ANY_NUMBER = re.compile(rf"[0-9０-９]|[一二两三四五六七八九十百千万]+(?:余|多)?[{v.NUMBER_COUNTERS}%％]|百分之")


def passage_lacks_answer(question: str, text: str) -> bool:
    """Whether a passage close to the question in words still cannot answer it: the question asks how
    much or how many (a sum, a count, a score, a share) and the passage holds no amount at all
    ("搬迁多少户居民" against "实施…居民搬迁"), or it asks who holds a post ("领导小组组长是谁") and the
    passage names nobody to one, or it asks when, on what date or with what sanction and the passage
    states no time ("什么时候前完工" against "负责项目前期…"), no date or no sanction ("怎么追责" against
    "请各科室认真完成…"). A sum must be in 元; other amounts may be written any way a table or
    sentence writes numbers ("3 项", "分值：15"), so any number will do."""
    for cue, pattern in _CUES:
        if cue.search(asked(question)):
            if pattern not in _STRICT:
                return False
            if pattern is _PERIOD:  # "什么时候前完工": a passage stating no time does not answer
                return not _PERIOD_STATED.search(text)
            if pattern is _SANCTION and not _ACCOUNTABILITY.search(question):
                return False  # "谈话记录怎么处理": a handling is worded too freely to demand

            if pattern in (_MONEY, _POST_HOLDER, _TIMES, _FREQUENCY, _USE, _REWARD, _DATE, _SANCTION):  # named, not a number
                return not carries_answer(question, text)
            text = _NOT_AN_AMOUNT.sub("", text)
            if pattern is _COUNT and (counter := _COUNTER.search(asked(question))) and counter.group(1) != "项":
                # "多少户" is answered by a number of 户 ("1.4万户"), not by a date in the same passage
                return not re.search(rf"{_N}\s*(?:余|多)?(?:万|千|百)?\s*{_counted_as(counter.group(1))}", text)
            return not _ANY_NUMBER.search(text)
    return False


# What a frequency question counts: the words next to its cue ("每年要接受几次考核" → 接受, 考核; "多久在
# 微信群里报告一次" → 在微信群里报告), after the period it counts in and without light verbs or fillers.
_HOW_OFTEN = re.compile(rf"(?:{one_of(v.HOW_LONG)})(?P<mid>[\u4e00-\u9fff]{{0,12}}?)一次(?P<after>[\u4e00-\u9fff]{{0,10}})"
                        rf"|(?:{one_of(v.TIMES_CUES)})(?P<after2>[\u4e00-\u9fff]{{0,10}})")
_COUNT_PERIOD = re.compile(rf"(?:{alternation((*v.RECURRING_PERIODS, *qv.COUNT_PERIOD_ENDS))})")
_LIGHT = re.compile(alternation((*qv.COUNTED_LIGHT_WORDS, *v.MODAL_VERBS, *v.FREQUENCY_WORDS)))
_CLAUSE_END = re.compile(r"(?<=[。；！？!?;\n])")
COUNTED_WINDOW = 10  # characters before "几次" that may name what is counted


def counted_terms(question: str) -> list[str]:
    """The words naming what a frequency question counts (bigrams of each run, a lone character as
    itself), or [] when it counts only through light verbs ("一年开几次") or is no frequency question."""
    if answer_pattern(question) not in (_TIMES, _FREQUENCY):
        return []
    m = _HOW_OFTEN.search(asked(question))
    if m is None:
        return []
    if m.group("after2") is not None:
        before = asked(question)[max(0, m.start() - COUNTED_WINDOW):m.start()]
        pieces = [_COUNT_PERIOD.split(before)[-1], m.group("after2")]
    else:
        pieces = [m.group("mid"), m.group("after")]
    terms: list[str] = []
    for piece in pieces:
        for run in _LIGHT.sub(" ", piece).split():
            terms += [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]
    return terms


def states_counted(question: str, text: str) -> bool:
    """Whether a clause of ``text`` states a frequency of what ``question`` counts: "每周至少两次到现场"
    is a frequency, but not of 检查 ("每周检查几次"); "每季度定期召开成员单位会议" not of a 调度会."""
    pattern, terms = answer_pattern(question), counted_terms(question)
    return any(pattern.search(c) and (not terms or any(t in c for t in terms)) for c in _CLAUSE_END.split(text))


def stating_sentences(question: str, text: str) -> list[str]:
    """The clauses of ``text`` that hold the phrase ``question`` asks for."""
    return [c for c in _CLAUSE_END.split(text) if c.strip() and carries_answer(question, c)]


def carries_answer(question: str, text: str) -> bool:
    """Whether ``text`` holds the kind of phrase ``question`` asks for (always, without a cue). A
    passage on the question's topic that lacks it ("改造农村户用厕所" for "每户能拿多少补贴") is
    near the question in meaning, yet does not answer it; nor does a sum of another fund, nor a
    frequency of another action."""
    pattern = answer_pattern(question)
    if pattern is None:
        return True
    if not pattern.search(text):
        return False
    if pattern in (_TIMES, _FREQUENCY):
        return states_counted(question, text)
    return pattern is not _MONEY or (_fund_named(question, text) and _per_named(question, text))


# Colloquial periods in questions ("一年开几次") against the documents' "每年…1次": search for both.
_PERIOD_SYNONYMS = v.PERIOD_SYNONYMS


# How documents say what they rest on: "根据《…》（…〔2021〕3号）精神" whichever verb the question used.
_BASIS_WORDING = v.BASIS_WORDING


def expand_query(question: str) -> str:
    """Append the documents' wording of colloquial periods, and of a cited basis, the question uses."""
    extra = [doc for said, doc in _PERIOD_SYNONYMS if said in question and doc not in question]
    if BASIS_QUESTION.search(question):
        extra += [w for w in _BASIS_WORDING if w not in question]
    return question + (" " + " ".join(extra) if extra else "")
