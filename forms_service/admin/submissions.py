"""Partner activity submissions: the queue, editing, rejecting with a reason, and approving,
which writes the event file the next build publishes."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from tawasul.writer import WriteRefused

from ..content import writer
from ..extensions import db
from ..models import ActivitySubmission, SubmissionState
from ..services import audit, moderation
from . import scope
from .forms import RejectForm, submission_form

ALREADY = "اتُّخذ قرار في هذا الطلب من قبل؛ لم يتغيّر شيء."


def queue():
    governorate = scope.governorate_filter()
    decided = select(ActivitySubmission).where(ActivitySubmission.state != SubmissionState.pending)
    if governorate is not None:
        decided = decided.where(ActivitySubmission.governorate == governorate)
    recent = db.session.scalars(decided.order_by(ActivitySubmission.reviewed_at.desc()).limit(20))
    return render_template("admin/submissions.html", pending=moderation.queue(governorate), recent=list(recent),
                           catalogue=scope.catalogue())


def _campaigns(cat) -> list[tuple[str, str]]:
    return [(c.slug, c.title) for c in sorted(cat.campaigns.values(), key=lambda c: c.start, reverse=True)]


def _form(submission, formdata=None):
    cat = scope.catalogue()
    return submission_form(submission, scope.governorate_choices(cat), _campaigns(cat), formdata)


def _page(submission, form=None, reject_form=None, problems=None, status=200):
    return render_template("admin/submission.html", submission=submission, form=form or _form(submission),
                           reject_form=reject_form or RejectForm(formdata=None), problems=problems or [],
                           catalogue=scope.catalogue()), status


def detail(submission_id: int):
    return _page(scope.submission_or_404(submission_id))


def _edited(submission):
    """Validate and store the edits; returns an error response, or None when saved."""
    form = _form(submission, request.form)
    if form.unexpected_input() or not form.validate():
        return _page(submission, form=form, status=400 if form.csrf_failed() else 422)
    try:
        moderation.save_edits(submission.id, form.changes())
    except moderation.AlreadyReviewed:
        flash(ALREADY, "error")
        return redirect(url_for("admin.detail", submission_id=submission.id), code=303)
    db.session.refresh(submission)
    return None


def save(submission_id: int):
    submission = scope.submission_or_404(submission_id)
    answer = _edited(submission)
    if answer:
        return answer
    audit.record(scope.me().username, "submission_edit", "submission", submission.id, submission.governorate)
    flash("حُفظت التعديلات.", "ok")
    return redirect(url_for("admin.detail", submission_id=submission.id), code=303)


def approve(submission_id: int):
    submission = scope.submission_or_404(submission_id)
    answer = _edited(submission)
    if answer:
        return answer
    try:
        written = moderation.approve(submission, writer(), scope.me().username)
    except WriteRefused as refused:
        return _page(submission, problems=refused.problems, status=422)
    except moderation.AlreadyReviewed:
        flash(ALREADY, "error")
        return redirect(url_for("admin.detail", submission_id=submission.id), code=303)
    audit.record(scope.me().username, "submission_approve", "event", written.slug, submission.governorate)
    flash(f"اعتُمد النشاط وكُتب ملف الفعالية {written.path}. "
          "يظهر في الموقع بعد النشر التالي (زر «نشر الموقع الآن»).", "ok")
    return redirect(url_for("admin.detail", submission_id=submission.id), code=303)


def reject(submission_id: int):
    submission = scope.submission_or_404(submission_id)
    form = RejectForm()
    if form.unexpected_input() or not form.validate():
        return _page(submission, reject_form=form, status=400 if form.csrf_failed() else 422)
    try:
        moderation.reject(submission.id, form.reason.data, scope.me().username)
    except moderation.AlreadyReviewed:
        flash(ALREADY, "error")
    else:
        audit.record(scope.me().username, "submission_reject", "submission", submission.id, submission.governorate)
        flash("رُفض الطلب وحُفظ السبب.", "ok")
    return redirect(url_for("admin.detail", submission_id=submission.id), code=303)
