"""What every page shares: template helpers, and an Arabic page for every error, never a bare
English one. Business outcomes (closed, full, already registered…) come from the services as
exceptions and are rendered here, each with its own template."""
from __future__ import annotations

import logging
import traceback

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tawasul import dates, ical, links
from tawasul.schema import EVENT_TYPE_NAMES
from tawasul.states import RegistrationState, RegistrationWindow, label
from tawasul.text import counted, phone_digits

from .forms import consent_text
from .models import SubmissionState
from .services.codes import pretty
from .services.errors import ServiceError

log = logging.getLogger(__name__)

# Arabic titles and explanations of the HTTP errors a visitor can meet.
HTTP_MESSAGES = {
    400: ("تعذّر قبول الطلب", "وصل الطلب بصيغة غير متوقعة. ارجعي إلى الصفحة السابقة، وحدّثيها، ثم حاولي مرة أخرى."),
    404: ("الصفحة غير موجودة", "لم نجد هذه الصفحة. ربما تغيّر الرابط أو حُذفت الصفحة."),
    405: ("طريقة غير مسموح بها", "لا يمكن فتح هذه الصفحة بهذه الطريقة. ارجعي إلى النموذج وحاولي من هناك."),
    413: ("البيانات المرسلة كبيرة جداً", "النص الذي أرسلتِه أطول مما يقبله النموذج. اختصريه ثم حاولي مرة أخرى."),
    415: ("تعذّر قبول الطلب", "وصلت البيانات بصيغة لا ترسلها صفحاتنا. ارجعي إلى النموذج، وحدّثيه، ثم أرسليه من هناك."),
    429: ("طلبات كثيرة في وقت قصير", "وصلتنا طلبات كثيرة من هذا الجهاز. انتظري بضع دقائق ثم حاولي مرة أخرى."),
    500: ("حدث خطأ من جهتنا", "لم نتمكن من إتمام طلبك. لم يُحفظ شيء. حاولي مرة أخرى بعد قليل."),
}


class BadInput(HTTPException):
    """A request our pages never send (unknown or repeated fields)."""
    code = 400


def error_page(status: int, message: str | None = None):
    title, text = HTTP_MESSAGES.get(status, HTTP_MESSAGES[400 if status < 500 else 500])
    return render_template("error.html", title=title, text=message or text, status=status), status


def _helplines() -> list:
    """The helplines from content data, for the site's first row at the top of every page."""
    return list(current_app.extensions["tawasul_content"].get().helplines.values())


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        when=lambda event: dates.when(event.start, event.end),
        long_date=dates.long_date,
        moment=dates.moment,
        event_type=lambda value: EVENT_TYPE_NAMES[value],
        reference=pretty,
        counted=counted,
        tel=phone_digits,  # the site's first row (theme/partials/tw-safety-bar.html) links its numbers
        on_site=lambda path: links.joined(current_app.config["SITE_URL"], path),  # `links.…() | on_site`
    )
    # Templates compare states with these members and print their wording with `state_label`.
    app.jinja_env.globals.update(links=links, state_label=label, RegistrationState=RegistrationState,
                                 RegistrationWindow=RegistrationWindow, SubmissionState=SubmissionState)

    @app.context_processor
    def _globals():
        return {"tawasul_quick_exit": current_app.config["QUICK_EXIT_URL"],
                "tawasul_helplines": _helplines(), "consent_text": consent_text, "calendar_note": ical.SYNC_WARNING}

    @app.errorhandler(ServiceError)
    def _outcome(exc: ServiceError):
        return render_template(f"outcomes/{exc.kind}.html", event=exc.event, **exc.details), exc.status

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        return error_page(400, "انتهت صلاحية الصفحة أو لم تصل بشكل صحيح. ارجعي إليها وحدّثيها ثم حاولي مرة أخرى.")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc
        return error_page(exc.code)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # Only the type and the code path: an exception's message may quote her input.
        log.error("unexpected %s\n%s", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
        return error_page(500)
