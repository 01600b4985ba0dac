"""Review of partner activity submissions: edit, reject with a reason, or approve, which commits
the event file through the content model's writer and marks the submission approved with the
slug it became.

Approval claims the submission in the database first (one conditional UPDATE, so two
coordinators never both approve it), then commits the event. If the commit is refused, the
claim is released: no commit is ever made that would have to be taken back, and an event that
was never approved never reaches the site or its history."""
from __future__ import annotations

from sqlalchemy import select, update

from tawasul.catalogue import Catalogue
from tawasul.git_store import Author
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


def _release(submission_id: int) -> None:
    """Undo our own claim (approved, no event yet) after the commit was refused."""
    with write_transaction() as session:
        session.execute(update(ActivitySubmission).where(
            ActivitySubmission.id == submission_id, ActivitySubmission.state == SubmissionState.approved,
            ActivitySubmission.event_slug.is_(None))
            .values(state=SubmissionState.pending, reviewed_at=None, reviewed_by=None))


def approve(submission: ActivitySubmission, writer: ContentWriter, actor: str, author: Author,
            catalogue: Catalogue) -> Written:
    """Claim the submission, commit its event file (authored by `author`), then record the slug.
    Raises tawasul.writer.WriteRefused (and git_store.RemoteRefused) when nothing was committed;
    the submission is then pending again."""
    if submission.state != SubmissionState.pending:
        raise AlreadyReviewed()
    centre = next((c.slug for c in catalogue.centres.values() if c.governorate == submission.governorate), None)
    _decide(submission.id, state=SubmissionState.approved, reviewed_by=actor)
    try:
        written = writer.create_event(event_data(submission, centre), author=author,
                                      summary=f"اعتماد نشاط شريك: {submission.title}")
    except BaseException:
        _release(submission.id)
        raise
    with write_transaction() as session:
        session.execute(update(ActivitySubmission).where(ActivitySubmission.id == submission.id)
                        .values(event_slug=written.slug))
    audit.record(actor, "submission_approve", "event", written.slug, submission.governorate, commit=written.commit)
    return written
