"""What every template of the form service may use: filters for dates, codes and counts, the
links to the site (tawasul/links.py), the states and their wording (tawasul/states.py), and the
content the site's shared partials need (helplines, the quick exit)."""
from __future__ import annotations

from flask import Flask, current_app

from tawasul import dates, ical, links
from tawasul.schema import EVENT_TYPE_NAMES
from tawasul.states import RegistrationState, RegistrationWindow, label
from tawasul.text import counted, phone_digits

from .forms import consent_text
from .models import SubmissionState
from .services.codes import pretty


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
