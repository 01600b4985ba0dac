"""Settings, read once from the environment, with a refusal to run production on a weak secret.

Everything an operator may change is an environment variable so the same code runs under
`make run`, the tests and gunicorn in production; `create_app(test_config)` overrides any of it.
"""
from __future__ import annotations

import os
from pathlib import Path

from tawasul import quick_exit
# The service's "today" is the site's (TAWASUL_TODAY, else the date in Palestine), read at each
# call: a registration window opens on the day its page says. Views and commands import it here.
from tawasul.settings import today  # noqa: F401

# Known to everyone who reads this file: fine for `make run`, refused in production.
DEV_SECRET_KEY = "tawasul-development-only-not-secret"
REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The service must not start with this configuration."""


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def from_environment(instance_path: str) -> dict:
    production = os.environ.get("FORMS_ENV", "development").strip() == "production"
    return {
        "PRODUCTION": production,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or (None if production else DEV_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": database_url(os.environ.get("DATABASE_URL"), instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": _int("FORMS_DB_POOL_SIZE", 10), "pool_pre_ping": False,
                                      # SQL errors must not quote her data into the logs.
                                      "hide_parameters": True},
        # The folder holding content/ and events/: the same files the site is built from.
        "CONTENT_ROOT": os.environ.get("TAWASUL_CONTENT_ROOT") or str(REPO_ROOT),
        # The content root is a git checkout; every web write is a commit on CONTENT_BRANCH
        # (default: the branch the checkout is on). With CONTENT_REMOTE (a remote name or URL)
        # a save fetches and merges it first and pushes after; without one (make run), commits
        # stay local. README «The content repository and publishing».
        "CONTENT_REMOTE": os.environ.get("TAWASUL_CONTENT_REMOTE", "").strip(),
        "CONTENT_BRANCH": os.environ.get("TAWASUL_CONTENT_BRANCH", "").strip(),
        # Commits name a coordinator as «display name <account-ID@this domain>», never her e-mail.
        "CONTENT_AUTHOR_DOMAIN": os.environ.get("TAWASUL_CONTENT_AUTHOR_DOMAIN", "").strip()
                                 or "coordinators.tawasul.invalid",
        # Content files are stat-ed at most this often; a change reloads the catalogue.
        "CONTENT_CHECK_SECONDS": float(os.environ.get("FORMS_CONTENT_CHECK_SECONDS", "2")),
        # Where the service answers (wsgi.py, devserver.py); "" when a proxy strips the prefix.
        "URL_PREFIX": os.environ.get("FORMS_URL_PREFIX", "/forms"),
        # Where the static site lives, for its stylesheet and the links back to event pages.
        "SITE_URL": os.environ.get("FORMS_SITE_URL", "/"),
        # The neutral page the quick-exit link leads to: the site's own setting (guide §5).
        "QUICK_EXIT_URL": quick_exit.URL,
        # Abuse protections. The minimum fill time is a knob for tests and benchmarks only.
        "FORMS_MIN_SECONDS": float(os.environ.get("FORMS_MIN_SECONDS", "3")),
        "FORMS_MAX_SECONDS": float(os.environ.get("FORMS_MAX_SECONDS", str(24 * 3600))),
        "FORMS_POST_LIMIT": os.environ.get("FORMS_POST_LIMIT", "10/minute;60/hour"),
        "RATELIMIT_STORAGE_URI": os.environ.get("FORMS_RATELIMIT_STORAGE", "memory://"),
        "RATELIMIT_ENABLED": _bool("FORMS_RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": False,
        "MAX_CONTENT_LENGTH": 32 * 1024,
        "MAX_FORM_PARTS": 60,
        "MAX_ATTENDEES": _int("FORMS_MAX_ATTENDEES", 10),
        "RETENTION_DAYS": _int("FORMS_RETENTION_DAYS", 90),
        # Behind nginx: how many proxies set X-Forwarded-For/-Proto/-Host/-Prefix (0 = none).
        "PROXY_FIX": _int("FORMS_PROXY_FIX", 0),
        "SESSION_COOKIE_NAME": "tawasul_forms",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("FORMS_SECURE_COOKIES", production),
        "WTF_CSRF_TIME_LIMIT": 24 * 3600,
        # Each form checks its own CSRF token, so a failure shows her form again with her input;
        # security.py still runs the global check for any POST view not marked as doing so.
        "WTF_CSRF_CHECK_DEFAULT": False,
        "WTF_CSRF_SSL_STRICT": True,
    }


def database_url(url: str | None, instance_path: str) -> str:
    """DATABASE_URL as operators write it; PostgreSQL goes through psycopg 3."""
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "forms.sqlite3")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def check(config) -> None:
    """Refuse to start in production with a missing, default or short SECRET_KEY."""
    if not config.get("PRODUCTION"):
        return
    key = config.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY or len(key) < 32:
        raise ConfigError("SECRET_KEY is missing, the development default, or shorter than 32 characters; "
                          "set a long random value (e.g. python -c 'import secrets; print(secrets.token_hex(32))')")


def admin_from_environment() -> dict:
    """Settings of the coordinator area (forms_service/admin)."""
    from argon2.profiles import RFC_9106_LOW_MEMORY as argon2_default

    return {
        # Per client address (hashed, see extensions.client_key), on top of the per-account lockout.
        "ADMIN_LOGIN_LIMIT": os.environ.get("FORMS_ADMIN_LOGIN_LIMIT", "10/minute;60/hour"),
        "ADMIN_IDLE_MINUTES": _int("FORMS_ADMIN_IDLE_MINUTES", 30),
        "ADMIN_ABSOLUTE_HOURS": _int("FORMS_ADMIN_ABSOLUTE_HOURS", 8),
        # After this many failed logins in a row, the account locks for BASE seconds, doubling
        # with each further failure, up to MAX.
        "ADMIN_LOCKOUT_AFTER": _int("FORMS_ADMIN_LOCKOUT_AFTER", 5),
        "ADMIN_LOCKOUT_BASE_SECONDS": _int("FORMS_ADMIN_LOCKOUT_BASE_SECONDS", 60),
        "ADMIN_LOCKOUT_MAX_SECONDS": _int("FORMS_ADMIN_LOCKOUT_MAX_SECONDS", 3600),
        "ADMIN_COOKIE_NAME": "tawasul_admin",
        # Argon2id cost; raising any of these rehashes each password at its next login.
        "ARGON2_TIME_COST": _int("FORMS_ARGON2_TIME_COST", argon2_default.time_cost),
        "ARGON2_MEMORY_KIB": _int("FORMS_ARGON2_MEMORY_KIB", argon2_default.memory_cost),
        "ARGON2_PARALLELISM": _int("FORMS_ARGON2_PARALLELISM", argon2_default.parallelism),
        # The ministry's editing of articles and campaigns may send more than the service's
        # usual 32 KiB: a long article's text, and a phone photo (security.reads_large_body).
        "ADMIN_TEXT_MAX_BYTES": _int("FORMS_ADMIN_TEXT_MAX_BYTES", 256 * 1024),
        "ADMIN_IMAGE_MAX_BYTES": _int("FORMS_ADMIN_IMAGE_MAX_BYTES", 12 * 1024 * 1024),
        # Where "publish now" builds the static site (the folder `make run` serves).
        "SITE_DIR": os.environ.get("TAWASUL_SITE_DIR") or str(REPO_ROOT / "site"),
    }


def outbox_from_environment(instance_path: str) -> dict:
    """Settings of the outbox worker (forms_service/outbox, README «Messages»). With no SMTP host,
    messages are written as .eml files into OUTBOX_FOLDER and nothing leaves the machine."""
    security = os.environ.get("OUTBOX_SMTP_SECURITY", "starttls").strip().lower()
    if security not in ("starttls", "tls", "none"):
        raise ConfigError("OUTBOX_SMTP_SECURITY must be starttls, tls or none")
    return {
        "OUTBOX_SMTP_HOST": os.environ.get("OUTBOX_SMTP_HOST", "").strip(),
        "OUTBOX_SMTP_PORT": _int("OUTBOX_SMTP_PORT", 465 if security == "tls" else 587),
        "OUTBOX_SMTP_SECURITY": security,
        "OUTBOX_SMTP_USERNAME": os.environ.get("OUTBOX_SMTP_USERNAME") or None,
        "OUTBOX_SMTP_PASSWORD": os.environ.get("OUTBOX_SMTP_PASSWORD") or None,
        "OUTBOX_SMTP_TIMEOUT": float(os.environ.get("OUTBOX_SMTP_TIMEOUT", "30")),
        "OUTBOX_FOLDER": os.environ.get("OUTBOX_FOLDER") or str(Path(instance_path) / "outbox"),
        # The outside of every message is neutral (README «Messages»): the sender's name too.
        "OUTBOX_FROM_NAME": os.environ.get("OUTBOX_FROM_NAME", "مواعيد"),
        "OUTBOX_FROM_ADDRESS": os.environ.get("OUTBOX_FROM_ADDRESS", "no-reply@localhost"),
        # Her private link in messages is this + /r/<token>.
        "FORMS_PUBLIC_URL": os.environ.get("FORMS_PUBLIC_URL", "http://127.0.0.1:8000/forms").rstrip("/"),
        "OUTBOX_POLL_SECONDS": float(os.environ.get("OUTBOX_POLL_SECONDS", "1")),
        "OUTBOX_BATCH": _int("OUTBOX_BATCH", 50),
        # Retries wait BASE, 4×BASE, 16×BASE … at most 6 hours; after MAX attempts: failed.
        "OUTBOX_RETRY_BASE_SECONDS": float(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "15")),
        "OUTBOX_MAX_ATTEMPTS": _int("OUTBOX_MAX_ATTEMPTS", 10),
        # A message claimed longer ago than this by a worker that died is sent again (same Message-ID).
        "OUTBOX_LEASE_SECONDS": float(os.environ.get("OUTBOX_LEASE_SECONDS", "300")),
    }

