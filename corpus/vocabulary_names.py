"""The vocabulary of names: how the names of responsible parties are written, as data.

Part of the one vocabulary (``corpus/vocabulary.py`` holds question, title, numbering and answer words;
``corpus/roles.py`` the role phrases): organisation suffixes, collectives and their qualifiers, positions
and roster labels, surnames, the words a name never holds or starts with, task bodies, places, scopes and
the notes a bracket after a name may hold. ``corpus/parties.py`` (the one recogniser of parties),
``corpus/units.py``, ``corpus/rosters.py`` and the answers read their patterns from these rows.
"""

from __future__ import annotations

# Organisations end with one of these (longest are tried first, so the order here is for readers).
ORG_SUFFIXES: tuple[str, ...] = (
    # government and party bodies
    "局", "委", "办", "部", "处", "科", "股", "室", "厅", "署", "司", "委员会", "管委会", "办公室", "党委", "党组",
    "党工委", "工委", "支部", "总支", "党组织", "组织", "政府", "人大", "政协", "纪委", "监委", "法院", "检察院",
    "指挥部", "领导小组", "工作组", "专班", "小组", "组", "联", "科协", "委员会", "委会", "工会", "协会", "商会",
    "联合会", "基金会", "红十字会", "学会", "理事会", "监会", "团", "军分区", "武装部", "海关", "边检站",
    # service units, enterprises, schools
    "中心", "公司", "集团", "院", "所", "站", "队", "大队", "中队", "馆", "校", "中学", "小学", "幼儿园", "学院", "大学",
    "银行", "支行", "社", "电视台", "医院", "卫生院", "林场", "农场", "渔场", "水厂", "园区", "管理区",
    # places that act as bodies
    "街道", "乡", "镇", "乡镇", "镇街", "村", "村委", "村居", "社区", "片区", "管理局", "区", "县", "市", "省",
    # collective nouns: a name only with a qualifier before them (see COLLECTIVE_NOUNS)
    "单位", "部门", "机关", "机构", "企业", "国企", "学校", "处室", "科室", "股室", "成员单位",
)
# A collective noun alone is no name ("单位"); with a qualifier it is ("各单位", "区直各单位", "相关部门").
COLLECTIVE_NOUNS: tuple[str, ...] = ("单位", "部门", "机关", "机构", "企业", "学校", "处室", "科室", "股室",
                                     "成员单位", "组织", "乡镇", "村", "社区", "组")
# A kind of place alone as a clause's subject ("乡镇要…", "由片区负责…", "乡镇及行政村（社区）要…") is every place
# of that kind the document addresses: a collective name, though no qualifier stands before it.
BARE_PLACE_SUBJECTS: tuple[str, ...] = ("乡镇", "片区", "街道", "社区", "村居")
# People: a position (alone, or after a unit or a name) or a name with 同志.
POSITIONS: tuple[str, ...] = (
    "组长", "副组长", "成员", "书记", "副书记", "主任", "副主任", "局长", "副局长", "区长", "副区长", "县长",
    "乡长", "镇长", "村长", "主席", "部长", "处长", "科长", "所长", "站长", "队长", "院长", "校长", "经理",
    "董事长", "委员", "常委", "秘书长", "主任委员", "同志", "第一责任人", "直接责任人", "责任人", "负责人",
    "联络员", "信息员", "专管员", "网格长", "网格员", "路长", "河长", "湖长", "林长", "点长", "楼长",
    "指挥长", "副指挥长", "总指挥", "调度长", "督导员", "包片领导", "分管领导", "主要领导", "第一书记",
    "消防员", "通信员", "巡查员", "护林员", "队员", "安全员", "协管员", "管理员", "调解员", "监督员", "帮扶责任人",
    # cadres assigned to a place or household: a post, unlike 党员干部 in general
    "帮扶干部", "包村干部", "驻村干部", "挂钩干部", "联系干部",
)
# A post put in place for a duty ("各站设专门的通信员，负责…", "配备1名兼职视力健康员，负责…"): the verbs
# (设 not after 建/开/下: "建设", "下设办公室" is the body's own office) and the words between the verb and the post.
POST_SETTING_VERBS, POST_QUALIFIERS = ("设", "配备", "设置", "指定"), ("专门的", "专门", "专职", "兼职", "专人")
NOT_BEFORE_SETTING = "建开下"
# Roster labels: "组 长：张三" assigns a person (letters may be spaced out to align the column).
ROSTER_LABELS: tuple[str, ...] = ("组长", "副组长", "常务副组长", "成员", "组员", "队长", "副队长", "联络员",
                                  "指挥长", "副指挥长", "总指挥", "副总指挥", "召集人")
# Table headers of a people column ("责任人", "河长").
PERSON_HEADERS = ("责任人", "负责人", "河长", "湖长", "林长", "路长", "网格长", "联系人")
# How an issuer's name ends on a notice's signature line ("区委办公室", "区应急管理局").
# "（党政办公室代章）": a seal line between a signature's issuer and its date.
SEAL_WORDS = ("代章",)
ISSUER_ENDS = ("委员会", "管委会", "委", "办公室", "办", "政府", "党组", "局", "领导小组", "部", "厅", "院", "中心", "机关", "工委", "总支", "支部")
# Labels that give a contact, not a duty ("联系人：张三，电话…").
CONTACT_LABELS: tuple[str, ...] = ("联系人", "联系电话", "咨询电话")
# Common surnames: a bare two- or three-character personal name in a roster ("张三", "欧阳明").
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
            "武戴莫孔向汤翁施游詹卓柯甘俞倪巫念蓝赖芦欧阳")
COMPOUND_SURNAMES = ("欧阳",)
# A qualifier that makes a collective noun or a role label a name ("各单位", "区直各单位", "各牵头单位");
# COLLECTIVE_MARKS are the ones that make a collective of whatever follows ("各片区", "相关镇街").
COLLECTIVE_MARKS = ("各", "相关", "有关")
COLLECTIVE_QUALIFIERS = (*COLLECTIVE_MARKS, "其他", "其它", "全体", "区直", "县直", "市直")
# The object of a verb that also begins names ("检查施工单位", "宣传群众"): the span is a clause, not a name.
VERB_OBJECTS = ("单位", "企业", "人员", "群众", "产权人")
# Verbs that begin names only before these ("指导组", "联合党委"); elsewhere they begin a clause.
VERB_NAMES = (("指导", ("组", "站", "中心")), ("联合", ("党委", "会")))
# Words that open names though their first character opens a clause (应 / 和): "应急抢险分队", "和平村".
NAME_OPENINGS = ("应急", "和平")
# Words a span cut out of a clause starts with (besides the duty verbs of corpus/roles.py).
CLAUSE_OPENERS = ("负责", "按", "按照", "对", "在", "将", "把", "以", "为", "从", "及时", "确保", "围绕", "结合", "根据", "依据",
                  "加快", "深化", "强化", "严格", "全面", "积极", "认真", "切实", "进一步", "坚持", "其他", "其它", "其余",
                  "另外", "同时", "此外", "要", "应", "须", "并", "和", "及", "与", "或")
# Words a name never holds, besides NOT_IN_NAME (read with their own context in corpus/parties.py).
PHRASE_WORDS = ("如下", "排位", "排名", "靠前", "简称", "每", "到", "成立", "组建", "视情况", "被")
# "发生生产安全事故的行业主管部门", "涉及审批事项的相关部门": a collective qualified by the situation it is
# in. The collective after 的 is the party (the owner depends on the case: the sentence is kept as the rule).
QUALIFYING_VERBS = ("发生", "涉及", "负有", "承担", "属于", "主管", "分管", "负责管理")
# "区纪委向各镇反馈": 向 after a unit's last character, or before a level, opens a clause; so does a
# number counting something ("3次", "5名").
UNIT_LAST_CHARS, LEVEL_CHARS = "门局委办部处室", "区市县省"
COUNT_WORDS = ("次", "个", "年", "月", "日", "天", "名", "人")
# Bodies set up for a task ("…领导小组", "督查专班"): their names may hold any wording. A "的" before the
# end is still read as a phrase when the end is 工作组 (OF_BODY_ENDS lacks it: history, not design).
TASK_BODY_ENDS = ("小组", "委员会", "指挥部", "办公室", "专班", "工作组")
OF_BODY_ENDS = tuple(w for w in TASK_BODY_ENDS if w != "工作组")
# A task body is called by its own name without the place before it ("金井片区督查专班" → 督查专班), for
# these ends and places (not 委员会 or 办公室: "…街道党政办公室" keeps its place).
PLACED_BODY_ENDS = ("专班", "小组", "指挥部", "工作组")
# A place written with its alternative in brackets ("各村（居）", "行政村（社区）") is asked with the bracket's words
# run in ("村居") or left out ("各行政村"): the alternatives a bracket may hold so.
PLACE_ALTERNATIVES = ("居", "社区", "居委会")
# An office's name and how it is shortened: "区路长办公室" asked as "路长办", "党政办公室" as "党政办".
OFFICE_ENDS = (("办公室", "办"),)
# A body asked by its stem, without its level and organisation noun: "公安" (区公安局), "交警" (交警部门).
STEM_ENDS = ("局", "部门")
# A place's body asked by its level without the place's name: "君山片区管理局" as "片区管理局".
LEVELS_KEPT_ASKED = ("片区",)
BODY_PLACES = ("片区", "街道", "镇", "乡", "县", "市")
# A second nameplate in brackets ends like an organisation ("区森林园林局（区森林园林公司）"); a body inside a
# body ("区公安局交警部门") has a parent ending in PARENT_ENDS.
NAMEPLATE_ENDS = ("局", "委", "办", "公司", "中心", "集团")
# A company named with the place it belongs to ("平潭综合实验区交通投资发展有限公司") is asked without the place.
PLACED_COMPANY_ENDS = ("公司", "集团")
PARENT_ENDS = ("局", "委", "办", "院", "厅", "政府", "集团", "公司")
# An abbreviation ("交建局", "片区消安委办", "交管部门") keeps the first character of each word of a name and its kind
# (corpus/abbreviations.py): the level a name may open with, kept or dropped ("区交建局", "交建局"); the kinds compared
# whole ("部门": "交管部门" is no 交通管理部); the parents a body inside a body may be named without
# ("公安机关交通管理部门" asked as "交管部门").
ABBREVIATION_LEVELS = ("片区", "区", "县", "市")
# A kind shortened with the name: "消安委" of "…委员会", "路长办" of "…办公室".
ABBREVIATION_KIND_SHORTS = (*OFFICE_ENDS, ("委员会", "委"))
ABBREVIATION_KINDS = ("部门", "政府", "中心", "公司", "集团", "大队", "局", "委", "办", "处", "科", "室", "部",
                      "所", "站", "队", "院", "会", "组")
ABBREVIATED_PARENT_ENDS = (*PARENT_ENDS, "机关")
ABBREVIATION_STEM = 4  # "消安委", "交建": the kept characters before the kind, at most
# A place a document's title or issuer opens with ("荔湾区", "东山街道", "平潭综合实验区"), and the
# characters of office names and title wording that never occur in a place ("管理局关于农村", "加强和改进全市").
PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "片区", "街道", "社区", "省", "市", "区", "县", "镇", "乡", "街")
NOT_PLACE_CHARS = "局委会办党和于发的府部厅所室强进全管理农城"
# How a place's name ends, where a body noun after a list of places belongs to each ("金井片区、海坛片区管理局").
PLACE_ENDS = ("村", "居", "镇", "乡", "街道", "社区", "片区", "区", "县")
# The level a name is scoped by ("区财政局（区国资局）": a second nameplate, not an office).
SCOPE_PREFIXES = ("区委", "市委", "县委", "省委", "区", "市", "县", "省", "镇", "乡")
# A bracket after a name: where the body sits or what it was ("（设在区纪委）", "（原…局）").
PLACE_NOTES = ("设在", "设于", "挂靠", "含", "包括", "原", "即", "见", "不含", "下设")
# …not a line of work ("（待定）", "（兼）"), which a bracket of 2-6 characters otherwise is ("（海洋渔业）").
NOT_LINE_OF_WORK = ("待定", "暂定", "另定", "拟定", "兼", "代")
# A quota in a bracket ("（60日）", "（3人）") counts in these; role marks in a bracket ("区委组织部（牵头）").
QUOTA_UNITS = ("日", "天", "个", "人", "户", "亩", "宗", "件", "%")
ROLE_MARKS = ("牵头", "牵头单位", "主责", "配合", "协办")
LEAD_ROLE_MARKS = ("牵头", "牵头单位", "主责")
# Posts that lead a group ("组长", "小组长"), unless a deputy's ("副组长", "常务副组长").
LEAD_POSTS = ("组长", "队长", "指挥长", "总指挥", "召集人")
DEPUTY_PREFIXES = ("副", "常务副")
# Wording a name never holds: the parser cut a phrase of the sentence instead of its subject.
NOT_IN_NAME: tuple[str, ...] = (
    "开展", "负责", "按职责", "按照", "根据", "牵头", "配合", "协助", "落实", "推进", "做好", "加强", "确保",
    "进行", "完成", "抓好", "要求", "积极", "及时", "认真", "切实", "分工", "职责", "工作任务", "其他领导",
    "其它领导", "对接", "督促", "参与", "参加", "提供", "报送", "上报", "制定", "组织实施", "履行", "分别",
    "会同", "联系", "作为", "视情况", "否则", "发送", "交办", "厕所", "场所", "等相关", "等有关", "等其他",
)
# Words a clause starts with and a name never does: prepositions, verbs, adverbs, pointers back ("上述").
CLAUSE_START_WORDS: tuple[str, ...] = (
    "对", "将", "在", "把", "从", "向", "为", "与", "和", "及", "由", "是", "按", "如", "若", "另", "并", "等", "时",
    "新建", "强化", "坚持", "成立", "设立", "组建", "召开", "印发", "给", "深入", "结合", "发送", "交办", "通知",
    "要求", "督促", "协同", "掌握", "协助", "配合", "发挥", "充分", "调动", "推动", "健全", "构建", "实现", "持续",
    "大力", "着力", "提升", "提高", "筑牢", "守住", "严防", "严惩", "引导", "鼓励", "支持", "上述", "前述", "以上",
    "参与", "本单位", "请", "委托", "提请", "报请", "立即", "迅速", "支援",
)
# Short names that stand alone as bodies; any other two characters are a fragment ("调处") or a person.
SHORT_NAMES = frozenset({"学校", "村委", "团委", "妇联", "工会", "医院", "社区", "街道", "乡镇", "村居", "海关", "法院",
                           "团市委", "党委", "党组", "支部", "总支", "民政", "公安", "税务", "消防", "边防", "海警",
                           "武警", "军分区", "侨联", "文联", "残联", "科协"})


# ---- rosters (corpus/rosters.py, the roster lines of corpus/parties.py) -------------------------------

# A body a roster staffs, named in the paragraph that announces it ("决定成立审计工作督导领导小组"); a group
# title in a list of groups ("第二指导组") ends the same way but for 委员会 (history, not design).
STAFFED_BODY_ENDS = ("小组", "组", "专班", "指挥部", "委员会", "队")
GROUP_TITLE_ENDS = tuple(w for w in STAFFED_BODY_ENDS if w != "委员会")
# A paragraph that sets a body up ("决定成立金井片区督查专班"); the body is named after the verb.
SETTING_UP_VERBS = ("成立", "组建", "设立", "调整", "充实", "建立")
# A heading over a body's people ("一、人员组成", "成员名单"), and the list noun a list's title ends with
# ("考核小组成员名单" names 考核小组).
MEMBER_NOUNS, MEMBER_TITLE_TAILS, MEMBERS_NOUN = ("人员", "成员", "组织"), ("组成", "名单", "机构", "构成"), "组成人员"
LIST_NOUN_HEADS, LIST_NOUN, LIST_NOUN_ENDS = ("成员", "人员", "组成人员"), "名单", ("成员", "人员组成")
# What a roster's duties are written under: "职责：…", "工作职责：…", "主要职责：…" (spaced to align).
DUTY_LABEL, DUTY_LABEL_QUALIFIERS = "职责", ("工作", "主要")
# A roster label: any "…长" post ("组长", "副湾（滩）长"), optionally ranked ("常务副组长", "第一副组长"), or
# one of ROSTER_LABELS that does not end in 长 ("成员", "总指挥"). A roster's text starts at one of
# ROSTER_STARTS (a 长 post, or these).
POST_HEAD, POST_RANKS, DEPUTY = "长", ("常务", "第一"), "副"
ROSTER_STARTS = ("成员", "组员")


# ---- unit lists in responsibility text (corpus/units.py) ------------------------------------------

# How a unit's name ends in running text (UNIT_END). Narrower than ORG_SUFFIXES on purpose: generating it
# from that list was measured (7 December) and read "定期组织", "依法责令企业" as subjects (组织 and 企业 end
# names there, but in running text they are verbs and objects) and lost "片区管理局" in a duty title.
UNIT_ENDS = ("局", "委", "办", "部", "处", "室", "科", "股", "所", "站", "队", "中心", "院", "会", "厅", "组", "团", "社", "行",
             "关", "馆", "校", "台", "司", "公司", "企", "支行", "单位", "部门", "政府", "村", "村居", "社区", "街道", "乡镇",
             "片区", "联", "署", "科协", "集团", "总支", "专班", "大学")
# Words that begin a name like a scope but are no scope: "市场监管局", "市政公司", "区域…".
NOT_SCOPES = {"市": ("场", "政"), "区": ("域",)}


def scoped(words) -> str:
    """An alternation of name starts, each scope word guarded against the words it only begins (市场, 区域)."""
    return "|".join(w + (f"(?!{'|'.join(NOT_SCOPES[w])})" if w in NOT_SCOPES else "") for w in words)


# Names that carry their own scope and never take the district's prefix ("人行平潭支行", "国网…公司"), and
# vertically managed bodies named by their own place ("平潭海事局", "福州港口管理局平潭港务管理站").
OWN_SCOPE_STARTS = ("人行", "中国", "国家", "国网", "省", "市", "中央")
OWN_SCOPE_ENDS = ("支行", "分行", "海关", "公司", "集团", "银行", "海事局", "气象局", "港务管理站", "港口管理局", "边检站", "海警局",
                  "烟草专卖局", "邮政局", "供电局")
# The scope prefix follow-on names inherit ("区X局、Y局" → 区Y局); not SCOPE_PREFIXES (局 is one here,
# 省委, 镇, 乡 are not: history, not design).
INHERITED_PREFIXES = ("区委", "市委", "县委", "区", "市", "县", "局", "省")
# A name starting with one of these is a collective or carries its own scope: it inherits no prefix.
COLLECTIVE_STARTS = ("各", "相关", "有关", "其他", "其它", "所属", "全", "本", "辖区", "属地", "省", "市", "县", "区", "乡镇", "镇",
                     "街道", "村委", "村居", "社区", "中央", "国家", "驻")
# "县医疗保障局等有关部门" → 县医疗保障局: a list closed by 等 keeps the names it wrote.
ETC_QUALIFIERS, ETC_NOUNS = ("有关", "相关", "其他", "其它"), ("部门", "单位", "机构")
# A list of units splits at these; at 和 only before a collective ("区纪委和各镇街").
LIST_SPLITTERS, AND_BEFORE = ("、", "以及", "及"), ("各", "区属", "全区", "相关", "有关")
# "各部门各乡镇": two collectives without a separator split before 各 after one of these characters.
COLLECTIVE_LAST_CHARS = "部门位镇村局委办处室"
# …but "片区管理局各内设处室", "区委各部门": a body's own offices, one collective, not the body and its offices.
INNER_BODY_NOUNS = ("内设处室", "内设机构", "处室", "科室", "股室", "部门", "下属单位", "所属单位", "直属单位")
# "各乡镇党委和人民政府": the second of two bodies joined by 和 shares the first one's place.
SAME_PLACE_BODIES = ("人民", "党", "政府", "管委")
# A bracket holding one of these is no list of units ("（简称…）", "（以下…）", "（试行）", "（2024年）").
NOT_A_LIST_WORDS = ("简称", "以下", "含", "包括", "即", "见", "附件", "共", "等", "试行", "暂行", "修订", "年", "号", "第")


# ---- contact points and their leaders (assistant/documents/contact_tables.py) ---------------------------------------

# A contact-point table: the header naming the people, headers that are no kind of point, and header
# words that say nothing about the kind ("社区党建联系点" → 社区).
PEOPLE_HEADER_WORDS = ("领导", "干部", "姓名", "负责人", "联系人")
NOT_POINT_HEADERS = ("序号", "编号", "备注", "说明", "领导职务")  # 领导职务: the post column of corpus/pairings.py
POST_COLUMN_HEADERS = ("领导职务",)  # a person's post, said with their name ("李四（常务副县长）")
POINT_HEADER_NOISE = ("党建联系点", "党组织联系点", "联系点", "党组织")
# The kinds a header's word also stands for ("两新" points are 企业, 非公, 社会组织; "学校" ones 中学 …).
POINT_KINDS_IN = {"两新": ("两新", "企业", "非公", "社会组织")}  # the header holds the word
POINT_KINDS_IS = {"学校": ("中学", "小学", "幼儿园", "学校")}  # the header is the word
# How people shorten an organisation's name ("广州海印实业集团有限公司党委" → 海印实业集团): the place it
# opens with (the bundled ledger's city and province: kept as they were), the ends they drop, the marks
# of an organisation, and what may follow a point's short name without changing what it names.
POINT_PLACE_PREFIXES = ("广东省", "广州市", "广州")
PARTY_BRANCH_ENDS, COMPANY_ENDS, GROUP_END = ("党委", "党总支", "党支部"), ("有限责任公司", "有限公司"), "集团"
ORGANISATION_MARKS = ("党委", "党总支", "党支部", "公司", "集团", "中心", "厂")
DROPPED_ENDS = ("有限责任公司", "有限公司", "培训中心", "中心", "党委", "党总支", "党支部", "厂")
POINT_TAILS = ("有限责任公司", "有限公司", "公司", "集团", "党委", "党总支", "党支部", "党组织")
# A community or school is called without its kind ("东湖新村", "华侨外国语").
DROPPED_KINDS = ("社区", "学校")
# A section written as fields ("实施项目：… 主要内容：… 责任分工：区规划局负责…"): the field that says who does the
# section's work (besides the role labels of corpus/roles.py).
SECTION_DUTY_FIELDS = ("责任分工", "职责分工", "任务分工", "工作分工", "分工")
# Leaders as the people of a contact-point table ("区级领导", "挂点领导").
LEADER_TITLES = ("区级领导", "区领导", "挂点领导", "联系领导")
# A roster group's field naming the places it is given ("指导村（社区）：北港村、渔屿村", "联系乡镇：…",
# "包片区域：…"): a verb of being assigned, then a kind of place; its people answer for those places.
AREA_FIELD_VERBS = ("指导", "联系", "挂钩", "挂点", "包联", "分包", "包片", "包保", "包", "督导", "驻", "服务", "负责", "责任")
# Nouns made of a role word, never a role word then a duty ("负责人", "牵头单位", "分管领导").
ROLE_WORD_NOUNS = ("人", "单位", "部门", "处室", "领导")
# Places counted as townships in a question ("张三联系哪些乡镇": 乡 and 镇 points).
TOWNSHIP_KINDS, TOWNSHIPS = ("乡", "镇"), "乡镇"
AREA_FIELD_KINDS = ("村", "社区", "乡镇", "乡", "镇", "街道", "片区", "区域", "网格", "点", "项目", "企业", "学校", "小区")

# ---- offices set up under a body (corpus/offices.py) ---------------------------------------------

# "领导小组下设办公室，挂靠…，负责…": the office a body sets up under itself is called by the body's name
# ("领导小组办公室"), and the duty clauses of that paragraph that name no subject are the office's.
SUB_BODY_VERBS = ("下设",)
OFFICE_NOUN = "办公室"
SUBJECTLESS_DUTIES = ("主要负责", "具体负责", "负责", "具体承担", "承担")

# ---- table rows (corpus/table_items.py) ------------------------------------------------------------

# A table row that sums the rows above it ("合计 | | | 2912"): a row of the table, never an item of it.
TOTAL_ROW_WORDS = ("合计", "小计", "总计", "共计")

# ---- a unit named in running text (assistant/questions/unit_mentions.py) -------------------------------------

# "本办法由X负责解释", "由X牵头": the word before a name that makes it the one who acts.
AGENT_MARKS = ("由",)
# "各街道党工委要…" is what "街道党工委" asked about does: a collective of the unit asked (only 各: "相关街道"
# is some of them, not what the unit does).
COLLECTIVE_OF_ASKED = ("各",)
# What may follow a name that is not its predicate: another name of a list, a possessive, "等".
NOT_PREDICATE_STARTS = ("、", "和", "与", "及", "等", "的", "或", "）", ")",
                        "代章", "印制")  # "（党政办公室代章）", "区安委会印制": a seal or printer's note
# "各学校教师要…", "区纪委书记负责…": a body followed by one of these (or a post) names its people, not the body.
PEOPLE_OF_A_BODY = ("教师", "干部", "党员", "职工", "人员", "员工", "家长", "学生", "班主任", "工作人员", "民警")
# "…；同时，适时更新企业名册…", "要强化宣传…": a sentence opened by one of these has no subject of its own and goes
# on with the last subject's duties (as a duty verb does: corpus/roles.py).
GOES_ON_WORDS = ("同时", "并", "还要", "还应", "另外", "此外", "要", "应", "须", "需", "及时", "做好", "加强", "积极",
                 # a leader's share of the work: "张三同志：主持…；分管…；联系…"
                 "分管", "联系", "主持", "协助", "抓好")
# "各村与吸毒人员家庭签订帮教协议书": the words after a subject naming with whom it acts (not a second subject).
CO_ACTING_WORDS = ("与", "同")
# "结果能够共享的，应当主动共享", "日常监督检查工作中，发现…的，要依法处置": clauses ending so set a condition or a
# time; a duty clause after them has no subject of its own either and goes on with the last subject's duties.
CONDITION_CLAUSE_ENDS = ("的", "中", "时", "后")
# "张三同志：负责…" is asked as "张三负责什么".
HONORIFICS = ("同志",)
# "叶苏凤（组长，党委书记）": the posts of a roster, as the first part of a roster note (Units.notes).
# Every roster label is one ("副总指挥：何盈；欧阳志为…": 欧阳志为 is a 副总指挥, never quoted under 总指挥).
ROSTER_NOTE_POSTS = tuple(dict.fromkeys((*ROSTER_LABELS, "第一副组长", "主任", "副主任", "总召集人", "秘书长")))
# How people shorten a unit's name by its level: "局交通与建设处" (the bureau's own office) asked as
# "交通与建设处", "县教育局" as "教育局" (区 and 区委 are dropped by the unit index itself).
DROPPED_NAME_LEVELS = ("县委", "县", "局", "片区")  # "片区消防工作站" asked as "消防工作站"
# "各挂钩帮扶干部" and "各挂钩帮扶责任人" in one notice are the same people: a collective of people is named by
# what they do ("挂钩帮扶") and one of these nouns, which documents swap freely.
PEOPLE_NOUNS = ("责任人", "干部", "人员")
# One body written two ways in one document (corpus/implicit_aliases.py): the words a short form may leave out
# of the longer one never hold these — a conjunction ("乡镇党委和人民政府"), a place or list word ("在", "等"),
# a setting-up verb ("领导小组下设办公室"), a generic qualifier or role ("有关主管部门" is no 有关部门, "区直牵头部门"
# no 区直部门), a kind of body ("协调单位有关部门"), a count.
ALIAS_GAP_WORDS = ("和", "及", "等", "在", "的", "之", "下设", "设立", "组成", "成立", "有关", "相关", "主管", "责任", "各",
                   "牵头", "配合", "业务", "单位", "部门",
                   "个", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两")
