"""The routes every edit page shares: restoring an earlier version from its history panel (a
confirmation step, then a new commit), re-applying her edit after a stale save, and where
the publishing of a commit stands. Only files the kit lets her role edit (editing.may_edit)."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for

from tawasul.git_store import RemoteRefused, StaleEdit
from tawasul.writer import COMMIT_ID, WriteRefused

from ..content import publisher, writer
from ..services import figures_export
from . import editing, scope

PUBLISH_REFRESH_SECONDS = 3


def _editable(rel: str) -> str:
    """Hers to change, or 404 (as for an object of another governorate)."""
    if not rel or not editing.may_edit(scope.me(), rel):
        abort(404)
    return rel


def _revision(rel: str, commit: str):
    found = next((r for r in writer().history(rel) if r.commit == commit), None)
    if found is None:
        abort(404)
    return found


def _restore_page(rel: str, revision, back: str, problems=(), status: int = 200):
    current, version = writer().read(rel), writer().store.read_version(rel, revision.commit)
    return render_template("admin/restore.html", rel=rel, revision=revision, back=editing.safe_back(back),
                           version="(صورة)" if isinstance(version, bytes) else version, current=current,
                           problems=list(problems)), status


def restore():
    """GET: what the version holds, and a button; POST: that version becomes a new commit."""
    values = request.values  # the confirmation page posts them; a link carries them in the query
    rel = _editable(values.get("path", ""))
    revision = _revision(rel, values.get("commit", ""))
    back = values.get("back", "")
    if request.method == "GET":
        return _restore_page(rel, revision, back)
    base = values.get("base") or None
    summary = f"استعادة نسخة {revision.when:%Y-%m-%d} من {rel}"
    try:
        saved = writer().restore(rel, revision.commit, author=editing.author_of(scope.me()), summary=summary,
                                 expected={rel: base})
    except WriteRefused as refusal:
        return _restore_page(rel, revision, back, refusal.problems, 422)
    except StaleEdit as stale:
        return _restore_page(rel, revision, back, [stale.message], 409)
    except RemoteRefused as refusal:
        return _restore_page(rel, revision, back, [refusal.message], 503)
    return editing.done(saved, back=back, action="content_restore", object_type="file", object_id=rel,
                        message="استُعيدت النسخة السابقة — قيد النشر")


def reapply():
    """Her version (as she left it in the stale page's text boxes) saved on top of the current one."""
    paths, bases, texts = (request.form.getlist(name) for name in ("path", "base", "text"))
    if not paths or not (len(paths) == len(bases) == len(texts)):
        abort(400)
    changes = {_editable(rel): text.replace("\r\n", "\n") for rel, text in zip(paths, texts)}
    expected = {rel: base or None for rel, base in zip(paths, bases)}
    back = request.form.get("back", "")
    try:
        saved = writer().save(changes, author=editing.author_of(scope.me()),
                              summary=f"إعادة تطبيق تعديل على {'، '.join(changes)} بعد حفظ متزامن", expected=expected)
    except StaleEdit as stale:
        return editing.stale_page(stale, back=back)
    except (WriteRefused, RemoteRefused) as refusal:
        problems = getattr(refusal, "problems", None) or [refusal.message]
        files = [{"path": rel, "current": writer().read(rel).text, "mine": text, "image": False, "merged": False,
                  "proposal": text, "base": expected[rel] or ""} for rel, text in changes.items()]
        return render_template("admin/stale.html", files=files, problems=problems, back=editing.safe_back(back),
                               message="لم يُحفظ نصّك بعد: صحّحي ما يلي في النص ثم أعيدي المحاولة."), 422
    return editing.done(saved, back=back, action="content_reapply", object_type="file", object_id=paths[0])


def publishing():
    """Where a commit stands on its way to the site; refreshes itself while it is on its way."""
    commit = request.args.get("commit") or session.get(editing.LAST_COMMIT) or writer().store.tip()
    if not COMMIT_ID.fullmatch(commit):
        abort(404)
    outcome = editing.publish_status(commit)
    waiting = outcome.state.name == "pending"
    return render_template("admin/publishing.html", commit=commit, outcome=outcome,
                           refresh=PUBLISH_REFRESH_SECONDS if waiting else None,
                           no_worker=waiting and not publisher().worker_alive())


def publish_now():
    """«نشر الموقع الآن»: no build here. First this year's figures are brought up to date with
    the records (attendance marked, activities approved since: a commit when they changed,
    services/figures_export.refresh); then the publish worker is asked to build the branch tip
    again (also after a failed build, or when the site folder was lost), and she sees its status."""
    problems = figures_export.before_publishing(writer())
    if problems:  # the rest is still published
        current_app.logger.error("figures export before publishing failed:\n%s", "\n".join(problems))
        flash("لم تُحدَّث الأرقام السنوية هذه المرة؛ يُنشر باقي الموقع كما هو. راجعي سجلّ الخادم.", "error")
    publisher().request_build()
    tip = writer().store.tip()
    session[editing.LAST_COMMIT] = tip
    return redirect(url_for("admin.publishing", commit=tip), code=303)
