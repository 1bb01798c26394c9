"""The answer gate: lexical coverage, or dense evidence that also carries the asked-for answer type."""

from dataclasses import dataclass

import pytest

from index.gates import MIN_COVERAGE, answers, dense_quote, related
from tests.support.search_hits import Hit, Passage


@dataclass
class Searcher:
    """Stands in for index.searcher.Searcher: the dense side's verdict and closest sentence."""
    vouch: bool
    sentence: str

    def vouches(self, query, hit):
        return self.vouch

    def closest_sentence(self, query, hit):
        return self.sentence, 0.9 if self.vouch else 0.1


TOILET = "改造农村户用厕所。在充分尊重农民意愿的基础上，推进农村户用厕所改造。"


@pytest.mark.parametrize(
    ("question", "coverage", "vouch", "sentence", "expected"),
    [
        # a near-topic question the text does not answer: dense alone must not vouch
        ("农户改造厕所每户能拿多少补贴？", 0.2, True, "推进农村户用厕所改造", False),
        ("吸毒人员强制隔离戒毒的期限是多久？", 0.2, True, "整合社会资源,构建齐抓共管的工作格局", False),
        ("审计发现问题的村干部会受到什么处分？", 0.2, True, "督导时间为2021年4月12日-5月7日", False),
        # the same kind of question, answered by the quoted sentence
        ("农户改造厕所每户能拿多少补贴？", 0.2, True, "每户奖补1500元", True),
        # a paraphrase without an answer-type cue keeps its dense answer
        ("干部被人诬告了以后怎么恢复名誉", 0.0, True, "予以澄清和正名", True),
        # no dense evidence, too little overlap
        ("干部被人诬告了以后怎么恢复名誉", 0.1, False, "", False),
        # lexical evidence suffices, but not for a sum the passage does not state (issue 19)
        ("农户改造厕所每户能拿多少补贴？", MIN_COVERAGE, False, "", False),
        ("怎么改造农村户用厕所？", MIN_COVERAGE, False, "", True),
        # who holds a post: only a passage naming someone to one answers ("改造农村户用厕所" names nobody)
        ("改厕工作领导小组组长是谁？", MIN_COVERAGE, False, "", False),
    ],
)
def test_answers(question, coverage, vouch, sentence, expected):
    assert answers(Searcher(vouch, sentence), question, Hit(Passage(TOILET), coverage)) is expected


def test_dense_quote_only_when_lexical_evidence_is_missing():
    searcher = Searcher(True, "予以澄清和正名")
    assert dense_quote(searcher, "怎么恢复名誉", Hit(Passage(TOILET), 0.1)) == "予以澄清和正名"
    assert dense_quote(searcher, "怎么恢复名誉", Hit(Passage(TOILET), MIN_COVERAGE)) is None


@pytest.mark.parametrize(("question", "text", "lacks"), [
    ("三十六脚湖核心区一共要搬迁多少户居民？", "实施三十六脚湖核心区内居民搬迁，6月份前完成修复工程。", True),
    ("三十六脚湖核心区一共要搬迁多少户居民？", "搬迁核心区居民120户。", False),
    ("今年地区生产总值预期增长多少？", "地区生产总值增长6%左右。", False),
    ("考评优秀的村能奖多少钱？", "考评优秀的村予以通报表扬（岚综管办〔2015〕119号）。", True),
    ("领导小组组长是谁？", "成立领导小组：组长：张三（管委会副主任）；副组长：李四", False),
    ("领导小组组长是谁？", "领导小组负责统筹推进平安建设工作。", True),
    ("里美联合党委书记是谁？", "成员：林森里美联合党委书记、财政经管办主任", False),
    ("谈话记录最后怎么处理？", "谈话记录存档备查。", False),  # a handling is worded too freely to demand
    # "几次" asks for a number of times: "定期" says how regularly, not how many
    ("考评小组每个月检查几次？", "采取定期和随机检查相结合的方式，并将考评结果纳入年度绩效考核。", True),
    ("民主生活会一年开几次？", "每年召开一次民主生活会。", False),
    ("督导组多少次下沉？", "督导组全年下沉不少于4次。", False),
    # a use or a reward is named: a passage on the topic without one does not answer
    ("考核结果怎么运用？", "根据实施意见的要求，制定如下结对帮扶方案。", True),
    ("考核结果怎么运用？", "考核结果作为评先评优和干部使用的重要依据。", False),
    ("考核优秀的村有什么奖励？", "未对村居林长履职情况开展监督的，扣2分。", True),
    ("考核优秀的村有什么奖励？", "考核优秀的村予以通报表扬。", False),
    # a date, a time or a sanction asked: a passage on the topic that states none does not answer
    ("环保履职报告每年几月几号之前交？", "负有监督管理职能的部门每年应向区管委会提交生态环境保护履职报告。", True),
    ("环保履职报告每年几月几号之前交？", "每年1月31日前向区管委会提交上一年度履职报告。", False),
    ("样板项目要在什么时候前完工？", "负责推进样板建设项目的项目前期、开工、建设管理、竣工等工作。", True),  # 前期 is no time
    ("样板项目要在什么时候前完工？", "样板项目于2022年12月底前完工。", False),
    ("巡查员聘期多长？", "续聘六名殡改专职巡查员，聘期半年。", False),
    ("对完不成任务的科室怎么追责？", "请各科室认真完成职责范围内的任务，并报送局监察室。", True),
    ("对完不成任务的科室怎么追责？", "对工作不力的科室严肃追究责任。", False),
    # counters that count the same things; "好几个部门" asks no count
    ("乡村道专管员配多少人？", "由区路长办统一招募，人数按10名配备。", False),
    ("乡村道专管员配多少人？", "由区路长办统一招募并统筹安排。", True),
    ("一个职业资格涉及好几个部门的话，由谁组织实施？", "涉及多部门的，由牵头部门组织实施。", False),
])
def test_passage_lacks_answer(question, text, lacks):
    from index.answer_type import passage_lacks_answer
    assert passage_lacks_answer(question, text) is lacks


# A question asking for a place or a source of funds, answered by meaning with a passage that lacks it:
# not the answer, but offered as related (the nearest passage), never quoted as if it answered.
NEAR_WITHOUT_TYPE = [
    ("place", "公厕考核结果在哪里公示？", "对照考核评分标准开展考核工作。", "考核结果在片区政务网公示。"),
    ("source of funds", "资产清查的工作经费从哪里出？", "清查的重点是土地、房产。", "所需经费列入年度部门预算。"),
    ("how a sum is calculated", "值班人员的加班补贴怎么算？", "各村委会要做好值班值守工作。", "值班人员每天补助100元。"),
]


@pytest.mark.parametrize(("question", "lacking", "carrying"), [c[1:] for c in NEAR_WITHOUT_TYPE],
                         ids=[c[0] for c in NEAR_WITHOUT_TYPE])
def test_near_in_meaning_without_the_asked_type_is_related(question, lacking, carrying):
    near = Hit(Passage(lacking), coverage=0.2)
    assert not answers(Searcher(True, lacking), question, near)
    assert related(Searcher(True, lacking), question, near)
    assert answers(Searcher(True, carrying), question, Hit(Passage(carrying), coverage=0.2))
    assert not related(Searcher(False, lacking), question, near)  # far in meaning too: plainly not found
