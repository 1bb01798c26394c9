"""The JobQueue side of reminders: a repeating tick (and one right at start-up) asks the pure core what
is due, claims each person's digest in the store, then sends it.

Jobs live in memory only, so nothing is lost on restart: everything comes from the store each tick,
and a reminder missed while the bot was down is still due at the first tick in the next sending time.
Keys are stored before sending; the digest's messages are outbox rows keyed by the digest, and a digest
claimed but never handed to the outbox (a kill in between) is handed over at the next tick (``_recover``):
exactly once. A send that clearly failed, or hit flood control
(``RetryAfter``) for longer than we wait, releases the keys for the next run — never left claimed and
unsent. Each chat is sent to in its own task, so one chat's flood wait does not hold up the others.
In the running bot every message goes through the outbox (bot/outbox.py), which keeps a flooded or
failing chunk and sends it later itself: the RetryAfter and release paths here serve bots without it.
"""

from __future__ import annotations

import asyncio
import logging

from telegram.error import BadRequest, Forbidden, RetryAfter, TimedOut
from telegram.ext import Application, ContextTypes

from assistant.operations import outbox
from assistant.records.digest import Digest, split_clean
from assistant.records.state import claim_digest, digest_queued, due_digests, release_digest, unqueued_digests
from handlers.records.runtime import runtime_of
from handlers.render import split_text, to_html

log = logging.getLogger(__name__)
JOB_NAME = "records-reminders"
INTERVAL_S = 300  # every 5 minutes: 09:00 reminders go out by 09:05
MISFIRE_GRACE_S = 3600  # a tick delayed by a busy loop or a suspended host still runs
MAX_FLOOD_WAIT_S = 60.0  # a longer RetryAfter releases the digest for the next tick instead of waiting
FLOOD_RETRIES = 2


def _pieces(text: str, title: str) -> list[str]:
    return [piece for chunk in split_clean(text, title) for piece in split_text(chunk)]


async def _send(bot, services, digest: Digest) -> bool:
    """Send one digest's chunks; → True when delivered. Releases the claim when nothing went out."""
    return await _hand_over(bot, services, digest.key, digest.telegram_id, _pieces(digest.text, digest.title),
                            claimed=digest)


async def _hand_over(bot, services, key: str, telegram_id: int, chunks: list[str], *,
                     claimed: Digest | None = None) -> bool:
    """Send ``chunks`` as the digest ``key``'s messages (outbox keys ``digest:<key>``, 1, 2, …), then
    mark the digest queued. A kill before the mark leaves it claimed and unqueued: the next tick hands it
    over again, and the outbox finds the rows written before, so nothing is lost and nothing sent twice.
    ``claimed``: a digest claimed by this tick, released when nothing went out."""
    delivered, handed = 0, True
    try:
        with outbox.origin(f"digest:{key}"):
            for chunk in chunks:
                for attempt in range(FLOOD_RETRIES + 1):
                    try:
                        await bot.send_message(telegram_id, to_html(chunk), parse_mode="HTML")
                        break
                    except RetryAfter as e:
                        wait = e._retry_after.total_seconds()  # the timedelta (the public int is deprecated)
                        if attempt == FLOOD_RETRIES or wait > MAX_FLOOD_WAIT_S:
                            raise
                        log.info("reminder %s: flood control, retrying in %.1f s", key, wait)
                        await asyncio.sleep(wait)
                delivered += 1
        return True
    except (Forbidden, BadRequest):  # blocked the bot / never started it: do not retry every tick
        log.warning("reminder %s to %s not deliverable", key, telegram_id, exc_info=True)
    except TimedOut:  # the server may have delivered it: a retry could duplicate
        log.warning("reminder %s timed out; not retried", key)
    except Exception as e:  # flood control (RetryAfter), network errors, anything else
        if delivered:  # part of it reached the chat: resending would duplicate that part
            log.warning("reminder %s failed after %d of %d parts (%r)", key, delivered, len(chunks), e)
        elif claimed is not None:
            log.warning("reminder %s failed (%r); released for the next run", key, e)
            await services.in_db(release_digest, claimed)
            handed = False
        else:
            log.warning("reminder %s failed again (%r); handed over at the next run", key, e)
            handed = False
    finally:
        if handed:
            await services.in_db(digest_queued, key)
    return False


async def _recover(bot, services) -> int:
    """Digests claimed by a process that died before handing them to the outbox: hand them over now."""
    left = await services.in_db(unqueued_digests)
    for key, telegram_id, text in left:
        log.info("reminder %s was claimed but never handed to the outbox; handing it over", key)
        await _hand_over(bot, services, key, telegram_id, _pieces(text, text.split("\n", 1)[0]))
    return len(left)


async def tick(context: ContextTypes.DEFAULT_TYPE) -> int:
    """One round: hand over what a kill left claimed, compute, claim, send (one task per chat).
    Returns how many digests were delivered."""
    application = context.application
    services = application.bot_data["services"]
    leader = application.bot_data.get("scheduler_leader")  # several workers: only the lock holder sends
    if leader is not None and not await services.run(leader.is_leader):
        return 0
    await _recover(context.bot, services)
    rt = await runtime_of(application)
    now = services.clock()
    digests = await services.in_db(due_digests, now, rt.rules, rt.schedule, admins=services.admins,
                                   obligations=rt.obligations(services))
    tasks = []
    for d in digests:
        if d.telegram_id is None or not await services.in_db(claim_digest, d, now=now):
            continue
        tasks.append(asyncio.create_task(_send(context.bot, services, d)))
    return sum(await asyncio.gather(*tasks))


def arm(application: Application, interval: float = INTERVAL_S) -> None:
    """(Re-)arm the repeating job; its first run is right away (catch-up after a restart)."""
    jq = application.job_queue
    if jq is None:
        log.warning("no JobQueue (install python-telegram-bot[job-queue]); reminders disabled")
        return
    for job in jq.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    jq.run_repeating(tick, interval=interval, first=1, name=JOB_NAME,
                     job_kwargs={"misfire_grace_time": MISFIRE_GRACE_S, "coalesce": True, "max_instances": 1})
