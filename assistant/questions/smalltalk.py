"""Small talk and meta questions: greetings, thanks, goodbyes, "在吗", "你是谁", "你能做什么", and the
commands /help and /docs typed as text (the terminal chat has no command menu). Each gets a short
fitting reply, never a search hit (a search for "谢谢" once quoted 谢伟光's table row).

A message is small talk only when nothing but these phrases (and punctuation, particles, polite
fillers) is in it: "谢谢，第17项谁牵头" is a question.
"""

from __future__ import annotations

import re

from assistant.questions.examples import HELP_TEXT
from corpus.vocabulary import PARTICLE, alternation, question_words
from corpus.vocabulary_questions import SMALL_TALK, SMALL_TALK_FILLER

# topic → phrases (corpus/vocabulary_questions.py): a new greeting is a new word there.
PHRASES = SMALL_TALK
# Left after the phrases: fillers that do not make a message a question — the vocabulary's particles,
# interjections, and ways of addressing the assistant.
_FILLER = re.compile(r"[\s,，。.!！?？~～、…:：;；\"“”'‘’()（）]|" + alternation((
    *question_words(PARTICLE), *SMALL_TALK_FILLER)))
_ORDER = ("docs", "help", "identity", "bye", "presence", "greeting", "thanks")
_RX = {t: re.compile("|".join(sorted(map(re.escape, PHRASES[t]), key=len, reverse=True)), re.I) for t in _ORDER}
MAX_SMALL_TALK = 24  # longer messages carry a question even when they open with a greeting


def small_talk_topic(text: str) -> str | None:
    """The topic when the whole message is small talk; None when it asks something."""
    t = text.strip()
    if not t or len(t) > MAX_SMALL_TALK:
        return None
    found = None
    rest = t
    for topic in _ORDER:
        if _RX[topic].search(rest):
            found = found or topic
            rest = _RX[topic].sub(" ", rest)
    if found is None or _FILLER.sub("", rest).strip():
        return None
    return found


def reply(topic: str, role: str | None = None) -> str:
    if topic == "thanks":
        return "不客气。还有什么想问的，直接发给我就行。"
    if topic == "bye":
        return "再见！有问题随时来问。"
    if topic == "presence":
        return "在的。请直接提问，例如“第3项谁牵头？”"
    if topic in ("greeting", "identity"):
        return "你好，我是党建文件助手：回答收录文件中的问题，每个回答都注明出处。\n" + HELP_TEXT
    return help_text(role)


def help_text(role: str | None = None) -> str:
    """"你能做什么" / /help: what the assistant does, with the extra commands of the caller's role."""
    lines = ["我是党建文件助手，回答收录文件中的问题并注明出处。", HELP_TEXT,
             "可以接着追问：“那第18项呢”“配合单位呢”“原文呢”“他还联系哪些”“更多”。",
             "发送 /docs 查看收录的文件。"]
    if role in ("secretary", "admin"):
        lines.append("秘书：直接发送走访记录（如“走访记录：王焕清 11月5日到东山街督导……”），确认后登记。")
    if role in ("leader", "admin"):
        lines.append("区领导：/due 查看本月还需走访的联系点。")
    if role == "admin":
        lines.append("管理员：/assign 调整联系点，/role 设置角色。")
    return "\n".join(lines)
