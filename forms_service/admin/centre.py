"""The centre editor: her centre's page (address, hours, phones, services, coalition members,
last checked) and its yearly report «الإنجازات والمعوقات», one page a year.

A coordinator edits her governorate's centre only (another one answers 404, as scope.py does
for every object); the ministry picks any. Every save is one commit of the centre's file
through the editing kit (editing.py): the new text is the file she opened with only her fields
changed (services/centre_edit.py), checked with the whole catalogue, and committed with the
blob she opened as `expected`, so a save over someone else's is refused with both versions.
"""
from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for

from tawasul.writer import WriteRefused
from tawasul.yaml_edit import data_of

from ..config import today
from ..content import writer
from ..services import centre_edit as rules
from . import scope
from .centre_forms import BLANK_ROWS, MORE_ROWS, NewReportForm, ReportForm, Summary, centre_form
from .editing import by_field, commit_or_explain, explain, history, may_edit_files
from .preview import preview

UNCHANGED = "لم تتغيّر أي قيمة، فلم يُحفظ شيء."
# The buttons of her form and of the preview page's banner.
PREVIEW, BACK = "preview", "edit"


@may_edit_files
def centre_files(account, rel: str) -> bool:
    """Restoring an earlier version (the history panel) is open to whoever may edit the centre."""
    cat = scope.catalogue()
    return any(cat.source(c) == rel and account.sees(c.governorate) for c in cat.centres.values())


def my_centre():
    """Her centre's page; the ministry (or a governorate with several centres) picks one."""
    cat = scope.catalogue()
    mine = scope.centres(cat)
    if len(mine) == 1 and not scope.me().is_ministry:
        return redirect(url_for("admin.centre_edit", centre=mine[0].slug), code=303)
    return render_template("admin/centres.html", centres=mine, catalogue=cat)


def _opened(centre_slug: str):
    cat = scope.catalogue()
    centre = scope.centre_or_404(cat, centre_slug)
    rel = cat.source(centre)
    scope.back_to(url_for("admin.centre_edit", centre=centre.slug))
    return cat, centre, rel, writer().read(rel)


def _context(cat, centre, rel, text) -> dict:
    return {"catalogue": cat, "centre": centre, "rel": rel, "history": history(rel),
            "years": sorted(rules.report_years(text or ""), reverse=True)}


def centre_edit(centre: str):
    cat, found, rel, opened = _opened(centre)
    if request.method == "GET":
        form = centre_form(cat, found, data_of(opened.text) or {}, opened.blob)
        return _centre_page(cat, found, rel, opened.text, form)
    back_from_preview = request.form.get("action") == BACK
    form = centre_form(cat, found, {}, None, request.form,
                       extra_rows=MORE_ROWS if request.form.get("more") else BLANK_ROWS if back_from_preview else 0)
    if form.unexpected_input():
        abort(400)
    if request.form.get("more"):  # «إضافة صفوف أخرى»: the same form with more rows, nothing saved
        if not form.csrf_token.validate(form):
            abort(400)
        return _centre_page(cat, found, rel, opened.text, form)
    if not form.validate():
        return _centre_page(cat, found, rel, opened.text, form, status=400 if form.csrf_failed() else 422)
    if back_from_preview:
        return _centre_page(cat, found, rel, opened.text, form)
    changes = form.changes()
    values = rules.centre_values(opened.text, found, changes)
    text = rules.edit_centre(opened.text, values)
    field_of = _centre_field(rules.entries(changes))
    if form.action.data == PREVIEW:
        return _preview(form, rel, text, field_of) or _centre_page(cat, found, rel, opened.text, form, 422)
    if text == opened.text:
        flash(UNCHANGED, "ok")
        return redirect(scope.back(), code=303)
    summary = rules.centre_summary(found, rules.changed_sections(opened.text, values))
    answer = commit_or_explain(form, {rel: text}, summary=summary, expected={rel: form.base.data or None},
                               field_of=field_of, back=scope.back(), **_audit(found))
    return answer or _centre_page(cat, found, rel, opened.text, form, status=422)


def _preview(form, rel: str, text: str, field_of):
    """The centre's page as the site will show it, with her values carried in its banner; None
    when the file would not build (the problems are then beside her fields)."""
    try:
        return preview(rel, text, render_template("admin/_preview_banner.html", form=form, action=request.path))
    except WriteRefused as refused:  # as a save would be: the same messages beside the same fields
        explain(form, refused, field_of)
        return None


def _audit(centre) -> dict:
    return {"action": "centre_edit", "object_type": "centre", "object_id": centre.slug,
            "governorate": centre.governorate}


def _centre_page(cat, centre, rel, text, form, status=200):
    return render_template("admin/centre.html", form=form, summary=Summary(form),
                           new_report=NewReportForm(formdata=None), **_context(cat, centre, rel, text)), status


# Where a problem the loader finds in the file goes on the form (`contact.phone` → «هاتف المركز»);
# a nested field not named falls back to its first part (`hours.week.sun-thu` → the week).
CENTRE_FIELDS = by_field({"address": "address", "contact.phone": "phone", "contact.email": "email", "contact": "phone",
                          "hours.note": "hours_note", "hours": "week-sun", "services": "services", "access": "access",
                          "accessibility": "accessibility", "verified": "verified"})
ROW_FIELDS = {"members": {name: name for name in ("name", "type", "services", "access", "phone", "verified", "confidential")},
              "hours.exceptions": {"name": "name", "from": "start", "to": "end", "closed": "closed", "week": "hours"}}


def _centre_field(entries: dict[str, list[str]]):
    """`members[3].phone` → the phone of the form group the third member came from."""
    def field_of(error) -> str | None:
        for prefix, names in ROW_FIELDS.items():
            found = re.match(rf"{re.escape(prefix)}\[(\d+)\]\.?([a-z_]*)", error.field)
            if found:
                rows, index = entries[prefix], int(found.group(1)) - 1
                return f"{rows[index]}-{names.get(found.group(2), 'name')}" if 0 <= index < len(rows) else None
        return CENTRE_FIELDS(error)
    return field_of


def new_report(centre: str):
    """«إضافة سنة»: the year's page, empty; nothing is written until she saves it."""
    cat, found, rel, opened = _opened(centre)
    form = NewReportForm()
    if form.unexpected_input():
        abort(400)
    year, problem = rules.report_year(form.year.data or "", today()) if form.validate() else (None, None)
    if year is None:
        if problem:
            form.year.errors = [problem]
        form_page = centre_form(cat, found, data_of(opened.text) or {}, opened.blob)
        return render_template("admin/centre.html", form=form_page, summary=Summary(form_page), new_report=form,
                               **_context(cat, found, rel, opened.text)), 422
    return redirect(url_for("admin.centre_report", centre=found.slug, year=year), code=303)


def centre_report(centre: str, year: int):
    cat, found, rel, opened = _opened(centre)
    if not rules.MIN_YEAR <= year <= today().year + rules.YEARS_AHEAD:
        abort(404)
    existing = next((r for r in found.reports if r.year == year), None)
    if request.method == "GET":
        form = ReportForm(formdata=None, data={
            "base": opened.blob or "",
            "achievements": "\n".join(existing.achievements) if existing else "",
            "obstacles": "\n".join(existing.obstacles) if existing else ""})
        return _report_page(cat, found, rel, opened.text, form, year, existing)
    form = ReportForm()
    if form.unexpected_input():
        abort(400)
    if not form.validate():
        return _report_page(cat, found, rel, opened.text, form, year, existing,
                            status=400 if form.csrf_failed() else 422)
    if form.action.data == BACK:
        return _report_page(cat, found, rel, opened.text, form, year, existing)
    values = rules.report_values(opened.text, year, rules.lines_of(form.achievements.data),
                                 rules.lines_of(form.obstacles.data))
    text = rules.edit_centre(opened.text, values)
    place = rules.report_index(opened.text, year)
    field_of = lambda error: _report_field(error.field, place)  # noqa: E731
    if form.action.data == PREVIEW:
        return _preview(form, rel, text, field_of) or _report_page(cat, found, rel, opened.text, form, year,
                                                                   existing, status=422)
    back = url_for("admin.centre_report", centre=found.slug, year=year)
    if text == opened.text:
        flash(UNCHANGED, "ok")
        return redirect(back, code=303)
    answer = commit_or_explain(form, {rel: text}, summary=rules.report_summary(found, year, existing is None),
                               expected={rel: form.base.data or None}, field_of=field_of, back=back,
                               **_audit(found))
    return answer or _report_page(cat, found, rel, opened.text, form, year, existing, status=422)


def _report_field(path: str, place: int) -> str | None:
    for name in ("achievements", "obstacles"):
        if path.startswith(f"reports[{place}].{name}"):
            return name
    return "achievements" if path.startswith(f"reports[{place}]") else None


def _report_page(cat, centre, rel, text, form, year, existing, status=200):
    return render_template("admin/centre_report.html", form=form, year=year, existing=existing,
                           **_context(cat, centre, rel, text)), status

