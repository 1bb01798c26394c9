"""A question naming a group and asking for its people is answered with the group's whole roster."""

import pytest

from assistant.questions.roster_answers import roster_answer, roster_question
from corpus.parse import parse_document

TITLED = ("一、考评工作小组\n考评工作小组负责具体组织实施。（考核小组成员名单附后）\n附件1\n"
          "区环境卫生综合整治主题活动考核小组成员名单\n组 长：赖德芳 区交通与建设局局长\n"
          "副组长：王建伟 区交通与建设局副调研员\n成 员：刘孟勇 区管委会办公室督查室主任科员\n黄利军 区监察专员办科员\n")
NAMED = ("经党委研究，决定成立金井片区督查专班，对落实各项目标任务责任情况开展督查巡查。现将有关事项通知如下：\n"
         "一、人员组成\n金井片区督查专班：\n组 长：庄 亮 党委委员\n副组长：林 华 局长助理\n"
         "成 员：林 勇 办公室工作小组副组长\n林圣龙 办公室工作小组科员\n二、工作职责\n对各项目标任务开展督查。\n")

SPLIT_TITLE = ("三、工作要求\n各单位要加强统筹协调。\n附件\n平潭综合实验区集中开展“六打六治”打非治违专项行动工作小组\n成员名单\n"
               "组 长：尤猛军 区党工委副书记\n副组长：谢秀桐 区党工委委员\n")
UNDER_DOC_TITLE = ("平潭综合实验区管委会海绵城市建设试点工作组织机构\n\n为加快我区“海绵城市”建设试点工作的开展，现将组织机构如下：\n"
                   "一、组织机构\n组 长：王进足 区党工委委员\n副组长：林 杰 区环境与国土资源局局长\n")

AREAS = ("决定成立白青区域、大练区域两个工作专班。\n二、组织架构\n（一）白青区域征迁工作专班\n组 长：张 强 党委委员\n"
         "成 员：陈 明 资源生态处处长\n工作专班负责统筹推进白青区域涉及项目的征迁工作。重点抓好环白青乡生态廊道项目的征迁工作。\n"
         "（二）大练区域征迁工作专班\n组 长：韩祥平 党委委员、副局长\n成 员：李云桂 大练办事处主任\n"
         "工作专班负责统筹推进大练区域涉及项目的征迁工作。重点抓好大练旅游环岛路三期项目的征迁工作。\n")

ROSTERS = [
    ("the group a piece of work belongs to", AREAS, "大练旅游环岛路三期的征迁归哪个专班，组长是谁？", ("韩祥平", "李云桂")),
    ("the group's title over two lines", SPLIT_TITLE, "专项行动工作小组组长是谁？", ("尤猛军", "谢秀桐")),
    ("工作组长: the post shares the group's 组; the name left out of order words", UNDER_DOC_TITLE,
     "海绵城市试点工作组长是谁？", ("王进足",)),
    ("a list title names the group, the question shortens it", TITLED, "考核小组组长是谁？", ("赖德芳", "王建伟", "黄利军")),
    ("the whole roster, not one line", NAMED, "督查专班有哪些成员？", ("庄亮", "林华", "林勇", "林圣龙")),
    ("组成人员", NAMED, "金井片区督查专班的组成人员有哪些", ("庄亮", "林圣龙")),
    ("由哪些人组成", NAMED, "督查专班由哪些人组成？", ("林勇",)),
]


@pytest.mark.parametrize(("text", "question", "names"), [c[1:] for c in ROSTERS], ids=[c[0] for c in ROSTERS])
def test_a_roster_question_is_answered_with_the_roster(text, question, names):
    a = roster_answer(question, [parse_document(text, "x.txt", short_name="考评办法")])
    assert a is not None and a.found and a.citations
    assert all(n in "\n".join(a.blocks) for n in names)


@pytest.mark.parametrize("question", ["督查专班负责什么？", "考核结果怎么运用？", "第3项谁牵头？", "区财政局有哪些职责？"])
def test_other_questions_are_no_roster_questions(question):
    assert roster_question(question) == ""


def test_a_group_without_a_roster_is_left_to_search():
    assert roster_answer("考核小组组长是谁？", [parse_document(NAMED, "x.txt")]) is None
    assert roster_answer("环岛路四期的征迁归哪个专班？", [parse_document(AREAS, "x.txt")]) is None
