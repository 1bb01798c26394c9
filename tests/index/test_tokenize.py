import pytest

from index.tokenize import (
    char_ngrams,
    domain_terms,
    fold_for_search,
    query_tokens,
    query_words,
    strip_question_words,
)


@pytest.mark.parametrize(
    ("question", "kept", "gone"),
    [
        ("民主生活会一年开几次？", "民主生活会一年开", "几"),
        ("收到整改通知多久要报告", "收到整改通知", "多久"),
        ("机关党委书记一般由谁担任", "机关党委书记", "谁"),
        ("发展党员中有哪些违规问题要严肃处理", "违规问题", "哪些"),
        ("怎样防止带病提拔", "防止带病提拔", "怎样"),
        ("检查考核工作安排在什么时间", "检查考核工作安排在", "什么"),
        # the question's references to the document itself are not what it is about
        ("这份通知是依据党群工作部哪个文件发的", "党群工作部", "这份通知"),
        ("本方案的督导时间是什么时候", "督导时间", "本方案"),
        ("该文件要求各村做什么", "要求各村做", "该文件"),
        ("巡查员聘期多长？", "巡查员聘期", "多长"),
    ],
)
def test_question_words_are_stripped(question, kept, gone):
    out = strip_question_words(question).replace(" ", "")
    assert kept in out
    assert gone not in out


def test_ji_keeps_the_unit_it_counts():
    assert "天" in strip_question_words("集中学习要几天")
    assert "几" not in strip_question_words("集中学习要几天")


def test_question_of_only_question_words_is_kept():
    assert strip_question_words("谁？").strip() == "谁?"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("（区纪委牵头）", "(区纪委牵头)"), ("**区委组织部**", " 区委组织部 "), ("<p>６０分</p>", " 60分 "), ("ＡＢ", "ab")],
)
def test_normalize_width_markup_case(raw, expected):
    assert fold_for_search(raw) == expected


def test_char_ngrams_unigrams_and_bigrams_within_runs():
    assert char_ngrams("三会一课，党建") == ["三", "会", "一", "课", "三会", "会一", "一课", "党", "建", "党建"]


def test_query_words_match_index_vocabulary():
    vocab = {"三会一课", "组织生活", "生活"}
    assert query_words("落实三会一课和组织生活", vocab) == ["w:三会一课", "w:组织生活", "w:生活"]


def test_query_tokens_combine_chars_and_words():
    toks = query_tokens("三会一课多久开一次", {"三会一课"})
    assert "w:三会一课" in toks and "课" in toks and "多久" not in toks


def test_domain_terms_from_units_and_quotes():
    terms = domain_terms(["区委组织部", "区"], ["严格落实“三会一课”制度，加强“两新”组织党建"])
    assert {"区委组织部", "三会一课", "两新"} <= terms
    assert "区" not in terms


@pytest.mark.parametrize(("question", "absent"), [
    ("君山水库的管理单位责任人是谁？", {"的", "是", "库的", "人是"}),  # connectors a table row never holds
    ("民主生活会一年开几次", {"几次"}),
])
def test_coverage_terms_leave_out_connectors(question, absent):
    from index.tokenize import coverage_terms

    assert not absent & set(coverage_terms(question)[0])
    assert "责任" in coverage_terms("君山水库的管理单位责任人是谁？")[0]


def test_coverage_terms_keep_the_fixed_phrase_dangde():
    from index.tokenize import coverage_terms

    assert "党的" in coverage_terms("党的工作部门每年年底要做什么")[0]


@pytest.mark.parametrize(("question", "read"), [
    ("扣一分罚多少钱", "扣1分罚多少钱"),
    ("每两次检查", "每2次检查"),
    ("统一叫什么名字", "统一叫什么名字"),  # a word, not a count
    ("一是加强组织领导", "一是加强组织领导"),
    ("民主生活会一年开几次", "民主生活会一年开几次"),  # a period stays as people say it
])
def test_digits_for_counts(question, read):
    from index.tokenize import digits_for_counts

    assert digits_for_counts(question) == read


# A question and the passage that answers it in other word forms (corpus/vocabulary.WORD_FORMS, SPAN_WORDS).
@pytest.mark.parametrize(("question", "form"), [
    ("汛期是从几月到几月？", "至"),  # 从4月到11月 / 4月1日至11月1日
    ("挂钩处室有哪些？", "联系"),  # 挂钩处室 / 联系处室
    ("督查结果和什么挂钩？", "纳入"),  # 结果与…挂钩 / 结果纳入…考核
    ("报名到什么时候截止？", "为止"),
    ("进展情况要在哪几天报上去？", "报送"),
    ("前三名分别奖多少钱？", "依次"),
    ("排查哪些年代的房子？", "房屋"),
    ("母婴室统一叫什么名字？", "名称"),
    ("个体户安全生产标准化评定多少分算达标？", "工商"),  # 个体户 / 个体工商户
    ("这个责任人名单是依据什么规定公布的？", "根据"),  # 依据 / 根据《…规定》
    ("一个职业资格涉及好几个部门的话，由谁组织实施？", "多部"),  # 好几个部门 / 涉及多部门的
    ("值班人员每天几点前报告？", "每日"),  # 每天 / 每日17时前报送
])
def test_coverage_terms_include_the_documents_word_forms(question, form):
    from index.tokenize import coverage_terms
    assert any(form in terms for terms in coverage_terms(question))


@pytest.mark.parametrize(("question", "kept", "span"), [
    ("大检查到什么时候结束？", "检查", "结束"),
    ("这次督导从哪天持续到哪天？", "督导", "持续"),
])
def test_a_question_asking_when_is_also_compared_without_its_span_words(question, kept, span):
    from index.tokenize import span_terms
    terms = span_terms(question)
    assert terms and kept in terms[0] and span not in terms[0]


def test_span_terms_only_for_questions_asking_when():
    from index.tokenize import span_terms
    assert span_terms("督查结果和什么挂钩？") == []
