"""A build holds back the garbage collector's full collections while it runs (tawasul/mkdocs_hook.py)
and gives the process its collector back as it found it, whether the build succeeds or fails:
the publish worker, `mkdocs serve` and anything else that builds in process keep their settings."""
from __future__ import annotations

import gc

import pytest
import mkdocs.commands.build as build_module
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from support import ROOT, SAMPLE_TODAY


@pytest.fixture
def collector():
    before = gc.get_threshold()
    gc.set_threshold(600, 9, 8)  # not the interpreter's default, so "as found" is seen
    yield
    gc.set_threshold(*before)


def during(monkeypatch) -> list[tuple[int, int, int]]:
    """The collector's settings when MkDocs makes the nav, halfway through the build."""
    seen, navigation = [], build_module.get_navigation
    monkeypatch.setattr(build_module, "get_navigation", lambda *a, **k: seen.append(gc.get_threshold()) or navigation(*a, **k))
    return seen


def test_a_build_collects_less_while_it_runs_and_leaves_the_collector_as_it_found_it(collector, monkeypatch, tmp_path):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)
    monkeypatch.setenv("TAWASUL_BUILD_CACHE", "off")
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    seen = during(monkeypatch)
    build(config)

    assert (tmp_path / "site" / "index.html").is_file()
    assert seen == [(600, 9, 1000)]
    assert gc.get_threshold() == (600, 9, 8)


def test_a_failed_build_leaves_the_collector_as_it_found_it(collector, monkeypatch, tmp_path):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)
    monkeypatch.setenv("TAWASUL_BUILD_CACHE", "off")
    monkeypatch.setenv("TAWASUL_CONTENT_ROOT", str(tmp_path / "nothing-here"))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    with pytest.raises((Abort, PluginError)):
        build(config)

    assert gc.get_threshold() == (600, 9, 8)
