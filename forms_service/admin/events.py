"""The event editor: a coordinator creates and edits her governorate's events, previews the page
before saving, and cancels or postpones an event through an explicit, confirmed action.

Thin views over services/event_editor.py (the rules) and the editing kit (editing.py: the commit,
its audit record, the publish queue, the stale-edit page). Each save is one commit made by the
content writer, checked with the whole catalogue first: a refused save writes nothing, and the
model's messages come back beside her fields with her input kept.
"""
from __future__ import annotations

from flask import abort, render_template, request, url_for

from tawasul.dates import moment
from tawasul.git_store import RemoteRefused, Saved
from tawasul.schema import EventStatus
from tawasul.states import label
from tawasul.writer import WriteRefused

from ..config import today
from ..content import fresh_catalogue, writer
from ..error_pages import BadInput
from ..services import event_editor
from . import editing, scope
from .event_forms import CancelForm, EventForm, PostponeForm
from .preview import preview

PREVIEW, BACK, CONFIRM = "preview", "edit", "confirm"
FIELD_OF = editing.by_field(event_editor.FIELDS)


def _choices(cat) -> dict:
    mine = {slug for slug, _name in scope.governorate_choices(cat)}
    return dict(
        governorates=scope.governorate_choices(cat),
        centres=[(c.slug, c.name) for c in cat.centres.values() if c.governorate in mine],
        campaigns=[(c.slug, c.title) for c in sorted(cat.campaigns.values(), key=lambda c: c.start, reverse=True)
                   if mine & set(c.governorates)],
        occasions=[(o.slug, o.name) for o in cat.occasions.values()],
        # The event file names its locality (the loader checks it lies in the event's governorate).
        localities=[(name, place) for slug, name in scope.governorate_choices(cat)
                    for place in sorted({p.name for p in cat.localities if p.governorate == slug})])


def _form(cat, **initial) -> EventForm:
    formdata = request.form if request.method == "POST" else None
    return EventForm(formdata=formdata, data=initial or None).with_choices(**_choices(cat))


def _page(form, event=None, status=200):
    rel = scope.catalogue().source(event) if event else None
    return render_template("admin/event_edit.html", form=form, event=event,
                           history=writer().history(rel) if rel else [], rel=rel), status


def _banner(form, action: str) -> str:
    return render_template("admin/_preview_banner.html", form=form, action=action)


def listing():
    cat = scope.catalogue()
    day = today()
    rows = [(e, label(e.state(day))) for e in scope.events(cat)]
    return render_template("admin/events.html", events=rows)


def new():
    cat = scope.catalogue()
    mine = scope.governorate_choices(cat)
    form = _form(cat, governorate=mine[0][0] if len(mine) == 1 else "", registration=False, waitlist=True)
    if request.method == "GET":
        return _page(form)
    return _submitted(form, cat, None, None)


def edit(slug: str):
    cat = fresh_catalogue()
    event = scope.event_or_404(cat, slug)
    opened = writer().read(cat.source(event))
    if request.method == "GET":
        shown = event_editor.opened_event(opened.text, slug, event)
        form = _form(cat, base=opened.blob, **event_editor.form_values(shown, event_editor.raw_data(opened.text),
                                                                        cat.governorate_of(event).slug))
        return _page(form, event)
    return _submitted(_form(cat), cat, event, opened)


def _submitted(form, cat, event, opened):
    """Her form, sent with one of three buttons: preview, save, or back from the preview."""
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return _page(form, event, 400 if form.csrf_failed() else 422)
    if form.action.data == BACK:
        return _page(form, event)
    values = event_editor.file_values(form, event_editor.raw_data(opened.text) if opened else None)
    if event is not None:
        moved = event_editor.start_moved(event, form.start_date.parsed, form.start_time.parsed)
        if moved:
            form.start_date.errors = [moved]
            return _page(form, event, 422)
        floor = event_editor.capacity_floor(event.slug, values)
        if floor:
            form.capacity.errors = [floor]
            return _page(form, event, 422)
    if event is None:
        rel, text = event_editor.new_file(cat, values)
    else:
        rel, text = cat.source(event), event_editor.edited(opened.text, values)
    if form.action.data == PREVIEW:
        action = url_for("admin.edit_event", slug=event.slug) if event else url_for("admin.new_event")
        try:
            return preview(rel, text, _banner(form, action))
        except WriteRefused as refusal:  # what a save would say, beside the same fields
            editing.explain(form, refusal, FIELD_OF)
            return _page(form, event, 422)
    if event is None:
        return _create(form, values)
    answer = editing.commit_or_explain(form, {rel: text}, summary=event_editor.summary_line("edit", form.title.data),
                                       expected={rel: form.base.data or None}, field_of=FIELD_OF,
                                       back=url_for("admin.edit_event", slug=event.slug), **_audit("event_edit", event))
    return answer or _page(form, event, 422)


def _audit(action: str, event) -> dict:
    return dict(action=action, object_type="event", object_id=event.slug,
                governorate=scope.catalogue().governorate_of(event).slug)


def _create(form, values):
    """The writer makes the slug, once, from the governorate, type and day (the next free one)."""
    data = {k: v for k, v in values.items() if v is not None}
    try:
        written = writer().create_event(data, author=editing.author_of(scope.me()),
                                        summary=event_editor.summary_line("create", form.title.data))
    except WriteRefused as refusal:
        editing.explain(form, refusal, FIELD_OF)
        return _page(form, None, 422)
    except RemoteRefused as refusal:
        form.form_errors.append(refusal.message)
        return _page(form, None, 422)
    return editing.done(Saved(written.commit, changed=True, pushed=False),
                        back=url_for("admin.edit_event", slug=written.slug), action="event_create",
                        object_type="event", object_id=written.slug, governorate=form.governorate.data)


def _opened_event(slug):
    cat = fresh_catalogue()
    event = scope.event_or_404(cat, slug)
    if event.status == EventStatus.cancelled:
        abort(404)  # nothing to cancel or postpone any more
    rel = cat.source(event)
    return event, rel, writer().read(rel)


def _confirmed(slug: str, kind: str, form_class, change):
    """An explicit action on an event: GET her form; POST checks it and asks «are you sure?»
    (step 2, her values carried in the page); the confirmed POST is one commit.
    `change(form, event, text)` gives (new text, words for the summary, values for the page)."""
    event, rel, opened = _opened_event(slug)
    form = form_class(formdata=request.form if request.method == "POST" else None, base=opened.blob)

    def page(status=200, **values):
        return render_template(f"admin/event_{kind}.html", event=event, form=form, **values), status
    if request.method == "GET":
        return page()
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return page(400 if form.csrf_failed() else 422)
    try:
        text, detail, values = change(form, event, opened.text)
    except event_editor.Refused as refused:
        form[refused.field].errors = [str(refused)]
        return page(422)
    if form.step.data != CONFIRM:
        return page(confirming=True, **values)
    answer = editing.commit_or_explain(
        form, {rel: text}, summary=event_editor.summary_line(kind, event.title, detail),
        expected={rel: form.base.data or None}, field_of=FIELD_OF,
        back=url_for("admin.edit_event", slug=slug), **_audit(f"event_{kind}", event))
    return answer or page(422, **values)


def cancel_event(slug: str):
    """With a reason, which the site shows under «أُلغيت هذه الفعالية»."""
    return _confirmed(slug, "cancel", CancelForm,
                      lambda form, event, text: (event_editor.cancelled(text, form.reason.data), "", {}))


def postpone(slug: str):
    """To a later start, same length; the old start stays in `previous_start`."""
    def change(form, event, text):
        new_text, new_start = event_editor.postponed(text, event, form.start_date.parsed, form.start_time.parsed)
        return new_text, f"إلى {moment(new_start)}", {"new_start": new_start}
    return _confirmed(slug, "postpone", PostponeForm, change)
