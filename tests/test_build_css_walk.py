"""After a build the hook reads every stylesheet of the site for requests to other hosts; it finds
them by walking the site once (tawasul/mkdocs_hook.py, _css_files) instead of Path.rglob, which
lists each folder twice. It must find the same files, in the same order, as rglob("*.css")."""
from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_theme_dir

from tawasul.mkdocs_hook import _css_files


def test_stylesheets_are_found_as_rglob_finds_them(tmp_path):
    for name in ["a.css", "b.CSS", "c.css.map", ".css", "css", "events/x/index.html", "events/x/x.css",
                 "events/y/deep/er/z.css", "d.css/inside.css", "assets/css/tawasul.css", "assets/css/safety.css",
                 "assets/stylesheets/main.min.css", "assets/stylesheets/main.min.css.map", "نص/ملف.css"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "empty" / "folder").mkdir(parents=True)

    found = list(_css_files(str(tmp_path)))
    assert found == list(tmp_path.rglob("*.css"))
    assert len(found) == 10  # a folder named d.css too, as rglob gives it
    material = get_theme_dir("material")
    assert list(_css_files(material)) == list(Path(material).rglob("*.css"))
