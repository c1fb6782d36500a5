"""What a record page shows around the record itself, computed on the server for the person
reading it: the actions they may take (or why not), the documents linked to it, and where it
stands in its workflow with the next step and who takes it.

Domains fill these in their selectors; the detail serializers render them with the serializers
in ``procura.core.serializers``. Core knows no domain: the values are plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RecordAction:
    """One action of the record for the reader. ``reason`` is a deny reason of the permission
    matrix (role, scope, separation_of_duties, state) and ``detail`` says it in words."""

    action: str
    label: str
    allowed: bool
    reason: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class LinkedDocument:
    """A document linked to the record (the order of a request, the receipts of an order...)."""

    kind: str
    id: int
    number: str
    status: str = ""
    status_label: str = ""
    date: date | None = None
    amount: Decimal | None = None
    currency: str = ""
    readable: bool = True  # whether the reader may open it


@dataclass(frozen=True)
class WorkflowStep:
    status: str
    label: str
    state: str  # done, current, upcoming, skipped


@dataclass(frozen=True)
class NextStep:
    """What happens next and who does it; ``action`` names the matrix action when there is one."""

    label: str
    who: str
    action: str = ""
    mine: bool = False


@dataclass(frozen=True)
class Workflow:
    steps: list[WorkflowStep] = field(default_factory=list)
    next: NextStep | None = None


def workflow_of(
    path: list[tuple[str, str]], current: str, current_label: str, *, next_step: NextStep | None
) -> Workflow:
    """The main path of a state machine with ``current`` marked: states before it are done.
    A state off the path (cancelled, void, rejected) is shown as the current last step."""
    statuses = [status for status, _ in path]
    if current in statuses:
        at = statuses.index(current)
        steps = [
            WorkflowStep(
                status,
                label,
                "done" if index < at else "current" if index == at else "upcoming",
            )
            for index, (status, label) in enumerate(path)
        ]
    else:
        steps = [WorkflowStep(status, label, "skipped") for status, label in path]
        steps.append(WorkflowStep(current, current_label, "current"))
    return Workflow(steps=steps, next=next_step)
