"""The extensions, created unbound and wired to each app by `init_app` (the Flask tutorial shape)."""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def client_key() -> str:
    """Rate-limit key: a keyed hash of the address, so not even the limiter's store (memory or
    Redis) holds an IP address. With ProxyFix on, remote_addr is the real client's."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, (request.remote_addr or "-").encode(), hashlib.sha256).hexdigest()[:24]


# Objects stay readable after commit: the view needs the new reference without another SELECT.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})
migrate = Migrate()
csrf = CSRFProtect()
limiter = Limiter(key_func=client_key)
