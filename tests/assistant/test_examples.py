"""The example questions come from the documents held, and each one is answered from structure: a
deployment with its own files is never told to ask about another district's (issue 16: nothing
hard-coded per document)."""

import shutil

import pytest

from assistant.documents.knowledge import Knowledge
from assistant.questions.ask import ask
from assistant.questions.examples import GENERIC, HELP_TEXT, examples_for, help_of
from corpus.library import load_corpus

HOLDOUT = "tests/fixtures/holdout_documents"
BUNDLED_WORDS = ("越秀", "苏佩", "东湖新村", "区信访局")


def _answers(knowledge, question):
    answer = ask(question, knowledge)
    return answer.found and answer.intent not in {"search", "free", "unknown_entity", "invalid"}


def test_every_example_over_the_bundled_corpus_is_answered_from_structure(knowledge):
    examples = examples_for(knowledge.corpus.documents, knowledge.contacts.assignments)
    assert len(examples) >= 4  # an item's lead, lead and partners, a supporting unit, a contact point
    for question in examples:
        assert _answers(knowledge, question), question


@pytest.mark.parametrize("name", ["doc1", "doc2", "doc3", "doc5"])
def test_a_corpus_of_other_documents_gets_its_own_examples(tmp_path, name):
    shutil.copy(f"{HOLDOUT}/{name}.txt", tmp_path / f"{name}.txt")
    knowledge = Knowledge(corpus=load_corpus(tmp_path))
    examples = examples_for(knowledge.corpus.documents, knowledge.contacts.assignments)
    assert examples != GENERIC
    text = help_of(knowledge)
    assert not any(w in text for w in BUNDLED_WORDS), text
    for question in examples:
        assert _answers(knowledge, question), question


def test_no_documents_gives_the_forms_and_names_no_file(tmp_path):
    assert examples_for(()) == GENERIC
    assert not any(w in HELP_TEXT for w in BUNDLED_WORDS)
    knowledge = Knowledge(corpus=load_corpus(tmp_path))
    assert help_of(knowledge) == HELP_TEXT


def test_an_unknown_unit_is_answered_with_examples_of_the_documents_held(tmp_path):
    shutil.copy(f"{HOLDOUT}/doc1.txt", tmp_path / "doc1.txt")
    knowledge = Knowledge(corpus=load_corpus(tmp_path))
    answer = ask("区不存在局负责什么", knowledge)
    assert not answer.found
    body = answer.blocks if isinstance(answer.blocks, str) else "\n".join(answer.blocks)
    assert not any(w in body for w in BUNDLED_WORDS), body
