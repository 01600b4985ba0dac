"""The editing kit: what every edit page of the coordinator area uses to save content.

An edit view opens its file with `writer().read(rel)` (text and blob; the blob goes into a
hidden field `base`), builds the new text from her form, and hands it to `commit_or_explain`:
- saved: one git commit with her as author, an audit record naming the commit, the publish
  worker picks it up (nothing is built in the request), and she returns to `back` with
  «حُفظ التعديل — قيد النشر» and a link to where the publishing stands;
- refused by the content model: the messages go beside her form's fields, her input stays,
  nothing was written, and the view renders her form again;
- someone saved the same file after she opened it: the stale-edit page, with both versions and
  hers kept to re-apply;
- the remote refused: a form-level Arabic message.

Which files a role may touch is registered by the views that edit them (`may_edit_files`):
the history panel's restore and the stale page's re-apply accept only those files.

A view, in short:

    opened = writer().read(rel)                      # GET: form.base.data = opened.blob
    ...
    answer = editing.commit_or_explain(form, {rel: new_text}, summary="تعديل موعد الورشة",
                                       expected={rel: form.base.data or None}, back=url,
                                       field_of=editing.by_field({"start": "start"}), object_id=slug)
    return answer or (render_template(..., form=form, history=editing.history(rel), rel=rel), 422)
"""
from __future__ import annotations

import subprocess
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping

from flask import current_app, flash, redirect, render_template, session, url_for

from tawasul.dates import DEFAULT_TZ
from tawasul.errors import ContentError
from tawasul.git_store import Author, GitFailed, RemoteRefused, Saved, StaleEdit, coordinator_author
from tawasul.publisher import Outcome
from tawasul.writer import WriteRefused

from ..admin_models import Coordinator
from ..content import publisher, writer
from ..services import audit
from . import scope

SAVED = "حُفظ التعديل — قيد النشر"
UNCHANGED = "لم يتغيّر شيء في الملف؛ لم يُحفظ إيداع جديد."
# The session remembers her last commit, for the «حالة النشر» line on every page.
LAST_COMMIT = "tawasul_last_commit"

Rule = Callable[[Coordinator, str], bool]
_RULES: list[Rule] = []


def author_of(account: Coordinator) -> Author:
    """Her display name and an address naming only her account: a public remote shows it."""
    return coordinator_author(account.display_name, account.id, current_app.config["CONTENT_AUTHOR_DOMAIN"])


# --- who may touch which file ---------------------------------------------------------------

def may_edit_files(rule: Rule) -> Rule:
    """Register `rule(account, rel) -> bool`: the files an edit view lets this account change.
    Use as a decorator in the module of the view that edits them."""
    _RULES.append(rule)
    return rule


def may_edit(account: Coordinator, rel: str) -> bool:
    return any(rule(account, rel) for rule in _RULES)


# --- saving ---------------------------------------------------------------------------------

def explain(form, refusal: WriteRefused, field_of: Callable[[ContentError], str | None] | None = None) -> None:
    """Each problem beside the field it is about (`field_of` maps a loader error to a form
    field name); the rest at the top of the form."""
    for problem, error in _paired(refusal):
        name = field_of(error) if (field_of and error) else None
        if name and name in form:
            form[name].errors = [*form[name].errors, error.message]
        else:
            form.form_errors.append(problem)


def by_field(names: Mapping[str, str]) -> Callable[[ContentError], str | None]:
    """A `field_of` from a table of content fields to form fields: {"registration.capacity":
    "capacity", "title": "title"}; a nested field not in the table falls back to its first part
    ("venue.name" → the entry for "venue")."""
    def field_of(error: ContentError) -> str | None:
        return names.get(error.field) or names.get(error.field.split(".", 1)[0].split("[", 1)[0])
    return field_of


def _paired(refusal: WriteRefused):
    errors = {str(e): e for e in refusal.errors}
    return [(problem, errors.get(problem)) for problem in refusal.problems]


def commit_or_explain(form, changes: Mapping[str, str | bytes | None], *, summary: str,
                      expected: Mapping[str, str | None], field_of=None, back: str,
                      action: str = "content_edit", object_type: str = "file", object_id: str | None = None,
                      governorate: str | None = None):
    """Save `changes` as her commit. Returns the response to send (saved: a redirect to `back`;
    stale: the stale-edit page), or None when the problems were put on `form` and the view
    should render her form again (with status 422)."""
    try:
        saved = writer().save(changes, author=author_of(scope.me()), summary=summary, expected=expected)
    except WriteRefused as refusal:
        explain(form, refusal, field_of)
        return None
    except StaleEdit as stale:
        return stale_page(stale, back=back)
    except RemoteRefused as refusal:
        form.form_errors.append(refusal.message)
        return None
    return done(saved, back=back, action=action, object_type=object_type,
                object_id=object_id or next(iter(changes), None), governorate=governorate)


def done(saved: Saved, *, back: str, action: str, object_type: str, object_id: str | None,
         governorate: str | None = None, message: str = SAVED):
    """After a save: the audit record with its commit, the publish status line, back to her page."""
    if not saved.changed:
        flash(UNCHANGED, "ok")
        return redirect(safe_back(back), code=303)
    account = scope.me()
    audit.record(account.username, action, object_type, object_id,
                 governorate if governorate is not None else account.governorate, commit=saved.commit)
    session[LAST_COMMIT] = saved.commit
    flash(message, "ok")
    return redirect(safe_back(back), code=303)


def safe_back(url: str | None) -> str:
    """Only a path on this service: a posted `back` must never send her elsewhere."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return url_for("admin.dashboard")


# --- stale edits ----------------------------------------------------------------------------

def merged(started: str | None, current: str | None, mine: str | None) -> str | None:
    """Her change applied on top of the current version (git merge-file), when the two changes
    touch different lines; None when they overlap."""
    if None in (started, current, mine):
        return None
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, text in (("current", current), ("started", started), ("mine", mine)):
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        done_ = subprocess.run(["git", "merge-file", "-p", "-q", *paths], capture_output=True, timeout=30)
    return done_.stdout.decode("utf-8") if done_.returncode == 0 else None


def stale_page(stale: StaleEdit, *, back: str):
    """Both versions side by side; hers (or hers merged with the other change, when they do not
    overlap) in a textarea to copy, and a button that saves it on top of the current version."""
    files = []
    for item in stale.stale:
        text_mine = item.mine if isinstance(item.mine, str) or item.mine is None else None
        combined = merged(item.started, item.current, text_mine)
        files.append({"path": item.path, "current": item.current, "mine": text_mine,
                      "image": isinstance(item.mine, bytes), "merged": combined is not None,
                      "proposal": combined if combined is not None else (text_mine or ""),
                      "base": writer().store.blob_of(item.current) or ""})
    return render_template("admin/stale.html", files=files, message=stale.message, back=safe_back(back)), 409


# --- publishing -----------------------------------------------------------------------------

def publish_status(commit: str | None = None) -> Outcome:
    """Where `commit` (default: her last save, else the branch tip) stands: «قيد النشر»,
    «نُشر» or «تعذّر النشر» with the build's Arabic error."""
    commit = commit or session.get(LAST_COMMIT) or writer().store.tip()
    return publisher().outcome(commit)


def publish_line() -> Outcome | None:
    """The status of her last save, for the line under the flashes (None before any save)."""
    commit = session.get(LAST_COMMIT)
    if not commit:
        return None
    try:
        return publisher().outcome(commit)
    except GitFailed:  # the commit is gone (a repository replaced by hand): no line
        return None


def local_time(when: datetime) -> str:
    return when.astimezone(DEFAULT_TZ).strftime("%Y-%m-%d %H:%M")


def history(rel: str):
    """For `{% include "admin/_history.html" %}` (with `history` and `rel` in the context)."""
    return writer().history(rel)
