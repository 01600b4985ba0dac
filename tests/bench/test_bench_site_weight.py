"""The first-view measure follows what a browser fetches: linked styles and scripts, the
stylesheets they import and the fonts they load, each once, gzipped; other hosts are not ours."""
from __future__ import annotations

import gzip

from site_weight import first_view, gzip_size


def _write(root, files: dict[str, str | bytes]):
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def test_imports_fonts_and_scripts_are_followed_once(tmp_path):
    _write(tmp_path, {
        "events/x/index.html": '<html><head><link rel="stylesheet" href="../../css/a.css">'
                               '<link rel="stylesheet" href="/css/a.css"><link rel="icon" href="../../i.png">'
                               '<script src="../../js/app.js?v=2"></script>'
                               '<script src="https://cdn.example/x.js"></script></head><body>نص</body></html>',
        "css/a.css": '@import "b.css"; body{background:url(../img/bg.png)}',
        "css/b.css": '@font-face{src:url("../fonts/f.woff2") format("woff2"), url(https://cdn.example/f.woff2)}',
        "fonts/f.woff2": bytes(range(256)) * 8,
        "js/app.js": "document.body.dataset.ok = 1;",
        "img/bg.png": b"\x89PNG" + bytes(100),
        "i.png": b"\x89PNG",
    })
    view = first_view(tmp_path, "events/x/index.html")
    assert list(view.parts) == ["events/x/index.html", "css/a.css", "js/app.js", "css/b.css", "fonts/f.woff2"]
    assert view.missing == []
    assert view.by_kind().keys() == {"html", "css", "js", "font"}
    assert view.parts["css/a.css"] == gzip_size((tmp_path / "css/a.css").read_bytes())


def test_a_missing_asset_is_reported_not_counted(tmp_path):
    _write(tmp_path, {"index.html": '<link rel="stylesheet" href="gone.css">'})
    view = first_view(tmp_path, "index.html")
    assert view.missing == ["gone.css"] and list(view.parts) == ["index.html"]


def test_gzip_size_is_level_six_and_reproducible():
    data = "مراكز تواصل ".encode("utf-8") * 500
    assert gzip_size(data) == gzip_size(data) == len(gzip.compress(data, compresslevel=6, mtime=0))
    assert gzip_size(data) < len(data) / 10
