"""An Arabic page for every error, never a bare English one. Business outcomes (closed, full,
already registered…) come from the services as exceptions and are rendered here, each with its
own template (templates/outcomes/); unexpected failures are logged without her data."""
from __future__ import annotations

import logging
import traceback

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

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


def init_app(app: Flask) -> None:
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
