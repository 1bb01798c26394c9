"""The JobQueue side of reminders: a repeating tick (and one right at start-up) asks the pure core what
is due, claims each reminder's key in the store, then sends it.

Jobs live in memory only, so nothing is lost on restart: everything comes from the store each tick,
and a reminder missed while the bot was down is simply still due at the first tick after start-up.
The key is stored before sending (at most once); a send that clearly failed releases it for a retry.
"""

from __future__ import annotations

import logging

from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut
from telegram.ext import Application, ContextTypes

from assistant.records.state import claim, due_now, release
from handlers.records_common import runtime_of
from handlers.render import split_text, to_html

log = logging.getLogger(__name__)
JOB_NAME = "records-reminders"
INTERVAL_S = 300  # every 5 minutes: 09:00 reminders go out by 09:05
MISFIRE_GRACE_S = 3600  # a tick delayed by a busy loop or a suspended host still runs


async def tick(context: ContextTypes.DEFAULT_TYPE) -> int:
    """One round: compute, claim, send. Returns how many reminders were sent."""
    application = context.application
    services = application.bot_data["services"]
    rt = await runtime_of(application)
    now = services.clock()
    reminders = await services.in_db(due_now, now, rt.rules, rt.schedule)
    sent = 0
    for r in reminders:
        if r.telegram_id is None or not await services.in_db(claim, r, now=now):
            continue
        try:
            for chunk in split_text(r.text):
                await context.bot.send_message(r.telegram_id, to_html(chunk), parse_mode="HTML")
            sent += 1
        except (Forbidden, BadRequest):  # blocked the bot / never started it: do not retry every tick
            log.warning("reminder %s to %s not deliverable", r.key, r.telegram_id, exc_info=True)
        except TimedOut:  # the server may have delivered it: a retry could duplicate
            log.warning("reminder %s timed out; not retried", r.key)
        except NetworkError:
            log.warning("reminder %s failed; will retry next tick", r.key, exc_info=True)
            await services.in_db(release, r.key)
    return sent


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
