"""Conversation contexts are written behind the replies, on the database thread, batched: while that thread
is busy, the steps of many conversations wait in memory and land in one transaction, the latest per user.
A real SQLite file; the answers come from the real router."""

import asyncio
import threading

from assistant import conversation
from tests.support import telegram_harness as harness


def test_steps_queued_behind_a_busy_database_thread_land_together_latest_first(tmp_path, knowledge):
    settings = harness.settings_for(None, tmp_path, admins=set())
    services = harness.make_services(settings, knowledge)
    release = threading.Event()
    services.db_executor.submit(release.wait, 10)  # the database thread is busy (a long write)
    commits = []
    services.db.conn.set_trace_callback(lambda sql: commits.append(sql) if sql.startswith("COMMIT") else None)
    questions = {1: ["监督方案第3项谁牵头", "那第4项呢"], 2: ["工作要点第17项谁牵头"], 3: ["苏佩联系哪些社区", "他还联系哪些"]}
    for user, asked in questions.items():
        for q in asked:
            asyncio.run(services.converse(q, chat_id=user, user_id=user))
    assert services.db.execute("select count(*) from conversation_context").fetchone()[0] == 0  # still queued
    release.set()
    services.db_executor.shutdown(wait=True)
    assert len(commits) == 1  # one transaction for all five steps
    stored = {u: conversation.load(services.db, u, u, now=harness.FIXED_NOW) for u in questions}
    assert stored[1].question == "那第4项呢" and stored[1].numbers == (4,)
    assert stored[2].question == "工作要点第17项谁牵头"
    assert stored[3].question == "他还联系哪些" and "苏佩" in stored[3].leaders


def test_a_step_after_a_flush_started_is_written_by_the_next_one(tmp_path, knowledge):
    settings = harness.settings_for(None, tmp_path, admins=set())
    services = harness.make_services(settings, knowledge)
    asyncio.run(services.converse("监督方案第3项谁牵头", chat_id=7, user_id=7))
    services.db_executor.submit(lambda: None).result()  # the first flush has run
    asyncio.run(services.converse("那第4项呢", chat_id=7, user_id=7))
    services.db_executor.shutdown(wait=True)
    assert conversation.load(services.db, 7, 7, now=harness.FIXED_NOW).numbers == (4,)
