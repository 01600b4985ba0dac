"""Review of partner activity submissions: edit, reject with a reason, or approve, which writes
the event file (event_files.py) and marks the submission approved with the slug it became."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue

from ..database import write_transaction
from ..extensions import db
from ..models import ActivitySubmission, SubmissionState, utcnow
from .activities import event_data
from .event_files import write_event

EDITABLE = ("title", "activity_type", "description", "target_group", "campaign", "governorate", "venue_name",
            "venue_address", "starts_at", "ends_at")


class AlreadyReviewed(Exception):
    """Someone decided on this submission in the meantime."""


def queue(governorate: str | None, state: SubmissionState = SubmissionState.pending) -> list[ActivitySubmission]:
    query = select(ActivitySubmission).where(ActivitySubmission.state == state)
    if governorate is not None:
        query = query.where(ActivitySubmission.governorate == governorate)
    return list(db.session.scalars(query.order_by(ActivitySubmission.starts_at, ActivitySubmission.id)))


def save_edits(submission_id: int, changes: dict) -> None:
    unknown = set(changes) - set(EDITABLE)
    assert not unknown, unknown
    with write_transaction() as session:
        done = session.execute(update(ActivitySubmission).where(
            ActivitySubmission.id == submission_id, ActivitySubmission.state == SubmissionState.pending)
            .values(**changes)).rowcount
    if done != 1:
        raise AlreadyReviewed()


def _decide(submission_id: int, **values) -> None:
    """One conditional UPDATE: only a pending submission changes, so two decisions never both win."""
    with write_transaction() as session:
        done = session.execute(update(ActivitySubmission).where(
            ActivitySubmission.id == submission_id, ActivitySubmission.state == SubmissionState.pending)
            .values(reviewed_at=utcnow(), **values)).rowcount
    if done != 1:
        raise AlreadyReviewed()


def reject(submission_id: int, reason: str, actor: str) -> None:
    _decide(submission_id, state=SubmissionState.rejected, rejection_reason=reason, reviewed_by=actor)


def approve(submission: ActivitySubmission, content_root: Path, lock_file: Path, actor: str) -> str:
    """Write the event file, then mark the submission; if that fails, the file goes again."""
    if submission.state != SubmissionState.pending:
        raise AlreadyReviewed()
    try:
        centres = load_catalogue(content_root).centres.values()
    except ContentInvalid:
        centres = ()  # write_event refuses broken content, with the loader's own messages
    centre = next((c.slug for c in centres if c.governorate == submission.governorate), None)
    slug, path = write_event(content_root, event_data(submission, centre), lock_file)
    try:
        _decide(submission.id, state=SubmissionState.approved, event_slug=slug, reviewed_by=actor)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return slug
