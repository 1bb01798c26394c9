"""Rules read from the documents (with their citations) and leaders seeded from the parsed 附件1 table."""

import pytest

from assistant.conversation import context
from assistant.records.leaders import (
    assign,
    assignments_from_table,
    contact_tables,
    is_contact_table,
    leader_by_name,
    load_leaders,
    seed,
    version,
)
from assistant.records.rules import DEFAULTS, Rules, load_rules, rules_from_text, rules_of
from corpus.model import Row, Table
from corpus.parse import parse_document
from tests.records.conftest import at, make_table


def test_rules_from_the_bundled_documents(rules):
    r = rules["rectification_notice"]
    # cited by the parsed model's locators, as every answer cites (item 6 of issue 16)
    assert (r.value, r.document, r.locator) == (1, "越秀工作要点", "附件2 （三）对存在问题须整改的单位 第22段")
    assert "整改通知书之日起1个月内" in r.quote
    c = rules["clue_feedback"]
    assert (c.value, c.document, c.locator) == (3, "党内监督工作方案", "第32项") and "3个月内" in c.quote
    m, q = rules["visit_monthly"], rules["visit_quarterly"]
    assert (m.value, m.kinds) == (1, ("street", "department")) and m.locator.startswith("附件1")
    assert (q.value, set(q.kinds)) == (1, {"community", "org", "school"})
    y = rules["yearly_report"]
    assert (y.month, y.value, y.document, y.locator) == (12, 10, "党内监督工作方案", "（三）建立工作机制 第15段")
    assert rules["year_end_summary"].month == 12
    assert rules.kind_period("street") == "month" and rules.kind_period("school") == "quarter"


def test_rules_follow_a_new_document_of_the_same_genre():
    text = ("附件 3\n\n四、有关要求\n\n每位领导干部对挂点联系的街道党组织的联系督导一般每月不少于2次，"
            "对社区、部门、学校的党组织联系督导一般每季度不少于1次。\n"
            "整改单位在接到整改通知书之日起两个月内，须书面报告整改落实情况。\n")
    found = rules_from_text(text, "某区方案")
    assert found["visit_monthly"].kinds == ("street",) and found["visit_monthly"].value == 2
    assert found["rectification_notice"].value == 2
    assert found["rectification_notice"].citation.startswith("《某区方案》附件3 四、有关要求 第2段")


def test_rules_are_read_the_way_the_corpus_reads_files(tmp_path):
    """A GB18030 text file (as many government offices save them) supplies its rule, cited by its short name."""
    (tmp_path / "fang-an.txt").write_bytes(
        "三、结果运用\n整改单位在接到整改通知书之日起两个月内，须书面报告整改落实情况。\n".encode("gb18030"))
    (tmp_path / "names.toml").write_text('["fang-an.txt"]\nshort = "某区方案"\n', encoding="utf-8")
    r = load_rules(tmp_path)["rectification_notice"]
    assert (r.value, r.document, r.locator) == (2, "某区方案", "三、结果运用 第1段") and "两个月内" in r.quote


def test_rules_come_from_the_parsed_documents_uploaded_ones_too(tmp_path):
    """Rules read the parsed model (items and paragraphs, cited by their locators), never the files'
    raw text again: a document that exists only as an uploaded one supplies its rule, and an item
    states it under the item's own citation."""
    uploaded = parse_document("一、工作要求\n1. 整改单位在接到整改通知书之日起两个月内，须书面报告整改落实情况。\n"
                              "2. 对移交的问题线索，应当在2个月内反馈办理情况。\n", "upload.txt", short_name="上传方案")
    rules = rules_of((uploaded,))
    assert (rules["rectification_notice"].value, rules["rectification_notice"].locator) == (2, "第1项")
    assert (rules["clue_feedback"].value, rules["clue_feedback"].document) == (2, "上传方案")
    assert rules["visit_monthly"] == DEFAULTS["visit_monthly"]  # stated nowhere: the default


def test_the_bot_reads_rules_from_the_documents_it_holds(tmp_path):
    """prepare() (the bot's records start-up) takes its rules from the documents it is given — the bot's
    corpus with its uploads — not from a second reading of the corpus folder."""
    from assistant.records.setup import prepare
    from assistant.storage.store import open_db

    uploaded = parse_document("整改单位在接到整改通知书之日起两个月内，须书面报告整改落实情况。\n", "u.txt", short_name="上传方案")
    rules = prepare(open_db(tmp_path / "s.db"), tmp_path, now=at(2026, 11, 5), documents=(uploaded,))
    assert (rules["rectification_notice"].value, rules["rectification_notice"].document) == (2, "上传方案")


def test_defaults_say_they_are_defaults():
    assert Rules()["clue_feedback"].value == 3 and "默认" in Rules()["clue_feedback"].citation
    assert DEFAULTS["visit_monthly"].kinds == ("street", "department")


def test_the_real_contact_table_is_found_and_split(corpus):
    [(document, table)] = contact_tables(corpus.documents)
    assert document == "越秀工作要点" and len(table.rows) == 29
    rows = assignments_from_table(table)
    wang = rows[0]
    assert wang[0] == "王焕清" and wang[1] == "附件1 第1行"
    assert ("school", "第七中学") in wang[2] and ("school", "东风东路小学") in wang[2]
    huang = next(r for r in rows if r[0] == "黄永青")
    assert not any(kind == "org" for kind, _ in huang[2])  # an empty 两新 cell adds nothing


def test_other_tables_are_not_contact_tables():
    t = Table("责任清单", ("序号", "责任主体", "责任内容"), (Row(1, (("序号", "1"), ("责任主体", "区纪委"),
                                                              ("责任内容", "监督"))),))
    assert not is_contact_table(t) and is_contact_table(make_table())


def test_assign_edits_survive_reseeding(db):
    assert "已添加" in assign(db, "王焕清", "community", "新河浦社区", now=at(2026, 11, 2), actor="1")
    assert "已删除" in assign(db, "王焕清", "school", "东风东路小学", now=at(2026, 11, 2), actor="1", remove=True)
    assert seed(db, [("越秀工作要点", make_table())], now=at(2026, 11, 3)) == 0
    wang = next(x for x in load_leaders(db) if x.name == "王焕清")
    names = [p.name for p in wang.points]
    assert "新河浦社区" in names and "东风东路小学" not in names
    assert "用法" in assign(db, "王焕清", "planet", "火星", now=at(2026, 11, 2), actor="1")
    assert db["audit_log"].count_where("action in ('assign', 'unassign')") == 2


def test_leader_by_name_is_the_loaded_leader(db):
    assign(db, "王焕清", "community", "新河浦社区", now=at(2026, 11, 2), actor="admin")
    assert all(leader_by_name(db, lead.name) == lead for lead in load_leaders(db))
    assert leader_by_name(db, " 苏佩 ").name == "苏佩" and leader_by_name(db, "李四") is None


def _bind(db, telegram_id, name):
    from assistant.records.bindings import confirm

    return confirm(db, telegram_id, now=at(2026, 11, 2), actor="admin", name=name)


def _reactivate(db):
    assign(db, "王焕清", "school", "第七中学", now=at(2026, 11, 2), actor="1", remove=True)
    assign(db, "王焕清", "school", "第七中学", now=at(2026, 11, 2), actor="1")


# Every change that makes load_leaders return something else moves the version; a conversation step or
# any other write does not (the records runtime re-reads all leaders whenever the version moves).
@pytest.mark.parametrize(("change", "moves"), [
    (lambda db: assign(db, "王焕清", "community", "新河浦社区", now=at(2026, 11, 2), actor="1"), True),
    (lambda db: assign(db, "王焕清", "school", "东风东路小学", now=at(2026, 11, 2), actor="1", remove=True), True),
    (lambda db: assign(db, "新领导", "street", "东山街", now=at(2026, 11, 2), actor="1"), True),
    (_reactivate, False),  # removed and re-added: the same rows as before, nothing to re-read
    (lambda db: _bind(db, 501, "苏佩"), True),
    (lambda db: (_bind(db, 501, "苏佩"), _bind(db, 502, "王焕清")), True),
    (lambda db: context.save(db, 1, 2, context.EMPTY.updated(documents=("越秀工作要点",)),
                                  now=at(2026, 11, 2)), False),
    (lambda db: db["audit_log"].insert({"at": "2026-11-02", "actor": "x", "action": "noop", "details": "{}"}), False),
])
def test_version_moves_exactly_when_the_leaders_change(db, change, moves):
    before, loaded = version(db), load_leaders(db)
    change(db)
    assert (version(db) != before) is moves
    assert (load_leaders(db) != loaded) is moves


def test_a_rebind_to_another_leader_moves_the_version(db):
    _bind(db, 501, "苏佩")
    before = version(db)
    _bind(db, 501, "王焕清")  # same account, same counts, another leader
    assert version(db) != before


def test_version_of_a_store_without_the_records_tables(tmp_path):
    import sqlite3

    assert version(sqlite3.connect(tmp_path / "empty.sqlite3")) is None
