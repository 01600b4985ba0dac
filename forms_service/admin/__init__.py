"""The coordinator area (management side), apart from the public forms at every level: its own
blueprint, views, forms and templates (templates/admin/). The whole route table is here.

Every view runs signed in (auth.require_login), sees only the coordinator's governorate
(scope.py; the ministry sees all), and changes state only by POST with a CSRF token (checked
before any view by security.py; every response is `no-store`).

| URL (under /admin)                        | method | what                                          |
|-------------------------------------------|--------|-----------------------------------------------|
| /login                                    | GET/POST | sign in (password, and TOTP when set up)    |
| /logout                                   | POST   | sign out: the server-side session is deleted  |
| /                                         | GET    | dashboard: per-event counts, pending submissions |
| /events                                   | GET    | her governorate's events, to edit             |
| /events/new, /events/<slug>/edit          | GET/POST | the event editor: preview, save (a commit)  |
| /events/<slug>/cancel, /postpone          | GET/POST | cancel (with a reason) or postpone, confirmed |
| /events/<slug>/registrations              | GET    | an event's registrations; ?q= name or reference |
| /events/<slug>/export.csv, export.xlsx    | POST   | the list for Excel                            |
| /registrations/<reference>/attended       | POST   | mark attended (or not)                        |
| /participants/<id>/attended               | POST   | … one person of an organisation's registration |
| /events/<slug>/sign-in                    | GET    | the sign-in sheet, a print page               |
| /events/<slug>/sign-in.pdf                | POST   | … as a PDF (WeasyPrint); audited like exports |
| /events/<slug>/message                    | GET/POST | a message to everyone registered (outbox)   |
| /registrations/<reference>/cancel         | GET/POST | confirm, then cancel on her behalf          |
| /registrations/<reference>/move-up        | POST   | confirm someone from the waiting list         |
| /submissions                              | GET    | the review queue                              |
| /submissions/<id>                         | GET    | one submission, editable                      |
| /submissions/<id>/save, /approve, /reject | POST   | save edits; approve (writes the event file); reject |
| /publish                                  | POST   | ask the publish worker to build the tip again |
| /publishing?commit=                       | GET    | where a commit stands: «قيد النشر», «نُشر», or the error |
| /history/restore?path=&commit=            | GET/POST | confirm, then restore an earlier version (a new commit) |
| /edits/reapply                            | POST   | after a stale save: her version on top of the current one |
| /directory                                | GET    | directory entries not verified for 12 months  |
| /centre                                   | GET    | her centre's editor (the ministry picks a centre) |
| /centres/<centre>                         | GET/POST | address, hours, phones, services, members   |
| /centres/<centre>/reports                 | POST   | a new year of «الإنجازات والمعوقات»           |
| /centres/<centre>/reports/<year>          | GET/POST | one year's achievements and obstacles       |
| /audit                                    | GET    | the audit log (ministry)                      |
| /accounts                                 | GET    | coordinator accounts (ministry)               |
| /accounts/new                             | GET/POST | create one; her password shown once (ministry) |
| /accounts/<id>/disable, /enable           | POST   | (ministry; not her own)                       |
| /accounts/<id>/reset/password, /totp      | GET/POST | confirm, then a new password or TOTP secret shown once (ministry; not her own) |
| /content                                  | GET    | public content the ministry edits (ministry)  |
| /content/articles/new, /campaigns/new     | GET/POST | a new awareness article, campaign (ministry) |
| /content/articles/<article>/edit          | GET/POST | edit an article; …/campaigns/<campaign>/edit |
| /content/articles/<article>/image         | POST   | upload its picture, or change its description |
| /content/articles/<article>/image/remove   | POST   | take the picture off (campaigns: the same)    |
| /content/occasions/new, /<occasion>/edit  | GET/POST | occasions (ministry)                        |
| /content/helplines/new, /<helpline>/edit  | GET/POST | helplines (ministry)                        |
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect

from tawasul.git_store import GitFailed

from ..rate_limits import posts_limited
from ..security import form_checks_csrf
from ..services.errors import Refused
from . import (accounts, attendance, auth, centre, dashboard, directory, editing, edits, events, messages, oversight,
               public_content, registrations, scope, submissions)


def login_limit() -> str:
    return current_app.config["ADMIN_LOGIN_LIMIT"]


bp = Blueprint("admin", __name__)
bp.before_request(auth.require_login)
bp.add_app_template_filter(editing.local_time, "local_time")
bp.context_processor(lambda: {"publish_line": editing.publish_line})


@bp.errorhandler(Refused)
def refused(refusal: Refused):
    """A refused action: her page again, with the reason (views name that page: scope.back_to)."""
    flash(str(refusal), "error")
    return redirect(scope.back(), code=303)


@bp.errorhandler(GitFailed)
def content_repository_failed(failure: GitFailed):
    """git itself failed (a broken or missing content repository): nothing was saved; she is told
    so on her page, and the details go to the log for the operators."""
    current_app.logger.error("content repository: %s", failure)
    flash("تعذّر الوصول إلى مستودع المحتوى؛ لم يُحفظ شيء. أبلغي فريق الموقع.", "error")
    return redirect(scope.back(), code=303)


bp.add_url_rule("/login", view_func=posts_limited(login_limit)(auth.login), methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=auth.logout, methods=["POST"])
bp.add_url_rule("/", view_func=dashboard.dashboard)
bp.add_url_rule("/publish", "publish", view_func=edits.publish_now, methods=["POST"])
bp.add_url_rule("/publishing", view_func=edits.publishing)
bp.add_url_rule("/history/restore", view_func=edits.restore, methods=["GET", "POST"])
bp.add_url_rule("/edits/reapply", view_func=edits.reapply, methods=["POST"])
bp.add_url_rule("/events", "events", view_func=events.listing)
bp.add_url_rule("/events/new", "new_event", view_func=form_checks_csrf(events.new), methods=["GET", "POST"])
bp.add_url_rule("/events/<slug>/edit", "edit_event", view_func=form_checks_csrf(events.edit), methods=["GET", "POST"])
bp.add_url_rule("/events/<slug>/cancel", "cancel_event", view_func=form_checks_csrf(events.cancel_event),
                methods=["GET", "POST"])
bp.add_url_rule("/events/<slug>/postpone", "postpone_event", view_func=form_checks_csrf(events.postpone),
                methods=["GET", "POST"])
bp.add_url_rule("/events/<slug>/registrations", view_func=registrations.listing)
bp.add_url_rule("/events/<slug>/export.<any(csv, xlsx):kind>", view_func=registrations.export, methods=["POST"])
bp.add_url_rule("/registrations/<reference>/attended", view_func=registrations.attended, methods=["POST"])
bp.add_url_rule("/participants/<int:participant>/attended", view_func=attendance.participant_attended,
                methods=["POST"])
bp.add_url_rule("/events/<slug>/sign-in", view_func=attendance.sign_in_sheet)
bp.add_url_rule("/events/<slug>/sign-in.pdf", view_func=attendance.sign_in_pdf, methods=["POST"])
bp.add_url_rule("/events/<slug>/message", view_func=form_checks_csrf(messages.event_message), methods=["GET", "POST"])
bp.add_url_rule("/registrations/<reference>/cancel", view_func=registrations.cancel, methods=["GET", "POST"])
bp.add_url_rule("/registrations/<reference>/move-up", view_func=registrations.move_up, methods=["POST"])
bp.add_url_rule("/submissions", view_func=submissions.queue)
bp.add_url_rule("/submissions/<int:submission_id>", view_func=submissions.detail)
bp.add_url_rule("/submissions/<int:submission_id>/save", view_func=submissions.save, methods=["POST"])
bp.add_url_rule("/submissions/<int:submission_id>/approve", view_func=submissions.approve, methods=["POST"])
bp.add_url_rule("/submissions/<int:submission_id>/reject", view_func=submissions.reject, methods=["POST"])
bp.add_url_rule("/directory", view_func=directory.to_check)
bp.add_url_rule("/centre", view_func=centre.my_centre)
bp.add_url_rule("/centres/<centre>", view_func=form_checks_csrf(centre.centre_edit), methods=["GET", "POST"])
bp.add_url_rule("/centres/<centre>/reports", view_func=centre.new_report, methods=["POST"])
bp.add_url_rule("/centres/<centre>/reports/<int:year>", view_func=form_checks_csrf(centre.centre_report),
                methods=["GET", "POST"])
bp.add_url_rule("/audit", view_func=oversight.audit_log)
bp.add_url_rule("/accounts", view_func=accounts.accounts)
bp.add_url_rule("/accounts/new", view_func=form_checks_csrf(accounts.new_account), methods=["GET", "POST"])
bp.add_url_rule("/accounts/<int:account_id>/<any(disable, enable):change>", view_func=accounts.set_disabled,
                methods=["POST"])
bp.add_url_rule("/accounts/<int:account_id>/reset/<any(password, totp):what>", view_func=accounts.reset_account,
                methods=["GET", "POST"])

bp.add_url_rule("/content", view_func=public_content.content_index)
bp.add_url_rule("/content/articles/new", view_func=public_content.article_new, methods=["GET", "POST"])
bp.add_url_rule("/content/articles/<article>/edit", view_func=public_content.article_edit, methods=["GET", "POST"])
bp.add_url_rule("/content/articles/<article>/image", view_func=public_content.article_image, methods=["POST"])
bp.add_url_rule("/content/articles/<article>/image/remove", view_func=public_content.article_image_remove,
                methods=["POST"])
bp.add_url_rule("/content/campaigns/new", view_func=public_content.campaign_new, methods=["GET", "POST"])
bp.add_url_rule("/content/campaigns/<campaign>/edit", view_func=public_content.campaign_edit, methods=["GET", "POST"])
bp.add_url_rule("/content/campaigns/<campaign>/image", view_func=public_content.campaign_image, methods=["POST"])
bp.add_url_rule("/content/campaigns/<campaign>/image/remove", view_func=public_content.campaign_image_remove,
                methods=["POST"])
bp.add_url_rule("/content/occasions/new", view_func=public_content.occasion_new, methods=["GET", "POST"])
bp.add_url_rule("/content/occasions/<occasion>/edit", view_func=public_content.occasion_edit, methods=["GET", "POST"])
bp.add_url_rule("/content/helplines/new", view_func=public_content.helpline_new, methods=["GET", "POST"])
bp.add_url_rule("/content/helplines/<helpline>/edit", view_func=public_content.helpline_edit, methods=["GET", "POST"])
