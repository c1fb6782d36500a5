"""The purchase request approval workflow, through its services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from procura.audit.models import AuditEvent
from procura.core.errors import Conflict, DomainError, InvalidInput, NotAllowed
from procura.notifications.models import InboxMessage, NotificationLog
from procura.procurement.errors import ProcurementErrorCode as Code
from procura.procurement.models import (
    ApprovalHistoryAction,
    ApprovalStep,
    ApprovalStepStatus,
    PurchaseRequestStatus,
)
from procura.procurement.services.approvals import (
    approval_step_follow_up,
    purchase_request_approve,
    purchase_request_reject,
    purchase_request_return,
)
from procura.procurement.services.delegations import delegation_create, delegation_revoke
from procura.procurement.services.requests import (
    purchase_request_cancel,
    purchase_request_create,
    purchase_request_submit,
    purchase_request_update,
)
from procura.procurement.tasks import follow_up_approvals_task
from procura.procurement.tests.factories import (
    item,
    make_org,
    make_person,
    make_request,
    submitted_request,
)

pytestmark = pytest.mark.django_db


def history(request):
    return [(h.action, h.assignee_id) for h in request.approval_history.order_by("id")]


def current(request) -> ApprovalStep:
    return request.steps.get(status=ApprovalStepStatus.PENDING)


def test_create_computes_totals_and_number():
    org = make_org()
    request = purchase_request_create(
        by=org.requester,
        title="Chuck rolls",
        currency="USD",
        items=[item("2.5", "10.015"), item("3", "4.00")],
    )
    assert request.number.startswith(f"PR-{timezone.localdate().year}-")
    assert request.department == org.department
    assert [i.line_total for i in request.items.all()] == [Decimal("25.04"), Decimal("12.00")]
    assert request.total == Decimal("37.04")
    assert request.status == PurchaseRequestStatus.DRAFT


def test_submit_empty_request_is_refused():
    org = make_org()
    request = purchase_request_create(by=org.requester, title="Nothing", currency="USD")
    with pytest.raises(DomainError) as exc:
        purchase_request_submit(request=request, by=org.requester)
    assert exc.value.code == Code.EMPTY_REQUEST


def test_submit_above_requester_spending_limit_is_refused():
    org = make_org()
    request = make_request(org.requester, total="50000.01")
    with pytest.raises(DomainError) as exc:
        purchase_request_submit(request=request, by=org.requester)
    assert exc.value.code == Code.OVER_SPENDING_LIMIT
    assert "50000.01" in exc.value.detail
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.DRAFT


def test_submit_without_a_covering_rule_is_refused():
    org = make_org()
    request = purchase_request_create(
        by=org.requester, title="Euro order", currency="EUR", items=[item()]
    )
    with pytest.raises(DomainError) as exc:
        purchase_request_submit(request=request, by=org.requester)
    assert exc.value.code == Code.NO_APPROVAL_RULE


def test_small_request_needs_the_manager_only(django_capture_on_commit_callbacks):
    org = make_org()
    with django_capture_on_commit_callbacks(execute=True):
        request = submitted_request(org.requester, total="800.00")
    step = current(request)
    assert step.approver == org.manager
    assert request.steps.count() == 1

    purchase_request_approve(request=request, by=org.manager, comment="ok")

    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.APPROVED
    assert history(request) == [
        (ApprovalHistoryAction.ASSIGNED, org.manager.pk),
        (ApprovalHistoryAction.APPROVED, None),
    ]
    actions = set(AuditEvent.objects.for_object(request).values_list("action", flat=True))
    assert {"purchase_request.submitted", "purchase_request.approved"} <= actions
    assert any(org.manager.email in m.to for m in mail.outbox)


def test_medium_request_goes_manager_then_department_head():
    org = make_org()
    request = submitted_request(org.requester, total="5000.00")
    assert current(request).approver == org.manager

    purchase_request_approve(request=request, by=org.manager)
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.PENDING_APPROVAL
    assert current(request).approver == org.head

    purchase_request_approve(request=request, by=org.head)
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.APPROVED


def test_large_request_ends_with_any_finance_holder():
    org = make_org()
    request = submitted_request(org.requester, total="20000.00")
    purchase_request_approve(request=request, by=org.manager)
    purchase_request_approve(request=request, by=org.head)
    step = current(request)
    assert step.role == "finance"
    assert step.approver is None

    purchase_request_approve(request=request, by=org.finance)
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.APPROVED


def test_approver_limit_too_low_escalates_to_their_manager():
    org = make_org(manager_limit="500")
    request = submitted_request(org.requester, total="800.00")

    step = current(request)
    assert step.approver == org.head
    escalated = request.approval_history.get(action=ApprovalHistoryAction.ESCALATED)
    assert escalated.assignee == org.head
    assert "spending limit" in escalated.comment


def test_one_person_never_approves_two_steps():
    org = make_org()
    org.department.head = org.manager
    org.department.save()
    request = submitted_request(org.requester, total="5000.00")
    purchase_request_approve(request=request, by=org.manager)

    # the head step would be the manager again: it passes up to the manager's manager
    assert current(request).approver == org.head


def test_nobody_approves_their_own_request():
    org = make_org()
    big_boss = make_person("approver", spending_limit=Decimal("100000"))
    org.head.manager = big_boss
    org.head.save()
    org.head.spending_limit = Decimal("50000")
    # the head asks: the manager step is the head's manager; the department-head step would be
    # the requester themself and passes up to their manager, who already has step 1 -> refused
    request = make_request(org.head, total="5000.00")
    with pytest.raises(DomainError) as exc:
        purchase_request_submit(request=request, by=org.head)
    assert exc.value.code == Code.NO_ELIGIBLE_APPROVER

    # with a small request (manager only) the head's manager approves
    small = submitted_request(org.head, total="800.00")
    assert current(small).approver == big_boss


def test_request_with_no_eligible_approver_is_refused_on_submit():
    org = make_org()
    org.manager.spending_limit = Decimal("50000")
    org.manager.save()
    request = make_request(org.manager, total="5000.00")
    # step 1 (manager of the manager) = head; step 2 (department head) = head again, and the
    # head has no manager to pass it to
    with pytest.raises(DomainError) as exc:
        purchase_request_submit(request=request, by=org.manager)
    assert exc.value.code == Code.NO_ELIGIBLE_APPROVER
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.DRAFT
    assert not request.steps.exists()


def test_requester_cannot_decide_even_when_assigned():
    org = make_org()
    request = submitted_request(org.requester, total="800.00")
    with pytest.raises(NotAllowed):
        purchase_request_approve(request=request, by=org.requester)


def test_only_the_current_approver_may_decide():
    org = make_org()
    request = submitted_request(org.requester, total="5000.00")
    with pytest.raises(NotAllowed) as exc:
        purchase_request_approve(request=request, by=org.head)
    assert exc.value.code == Code.NOT_CURRENT_APPROVER
    with pytest.raises(NotAllowed):
        purchase_request_approve(request=request, by=org.finance)


@pytest.mark.parametrize("status_after", ["approved", "rejected", "returned"])
def test_deciding_a_request_no_longer_pending_is_a_conflict(status_after):
    org = make_org()
    request = submitted_request(org.requester, total="800.00")
    if status_after == "approved":
        purchase_request_approve(request=request, by=org.manager)
    elif status_after == "rejected":
        purchase_request_reject(request=request, by=org.manager, comment="no budget")
    else:
        purchase_request_return(request=request, by=org.manager, comment="split it")
    with pytest.raises(Conflict) as exc:
        purchase_request_approve(request=request, by=org.manager)
    assert exc.value.code == Code.INVALID_TRANSITION


def test_draft_cannot_be_decided():
    org = make_org()
    request = make_request(org.requester)
    with pytest.raises(Conflict):
        purchase_request_approve(request=request, by=org.manager)


@pytest.mark.parametrize("decide", [purchase_request_reject, purchase_request_return])
def test_reject_and_return_need_a_comment(decide):
    org = make_org()
    request = submitted_request(org.requester)
    with pytest.raises(InvalidInput) as exc:
        decide(request=request, by=org.manager, comment="  ")
    assert exc.value.errors == {"comment": ["A comment is required."]}


def test_reject_cancels_the_remaining_steps():
    org = make_org()
    request = submitted_request(org.requester, total="5000.00")
    purchase_request_reject(request=request, by=org.manager, comment="Not this quarter")
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.REJECTED
    assert list(request.steps.values_list("status", flat=True)) == ["rejected", "cancelled"]
    assert request.approval_history.order_by("id").last().comment == "Not this quarter"  # type: ignore[union-attr]


def test_the_requester_is_told_of_a_rejection_through_notifications(
    django_capture_on_commit_callbacks,
):
    org = make_org()
    request = submitted_request(org.requester, total="800.00")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        purchase_request_reject(request=request, by=org.manager, comment="Not this quarter")

    (message,) = mail.outbox
    assert message.to == [org.requester.email]
    assert message.subject == f"Your request {request.number} was rejected"
    assert f"Rejected by {org.manager.full_name}: Not this quarter" in message.body
    log = NotificationLog.objects.get(template="procurement/approval_rejected")
    assert (log.status, log.object_id) == ("sent", str(request.pk))
    inbox = InboxMessage.objects.get(user=org.requester)
    assert inbox.title == message.subject


def test_returned_request_is_edited_and_goes_through_a_new_round():
    org = make_org()
    request = submitted_request(org.requester, total="800.00")
    purchase_request_return(request=request, by=org.manager, comment="Add the grade")
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.RETURNED

    purchase_request_update(request=request, by=org.requester, title="Choice boxed beef")
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.DRAFT

    purchase_request_submit(request=request, by=org.requester)
    step = current(request)
    assert (step.round, step.approver) == (2, org.manager)


def test_submitted_request_cannot_be_edited_or_resubmitted():
    org = make_org()
    request = submitted_request(org.requester)
    with pytest.raises(Conflict):
        purchase_request_update(request=request, by=org.requester, title="x")
    with pytest.raises(Conflict):
        purchase_request_submit(request=request, by=org.requester)


def test_only_the_requester_edits():
    org = make_org()
    request = make_request(org.requester)
    with pytest.raises(NotAllowed):
        purchase_request_update(request=request, by=org.manager, title="x")


def test_cancel_pending_request_and_not_an_approved_one():
    org = make_org()
    request = submitted_request(org.requester)
    purchase_request_cancel(request=request, by=org.requester)
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.CANCELLED
    assert request.steps.get().status == ApprovalStepStatus.CANCELLED

    approved = submitted_request(org.requester)
    purchase_request_approve(request=approved, by=org.manager)
    with pytest.raises(Conflict):
        purchase_request_cancel(request=approved, by=org.requester)


def test_delegation_moves_pending_steps_and_the_delegate_decides():
    org = make_org()
    deputy = make_person("approver", spending_limit=Decimal("10000"))
    request = submitted_request(org.requester, total="800.00")
    today = timezone.localdate()

    delegation_create(by=org.manager, delegate=deputy, starts_on=today, ends_on=today)

    step = current(request)
    assert step.delegate == deputy
    assert (ApprovalHistoryAction.DELEGATED, deputy.pk) in history(request)
    purchase_request_approve(request=request, by=deputy)
    request.refresh_from_db()
    assert request.status == PurchaseRequestStatus.APPROVED


def test_new_steps_go_to_an_active_delegate_and_revoking_takes_them_back():
    org = make_org()
    deputy = make_person("approver", spending_limit=Decimal("10000"))
    today = timezone.localdate()
    delegation = delegation_create(
        by=org.manager, delegate=deputy, starts_on=today, ends_on=today + timedelta(days=5)
    )
    request = submitted_request(org.requester, total="800.00")
    assert current(request).delegate == deputy

    delegation_revoke(delegation=delegation, by=org.manager)
    assert current(request).delegate is None
    with pytest.raises(NotAllowed):
        purchase_request_approve(request=request, by=deputy)


def test_delegate_who_approved_the_previous_step_is_not_given_the_next():
    org = make_org()
    today = timezone.localdate()
    delegation_create(by=org.head, delegate=org.manager, starts_on=today, ends_on=today)
    request = submitted_request(org.requester, total="5000.00")
    purchase_request_approve(request=request, by=org.manager)
    step = current(request)
    assert (step.approver, step.delegate) == (org.head, None)


def test_delegation_rules():
    org = make_org()
    today = timezone.localdate()
    with pytest.raises(InvalidInput):
        delegation_create(by=org.manager, delegate=org.manager, starts_on=today, ends_on=today)
    with pytest.raises(InvalidInput):
        delegation_create(
            by=org.manager, delegate=org.head, starts_on=today, ends_on=today - timedelta(days=1)
        )
    delegation_create(
        by=org.manager, delegate=org.head, starts_on=today, ends_on=today + timedelta(days=3)
    )
    with pytest.raises(Conflict) as exc:
        delegation_create(
            by=org.manager,
            delegate=org.finance,
            starts_on=today + timedelta(days=2),
            ends_on=today + timedelta(days=9),
        )
    assert exc.value.code == Code.DELEGATION_OVERLAP


def test_approver_and_delegate_acting_one_after_the_other_second_gets_conflict():
    org = make_org()
    deputy = make_person("approver", spending_limit=Decimal("10000"))
    today = timezone.localdate()
    delegation_create(by=org.manager, delegate=deputy, starts_on=today, ends_on=today)
    request = submitted_request(org.requester, total="5000.00")

    purchase_request_approve(request=request, by=org.manager)
    with pytest.raises(Conflict) as exc:
        purchase_request_approve(request=request, by=deputy)
    assert exc.value.code == Code.ALREADY_DECIDED


def test_follow_up_reminds_after_24_hours_and_escalates_after_72(
    django_capture_on_commit_callbacks,
):
    org = make_org()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        request = submitted_request(org.requester, total="800.00")
    step = current(request)

    with time_machine.travel(start + timedelta(hours=23), tick=False):
        assert follow_up_approvals_task() == {"escalated": 0, "reminded": 0, "delegated": 0}
    with time_machine.travel(start + timedelta(hours=25), tick=False):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert follow_up_approvals_task()["reminded"] == 1
        assert mail.outbox[0].to == [org.manager.email]
        assert "Reminder" in mail.outbox[0].subject
    with time_machine.travel(start + timedelta(hours=30), tick=False):
        assert approval_step_follow_up(step_id=step.pk) == ""
    with time_machine.travel(start + timedelta(hours=73), tick=False):
        assert follow_up_approvals_task()["escalated"] == 1

    step.refresh_from_db()
    assert step.approver == org.head
    assert [a for a, _ in history(request)] == [
        ApprovalHistoryAction.ASSIGNED,
        ApprovalHistoryAction.REMINDED,
        ApprovalHistoryAction.ESCALATED,
    ]


def test_follow_up_delays_come_from_settings(settings):
    settings.PROCUREMENT_APPROVAL_REMINDER_HOURS = 1
    org = make_org()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        request = submitted_request(org.requester, total="800.00")
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        assert approval_step_follow_up(step_id=current(request).pk) == "reminded"


def test_an_approval_notice_task_queued_before_an_upgrade_goes_through_notifications(
    django_capture_on_commit_callbacks,
):
    from procura.procurement.tasks import send_approval_notice_task

    org = make_org()
    request = submitted_request(org.requester, total="800.00")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_approval_notice_task(current(request).pk, "assigned") == 1
    assert send_approval_notice_task(current(request).pk, "unknown") == 0

    (message,) = mail.outbox
    assert message.to == [org.manager.email]
    assert message.subject == f"Approval needed: {request.number} {request.title}"
