"""The answer gate's typed evidence, one table per mechanism (short snippets in the style of the breadth corpus):

- counted action: a frequency answers "多久…一次 / 几次" only when the clause stating it does what is counted;
- a frequency question needs a frequency: a passage on the topic that states none does not answer;
- bound evidence: a 文号, a sum of the fund named or a count in the counter named, stated in a sentence that
  shares the question's words, answers at a lower word coverage (index/gates.py, ``bound_evidence``);
- per-unit sums: "每户多少" is not answered by a sum per head;
- quotes are not cut at a half-width ";" inside a sentence.
"""

from dataclasses import dataclass

import pytest

from assistant.questions.search_answers import answer_free, quote_sentences
from corpus.model import Document, Paragraph
from index.answer_type import asks_bound, carries_answer, counted_terms, passage_lacks_answer
from index.gates import MIN_BOUND_COVERAGE, MIN_COVERAGE, answers, bound_evidence
from index.searcher import open_searcher
from tests.index import fakes
from tests.support.search_hits import Hit, Passage


@pytest.mark.parametrize(("question", "text", "expected"), [
    # the clause states a frequency of what is counted
    ("重点整治阶段每周到现场几次？", "重点整治阶段（4月1日-4月30日）：每周至少两次到现场，发现问题及时处理。", True),
    ("站内工作人员多久培训一次？", "一、站内工作人员每季度进行一次培训。", True),
    ("片区林长每年要开几次林长会议？", "片区林长每年至少召开2次林长会议。", True),
    ("村部每天要消毒几次？", "村部每天消毒不少于2次。", True),
    ("巡查员多久在微信群里报告一次巡查情况？", "巡查员要每日定期在微信工作群中发布最新巡查信息。", True),
    # counted only through a light verb: the other words of the question bind it
    ("督导多久开展一次？", "要求每两周开展1次督导。", True),
    ("生态文明建设联席会议多久开一次？", "实施生态文明建设联席会议制度，至少每季度召开一次会议。", True),
    ("河洛清风大讲堂多久办一次", "每季度组织开展1次“河洛清风大讲堂”。", True),
    ("片区防控办多久督导一次？", "对各行政村进行“一周一督导”。", True),
    # a frequency of another action of the same unit, meeting or campaign
    ("排查整治阶段每周检查几次？", "重点整治阶段（4月1日-4月30日）：每周至少两次到现场，发现问题及时处理。", False),
    ("挂钩联系点单位每年要接受几次考核？", "局党组织主要领导每周深入挂钩联系点单位不少于1次。", False),
    ("路长办公室每月召开几次调度会？", "路长联席会议由区路长办公室负责牵头，每季度定期召开成员单位会议。", False),
    ("村路长每月巡路几次？", "建立“区级季度检查、乡镇每月自查”分级负责的监督机制。", False),
    ("微型消防站的消防车多久保养一次？", "微型消防站每月至少开展一次消防安全检查。", False),
])
def test_a_frequency_is_of_the_counted_action(question, text, expected):
    assert carries_answer(question, text) is expected


@pytest.mark.parametrize(("question", "terms"), [
    ("挂钩联系点单位每年要接受几次考核？", ["接受", "考核"]),
    ("排查整治阶段每周检查几次？", ["检查"]),
    ("百日行动期间进展情况多久报一次？", ["报"]),
    ("民主生活会一年开几次", []),
    ("环保综合督查每年开展几次？", []),
    ("督查组组长是谁？", []),  # no frequency question
])
def test_counted_terms(question, terms):
    assert counted_terms(question) == terms


@pytest.mark.parametrize(("question", "text", "lacks"), [
    ("考评工作小组多久开一次会？", "区环境卫生综合整治主题活动领导小组办公室负责考评的具体组织实施。", True),
    ("考评工作小组多久开一次会？", "考评工作小组每季度召开一次会议。", False),
    ("生态文明建设联席会议多久开一次？", "实施生态文明建设联席会议制度，协调解决重大问题。", True),
])
def test_a_frequency_question_needs_a_frequency(question, text, lacks):
    assert passage_lacks_answer(question, text) is lacks


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("环境卫生整治工作经费每人多少元？", "环境卫生整治工作经费按各乡镇50元/人的标准核定。", True),
    ("农村户厕改造每户补助多少？", "农村户厕改造建设项目，每户补助600元。", True),
    ("新建旅游公厕每座补助多少？", "新建旅游公厕项目每座补助6万元。", True),
    ("护林防火员每月工资多少？", "护林防火员工资总额控制在800～1200元／每月。", True),  # 每月: how often, not per what
    ("护林防火员每个月工资多少？", "护林防火员工资总额控制在800～1200元／每月。", True),
    ("美丽乡村示范村每个村补助多少钱？", "对验收合格的示范村每村补助50万元。", True),
    ("环境卫生整治工作经费每户多少元？", "环境卫生整治工作经费按各乡镇50元/人的标准核定。", False),
    ("每户慰问金是多少？", "局领导每人资助200元。", False),
    ("关闭的畜禽养殖场每户补偿多少钱？", "10月底前完成第二批畜禽养殖场关闭拆除工作。", False),  # 补偿: a sum asked
])
def test_a_sum_per_unit_and_of_the_fund(question, text, expected):
    assert carries_answer(question, text) is expected


@pytest.mark.parametrize(("question", "bound"), [
    ("村干部经济责任审计是根据哪个文件开展的？", True),
    ("乡镇护林防火员每个月工资大概多少？", True),
    ("国企的法人管理层级最多允许几级？", True),
    ("这次一共有多少个承办单位？", False),  # 个: any list has a count of something
    ("今年要突出抓好多少项乡村振兴重点任务？", False),
    ("新开工项目要在什么时候前开工？", False),  # a date is met in any sentence
    ("微型消防站多久开展一次消防安全检查？", False),
])
def test_which_questions_ask_a_bound_phrase(question, bound):
    assert asks_bound(question) is bound


@dataclass
class Searcher:
    """Stands in for index.searcher.Searcher: a fixed coverage for every sentence, no dense side."""
    sentence_coverage: float

    def text_coverage(self, query, text):
        return self.sentence_coverage

    def vouches(self, query, hit):
        return False


WAGE = ("护林防火员工资和年终奖金的来源按以下规定执行：一、乡镇护林防火员工资从生态补偿基金中拨给。"
        "二、乡镇护林防火员工资由基本工资和绩效工资构成，总额控制在800～1200元／每月。")
BASIS = "根据《关于开展村干部任期和离任经济责任审计的通知》（岚农联〔2021〕3号）精神，决定成立审计工作督导组。"


@pytest.mark.parametrize(("question", "text", "coverage", "sentence", "expected"), [
    ("乡镇护林防火员每个月工资大概多少？", WAGE, 0.37, 0.32, True),
    ("村干部经济责任审计是根据哪个文件开展的？", BASIS, 0.32, 0.32, True),
    # the stating sentence shares too few of the question's words, or the passage does
    ("乡镇护林防火员每个月工资大概多少？", WAGE, 0.37, 0.2, False),
    ("乡镇护林防火员每个月工资大概多少？", WAGE, 0.25, 0.32, False),
    # no bound phrase: a sum of another fund, no 文号
    ("乡镇护林防火员每个月补贴大概多少？", WAGE, 0.37, 0.32, False),
    ("村干部经济责任审计是根据哪个文件开展的？", "决定成立审计工作督导组，督导各村开展经济责任审计。", 0.32, 0.32, False),
    # not a bound kind: a date or a frequency needs the full coverage
    ("护林防火员什么时候前聘用？", "护林防火员于每年3月底前聘用。", 0.35, 0.35, False),
])
def test_bound_evidence(question, text, coverage, sentence, expected):
    searcher, hit = Searcher(sentence), Hit(Passage(text), coverage)
    assert bound_evidence(searcher, question, hit) is expected
    assert answers(searcher, question, hit) is expected


@pytest.mark.parametrize(("kind", "expected"), [("row", True), ("paragraph", False)])
def test_a_table_row_is_one_record(kind, expected):
    """A row's cells are joined by "；": the counted meeting and its frequency stand in two cells."""
    row = Passage("会议名称：党委例会；召开频次：每月至少1次；责任处室：党政办", kind)
    assert answers(Searcher(0.0), "每月开几次党委例会？", Hit(row, MIN_COVERAGE)) is expected


def test_the_bound_threshold_is_below_the_lexical_one():
    assert MIN_BOUND_COVERAGE < MIN_COVERAGE


def _searcher(tmp_path, *texts):
    doc = Document(source="fire.txt", title="森林防火领导责任追究管理办法", short_name="森林防火办法",
                   paragraphs=tuple(Paragraph(t, number=i) for i, t in enumerate(texts, 1)))
    return open_searcher(fakes.corpus(doc), tmp_path / "index", embedding_model=None)


def test_a_paraphrased_wage_question_is_answered_from_the_sentence_stating_the_wage(tmp_path):
    searcher = _searcher(tmp_path, WAGE, "护林防火员奖惩办法：护林成绩突出的，经年终考核后予以表彰，并酌情发给年终奖金1000～2000元。",
                         "乡镇护林防火员由乡镇人民政府统一聘用，实行合同管理。", "乡镇护林防火员负责管护责任区的巡山护林工作。",
                         "行政村主干责任追究：发生下列情形之一，给予通报批评和效能告诫一次。")
    assert searcher.search("乡镇护林防火员每个月工资大概多少？", 1)[0].coverage < MIN_COVERAGE  # paraphrased
    a = answer_free("乡镇护林防火员每个月工资大概多少？", searcher)
    assert a.found and "800～1200元" in a.text
    assert not answer_free("护林防火员退休后每月能领多少养老补贴？", searcher).found


@pytest.mark.parametrize(("text", "pieces"), [
    # a half-width ";" inside a sentence typed with half-width commas: one sentence
    ("各处室加强日常沟通协调,能够联合开展的,应当联合开展;结果能够共享的,应当主动共享。日常工作中发现问题要及时移送。",
     ["各处室加强日常沟通协调,能够联合开展的,应当联合开展;结果能够共享的,应当主动共享。", "日常工作中发现问题要及时移送。"]),
    # full-width ones still end a piece
    ("负责组织实施；负责监督检查。", ["负责组织实施；", "负责监督检查。"]),
])
def test_quotes_are_not_cut_at_a_half_width_semicolon(text, pieces):
    assert quote_sentences(text) == pieces
