"""The vocabulary of question shapes: the words the router's shapes (assistant/questions/intents.py) are written with.

Part of the one vocabulary (``corpus/vocabulary.py`` holds the question words every shape shares —
requests, particles, function words, totals, conjunctions, contact and modal verbs; ``corpus/roles.py``
the role words people ask with). Here: what may follow a bare "第17", how several items are joined, the
words a question about a document, a unit's duties or a leader's contact points may hold besides its
subject, and the small fixed shapes (who, which documents, help).
"""

from __future__ import annotations

# "第17谁牵头", "第三的原文": a bare number after 第 is an item only before one of these (not "第一次").
# "第3个任务谁牵头", "第二件事": an item counted with a measure word and a noun for a task.
COUNTED_ITEMS = ("个任务", "项任务", "个事项", "件事", "件工作", "个工作", "项工作", "条措施", "个措施")
ITEM_BARE_FOLLOWERS = ("谁", "由", "的", "牵头", "配合", "是", "讲", "内容", "原文", "全文", "要求", "具体")
# "第3、4项", "第三条和第四条", "3项跟5项": several items in one question.
ITEM_SEPARATORS = ("、", ",", "和", "及", "与", "以及", "跟")
# "最后一项", "末条": the last item of a part.
LAST_ITEM_WORDS = ("最后一项", "最后一条", "最后一点", "末项", "末条")
# "越秀要点17号", "第17项" not after a date or a count: the characters a bare number must not follow
# or precede to be an item number (besides digits, "." and "%").
NOT_BEFORE_ITEM_NUMBER, NOT_AFTER_NAME_NUMBER = "年月日第", "年月日次个份"
# "越秀工作要点有多少项", "越秀工作要点讲了什么": about the document itself, not a passage in it.
DOCUMENT_QUESTION_WORDS = ("多少", "几", "什么", "啥", "哪些", "内容", "介绍", "讲了", "讲", "说了", "说", "文件", "这份")
# "第3项谁", "哪家", "分工": who answers for an item, whatever the role.
WHICH_BODY = ("哪个", "哪些", "什么")  # before a unit noun: "哪个单位", "什么部门"
RESPONSIBLE_ASKS = ("哪家", "分工")
# "区委办负责哪些工作", "有哪几项", "清单": a list of tasks is asked.
LIST_ASKS, LIST_NOUNS = ("哪些", "哪几", "什么", "啥"), ("工作", "任务", "事", "项", "条", "内容")
LIST_WORDS = ("几项", "多少项", "几件", "多少件", "有哪", "清单",
              # "资源生态处负责哪块", "…负责哪些方面": a share of the work, asked by its extent
              "哪块", "哪一块", "哪几块", "哪方面", "哪些方面", "哪个方面", "哪几个方面")
# What a "which tasks does unit X do" question may hold besides the unit's name and the shared words;
# anything else ("区委办公室负责考评哪几项任务") asks about something the text says, so it is searched.
UNIT_QUESTION_WORDS = (
    "哪些", "哪几", "哪", "什么", "啥", "些", "几", "多少", "列出", "列举", "具体", "主要", "分别", "各自", "各", "目前", "现在",
    "还")
UNIT_DUTY_VERBS = ("负责", "牵头", "配合", "参与", "参加", "承担", "承接", "协助", "协办", "主办", "主责", "分管", "管", "干", "做",
                   "搞", "开展", "抓", "中", "里面", "里", "方面", "上", "一块", "块")  # "在消防上要做什么"
UNIT_DUTY_NOUNS = ("工作", "任务", "事项", "事情", "事儿", "事", "活动", "活儿", "活", "项目", "项", "条", "件", "内容", "职责",
                   "分工", "清单",
                   "地方", "区域")  # "第二组负责哪些地方": a group's duties are the areas it covers
# "乡镇路长负责什么", "区财政局局长负责什么": a body followed by a post asks the post's holder; not these words
# ("各单位成员", "张三同志" is the person).
NOT_HOLDER_POSTS = ("成员", "委员", "常委", "同志")
# "党群工作部在组织方面负责什么": a topic framed as such narrows the duties even when two characters long.
TOPIC_FRAMES = ("方面", "领域")
# "各处室在协作配合上要做什么": what stands in such a frame is the topic, never a role asked ("配合").
# A time or stage frames a topic too: "在清明节期间", "在销毁文件时", "在核查阶段".
# …but a frame pointing back ("在这些项目里", "在该行动中") names the document's own work, no narrower topic.
TOPIC_FRAME_POINTERS = ("这", "那", "该", "本", "此")
# A place frames one too: "公安局在追泪现场负责啥" (the document's own topic, 追泪).
TOPIC_FRAME_OPENS, TOPIC_FRAME_ENDS = ("在",), (*TOPIC_FRAMES, "上", "中", "里", "期间", "时", "阶段", "现场")
# What a leader ↔ contact-point question may hold besides names and column words.
CONTACT_QUESTION_WORDS = (
    "哪些", "哪个", "哪位", "哪几位", "哪几个", "哪里", "哪", "谁", "什么", "啥", "几位", "几个", "多少", "具体", "分别", "都", "还",
    "各", "同志", "区级", "班子", "党员", "干部", "区领导", "领导", "挂", "联系点", "负责", "管", "归", "属于", "没", "个", "位",
    "名", "点", "单位", "地方", "情况", "名单", "由", "被", "给")
# "法律顾问制度由哪个部门牵头", "谁来把关": the responsible unit of something found by search is asked.
ASKS_UNIT_ROLES, WHO_DOES = ("牵头", "配合", "协助"), ("负责", "管", "抓", "把关", "落实", "实施", "执行", "承办")
WHICH_UNIT = ("哪个", "哪些", "什么", "哪几个")
# "组长由局长担任", "由队长负责检查": a passage stating who does something.
NAMING_VERBS = ("担任", "兼任", "负责", "组成", "牵头", "承担", "实施", "组织", "落实", "做")
# "粉尘防爆整治找谁", "母婴设施建设归哪个部门管": whom to turn to is who is responsible.
TURN_TO_ASKS = ("找谁", "问谁", "找哪", "归哪")
# "第四小组谁带队", "哪位区领导": a person is asked.
WHO_PERSON = ("谁", "哪位")
# "西河乡归谁联系", "南山镇由哪位县领导联系": a named place (a proper stem and a kind of place) asked of, then these.
ASKED_PLACE_ENDS, ASKED_PLACE_FOLLOWERS = ("街道", "社区", "镇", "乡", "村"), ("归", "由", "的", "谁", "找", "哪", "是")
# Characters no place's own name holds: collectives and particles ("平时对各村的日常督促" names no place).
ASKED_PLACE_NOT_IN = "各全本该所每对的在和与及向给从把被其等"
ASKED_GROUP_ENDS, WHICH_FOR_GROUP = ("组", "队", "专班"), ("哪个", "哪一", "哪")  # "大坪村归哪个组", "由哪个指导组负责"
# "有哪些文件", "收录了几份材料", "文件清单".
DOCS_VERBS, DOCS_ASKS, DOCS_NOUNS = ("有", "收录", "包括", "包含"), ("哪些", "什么", "几份", "多少"), ("文件", "文档", "材料")
DOCS_LISTS = ("列表", "清单")
# "各乡镇要报送哪些材料", "申请要提交什么材料": materials handed in, asked of the text — not the library's documents.
MATERIAL_VERBS = ("报送", "上报", "提交", "填报", "报", "交", "准备", "提供", "携带", "带", "需要")
# "各文件", "哪几份文件": a question across documents (what may stand between 哪 and 文件).
WHICH_DOCUMENTS = ("些", "几份", "几个", "份", "个")
ALL_DOCUMENTS = ("所有文件", "多份文件")
# "张三联系哪个社区", "区火星局要配合哪些工作": a leader or unit question about a name that may be unknown.
PERSON_ASK_VERBS, PERSON_ASKS = ("负责联系",), ("哪", "什么", "了哪")
# "区安办在这项工作里管什么", "主办单位的职责", "督查专班有哪些任务": what may follow a whole name in a duty question.
NAME_END_WORDS = ("在", "的", "有", "是", "都", "还", "主要", "具体", "一般", "平时", "这次", "本次")
UNIT_ASK_ADVERBS, UNIT_ASK_VERBS = ("都", "还"), ("负责", "牵头", "配合", "参与", "承担")
# "帮助", "你能做什么", "怎么用".
HELP_WORDS = ("帮助", "怎么用", "使用说明")

# ---- follow-ups (assistant/conversation/followups.py) and the router's own shapes (assistant/questions/router.py) ------------

# "那第18项呢", "还有区纪委": a question leaning on the previous answer.
FOLLOW_UP_LEADS = ("那么", "那", "还有", "另外", "再", "然后", "and")
# The person or the item of the previous answer.
PERSON_PRONOUNS = ("他们", "她们", "他", "她", "这位领导", "这位", "该领导", "这个领导", "此人", "这位同志")
THIS_ITEM_WORDS = ("这一项", "这项", "该项", "这一条", "这条", "该条", "此项", "上一项")
# "组织部牵头几项？只要数字".
ONLY_NUMBER_WORDS = ("只要数字", "只说数字", "给个数", "直接说数", "就说个数", "几个就行", "数字就行")
# What a follow-up may hold besides role words, names and the shared words; the item text asked for.
FOLLOW_UP_FILLER = ("那么", "那个", "这个", "那", "还有", "另外", "然后", "再", "都", "还", "看看", "个", "份", "里", "中",
                    "谁", "哪些", "哪个", "哪位", "什么", "分别", "情况",
                    "牵头", "配合", "协助", "负责", "主责", "原文", "全文", "内容", "正文", "具体", "详细", "说说", "讲讲", "细说")
TEXT_WORDS = ("原文", "全文", "具体", "内容", "详细", "展开", "完整", "说说", "讲讲", "细说")
# "更多", "还有吗": the next page of the last answer.
MORE_WORDS = ("更多", "更多结果", "还有吗", "还有呢", "还有别的吗", "继续", "下一页", "接着说", "more")
# "考核得了80分是什么等次".
BAND_WORDS = ("等次", "等级", "档次", "什么档", "评为", "评定", "算什么", "属于什么")
# How a document states a band ("90分以上为“好”等次", "60分至79分评为基本称职"): the band nouns and the
# verbs that assign one (assistant/questions/computed_answers.py).
BAND_NOUNS, BAND_VERBS = ("等次", "等级", "档次"), ("为", "评为", "确定为")
# A count is asked ("组织部牵头几项"; the first not after 哪: "哪几项" lists them); not a number of times,
# a score or a period (NOT_COUNT_ASKS); people counted (PEOPLE_COUNT_ASKS).
COUNT_ASKS = ("几项", "多少项", "几条", "多少条", "几个", "多少个", "几位", "多少位", "几名", "多少名", "几家", "多少家", "数量", "总数",
              "多少")
# A count of a unit's items ("主办单位有几项工作"), not of people or bodies (几个, 几位).
ITEM_COUNT_ASKS = ("几项", "几条", "几件", "多少项", "多少条", "多少件", "数量", "总数")
NOT_COUNT_ASKS = ("几次", "多少次", "多少分", "几分", "多久", "几天", "几个月", "几年")
PEOPLE_COUNT_ASKS = ("几位", "多少位", "几名", "多少名", "几个", "多少个", "几人", "多少人")
# Leaders as a topic ("区领导挂点…"), and who visits ("哪位领导联系").
LEADER_WORDS = ("区领导", "领导")
WHO_LEADER = ("谁", "哪位", "哪个领导", "哪些领导")
# What a question across documents ("各文件对…有什么要求") may hold besides its topic.
CROSS_WORDS = ("各个", "各", "每个", "每份", "几个", "几份", "哪些", "哪几份", "哪几个", "哪份", "哪个", "所有", "多份", "文件",
               "分别", "都", "对于", "对", "关于", "有什么", "什么", "哪些", "要求", "规定", "提到", "提及", "讲到", "说到", "谈到",
               "涉及", "怎么", "如何", "怎样", "有何", "说", "讲", "了", "的", "有", "吗", "呢", "里", "中", "在", "是")

# ---- colloquial forms and small talk (assistant/user_input/normalise.py, assistant/questions/smalltalk.py) ----------------

# Colloquial form → the form the recognisers and the documents use. Longest forms are applied first
# (so "啥时候" is not read as "啥" + "时候"). Only forms that cannot mean anything else belong here.
COLLOQUIAL: tuple[tuple[str, str], ...] = (
    ("多会儿", "什么时候"), ("啥时候", "什么时候"), ("啥时间", "什么时间"), ("几时", "什么时候"),
    ("啥时", "什么时候"), ("哪天", "什么时候"),
    ("谁来搞", "谁负责"), ("谁来干", "谁负责"), ("谁来做", "谁负责"), ("谁搞", "谁负责"), ("谁来弄", "谁负责"),
    ("谁来当", "谁担任"), ("谁来担任", "谁担任"),
    ("谁来抓", "谁负责"), ("谁来管", "谁负责"), ("谁来负责", "谁负责"), ("谁抓", "谁负责"), ("谁管", "谁负责"),
    ("归谁管", "由谁负责"), ("归谁", "由谁负责"),
    ("啥档次", "什么等次"), ("什么档次", "什么等次"), ("什么等级", "什么等次"), ("啥等级", "什么等次"),
    ("干啥", "做什么"), ("干嘛", "做什么"), ("干吗", "做什么"),
    ("咋样", "怎么样"), ("咋办", "怎么办"), ("咋", "怎么"), ("啥", "什么"), ("搞一次", "开展一次"), ("搞", "开展"),
    ("频率", "多久一次"), ("频次", "多久一次"), ("最晚", ""), ("最迟", ""),
    # "整改期限是多久": the documents state a period ("1个月内"), never the word 期限
    ("期限是多久", "多久"), ("期限有多长", "多久"), ("期限多长", "多久"), ("期限是什么时候", "什么时候"), ("期限", "多久"),
)

# Small talk: the whole message is one of these phrases (with fillers), by topic.
SMALL_TALK: dict[str, tuple[str, ...]] = {
    "greeting": ("你好", "您好", "你们好", "大家好", "嗨", "哈喽", "hello", "hi", "早上好", "上午好", "中午好",
                 "下午好", "晚上好", "早安", "早", "在不在"),
    "presence": ("在吗", "在么", "有人吗", "在不"),
    "thanks": ("谢谢你", "谢谢您", "谢谢", "谢了", "谢啦", "多谢", "感谢", "辛苦了", "辛苦", "麻烦了", "好的", "好", "收到", "明白了",
               "明白", "知道了", "了解", "ok", "okay", "thanks", "thank you", "嗯嗯", "嗯", "👍"),
    "bye": ("再见", "拜拜", "bye", "回头见", "下次见"),
    "identity": ("你是谁", "你叫什么", "你叫啥", "你是什么", "你是机器人", "你是人", "你是真人"),
    "help": ("/help", "/start", "帮助", "help", "你能做什么", "你会做什么", "你能干什么", "你会干什么", "你会什么",
             "你能帮我做什么", "能做什么", "能干什么", "怎么用", "如何使用", "使用说明", "怎么问", "怎么提问",
             "有什么功能", "有哪些功能", "功能"),
    "docs": ("/docs", "有哪些文件", "有什么文件", "收录了哪些文件", "文件列表", "文件清单", "都有哪些文件"),
}
# Left after the phrases: fillers that do not make a message a question (besides the particles):
# interjections, and ways of addressing the assistant.
SMALL_TALK_FILLER = ("了", "的", "哈", "啦", "哦", "噢", "喔", "哈哈", "呵呵", "老师", "同志", "小助手", "助手", "机器人", "bot", "您", "你")

# Who a thing is reported to ("向哪些部门报备", "报给谁"), and how a text says it ("报送至区河长办").
REPORT_ASK_VERBS, REPORT_TO_MARKS = ("报备", "报送", "报", "交", "送", "抄报", "提交"), ("给", "到", "至")
WHICH_COUNTERS, RECIPIENT_NOUNS = "些个家位里", ("部门", "单位", "处室", "科室", "机构", "领导")
RECIPIENT_ENDS = ("局", "委", "办", "部", "处", "室", "科", "中心", "站", "所", "组", "政府", "领导")
REPORT_TO_VERBS = ("报至", "报给", "抄报", "送交", "送至", "交给", "交至")
RECIPIENT_SCOPES = ("区", "市", "县", "省", "各", "相关", "有关", "上级")

# ---- answers that quote a section, a roster or a unit's duties (assistant/questions/section_answers.py,
# roster_answers.py, search_answers.py) ---------------------------------------------------------------

# "第二章 …", "第三部分 …": the nouns of a numbered section title (read as a character class, as written).
SECTION_TITLE_NOUNS = ("章", "节", "部分")
# What a question about a section may hold besides its title: "有哪些", "主要是什么", "包括什么内容".
SECTION_QUESTION_WORDS = ("有哪些", "哪些", "是什么", "什么", "有", "是", "包括", "包含", "主要", "具体", "内容",
                          "都", "分别", "的", "里", "中")
# "…归哪个专班": what stands between 哪 and the group noun.
WHICH_GROUP = ("个", "一个", "些")
# A task whose unit notes hold one of these is a roster ("组长：张三", "成员：…").
ROSTER_TASK_MARKS = ("组长", "成员")  # substrings: 副组长 and 成员单位 count too
# "…；并负责…", "同时协助…": a clause opening with these (or a role or duty word) continues a unit's duties.
DUTY_CONTINUERS = ("并", "同时")
# "有哪些责任单位" asks who, not "有哪些责任" (a sanction): a sanction noun followed by these is a compound.
SANCTION_NOT_BEFORE = ("单位", "部门", "处室", "科室", "人", "领导", "清单", "分工", "主体", "区")
# A 前 that closes a stated time ("12月底前", "竣工验收日前"), not any 前 ("项目前期").
TIME_BEFORE_ENDS = ("日", "月", "底", "旬", "年", "节", "天", "周")
# "承担除旧城区外垃圾转运站的建设": what a passage excepts ("除X外", "除了X以外") is what it is not about.
EXCEPT_OPENERS, EXCEPT_CLOSERS = ("除了", "除"), ("以外", "之外", "外")
# Counters that count the same things: "配多少人" is answered by "按10名配备".
COUNTER_FORMS = (("人", "名", "位"), ("座", "个"), ("家", "个"))
# "涉及好几个部门": 好几 says "several", it asks nothing; documents write 多.
SEVERAL_WORDS = ("好几",)
# "办公室成员有哪几个人": 哪几个 asks which ones (a list of names), not how many; read as 哪些.
WHICH_FEW_WORDS = ("哪几个", "哪几位", "哪几名")  # not "哪几天": which days is when
# A sanction asked by these words must be named in the answer ("怎么追责"); "怎么处理" is answered in freer words.
ACCOUNTABILITY_ASKS = ("追责", "问责", "追究", "处分", "处罚")

# "组建抢险队的通知什么时候发的", "这份清单是哪天印发的", "发文日期": when the document itself was issued (its
# signature's date). Asked with a when-word before an issue verb, or an issue noun with 日期/时间.
ISSUE_WHEN = ("什么时候", "何时", "哪一天", "几月几日", "几月几号", "几号", "什么日期", "什么时间")
ISSUE_DONE = ("印发的", "下发的", "发布的", "出台的", "发出的", "发的", "签发的", "印发", "下发", "发布", "出台", "签发")
ISSUE_NOUNS = ("发文", "印发", "下发", "落款", "成文", "签发")
ISSUE_DATE_NOUNS = ("日期", "时间")
# "这个通知是谁代章的", "落款单位是哪个": the signature's seal line and issuer, asked of the document itself.
SEAL_ASKS = ("谁代章", "哪个单位代章", "哪个部门代章", "代章单位", "代章的是", "代的章")
ISSUER_ASKS = ("落款单位", "落款是", "发文单位", "发文机关", "哪个单位发的", "哪个部门发的", "谁发的", "哪个单位印发", "哪个部门印发")

# "挂钩联系点单位每年要接受几次考核": what a frequency question counts (接受考核) must be what the sentence
# stating a frequency does. Verbs that carry no topic ("召开几次", "开展一次"), fillers and particles say
# nothing of it; a question counting only through them ("督导多久开展一次") is bound by its other words.
COUNTED_LIGHT_WORDS = ("开展", "进行", "召开", "组织", "举行", "举办", "安排", "开", "办", "搞", "弄", "干", "去", "做", "到", "一般", "大概",
                       "大约", "最少", "最多", "都", "得", "吗", "呢", "啊", "呀", "的")
# Where the counted action starts: after the period the question counts in ("每年", "一年", "汛期期间").
COUNT_PERIOD_ENDS = ("期间", "内")
