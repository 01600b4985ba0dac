"""Review of partner activity submissions: edit, reject with a reason, or approve, which writes
the event file through the content model's writer and marks the submission approved with the
slug it became."""
from __future__ import annotations

from sqlalchemy import select, update

from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.writer import ContentWriter, Written

from ..database import write_transaction
from ..extensions import db
from ..models import ActivitySubmission, SubmissionState, utcnow

from . import audit
from .activities import event_data
from .errors import Refused

EDITABLE = ("title", "activity_type", "description", "target_group", "campaign", "governorate", "venue_name",
            "venue_address", "starts_at", "ends_at")


class AlreadyReviewed(Refused):
    """Someone decided on this submission in the meantime."""

    def __init__(self):
        super().__init__("اتُّخذ قرار في هذا الطلب من قبل؛ لم يتغيّر شيء.")


def queue(governorate: str | None, state: SubmissionState = SubmissionState.pending) -> list[ActivitySubmission]:
    query = select(ActivitySubmission).where(ActivitySubmission.state == state)
    if governorate is not None:
        query = query.where(ActivitySubmission.governorate == governorate)
    return list(db.session.scalars(query.order_by(ActivitySubmission.starts_at, ActivitySubmission.id)))


def recently_decided(governorate: str | None, limit: int = 20) -> list[ActivitySubmission]:
    query = select(ActivitySubmission).where(ActivitySubmission.state != SubmissionState.pending)
    if governorate is not None:
        query = query.where(ActivitySubmission.governorate == governorate)
    return list(db.session.scalars(query.order_by(ActivitySubmission.reviewed_at.desc()).limit(limit)))


def save_edits(submission: ActivitySubmission, changes: dict, actor: str) -> None:
    unknown = set(changes) - set(EDITABLE)
    assert not unknown, unknown
    if changes.get("governorate", submission.governorate) != submission.governorate:
        changes = {**changes, "locality": None}  # the partner's locality lies in the old governorate
    with write_transaction() as session:
        done = session.execute(update(ActivitySubmission).where(
            ActivitySubmission.id == submission.id, ActivitySubmission.state == SubmissionState.pending)
            .values(**changes)).rowcount
    if done != 1:
        raise AlreadyReviewed()
    audit.record(actor, "submission_edit", "submission", submission.id, submission.governorate)


def _decide(submission_id: int, **values) -> None:
    """One conditional UPDATE: only a pending submission changes, so two decisions never both win."""
    with write_transaction() as session:
        done = session.execute(update(ActivitySubmission).where(
            ActivitySubmission.id == submission_id, ActivitySubmission.state == SubmissionState.pending)
            .values(reviewed_at=utcnow(), **values)).rowcount
    if done != 1:
        raise AlreadyReviewed()


def reject(submission: ActivitySubmission, reason: str, actor: str) -> None:
    _decide(submission.id, state=SubmissionState.rejected, rejection_reason=reason, reviewed_by=actor)
    audit.record(actor, "submission_reject", "submission", submission.id, submission.governorate)


def approve(submission: ActivitySubmission, writer: ContentWriter, actor: str) -> Written:
    """Write the event file, then mark the submission; if that fails, the file goes again.
    Raises tawasul.writer.WriteRefused when the file would not build."""
    if submission.state != SubmissionState.pending:
        raise AlreadyReviewed()
    try:
        centres = load_catalogue(writer.root).centres.values()
    except ContentInvalid:
        centres = ()  # the writer refuses broken content, with the loader's own messages
    centre = next((c.slug for c in centres if c.governorate == submission.governorate), None)
    written = writer.create_event(event_data(submission, centre))
    try:
        _decide(submission.id, state=SubmissionState.approved, event_slug=written.slug, reviewed_by=actor)
    except BaseException:
        writer.withdraw(written)
        raise
    audit.record(actor, "submission_approve", "event", written.slug, submission.governorate)
    return written
