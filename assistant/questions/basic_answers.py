"""Answers that need no search and no frame handler of their own: input that is not a question, nothing
found, the document list and one document's overview (shared by the router's handlers and the CLI)."""

from __future__ import annotations

from assistant.documents.knowledge import Knowledge
from assistant.questions.answer import Answer, Citation
from assistant.questions.examples import HELP_TEXT
from assistant.user_input.numbers import loose_number
from corpus.model import MAIN_PART

MAX_QUESTION_CHARS = 500


def _meaningful(c: str) -> bool:
    """A CJK ideograph, an ASCII digit or letter. Not a regex: compiling the CJK range costs ~1 ms
    of every cold start (re builds a 64K-entry table in Python)."""
    return "\u4e00" <= c <= "\u9fff" or (c.isascii() and c.isalnum())


def invalid_reason(question: str) -> str | None:
    """The reply to input that is not a question at all; None when the question can be answered."""
    q = question.strip()
    if not q:
        return "请输入问题。" + HELP_TEXT
    if len(q) > MAX_QUESTION_CHARS:
        return f"问题太长了（{len(q)}字）。请控制在{MAX_QUESTION_CHARS}字以内，一次问一件事。\n" + HELP_TEXT
    if not any(map(_meaningful, q)):
        return "没有看懂这个问题。" + HELP_TEXT
    if (number := loose_number(q)) is not None:  # the strict number rule (assistant/user_input/numbers.py), as commands
        return f"“{number}”不是能识别的数字，请用阿拉伯数字或汉字数字，例如：第2项、第二项、11月5日。"
    return None


def validate(question: str) -> Answer | None:
    """The answer to input that is not a question at all; None when the question can be answered."""
    reason = invalid_reason(question)
    return Answer(question, "invalid", False, reason) if reason else None


def not_found(question: str, intent: str = "free") -> Answer:
    return Answer(question, intent, False, "文件中没有找到相关内容。\n" + HELP_TEXT)


def docs_answer(question: str, knowledge: Knowledge) -> Answer:
    from assistant.documents.report import describe  # the parser's report, only for /docs (cold-start cost)

    lines = [f"共收录{len(knowledge.corpus.documents)}份文件："]
    for d in knowledge.corpus.documents:
        count = describe(d).count()  # as `docbot inspect` counts the same file
        extra = f"，{len(d.tables)}个表格" if d.tables else ""
        number = f"（{d.doc_number}）" if d.doc_number else ""
        lines.append(f"· {d.short_name}：{d.title}{number}，{count}{extra}")
    return Answer(question, "docs", True, tuple(lines))


def doc_info_answer(question: str, parsed) -> Answer:
    """"越秀工作要点有多少项": the named documents' title, number, date and how many items each part has."""
    lines, cites = [], []
    for m in parsed.documents:
        d = m.document
        parts: dict[str, int] = {}
        for it in d.items:
            if it.number:  # unnumbered paragraph tasks (number 0) are not "项"
                parts[it.part] = parts.get(it.part, 0) + 1
        counts = "；".join(f"{'正文' if p == MAIN_PART else p + '：'}{n}项" for p, n in parts.items()) or "无编号条目"
        meta = "，".join(x for x in (d.doc_number, d.issuer, d.date) if x)
        extra = f"；{len(d.tables)}个表格" if d.tables else ""
        lines.append(f"《{d.short_name}》：{d.title}" + (f"（{meta}）" if meta else "") + f"。{counts}{extra}。")
        cites.append(Citation(d.short_name, d.source, "文件信息", d.title, 1.0))
    numbered = next((m.document for m in parsed.documents if m.document.main_items), None)
    if numbered is not None:
        lines.append(f"可以接着问某一项，如“{numbered.short_name}第1项谁牵头”。")
    return Answer(question, "doc_info", True, tuple(lines), tuple(cites), sources="documents")
