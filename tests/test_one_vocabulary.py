"""Domain wording lives in the vocabulary modules (corpus/vocabulary.py, corpus/vocabulary_names.py,
corpus/vocabulary_questions.py, corpus/vocabulary_records.py, corpus/roles.py); the code of corpus/,
index/ and assistant/ generates its patterns from their rows. This test keeps that true: it fails when a
list of Chinese words appears anywhere else in those packages — a tuple, list or set of two or more
Chinese words, a regex alternation of three or more Chinese words ("时限|期限|完成时间"), or a character
class of four or more Chinese characters ("[局委办处]").

What the assistant says is not vocabulary: a reply, a button, a message template is one string with its
punctuation ("走访台账只有秘书、区领导和管理员可以查询。"), never a list of bare words, so the rule passes
it by construction. A list of words the assistant *writes* (the column titles of an exported ledger) is
output, not recognition: those few stay with the code that writes them, named in EXCEPTIONS.

Numerals (一…十, 百千万亿, 两, 零) are number grammar, not wording, and do not count. Single words
(a 由, a 第, "完成") are grammar a pattern is written with; only lists are vocabulary. The few lists that
stay where they are, each with its reason, are EXCEPTIONS below.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY_MODULES = {"corpus/vocabulary.py", "corpus/vocabulary_names.py", "corpus/vocabulary_questions.py",
                      "corpus/vocabulary_records.py", "corpus/vocabulary_conventions.py", "corpus/roles.py"}
PACKAGES = ("corpus", "index", "assistant")

# "path::owner" (owner: the module-level name assigned, or the function) → why it stays.
_LEDGER_COLUMNS = "the column titles of the exported ledger (xlsx/csv): output the assistant writes, never read back"
EXCEPTIONS: dict[str, str] = {
    "assistant/records/ledger.py::VISIT_HEADERS": _LEDGER_COLUMNS,
    "assistant/records/ledger.py::RECT_HEADERS": _LEDGER_COLUMNS,
    "assistant/records/ledger.py::SUMMARY_HEADERS": _LEDGER_COLUMNS,
}

_CJK = r"\u4e00-\u9fff"
_NUMERALS = set("零〇○一二两三四五六七八九十百千万亿半")
_ALTERNATION = re.compile(rf"[{_CJK}]+(?:\|[{_CJK}]+){{2,}}")
_CLASS = re.compile(r"\[([^\]]*)\]")


def _is_word(s: str) -> bool:
    return bool(re.fullmatch(rf"[{_CJK}]{{1,10}}", s)) and not set(s) <= _NUMERALS


def _lists_in(text: str) -> list[str]:
    """The Chinese word lists written inside one string literal (a regex source)."""
    found = [m.group(0) for m in _ALTERNATION.finditer(text) if sum(map(_is_word, m.group(0).split("|"))) >= 3]
    found += [m.group(0) for m in _CLASS.finditer(text)
              if sum(1 for c in m.group(1) if re.match(rf"[{_CJK}]", c) and c not in _NUMERALS) >= 4]
    return found


def _owners(tree: ast.Module):
    """(node, owner) for every node: owner is the module-level name assigned or the enclosing def."""
    def visit(node, owner):
        for child in ast.iter_child_nodes(node):
            o = owner
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                o = f"{owner}.{child.name}" if owner else child.name
            elif isinstance(child, (ast.Assign, ast.AnnAssign)) and not owner:
                target = child.targets[0] if isinstance(child, ast.Assign) else child.target
                o = ast.unparse(target)
            yield child, o
            yield from visit(child, o)
    yield from visit(tree, "")


def _docstrings(tree: ast.Module) -> set[int]:
    return {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and n.body and isinstance(n.body[0], ast.Expr)}


def word_lists(path: Path) -> dict[str, list[str]]:
    """owner → the Chinese word lists written in it (see the module docstring for what counts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found: dict[str, list[str]] = {}
    for node, owner in _owners(tree):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str) and _is_word(e.value)]
            if len(words) >= 2:
                found.setdefault(owner or "<module>", []).append("、".join(words))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for lst in _lists_in(node.value):
                found.setdefault(owner or "<module>", []).append(lst)
    return found


def _scan() -> dict[str, list[str]]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in VOCABULARY_MODULES:
                out.update({f"{rel}::{owner}": lists for owner, lists in word_lists(path).items()})
    return out


def test_no_word_lists_outside_the_vocabulary():
    stray = {k: v for k, v in _scan().items() if k not in EXCEPTIONS}
    assert not stray, ("Chinese word lists outside the vocabulary modules: move them to corpus/vocabulary.py "
                       f"(or vocabulary_names.py / vocabulary_questions.py / vocabulary_records.py / roles.py) and generate the pattern from the rows: {stray}")


def test_exceptions_are_still_needed():
    found = _scan()
    assert not [k for k in EXCEPTIONS if k not in found], "an exception no longer needed: drop it from EXCEPTIONS"


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('X = ("牵头", "配合")', True),  # a tuple of words
        ('X = re.compile(r"时限|期限|完成时间")', True),  # an alternation written as a regex
        ('X = re.compile(r"(?:局|委|办|处)$")', True),
        ('X = re.compile(r"[局委办处室]$")', True),  # a character class of words
        ('X = re.compile(r"^[一二三四五六七八九十]+、")', False),  # numerals are number grammar
        ('X = re.compile(rf"(?:{one_of(WORDS)})$")', False),  # generated from the vocabulary
        ('X = re.compile(r"由(?P<u>.+?)负责")', False),  # single words are grammar
        ('X = re.compile(r"(?:为|是)")', False),  # two alternatives: below the bar
        ('def f():\n    """如下|根据|按照|依据"""', False),  # docstrings are prose
        ('def f(x):\n    return x.startswith(("人民", "党"))', True),  # inside a function too
        ('NOT_ALLOWED = "走访台账只有秘书、区领导和管理员可以查询。"', False),  # a reply is one string
        ('X = re.compile(r"没有?(办|做|完|结|弄)")', True),  # a records question's words
        ('X = f"《{doc}》第{n}项：{text}（{unit}牵头）"', False),  # a reply template
    ],
)
def test_what_counts_as_a_word_list(tmp_path, source, flagged):
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert bool(word_lists(path)) is flagged


@pytest.mark.parametrize("module", sorted(VOCABULARY_MODULES))
def test_a_vocabulary_name_is_assigned_once(module):
    """Two lists of one name in a module (as two merges once left COLLECTIVE_MARKS) mean the second
    silently replaces the first for every importer; one name, one list."""
    seen: dict[str, int] = {}
    twice = []
    for node in ast.parse((ROOT / module).read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            for name in (t.id for t in ast.walk(target) if isinstance(t, ast.Name)):
                if name in seen:
                    twice.append(f"{name} (lines {seen[name]} and {node.lineno})")
                seen.setdefault(name, node.lineno)
    assert not twice, f"{module} assigns these names twice: {twice}"
