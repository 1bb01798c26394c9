"""The vocabulary of the records: the words visit notes, rectification deadlines, record questions and
the obligations calendar are recognised by (assistant/records/).

Part of the one vocabulary (``corpus/vocabulary.py`` holds the words shared with documents and
questions; ``corpus/vocabulary_names.py`` the names of bodies; ``corpus/vocabulary_questions.py`` the
question shapes; ``corpus/roles.py`` the role words). The modules under assistant/records/ generate
their patterns from these rows (``one_of`` keeps the order given, which is the data's order here).
What the assistant *says* (replies, ledger column titles) stays with the code that says it.
"""

from __future__ import annotations

from corpus.vocabulary import ADMIN_LEVELS, ASKING_MARKS
from corpus.vocabulary_names import COMPANY_ENDS, PARTY_BRANCH_ENDS, POINT_PLACE_PREFIXES

# ---- dates as secretaries write them (assistant/records/dates.py) --------------------------------

# "本月3号", "上个月5日": a day of this or the last month ("上个?月" is written as its two forms).
THIS_MONTH_WORDS = ("本月", "这个月")
# "上周五", "这星期三": which week, and the words for a week.
WEEK_RELATIVES = ("上上", "上", "本", "这", "今")
WEEK_NOUNS = ("周", "星期", "礼拜")
# The day of the week after 周/星期/礼拜 → Monday 0 … Sunday 6 ("周末" is Saturday).
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
# Days before today, by name.
RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3}

# ---- holidays (assistant/records/holidays.py) ----------------------------------------------------

STATUTORY_HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
# How a notice's clause names a holiday ("五一", "国庆节、中秋节") → the statutory holiday.
HOLIDAY_STEMS = {"元旦": "元旦", "春节": "春节", "清明": "清明节", "劳动": "劳动节", "五一": "劳动节", "端午": "端午节",
                 "中秋": "中秋节", "国庆": "国庆节"}

# ---- contact-point names and their short forms (assistant/records/points.py) ---------------------

PARTY_ORG_SUFFIXES = (*PARTY_BRANCH_ENDS, "党组织", "党组")  # 海印实业集团党委 → 海印实业集团
POINT_NAME_PLACES = (*POINT_PLACE_PREFIXES, "越秀区")  # 广州海印… → 海印…
COMPANY_SUFFIXES = (*COMPANY_ENDS, "股份有限公司")

# ---- visit notes (assistant/records/note_start.py, notes.py, informal.py) ------------------------

# "走访记录：…", "【联系督导】…": a note says itself that it is one.
NOTE_KINDS = ("走访", "督导", "调研")  # before 记录
NOTE_OPENERS = ("联系督导", "走访", "督导")  # before a colon or a closing bracket
# A message opening with one of these is a question, not a note.
QUESTION_OPENERS = (*ASKING_MARKS, "怎么", "如何", "是否")
# What may follow a leader's name right after "走访记录：" (a date or a going verb): "王焕清11月5日…".
NAME_FOLLOWERS = "今昨前上本于在到去赴"
# How a visit was made: 实地检查 is "实地" or "现场" with one of its verbs.
ON_SITE_VERBS = ("检查", "查看", "调研")
AT_SCENE_VERBS = ("检查", "查看", "查阅")
# "发现台账缺失，要求一个月内整改": what opens a finding, and what ends it (a demand, or a modal).
FINDING_VERBS = ("发现", "存在")
DEMAND_VERBS = ("要求", "责令", "限期", "责成")
DEMAND_MODALS = ("请", "需", "应", "整改")
FINDING_HEADS = ("以下", "如下", "的")  # "存在以下问题：…"
# "11月30日前", "于12月25日之前": a deadline's date is followed by one of these …
BEFORE_WORDS = ("前", "之前", "以前")
# … or preceded by one of these ("整改期限为11月30日").
DEADLINE_LEADS = ("整改期限", "期限", "截止", "限于", "于")
# Informal notes ("王书记上周五去七中看了看"): how a leader is addressed, and the verbs of a visit.
ADDRESS_TITLES = ("副书记", "书记", "副区长", "区长", "部长", "主任", "主席", "局长", "常委", "领导", "同志")
VISIT_VERBS = ("走访", "督导", "调研", "看了看", "看看", "看了", "检查", "视察", "座谈", "去了", "去", "到")
# Words that make such a message a question, wherever they stand.
NOTE_QUESTION_WORDS = ("什么时候", "哪些", "哪里", "哪儿", "几次", "多少", "是否", "有没有", "怎么")

# ---- questions about the records (assistant/records/question_cues.py, questions.py) --------------

# "还没去哪些点": not yet (没有? / 还没有? written out), and the going verbs.
NOT_YET = ("没有", "没", "未", "还没有", "还没", "尚未", "待")
GOING_VERBS = ("去", "走访", "督导", "联系", "跑", "到")
# "去了哪些地方", "哪些联系点": visits made.
WENT_VERBS = ("去了", "走访了", "督导了", "去过", "跑了", "到了", "看了")
WENT_ASKS = ("哪些", "哪里", "什么", "哪儿", "几个", "几次")
PLACE_ASKS, PLACE_WORDS = ("哪些", "几个"), ("地方", "点", "联系点")
# "上次督导是什么时候": the latest time ("最近" too, once a question is known to be about the records).
LAST_TIME_WORDS = ("上次", "上一次", "最近一次", "最后一次")
LATEST = "最近"
RECTIFICATION_WORD = "整改"
# "还有哪些整改没办完": not done (after 没有?), not finished (after 未), and open-list asks.
UNDONE_VERBS = ("办", "做", "完", "结", "弄", "搞", "整改", "销号")
UNFINISHED = ("完成", "办结", "整改", "销号")
OPEN_ASKS = ("还有哪些", "还有几", "还有多少", "待办", "逾期")
WHEN_ASKS = ("什么时候", "哪天", "几号", "何时", "哪一天")
SELF_WORDS = ("我", "本人", "咱")  # "我还有哪些点没去": the caller's own leader
# "还有哪些点没去": a pending question asks for places.
POINT_ASKS = ("点", "地方", "单位", "哪些", "哪里", "几个")
# (word, period): the period a records question asks about; the first found wins.
RECORD_PERIODS = (("上个月", "last_month"), ("上月", "last_month"), ("本季度", "quarter"), ("这个季度", "quarter"),
                  ("今年", "year"), ("本年", "year"), ("这个月", "month"), ("本月", "month"))

# ---- the obligations calendar (assistant/records/obligations.py) ---------------------------------

# "年度总结", "年度述职": 年度 before one of these is a yearly duty.
YEARLY_REPORTS = ("总结", "报告", "述职", "考核")
# (ending, what must not follow it): how a responsible unit's name ends in running text (委 but not 委托/委员).
SUBJECT_UNIT_ENDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("单位", ()), ("部门", ()), ("党组织", ()), ("党委", ()), ("党工委", ()), ("党组", ()), ("支部", ()), ("机关", ()),
    ("街道", ()), ("局", ()), ("委", ("托", "员")), ("办", ("理", "法")), ("室", ()), ("组", ("织", "成")), ("中心", ()),
    ("纪委", ()), ("管委会", ()), ("公司", ()), ("乡镇", ()), ("站", ()), ("科", ()), ("所", ()), ("院", ()), ("队", ()),
)
SUBJECT_UNIT_SCOPES = ("各", *ADMIN_LEVELS, "全区", "全市")
# What continues a unit's name past its first ending ("市委" + "组织部", "区委" + "办公室").
NAME_CONTINUATIONS = ("办公室", "公室", "小组", "工作组", "党委", "党组", "党支部")
NOT_AFTER_BU = ("署", "分", "门")  # 部署, 部分, 部门: not a 部 that ends a name
# A sentence's subject is not a unit when it starts with one of these.
NOT_SUBJECT_STARTS = ("每", "要", "应", "须", "按照", "根据", "为", "对", "在", "将", "把", "通过", "结合", "坚持", "加强")


def subject_unit_end() -> str:
    """The regex of a unit name's ending, from ``SUBJECT_UNIT_ENDS``."""
    return "(?:" + "|".join(w + (f"(?!{'|'.join(no)})" if no else "") for w, no in SUBJECT_UNIT_ENDS) + ")"

# ---- leader ↔ contact-point tables in the documents (assistant/documents/contact_tables.py) -------

VISITOR_HEADER_WORDS = ("领导", "干部")  # the column of who visits
# A column of duties ("分工": "负责后勤保障和经费管理"): each duty is a point, without its 负责 and
# the adverbs before it.
DUTY_COLUMN_WORDS = ("分工", "职责", "任务", "负责")
DUTY_LEAD_ADVERBS = ("主要", "具体", "协助")
# The words of a question about a table of people by post that name no one post ("…的责任人是谁").
POST_HOLDER_WORDS = ("责任人", "负责人")

# ---- the rules records follow, as documents state them (assistant/records/rules.py) --------------

# (rule key, words the sentence must hold, its pattern with {n} where a number stands).
RULE_SENTENCES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("rectification_notice", ("整改通知",), "{n}个月内"),
    ("clue_feedback", ("线索",), "{n}个月内"),
    ("visit_monthly", ("联系督导",), "每月不少于{n}次"),
    ("visit_quarterly", ("联系督导",), "每季度不少于{n}次"),
    ("yearly_report", ("报",), "每年的?{n}月{n}日前"),
    ("year_end_summary", ("总结",), "每年{n}月底前"),
)
# The kinds of contact point a visit rule names in its clause ("对…街道、部门党组织的联系督导").
CONTACT_POINT_KIND_WORDS = {"street": "街道", "department": "部门", "community": "社区", "org": "两新", "school": "学校"}
