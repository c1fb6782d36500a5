"""Verifying the audit chain: every event's keyed hash is recomputed from its contents and the
hash of the event before it, so an edited, deleted or inserted row shows up; and every anchor
written outside the database is compared with the event it names, so a chain rewritten
consistently (by someone who knew the key) or cut short shows up too.

Used by ``manage.py verify_audit`` and by the background task behind
``POST /api/v1/audit/verify/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from procura.audit.anchors import Anchor, UnreadableAnchor, audit_anchors_read
from procura.audit.hashing import CONTENT_FIELDS, GENESIS_HASH, UnknownAuditKey, event_hash
from procura.audit.models import AuditChainHead, AuditEvent

CHUNK_SIZE = 2000
# Problems kept in a report; a wholesale rewrite is summarised by the count.
MAX_REPORTED_PROBLEMS = 1000

ProgressCallback = Callable[[int, int], None]


class ChainProblemKind(StrEnum):
    EDITED = "edited"  # the row's contents no longer match its hash
    DELETED = "deleted"  # sequence numbers missing from the chain
    BROKEN_LINK = "broken_link"  # prev_hash is not the hash of the row before
    HEAD_MISMATCH = "head_mismatch"  # the chain head does not point at the newest row
    OUTSIDE_CHAIN = "outside_chain"  # a row beyond the chain head (inserted without a head)
    UNKNOWN_KEY = "unknown_key"  # signed with a key id AUDIT_HMAC_KEYS does not hold
    ANCHOR_MISMATCH = "anchor_mismatch"  # an anchor outside the database disagrees
    ANCHOR_INVALID = "anchor_invalid"  # an anchor file that is damaged or not validly signed


PROBLEM_TEXT = {
    ChainProblemKind.EDITED: "contents changed after the event was written",
    ChainProblemKind.DELETED: "event deleted",
    ChainProblemKind.BROKEN_LINK: "prev_hash does not match the hash of the event before it",
    ChainProblemKind.HEAD_MISMATCH: "the chain head does not match the newest event",
    ChainProblemKind.OUTSIDE_CHAIN: "event after the chain head (not written through the chain)",
    ChainProblemKind.UNKNOWN_KEY: "signed with a key that is not configured (AUDIT_HMAC_KEYS)",
    ChainProblemKind.ANCHOR_MISMATCH: "the event differs from the anchor written outside the "
    "database; the chain was rewritten",
    ChainProblemKind.ANCHOR_INVALID: "an anchor file is damaged or its signature does not match",
}


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    kind: ChainProblemKind
    detail: str
    last_sequence: int | None = None  # for a range of deleted events

    def describe(self) -> str:
        where = f"#{self.sequence}"
        if self.last_sequence is not None and self.last_sequence != self.sequence:
            where += f"-#{self.last_sequence}"
        return f"{where} {self.kind.value}: {self.detail}"


@dataclass
class ChainReport:
    checked: int = 0
    last_sequence: int = 0
    problem_count: int = 0
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: ChainProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(problem)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "last_sequence": self.last_sequence,
            "problem_count": self.problem_count,
            "problems": [
                {key: value for key, value in asdict(p).items() if value is not None}
                for p in self.problems
            ],
        }


_FIELDS = (*CONTENT_FIELDS, "prev_hash", "key_id", "hash")


def _recomputed_hash(row: dict[str, Any]) -> str:
    return event_hash(
        key_id=row["key_id"],
        prev_hash=row["prev_hash"],
        **{name: row[name] for name in CONTENT_FIELDS},
    )


def _gap(report: ChainReport, first: int, last: int) -> None:
    report.add(
        ChainProblem(
            sequence=first,
            last_sequence=last if last != first else None,
            kind=ChainProblemKind.DELETED,
            detail=PROBLEM_TEXT[ChainProblemKind.DELETED]
            if first == last
            else f"{last - first + 1} events deleted",
        )
    )


def audit_chain_verify(*, progress: ProgressCallback | None = None) -> ChainReport:
    """Walk the chain in sequence order up to the head as read at the start (events appended
    meanwhile are left for the next run), recompute each hash and check each link, the sequence
    numbers and the head. Reads in chunks; memory does not grow with the table. Takes no locks.
    """
    report = ChainReport()
    head = AuditChainHead.objects.filter(id=1).first()
    head_found = head is not None
    if head is None:
        # Without its head the chain cannot say where it ends; walk what is there.
        newest = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True)
        head = AuditChainHead(id=1, last_sequence=newest.first() or 0)
        report.add(
            ChainProblem(
                sequence=head.last_sequence,
                kind=ChainProblemKind.HEAD_MISMATCH,
                detail="the chain head row is missing",
            )
        )
    total = head.last_sequence
    anchors = _anchors_by_sequence(report)
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    rows = (
        AuditEvent.objects.filter(sequence__lte=head.last_sequence)
        .order_by("sequence")
        .values(*_FIELDS)
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for row in rows:
        sequence = row["sequence"]
        if sequence > expected_sequence:
            _gap(report, expected_sequence, sequence - 1)
        elif row["prev_hash"] != previous_hash:
            report.add(
                ChainProblem(
                    sequence=sequence,
                    kind=ChainProblemKind.BROKEN_LINK,
                    detail=PROBLEM_TEXT[ChainProblemKind.BROKEN_LINK],
                )
            )
        try:
            edited = _recomputed_hash(row) != row["hash"]
        except UnknownAuditKey:
            report.add(
                ChainProblem(
                    sequence=sequence,
                    kind=ChainProblemKind.UNKNOWN_KEY,
                    detail=f"{PROBLEM_TEXT[ChainProblemKind.UNKNOWN_KEY]}: {row['key_id']!r}",
                )
            )
        else:
            if edited:
                report.add(
                    ChainProblem(
                        sequence=sequence,
                        kind=ChainProblemKind.EDITED,
                        detail=PROBLEM_TEXT[ChainProblemKind.EDITED],
                    )
                )
        for anchor in anchors.pop(sequence, ()):
            if anchor.hash != row["hash"]:
                _anchor_mismatch(report, anchor)
        previous_hash = row["hash"]
        expected_sequence = sequence + 1
        report.checked += 1
        report.last_sequence = sequence
        if progress is not None and report.checked % CHUNK_SIZE == 0:
            progress(report.checked, total)

    if expected_sequence <= head.last_sequence:
        _gap(report, expected_sequence, head.last_sequence)
    elif head_found and head.last_sequence and previous_hash != head.last_hash:
        report.add(
            ChainProblem(
                sequence=head.last_sequence,
                kind=ChainProblemKind.HEAD_MISMATCH,
                detail=PROBLEM_TEXT[ChainProblemKind.HEAD_MISMATCH],
            )
        )
    # Rows past the head as it is now were never linked into the chain by audit_record.
    current_head = (
        AuditChainHead.objects.filter(id=1).values_list("last_sequence", flat=True).first()
        or head.last_sequence
    )
    outside = AuditEvent.objects.filter(sequence__gt=current_head).order_by("sequence")
    for sequence in outside.values_list("sequence", flat=True)[:MAX_REPORTED_PROBLEMS]:
        report.add(
            ChainProblem(
                sequence=sequence,
                kind=ChainProblemKind.OUTSIDE_CHAIN,
                detail=PROBLEM_TEXT[ChainProblemKind.OUTSIDE_CHAIN],
            )
        )
    # Anchored events the chain no longer reaches: it was cut short (or rolled back).
    for sequence in sorted(anchors):
        if sequence <= head.last_sequence or sequence > current_head:
            for anchor in anchors[sequence]:
                _anchor_mismatch(report, anchor, missing=True)
    if progress is not None:
        progress(report.checked, total)
    return report


def _anchors_by_sequence(report: ChainReport) -> dict[int, list[Anchor]]:
    """The validly signed anchors by sequence; a damaged or forged anchor is a problem."""
    anchors: dict[int, list[Anchor]] = {}
    for anchor in audit_anchors_read():
        if isinstance(anchor, UnreadableAnchor) or not anchor.signature_valid():
            report.add(
                ChainProblem(
                    sequence=getattr(anchor, "sequence", 0),
                    kind=ChainProblemKind.ANCHOR_INVALID,
                    detail=f"{PROBLEM_TEXT[ChainProblemKind.ANCHOR_INVALID]}: {anchor.name}",
                )
            )
            continue
        anchors.setdefault(anchor.sequence, []).append(anchor)
    return anchors


def _anchor_mismatch(report: ChainReport, anchor: Anchor, *, missing: bool = False) -> None:
    detail = (
        f"the chain ends before this event, anchored on {anchor.written_at} ({anchor.name})"
        if missing
        else f"{PROBLEM_TEXT[ChainProblemKind.ANCHOR_MISMATCH]} (anchor of "
        f"{anchor.written_at}, {anchor.name})"
    )
    report.add(
        ChainProblem(sequence=anchor.sequence, kind=ChainProblemKind.ANCHOR_MISMATCH, detail=detail)
    )
