"""Which item "第N项" means in one document, against the document's own numbering scheme.

A number can name several items: numbering that restarts under each （一）, two runs of 第X条, the
main text and an attachment. The question often says which one ("信访积案大攻坚行动的第3项",
"第二部分第3项", "（二）第3项", "附件里第5项"); when it does not, every candidate is returned and the
answer lists them with their path and offers a button for each.
"""

from __future__ import annotations

import re

from corpus.model import MAIN_PART, Document, Item
from corpus.numerals import chinese_to_int, int_to_chinese
from corpus.text import abbreviates, normalize_for_match
from corpus.vocabulary import ARTICLE_NOUN, DIVISION_NOUNS, H1_MARKS, LABEL_NUMERALS, RUN_NOUNS, alternation

# "第二部分" / "第2部分" / "二（三）" / "（二）" written before the item number in a question.
_N = LABEL_NUMERALS
_RUN = re.compile(rf"第([0-9{_N}]+)(?:{alternation(RUN_NOUNS)})")
_GENERIC_TITLE = re.compile(rf"^[（(]?[{_N}]+[{H1_MARKS}）)]\s*|^第[{_N}]+[{''.join(DIVISION_NOUNS)}]\s*")
_ARTICLE = re.compile(rf"第[0-9{_N}]+{ARTICLE_NOUN}(?!.*第[0-9{_N}]+[^{ARTICLE_NOUN}\d{_N}])")  # the last 第N… asked
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_PATH_LABEL = re.compile(rf"\(([{_N}]+)\)")


def part_candidates(doc: Document, part: str) -> list[str]:
    """The parts a question's part means: "附件" alone means any attachment; the main text means
    the main text, or the attachments when the main text has no items."""
    parts = list(dict.fromkeys(it.part for it in doc.items if it.number))
    if part == MAIN_PART:
        return [MAIN_PART] if MAIN_PART in parts else parts
    if part == "附件":
        return [p for p in parts if p != MAIN_PART]
    return [p for p in parts if p == part]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _section_overlap(item: Item, q: str) -> int:
    """How much of the item's own headings the question repeats (bigrams of the section titles)."""
    titles = [_GENERIC_TITLE.sub("", s) for s in item.section.split(" / ") if s]
    if item.path:
        titles.append(item.path)
    grams = set().union(*(_bigrams(normalize_for_match(t)) for t in titles)) if titles else set()
    # "台创园（三）第3项" for a section titled "台湾创业园…": the short name people call it by
    short = max((2 * n for t in titles for n in (3, 4) for i in range(len(q) - n + 1)
                 if _CJK.fullmatch(s := q[i:i + n]) and s not in t and abbreviates(s, normalize_for_match(t), reach=3)),
                default=0)
    return len(grams & _bigrams(q)) + short


def _names_path(item: Item, q: str) -> bool:
    """The question names the item's path: "四（二）第3项", "（二）第3项", "第二部分第3项"."""
    if not item.path:
        return False
    path = normalize_for_match(item.path)
    if path and path in q:
        return True
    labels = _PATH_LABEL.findall(path)
    if labels and f"({labels[-1]})" in q:
        return True
    m = _RUN.search(q)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else chinese_to_int(m.group(1))
        if not n:
            return False
        label = int_to_chinese(n)
        return path == f"第{n}部分" or path == label or path.startswith(label + "(")
    return False


def find_items(doc: Document, number: int, part: str, question: str) -> list[Item]:
    """Items numbered ``number`` that the question can mean, best first; one when it is clear."""
    q = normalize_for_match(question)
    items = [it for p in part_candidates(doc, part) for it in doc.items_numbered(number, p)]
    if part == MAIN_PART:
        # an attachment's task list or table answers "第N项" when the main text has no such item,
        # or when the question names that attachment's table ("部门职责分工表第13项")
        others = [it for it in doc.items_numbered(number, None) if it not in items and it.part != MAIN_PART]
        named = [it for it in others if _section_overlap(it, q) >= 4]
        items = named or items or others
    if len(items) <= 1:
        return items
    # "第十二条" means the article when articles and 1. items share the number ("第二项" may mean either)
    articles = [it for it in items if it.article]
    if articles and _ARTICLE.search(q):
        items = articles
        if len(items) == 1:
            return items
    named = [it for it in items if _names_path(it, q)]
    if len(named) == 1:
        return named
    if (m := _RUN.search(q)) and not named:  # "第2部分第2条": the second run of this numbering
        k = int(m.group(1)) if m.group(1).isdigit() else chinese_to_int(m.group(1))
        ordered = sorted(items, key=lambda it: it.line_start)
        if k and 1 <= k <= len(ordered):
            return [ordered[k - 1]]
    pool = named or items  # "（三）" names two paths: the headings the question repeats tell them apart
    scored = sorted(((_section_overlap(it, q), i) for i, it in enumerate(pool)), reverse=True)
    best, runner_up = scored[0][0], scored[1][0]
    if best >= 3 and best >= 2 * runner_up:
        return [pool[scored[0][1]]]
    if len(top := [it for it in items if not it.path]) == 1 and all(_is_sub_item(it) for it in items if it.path):
        return top  # "第2项" is the top-level item 2, not "（2）" under a group the question does not name
    return items


def _is_sub_item(item: Item) -> bool:
    """A "（N）" item of a group, named by the group's title ("公共广场、公厕管理方面 第4项")."""
    return bool(item.path) and item.section.split(" / ")[-1] == item.path
