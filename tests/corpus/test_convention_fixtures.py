"""Documents in conventions of other regions and levels (issue 16): tests/fixtures/conventions/c01–c28.

Short documents written in the conventions of national 分工方案 and provincial, municipal, county and street
documents (brackets with 〔市、区〕, leader columns, 任务1： numbering, 主责/协同 labels, posts as parties,
leader ↔ place pairing lines, 由X具体实施, 牵头单位及责任人, space-separated owners, 《…》 titles, a lead
designated in a bracket or a preamble …). ``expected_triples.tsv`` holds the (document, item, party, role)
triples a reader writes for them; a missing triple or an invented party fails. Questions over them must be
answered with the right party and a citation.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.documents.contact_tables import ContactIndex
from assistant.documents.knowledge import Knowledge
from assistant.questions.router import Turn, route
from corpus.library import Corpus, load_document
from corpus.vocabulary_conventions import PAIRING_POST_HEADER
from eval.sample_triples import triples

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "conventions"


def _documents():
    return [load_document(p, {}) for p in sorted(FIXTURES.glob("c*.txt"))]


@pytest.fixture(scope="module")
def documents():
    return _documents()


def _expected() -> set[tuple[str, str, str, str]]:
    with open(FIXTURES / "expected_triples.tsv", encoding="utf-8") as f:
        return {(r["doc"], r["locator"], r["party"], r["role"]) for r in csv.DictReader(f, delimiter="\t")}


def test_every_party_a_reader_writes_and_no_other(documents):
    found = {(r["doc"], r["locator"], r["party"], r["role"]) for r in triples(documents)}
    expected = _expected()
    missing, invented = sorted(expected - found), sorted(found - expected)
    assert not missing and not invented, f"missing {missing}\ninvented {invented}"


PAIRINGS = [  # leader ↔ place lines read as a contact table: (document, leader, places)
    ("c06.txt", "张三", ("城关镇", "东坝乡")), ("c06.txt", "王五", ("南山乡", "北岭镇")),
    ("c25.txt", "李明", ("东村", "西村")), ("c25.txt", "周强", ("南村",)),
]


@pytest.mark.parametrize(("source", "leader", "places"), PAIRINGS, ids=[f"{s}-{n}" for s, n, _ in PAIRINGS])
def test_pairing_lines_are_a_contact_table(documents, source, leader, places):
    doc = next(d for d in documents if d.source == source)
    found = ContactIndex((doc,)).of_leader(leader)
    # the post is a column of its own, as in a leader table (职务 | 联系乡镇)
    assert [p for a in found for h, p in a.points if h != PAIRING_POST_HEADER] == list(places)


QUESTIONS = [  # (document, question, phrases the answer holds, phrases it must not hold)
    ("c01.txt", "第2项谁牵头？", ("市发展改革委", "市财政局", "各县〔市、区〕政府"), ()),
    ("c02.txt", "第1项谁牵头？", ("县委宣传部", "王明"), ()),
    ("c03.txt", "第三项谁牵头？", ("牵头单位：县应急管理局", "张伟"), ("没有单独的牵头单位",)),
    ("c05.txt", "第1项谁牵头？", ("区城管局", "区住建局"), ("区市场监管局",)),
    ("c06.txt", "谁联系西河镇？", ("李四",), ("张三",)),
    ("c06.txt", "张三联系哪些乡镇？", ("城关镇", "东坝乡"), ("西河镇",)),
    ("c08.txt", "第1项由谁负责？", ("区住房和城乡建设局",), ()),
    ("c11.txt", "第一项谁牵头？", ("市市场监管局", "张三"), ()),
    ("c14.txt", "第1项谁牵头？", ("区退役军人事务局",), ()),
    ("c22.txt", "事项2谁牵头？", ("区公安分局",), ()),
    ("c25.txt", "谁包片南村？", ("周强",), ("李明",)),
]


@pytest.mark.parametrize(("source", "question", "present", "absent"), QUESTIONS, ids=[f"{s}-{q}" for s, q, _, _ in QUESTIONS])
def test_questions_are_answered_with_a_citation(documents, source, question, present, absent):
    doc = next(d for d in documents if d.source == source)
    reply, _ = route(Turn(question, Knowledge(corpus=Corpus(documents=(doc,)))))
    assert reply.citations, reply.text
    for phrase in present:
        assert phrase in reply.text, reply.text
    for phrase in absent:
        assert phrase not in reply.text, reply.text


@pytest.mark.parametrize(("question", "numbers"), [
    ("事项2谁牵头？", (2,)), ("任务一由谁负责？", (1,)), ("措施3的内容是什么", (3,)),
    ("2022年征迁任务一共多少亩？", ()), ("任务一些什么时候完成", ()),
])
def test_an_item_named_by_its_noun(question, numbers):
    from assistant.questions.intents import item_numbers

    assert item_numbers(question) == numbers
