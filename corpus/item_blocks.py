"""Numbered items as the parser meets them: "1." items, 第X条 articles with the blocks under them, and
"（1）" sub-items under a "1.…方面" group (a mixin of the parser's builder, corpus/parse.py)."""

from __future__ import annotations

from corpus.headings import Line, numbered_title
from corpus.numerals import int_to_chinese
from corpus.tasks import duty_owner
from corpus.text import collapse_spaces, first_sentence, has_sentence_punct
from corpus.unit_sites import trailing_units
from corpus.vocabulary import ARTICLE_NOUN

# A 第X条 sits between the chapter or 一、 heading (level 1) and its （一） clauses (level 2).
ARTICLE_LEVEL = 1.5
RUN_LEVEL = 1.4  # an unnumbered heading over a run of articles ("某某员管理办法" before its 第一条)


def duty_title(text: str) -> str:
    """"X工作职责：（一）…" / "X工作职责：支持…。" → "X工作职责：": the part a duty heading may be."""
    head = first_sentence(text).split("（", 1)[0]
    return head[:i + 1] if (i := min((head.find(c) for c in "：:" if c in head), default=-1)) >= 0 else head


class ItemsMixin:
    def on_item(self, i: int, ln: Line) -> None:
        article = ln.label == ARTICLE_NOUN
        if self.sub_run and not article:  # the next group: its sub-items are no longer under the last one
            self.close()
            self.stack = [(lv, d) for lv, d in self.stack if lv < 3]
            self.sub_run = False
        b = self.block
        if b is not None and b.article and not article and (b.listing or (
                len(b.lines) == 1 and b.text.endswith(("：", ":")) and not duty_owner(duty_title(b.text)))):
            # "第九条 以下物品不属于销毁范围：" + "1. …" "2. …": the article's own list, not items of the part
            # (a duty article "第十八条 X工作职责：" keeps its 1. 2. duties as items that X owns)
            self.extend(collapse_spaces(ln.text), ln.no)
            b.listing = True
            return
        if article:  # the article before this one, and the headings inside it, end here
            self.close()
            self._end_article(i)
        self.open("item", ln.number, collapse_spaces(ln.rest), ln.no, article=article)
        if article:  # the blocks below a 第X条 (its （一） headings, their 1. items) are under it
            label = f"第{int_to_chinese(ln.number)}{ARTICLE_NOUN}"
            title = numbered_title(collapse_spaces(ln.rest))[0].rstrip("：:")
            self.push(ARTICLE_LEVEL, f"{label} {title}".strip(), label)

    def _end_article(self, i: int) -> None:
        """Close the last 第X条 and its headings. An unnumbered heading on the line right before this
        article ("某某员管理办法" over a new run of 第一条…) heads the articles from here on."""
        prev = next((ln for ln in reversed(self.lines[:i]) if ln.kind != "blank" and ln.no not in self.skip), None)
        last = self.sections[-1] if self.sections else None
        heads = prev is not None and last is not None and not last.label and last.line == prev.no and self.stack
        self.stack = [(lv, d) for lv, d in self.stack if lv < (RUN_LEVEL if heads else ARTICLE_LEVEL)]
        if heads:
            self.stack.append((RUN_LEVEL, last.title))

    def opens_sub_item(self, b, text: str) -> bool:
        """"（1）…" under a "1." item: a sub-item of that group when it names its own units, or when the item is
        a bare title over a list ("1.窗口直接受理业务" then "（1）老年优待证办理；" "（2）…")."""
        return self.sub_run or (b is not None and b.kind == "item" and not b.article and (
            bool(trailing_units(text)) or (len(b.lines) == 1 and not has_sentence_punct(b.text))))

    def open_sub_item(self, number: int, text: str, no: int) -> None:
        """"1.公共广场、公厕管理方面。" then "（1）…（牵头处室：X）" "（2）…": each （N） with its own units is
        item N of its group, the group's title its section (numbers repeat, so the group names the run);
        a group line that is only a title is that heading, not an item."""
        if not self.sub_run:
            parent = self.block
            self.close()
            title, has_body = numbered_title(parent.text)
            if not has_body and not parent.has_units() and self.items and self.items[-1].line_start == parent.line_start:
                self.items.pop()
            self.add_section("", title.rstrip("。"), 3, parent.line_start)
            self.sub_run = True
            # "公共广场、公厕管理方面 第4项": the group names the run; a title met before under another heading
            # ("（二）…" again over "2.实施采认工作") is named with the labels above it ("三（二）实施采认工作 第2项")
            same = any(it.path == self.last_title for it in self.items)
            self.sub_path = f"{self.label_path}{self.last_title}" if same else self.last_title
        self.open("item", number, collapse_spaces(text), no)
        self.block.path = self.sub_path
