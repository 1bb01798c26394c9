from index.passages import document_passages, passages_hash, sentence_groups, sentences
from tests.index import fakes


def test_passage_kinds_follow_the_structure():
    ps = document_passages(fakes.yuexiu())
    kinds = [p.kind for p in ps]
    assert kinds.count("item") == 2
    assert kinds.count("row") == 2
    assert kinds.count("paragraph") == 2
    assert kinds.count("subclause") >= 2  # the long item is also cut into sentence groups


def test_subclauses_point_to_their_item_and_never_mix_items():
    doc = fakes.yuexiu()
    ps = {p.id: p for p in document_passages(doc)}
    for p in ps.values():
        if p.kind == "subclause":
            parent = ps[p.parent]
            assert parent.kind == "item" and parent.locator == p.locator
            assert p.text in parent.text
            assert "加强党内监督" in p.section  # the item heading travels with each piece


def test_row_passage_keeps_headers_and_locator():
    rows = [p for p in document_passages(fakes.yuexiu()) if p.kind == "row"]
    assert rows[0].text == "区领导：苏佩；街道：北京街；社区：都府社区"
    assert rows[0].locator == "附件1 第1行"
    assert rows[1].text == "区领导：陈灏；街道：矿泉街"  # empty cell left out


def test_item_passage_cites_short_name_and_item():
    p = document_passages(fakes.yuexiu())[0]
    assert (p.document, p.locator, p.source) == ("越秀工作要点", "第1项", "yuexiu.txt")
    assert p.index_text.startswith("一、严肃党的组织生活\n")


def test_hash_is_stable_and_changes_with_text():
    a = passages_hash(document_passages(fakes.luoyang()))
    assert a == passages_hash(document_passages(fakes.luoyang()))
    assert a != passages_hash(document_passages(fakes.yuexiu()))


def test_sentences_and_groups():
    assert sentences("一。二；三！") == ["一。", "二；", "三！"]
    groups = sentence_groups("甲" * 100 + "。" + "乙" * 100 + "。", size=150)
    assert len(groups) == 2
