"""Partner activity submissions: the queue, editing, rejecting with a reason, and approving,
which commits the event file (her as author); the publish worker then puts it on the site."""
from __future__ import annotations

from pathlib import PurePosixPath

from flask import flash, redirect, render_template, request, session, url_for

from tawasul.git_store import RemoteRefused
from tawasul.writer import WriteRefused

from ..content import writer
from ..extensions import db
from ..services import moderation
from . import editing, scope
from .forms import RejectForm, submission_form


@editing.may_edit_files
def event_files(account, rel: str) -> bool:
    """An event's file is hers to restore or re-apply when the event is in her governorate
    (approvals make them; the event editor edits them)."""
    cat = scope.catalogue()
    event = cat.events.get(PurePosixPath(rel).stem)
    return (event is not None and cat.source(event) == rel
            and account.sees(cat.governorate_of(event).slug))


def queue():
    governorate = scope.governorate_filter()
    return render_template("admin/submissions.html", pending=moderation.queue(governorate),
                           recent=moderation.recently_decided(governorate), catalogue=scope.catalogue())


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


def _submission(submission_id: int):
    """Hers to review (or 404); a refusal returns to its page."""
    submission = scope.submission_or_404(submission_id)
    scope.back_to(url_for("admin.detail", submission_id=submission.id))
    return submission


def _edited(submission):
    """Validate and store the edits; returns an error response, or None when saved."""
    form = _form(submission, request.form)
    if form.unexpected_input() or not form.validate():
        return _page(submission, form=form, status=400 if form.csrf_failed() else 422)
    moderation.save_edits(submission, form.changes(), scope.me().username)
    db.session.refresh(submission)
    return None


def save(submission_id: int):
    submission = _submission(submission_id)
    answer = _edited(submission)
    if answer:
        return answer
    flash("حُفظت التعديلات.", "ok")
    return redirect(scope.back(), code=303)


def approve(submission_id: int):
    submission = _submission(submission_id)
    answer = _edited(submission)
    if answer:
        return answer
    account = scope.me()
    try:
        written = moderation.approve(submission, writer(), account.username, editing.author_of(account),
                                     scope.catalogue())
    except WriteRefused as refused:
        return _page(submission, problems=refused.problems, status=422)
    except RemoteRefused as refused:
        return _page(submission, problems=[refused.message], status=503)
    session[editing.LAST_COMMIT] = written.commit
    flash(f"اعتُمد النشاط وحُفظ ملف الفعالية {written.path} — قيد النشر.", "ok")
    return redirect(scope.back(), code=303)


def reject(submission_id: int):
    submission = _submission(submission_id)
    form = RejectForm()
    if form.unexpected_input() or not form.validate():
        return _page(submission, reject_form=form, status=400 if form.csrf_failed() else 422)
    moderation.reject(submission, form.reason.data, scope.me().username)
    flash("رُفض الطلب وحُفظ السبب.", "ok")
    return redirect(scope.back(), code=303)
