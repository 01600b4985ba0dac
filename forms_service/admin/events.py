"""The event editor: a coordinator creates and edits her governorate's events, previews the page
before saving, and cancels or postpones an event through an explicit, confirmed action.

Thin views over services/event_editor.py (the rules) and the editing kit (editing.py: the commit,
its audit record, the publish queue, the stale-edit page). Each save is one commit made by the
content writer, checked with the whole catalogue first: a refused save writes nothing, and the
model's messages come back beside her fields with her input kept.
"""
from __future__ import annotations

from flask import abort, render_template, request, url_for

from tawasul.dates import today
from tawasul.schema import EventStatus
from tawasul.states import label

from ..content import writer
from ..pages import BadInput
from ..services import event_editor
from . import editing, scope
from .event_forms import CancelForm, EventForm, PostponeForm
from .preview import PreviewRefused, preview

PREVIEW, SAVE, BACK, CONFIRM = "preview", "save", "edit", "confirm"


def _choices(cat) -> dict:
    mine = {slug for slug, _name in scope.governorate_choices(cat)}
    return dict(
        governorates=scope.governorate_choices(cat),
        centres=[(c.slug, c.name) for c in cat.centres.values() if c.governorate in mine],
        campaigns=[(c.slug, c.title) for c in sorted(cat.campaigns.values(), key=lambda c: c.start, reverse=True)
                   if mine & set(c.governorates)],
        occasions=[(o.slug, o.name) for o in cat.occasions.values()])


def _form(cat, **initial) -> EventForm:
    formdata = request.form if request.method == "POST" else None
    return EventForm(formdata=formdata, data=initial or None).with_choices(**_choices(cat))


def _page(form, event=None, status=200, problems=()):
    rel = scope.catalogue().source(event) if event else None
    return render_template("admin/event_edit.html", form=form, event=event, problems=list(problems),
                           history=writer().history(rel) if rel else [], rel=rel), status


def _beside_fields(form, errors) -> list[str]:
    """Put the content model's messages beside her fields; returns those no field owns."""
    rest = []
    for error in errors:
        name = event_editor.field_of(error.field)
        if name and name in form:
            form[name].errors = [*form[name].errors, error.message]
        else:
            rest.append(error.message)
    return rest


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
    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    opened = writer().read(cat.source(event))
    if request.method == "GET":
        form = _form(cat, base=opened.blob, **event_editor.form_values(event, event_editor.raw_data(opened.text),
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
        except PreviewRefused as refused:
            return _page(form, event, 422, _beside_fields(form, refused.errors))
    title = form.title.data
    if event is None:
        return editing.create_or_explain(form, {k: v for k, v in values.items() if v is not None},
                                         summary=event_editor.summary_line("create", title),
                                         field_of=event_editor.field_of, back=_page) 
    answer = editing.commit_or_explain(form, {rel: text}, summary=event_editor.summary_line("edit", title),
                                       expected={rel: form.base.data or None}, field_of=event_editor.field_of,
                                       back=url_for("admin.edit_event", slug=event.slug))
    return answer or _page(form, event, 422)


def _action_page(template, event, form, status=200, **values):
    return render_template(template, event=event, form=form, **values), status


def _opened_event(slug):
    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    rel = cat.source(event)
    return cat, event, rel, writer().read(rel)


def cancel_event(slug: str):
    """Step 1: the reason; step 2: «are you sure?» with it; then one commit."""
    _cat, event, rel, opened = _opened_event(slug)
    if event.status == EventStatus.cancelled:
        abort(404)
    template = "admin/event_cancel.html"
    form = CancelForm(formdata=request.form if request.method == "POST" else None, base=opened.blob)
    if request.method == "GET":
        return _action_page(template, event, form)
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return _action_page(template, event, form, 400 if form.csrf_failed() else 422)
    if form.step.data != CONFIRM:
        return _action_page(template, event, form, confirming=True)
    text = event_editor.cancelled(opened.text, form.reason.data)
    answer = editing.commit_or_explain(form, {rel: text}, summary=event_editor.summary_line("cancel", event.title),
                                       expected={rel: form.base.data or None}, field_of=event_editor.field_of,
                                       back=url_for("admin.edit_event", slug=slug))
    return answer or _action_page(template, event, form, 422)


def postpone(slug: str):
    """Step 1: the new date; step 2: «from … to …, are you sure?»; then one commit."""
    _cat, event, rel, opened = _opened_event(slug)
    if event.status == EventStatus.cancelled:
        abort(404)
    template = "admin/event_postpone.html"
    form = PostponeForm(formdata=request.form if request.method == "POST" else None, base=opened.blob)
    if request.method == "GET":
        return _action_page(template, event, form)
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return _action_page(template, event, form, 400 if form.csrf_failed() else 422)
    try:
        text, new_start = event_editor.postponed(opened.text, event, form.start_date.parsed, form.start_time.parsed)
    except event_editor.TooEarly as early:
        form.start_date.errors = [str(early)]
        return _action_page(template, event, form, 422)
    if form.step.data != CONFIRM:
        return _action_page(template, event, form, confirming=True, new_start=new_start)
    answer = editing.commit_or_explain(
        form, {rel: text}, summary=event_editor.summary_line("postpone", event.title, f"إلى {new_start}"),
        expected={rel: form.base.data or None}, field_of=event_editor.field_of,
        back=url_for("admin.edit_event", slug=slug))
    return answer or _action_page(template, event, form, 422, new_start=new_start)

