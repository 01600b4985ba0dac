"""The Tawasul form service: event registrations and partner activity submissions.

`create_app(test_config=None)` follows the Flask tutorial: configuration first, then each
extension wired with `init_app`, then the blueprint, error pages and commands.
"""
from __future__ import annotations

import os

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from tawasul import quick_exit

from . import config as settings


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(settings.from_environment(app.instance_path))
    app.config.from_mapping(settings.admin_from_environment())
    app.config.from_mapping(settings.outbox_from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
        if "DATABASE_URL" in test_config:
            app.config["SQLALCHEMY_DATABASE_URI"] = settings.database_url(test_config["DATABASE_URL"], app.instance_path)
    settings.check(app.config)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    # The site theme's partials (the quick exit) render on the service's pages too: one source.
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(str(quick_exit.PARTIALS.parent))])
    # Flask-WTF's own messages are English; ours are written per form (fields.py).
    app.config["WTF_I18N_ENABLED"] = False
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:"):
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"], "connect_args": {"check_same_thread": False}}
    if app.config["PROXY_FIX"]:
        hops = app.config["PROXY_FIX"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)

    from . import content
    from .database import configure_engine
    from . import rate_limits
    from .extensions import csrf, db, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "migrations"))
    csrf.init_app(app)
    rate_limits.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    content.init_app(app)

    from . import cli, error_pages, security, template_helpers
    from .outbox import models as _outbox_tables  # noqa: F401  (registers the tables)
    from .outbox.cli import init_app as outbox_cli
    from .admin import bp as admin_bp
    from .admin.cli import init_app as admin_cli
    from .public import bp as public_bp

    security.init_app(app)
    template_helpers.init_app(app)
    error_pages.init_app(app)
    cli.init_app(app)
    admin_cli(app)
    outbox_cli(app)
    app.register_blueprint(public_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    return app
