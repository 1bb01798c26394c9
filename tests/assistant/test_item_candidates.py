"""`docbot item` / /item where a number names several items: every candidate, with its path."""

from assistant.questions.item_answers import item_text_of
from corpus.parse import parse_document


def test_item_text_lists_every_item_a_repeated_number_names():
    doc = parse_document("""某片区专项行动方案
一、工作任务
（一）矛盾纠纷化解
1.开展矛盾纠纷摸排。（责任单位：政法处）
2.建立调解机制。（责任单位：政法处）
（二）信访积案攻坚
1.落实包案化解机制。（责任单位：信访办）
""", "snippet.txt")
    both = item_text_of("专项行动方案 第1项", doc, 1)
    assert "有2个第1项" in both.text and len(both.choices) == 2
    assert "开展矛盾纠纷摸排" in both.text and "落实包案化解机制" in both.text
    one = item_text_of("专项行动方案 第2项", doc, 2)
    assert one.found and not one.choices and "建立调解机制" in one.text
    assert not item_text_of("专项行动方案 第9项", doc, 9).found
