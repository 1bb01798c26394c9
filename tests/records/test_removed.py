"""People removed are removed everywhere (issue 20, item 4): /deny ends the person's leader binding, a
pending bind request, unit subscriptions and unconfirmed notes in the same transaction, so no digest
reaches them the next morning and an old 确认绑定 button cannot bind them again."""

from assistant.operations import access
from assistant.records import bindings, drafts, state
from tests.records.conftest import at

LEADER, MEMBER, ADMIN = 111, 55, "1"
MONDAY = at(2026, 11, 2, 9)  # the first working day of November: every leader's monthly digest


def _digest_recipients(db, rules) -> set:
    return {d.telegram_id for d in state.due_digests(db, MONDAY, rules)}


def test_deny_ends_the_binding_subscriptions_and_digests_of_a_leader(db, rules):
    access.allow(db, LEADER, at=MONDAY, actor=ADMIN)
    assert bindings.request(db, LEADER, "王焕清", now=MONDAY)[0]
    assert bindings.confirm(db, LEADER, now=MONDAY, actor=ADMIN)[0]
    state.subscribe(db, LEADER, "区纪委", now=MONDAY)
    assert LEADER in _digest_recipients(db, rules)

    assert access.deny(db, LEADER, at=MONDAY, actor=ADMIN)
    assert bindings.leader_of(db, LEADER) is None
    assert state.subscriptions_of(db, LEADER) == []
    assert LEADER not in _digest_recipients(db, rules)
    [entry] = [r for r in db["audit_log"].rows_where("action = 'deny'")]
    assert '"leader_bindings": 1' in entry["details"]  # what the removal ended is on record


def test_a_pending_bind_of_a_removed_user_is_gone_and_cannot_be_confirmed(db, rules):
    access.allow(db, MEMBER, at=MONDAY, actor=ADMIN)
    assert bindings.request(db, MEMBER, "苏佩", now=MONDAY)[0]
    access.deny(db, MEMBER, at=MONDAY, actor=ADMIN)
    ok, reply = bindings.confirm(db, MEMBER, now=MONDAY, actor=ADMIN)  # the admin's old 确认绑定 button
    assert not ok and str(MEMBER) in reply
    assert bindings.leader_of(db, MEMBER) is None and access.role_of(db, MEMBER) is None
    assert MEMBER not in _digest_recipients(db, rules)


def test_a_request_left_from_before_is_not_confirmed_for_someone_without_access(db):
    access.allow(db, MEMBER, at=MONDAY, actor=ADMIN)
    bindings.request(db, MEMBER, "苏佩", now=MONDAY)
    db["users"].update(MEMBER, {"allowed": 0})  # removed by a version that kept the request
    ok, reply = bindings.confirm(db, MEMBER, now=MONDAY, actor=ADMIN)
    assert not ok and "权限" in reply and bindings.leader_of(db, MEMBER) is None


def test_an_admins_direct_bind_still_lets_a_new_user_in(db):
    ok, _ = bindings.confirm(db, MEMBER, now=MONDAY, actor=ADMIN, name="苏佩")
    assert ok and access.role_of(db, MEMBER) == "leader"


def test_deny_drops_the_unconfirmed_notes_of_the_person(db, rules):
    access.allow(db, MEMBER, at=MONDAY, actor=ADMIN)
    access.set_role(db, MEMBER, "secretary", at=MONDAY, actor=ADMIN)
    drafts.submit(db, "走访记录：王焕清 11月1日到东山街督导，发现台账缺失，要求一个月内整改", telegram_id=MEMBER, chat_id=MEMBER,
                  now=MONDAY, rules=rules)
    assert db["pending_notes"].count_where("telegram_id = ? and status = 'pending'", [MEMBER]) == 1
    access.deny(db, MEMBER, at=MONDAY, actor=ADMIN)
    assert db["pending_notes"].count_where("telegram_id = ? and status = 'pending'", [MEMBER]) == 0
