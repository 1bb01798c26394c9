"""Task tables with a column of short task names beside the task text ("重点任务 | 工作内容")."""

from corpus.parse import parse_document


def _items(text: str):
    return parse_document(text, "snippet.txt").items


def test_short_name_column_heads_the_row_item():
    items = _items("""某局政务公开工作要点
二、重点工作任务分解
重点任务 | 工作内容 | 负责科室 |
政策解读 | 对以我局名义制定的政策文件进行全面解读,创新解读形式。 | 各责任科室 |
回应关切 | 对群众普遍关注的社会热点问题及时、主动回应。 | 各业务科室 |
财政资金 | 及时发布财政预决算、“三公经费”信息,自觉接受群众监督。 | 综合科 |
""")
    assert [i.heading for i in items] == ["政策解读", "回应关切", "财政资金"]
    assert items[1].units.shared == ("各业务科室",)
    assert "及时、主动回应" in items[1].text


def test_without_a_name_column_the_task_text_heads_the_item():
    items = _items("""某县任务分解表
序号\t工作任务\t牵头单位\t配合单位
1\t推进政务服务事项标准化。\t县政务服务中心\t县直各部门
2\t完善政府信息公开目录。\t县政府办\t县直各部门
""")
    assert [i.heading for i in items] == ["推进政务服务事项标准化。", "完善政府信息公开目录。"]
    assert items[0].units.lead == ("县政务服务中心",)


def test_repeated_short_values_are_not_names():
    items = _items("""某县任务分解表
类别\t工作任务\t牵头单位
公开\t推进政务服务事项标准化,编制办事指南。\t县政务服务中心
公开\t完善政府信息公开目录,及时更新。\t县政府办
""")
    assert items[0].heading.startswith("推进政务服务事项标准化")



def test_a_person_column_is_not_a_task_name():
    items = _items("""某县重点任务分工表
序号\t工作任务\t责任领导\t牵头单位\t责任单位
1\t推进老旧小区改造。\t张三\t县住建局\t各乡镇
2\t开展农村厕所改造。\t李四\t县农业农村局\t各乡镇
""")
    assert [i.heading for i in items] == ["推进老旧小区改造。", "开展农村厕所改造。"]
    assert items[0].units.lead == ("县住建局",)


def test_a_task_column_named_with_a_role_word_still_holds_the_tasks():
    items = _items("""某局全面从严治党责任清单
序号\t责任事项\t主体责任\t监督责任
1\t落实党风廉政建设责任制。\t各党支部\t局纪检组
2\t开展廉政教育。\t机关党委\t局纪检组
""")
    assert [i.heading for i in items] == ["落实党风廉政建设责任制。", "开展廉政教育。"]
    assert items[1].units.shared == ("机关党委", "局纪检组")


def test_cooperating_column_named_xietong_and_unit_columns_are_not_task_names():
    items = _items("""某县任务分工表
序号\t具体任务\t牵头部门\t协同部门\t时间节点
1\t推进政务公开。\t县政府办\t县直各部门\t6月底前
2\t完善信息平台。\t县大数据中心\t县政府办\t年底前
""")
    assert [(i.heading, i.units.lead, i.units.cooperate) for i in items] == [
        ("推进政务公开。", ("县政府办",), ("县直各部门",)), ("完善信息平台。", ("县大数据中心",), ("县政府办",))]
