"""Parts of a document: "附件1" headings, the attachment titles under them, and the notice's own list of
attachments ("附件：1.…  2.…"), which names a bare "附件" heading that follows (a mixin of the parser's
builder, corpus/parse.py)."""

from __future__ import annotations

from dataclasses import replace

from corpus.headings import LIST_ENTRY, Line, is_title_like, title_complete
from corpus.model import MAIN_PART
from corpus.text import join_cjk_spaces


class PartsMixin:
    def on_part(self, i: int, ln: Line) -> int:
        self.close()
        nested = ln.rest == "附件" and self.part != MAIN_PART
        if nested and self._next_listed_title(i):
            nested, ln = False, replace(ln, rest=f"附件{len(self.part_titles) + 1}")  # "附件" after 附件1 is 附件2
        if not nested:
            self.part = ln.rest
        self.stack = []
        # The attachment's own title: the title-like lines right after the heading.
        title_lines: list[Line] = []
        j = i + 1
        while j < len(self.lines) and len(title_lines) < 3:
            cur = self.lines[j]
            if cur.kind == "blank":
                j += 1
                continue
            if cur.kind != "text" or not is_title_like(cur.text, 80):
                break
            title_lines.append(cur)
            j += 1
            if title_complete("".join(t.text for t in title_lines)):
                break
        title = join_cjk_spaces("".join(t.text for t in title_lines))
        if title_lines and not title_complete(title) and len(title_lines) > 1:
            title_lines, title = title_lines[:1], join_cjk_spaces(title_lines[0].text)
        self.skip.update(t.no for t in title_lines)
        if not title and not nested and len(self.part_titles) < len(self.listed_attachments):
            title = self.listed_attachments[len(self.part_titles)]
        if not nested:
            self.part_titles.append(title)
        self.add_section("附件" if nested else self.part, title, 0, ln.no)
        return i + 1

    def _next_listed_title(self, i: int) -> bool:
        """A bare "附件" whose title is the next attachment the notice listed starts that attachment."""
        n = len(self.part_titles)
        nxt = self.next_content(i)
        return (n < len(self.listed_attachments) and nxt is not None
                and join_cjk_spaces(nxt.text) == self.listed_attachments[n])

    def on_attach_list(self, i: int, ln: Line) -> int:
        self.close()
        rest = ln.rest
        last = 0
        if rest:
            m = LIST_ENTRY.match(rest)
            last = int(m.group("n")) if m else 0
            self.listed_attachments.append(join_cjk_spaces(m.group("rest") if m else rest))
        j = i + 1
        while j < len(self.lines):
            cur = self.lines[j]
            if cur.kind == "blank":
                j += 1
                continue
            m = LIST_ENTRY.match(cur.text)
            if not (m and int(m.group("n")) == last + 1 and is_title_like(m.group("rest"), 80)):
                break
            last += 1
            self.listed_attachments.append(join_cjk_spaces(m.group("rest")))
            self.skip.add(cur.no)
            j += 1
        return i + 1
