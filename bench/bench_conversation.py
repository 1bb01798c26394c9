"""Conversation (issue 9): warm latency of routed structured answers, of follow-ups resolved against the
conversation context, and of the normaliser, small talk and computed answers — all without search.

Follow-ups should add no measurable latency: the "follow-up" rows are compared with the same question
asked in full, and with a question that, like a follow-up, names no document (the title scan).
"""

from __future__ import annotations

from bench.stats import percentiles, time_calls

# (label, context question or None, question)
CASES = [
    ("structured", None, "越秀工作要点第18项谁牵头"),
    ("follow-up", "工作要点第17项谁牵头", "那第18项呢"),
    ("structured", None, "党内监督工作方案第17项谁配合"),
    ("no name", None, "第17项谁配合"),  # like a follow-up, it names no document: titles are scanned
    ("follow-up", "监督方案第17项谁牵头", "配合单位呢"),
    ("structured", None, "苏佩联系哪些单位"),
    ("follow-up", "苏佩联系哪个社区", "那他还联系哪些"),
    ("Traditional", None, "第十九項誰牽頭"),
    ("typo in name", None, "监督放案第32项谁牵投"),
    ("small talk", None, "谢谢"),
    ("count", None, "组织部牵头几项"),
    ("score band", None, "考核得了80分是什么等次"),
    ("short point name", None, "七中由哪位区领导挂点"),
]


def run() -> str:
    from assistant.conversation.context import EMPTY
    from assistant.documents.knowledge import Knowledge
    from assistant.questions.router import Turn, route
    from corpus.library import load_corpus

    knowledge = Knowledge(corpus=load_corpus())
    route(Turn(CASES[0][2], knowledge))  # build the unit and contact indexes once
    rows = []
    for label, before, question in CASES:
        context = route(Turn(before, knowledge))[1] if before else EMPTY
        med, p95 = percentiles(time_calls(lambda q=question, c=context: route(Turn(q, knowledge, c)), 300))
        rows.append(f"| {label} | {question} | {med:.3f} | {p95:.3f} |")
    return "\n".join([
        "## Conversation (router, follow-ups)",
        "",
        "Warm `router.route()` (corpus parsed, indexes built, no search), 300 calls each; a follow-up is timed "
        "with the context its first question left:",
        "",
        "| kind | question | median ms | p95 ms |",
        "|---|---|---|---|",
        *rows,
        "",
    ])


if __name__ == "__main__":
    print(run())
