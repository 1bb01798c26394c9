"""The reminder digest's hand-over to the outbox, in the store, on both backends (issue 20): a claimed
digest is listed as not handed over until it is marked queued; the reminders folded into it are not."""

from datetime import date

from assistant.records.digest import Digest
from assistant.records.reminders import Reminder
from assistant.records.state import claim_digest, digest_queued, unqueued_digests
from tests.records.conftest import at


def test_a_claimed_digest_waits_for_its_hand_over_and_is_listed_once_marked(db):
    reminder = Reminder("monthly", "王焕清", 111, ("东山街",), None, "【联系督导提醒】东山街", "monthly:1:2026-12")
    digest = Digest(111, "王焕清", date(2026, 12, 1), (reminder,), "【每日提醒】", "【每日提醒】\n王焕清，您好。")
    assert claim_digest(db, digest, now=at(2026, 12, 1, 9))
    assert unqueued_digests(db) == [(digest.key, 111, digest.text)]
    assert not claim_digest(db, digest, now=at(2026, 12, 1, 9, 5))  # claimed once
    digest_queued(db, digest.key)
    assert unqueued_digests(db) == []
