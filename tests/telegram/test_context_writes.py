"""Conversation contexts are written behind the replies, batched: the steps of many conversations wait in
memory for CONTEXT_FLUSH_DELAY and land in one transaction on the database thread, the latest per user;
close() stores whatever is still waiting. A real SQLite file; the answers come from the real router."""

import asyncio

from assistant.conversation import context as conversation
from handlers.context import CONTEXT_FLUSH_DELAY
from tests.support import telegram_harness as harness

QUESTIONS = {1: ["监督方案第3项谁牵头", "那第4项呢"], 2: ["工作要点第17项谁牵头"], 3: ["苏佩联系哪些社区", "他还联系哪些"]}


def _services(tmp_path, knowledge):
    services = harness.make_services(harness.settings_for(None, tmp_path), knowledge)
    commits = []

    def trace(sql):
        if sql.startswith("COMMIT"):
            commits.append(sql)

    # The commits of the database thread's connection (each thread has its own: assistant.storage.store.Store).
    services.db_executor.submit(lambda: services.db.conn.set_trace_callback(trace)).result()
    return services, commits


def _stored(services, user):
    return conversation.load(services.db, user, user, now=harness.FIXED_NOW)


async def _flushed(commits, count: int) -> None:
    """Until ``count`` transactions were committed (the flush is due CONTEXT_FLUSH_DELAY after the first
    step and runs on the database thread); then one more flush delay, in which no other may start."""
    for _ in range(1000):
        if len(commits) >= count:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(CONTEXT_FLUSH_DELAY)


async def _converse_all(services):
    for user, asked in QUESTIONS.items():
        for q in asked:
            await services.converse(q, chat_id=user, user_id=user)


def test_steps_of_many_conversations_land_in_one_transaction_latest_per_user(tmp_path, knowledge):
    services, commits = _services(tmp_path, knowledge)
    # Held open for the whole conversation, however slowly a loaded machine answers; then flushed by hand
    # (the timer's own firing is test_a_step_after_a_flush_is_written_by_the_next_one's).
    services.context_flush_delay = 3600

    async def run():
        await _converse_all(services)
        assert _stored(services, 1).empty  # still waiting in memory
        services._submit_flush()
        await _flushed(commits, 1)

    asyncio.run(run())
    assert len(commits) == 1  # one transaction for all five steps
    assert _stored(services, 1).question == "那第4项呢" and _stored(services, 1).numbers == (4,)
    assert _stored(services, 2).question == "工作要点第17项谁牵头"
    assert _stored(services, 3).question == "他还联系哪些" and "苏佩" in _stored(services, 3).leaders
    services.close()
    assert len(commits) == 1  # nothing left to write


def test_close_stores_the_steps_still_waiting(tmp_path, knowledge):
    services, commits = _services(tmp_path, knowledge)
    services.context_flush_delay = 3600  # however slow the machine, the loop ends before the flush is due
    asyncio.run(_converse_all(services))
    services.close()
    assert len(commits) == 1 and _stored(services, 3).question == "他还联系哪些"


def test_a_step_after_a_flush_is_written_by_the_next_one(tmp_path, knowledge):
    services, commits = _services(tmp_path, knowledge)

    async def run():
        await services.converse("监督方案第3项谁牵头", chat_id=7, user_id=7)
        await _flushed(commits, 1)
        assert _stored(services, 7).numbers == (3,)
        await services.converse("那第4项呢", chat_id=7, user_id=7)
        await _flushed(commits, 2)

    asyncio.run(run())
    assert len(commits) == 2 and _stored(services, 7).numbers == (4,)
    services.close()


def test_a_flush_planned_on_a_loop_that_ended_is_planned_again(tmp_path, knowledge):
    # the first loop ends before its flush was due (its timer never fires); a later loop's step must
    # still be stored without waiting for close()
    services, commits = _services(tmp_path, knowledge)
    asyncio.run(services.converse("监督方案第3项谁牵头", chat_id=7, user_id=7))

    async def later():
        await services.converse("那第4项呢", chat_id=7, user_id=7)
        await _flushed(commits, 1)

    asyncio.run(later())
    assert len(commits) == 1 and _stored(services, 7).numbers == (4,)
    services.close()
