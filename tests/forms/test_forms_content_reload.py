"""The service reads events through the shared content model, and again when files change."""
from __future__ import annotations

from support.forms import event_yaml, forms_content_tree, make_app
from support.html import text_of

from forms_service.extensions import db


def test_a_new_or_broken_event_file_is_noticed_without_a_restart(tmp_path):
    root = forms_content_tree(tmp_path / "content")
    app = make_app(f"sqlite:///{tmp_path}/f.sqlite3", root)
    client = app.test_client()
    assert client.get("/events/added-later/register").status_code == 404
    spec = {"capacity": 3, "opens": "2026-11-01", "closes": "2026-12-06"}
    (root / "events/2026/added-later.yml").write_text(event_yaml("added-later", spec, "ورشة أضيفت لاحقاً"), encoding="utf-8")
    page = client.get("/events/added-later/register")
    assert page.status_code == 200 and "ورشة أضيفت لاحقاً" in text_of(page)
    (root / "events/2026/added-later.yml").write_text("title: [broken\n", encoding="utf-8")
    assert client.get("/events/added-later/register").status_code == 200  # the last good content stays
    (root / "events/2026/added-later.yml").unlink()
    assert client.get("/events/added-later/register").status_code == 404
    with app.app_context():
        db.engine.dispose()
