"""Business failures, raised by the services and shown by the views as their own Arabic pages.

`kind` names the outcome template (templates/outcomes/<kind>.html); `status` is the HTTP code.
"""
from __future__ import annotations


class ServiceError(Exception):
    kind = "error"
    status = 409

    def __init__(self, event=None, **details):
        super().__init__(self.kind)
        self.event = event
        self.details = details


class UnknownEvent(ServiceError):
    kind = "unknown_event"
    status = 404


class UnknownRegistration(ServiceError):
    kind = "unknown_registration"
    status = 404


class RegistrationClosed(ServiceError):
    """Not open yet, closed, event over or cancelled, or no registration at all: `reason` (a
    tawasul.states.RegistrationWindow) says which."""
    kind = "closed"

    def __init__(self, event, reason):
        super().__init__(event, reason=reason)
        self.reason = reason


class EventFull(ServiceError):
    kind = "full"


class CancelTooLate(ServiceError):
    kind = "cancel_too_late"


class PageUsed(Exception):
    """The form page (its time token) was already used for a stored submission: the view shows
    her form again saying so (base_forms.REPLAYED), nothing is stored."""


class Refused(Exception):
    """A coordinator's action that the rules do not allow. Raised by the services; the admin
    blueprint's error handler shows the message (Arabic) and returns her to the page she was on."""
