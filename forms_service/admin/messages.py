"""A coordinator's message to everyone registered for one event (services/broadcast.py)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from ..error_pages import BadInput
from ..services import broadcast
from . import scope
from .forms import BroadcastForm


def event_message(slug: str):
    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    form = BroadcastForm()
    status = 200
    if request.method == "POST":
        if form.unexpected_input():
            raise BadInput()
        if form.validate():
            try:
                count = broadcast.send(event, form.text.data, scope.me().username, cat.governorate_of(event).slug)
            except broadcast.TooSoon as wait:
                form.text.errors = [f"أُرسلت رسالة لهذه الفعالية قبل أقل من ساعة. يمكنكِ الإرسال بعد {wait.minutes} دقيقة."]
            else:
                flash(f"وُضعت الرسالة في صندوق الإرسال لعدد {count} من المسجَّلات.", "ok")
                return redirect(url_for("admin.listing", slug=slug), code=303)
        status = 400 if form.csrf_failed() else 422
    return render_template("admin/message.html", event=event, form=form, reach=broadcast.reach(slug)), status
