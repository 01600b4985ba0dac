"""What `make run` serves: the static site and the form service on one origin, driven by a real
browser from an event page to her confirmation, and a partner's activity report."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import requests
from browser_steps import register, report_activity
from forms_support import ROOT, SAMPLE_TODAY, free_port


@pytest.fixture(scope="module")
def make_run_server(sample_site, tmp_path_factory):
    """The same command line as `make serve`, on a free port and a fresh database."""
    home = tmp_path_factory.mktemp("make-run")
    env = {**os.environ, "TAWASUL_SITE_DIR": str(sample_site), "TAWASUL_TODAY": SAMPLE_TODAY,
           "DATABASE_URL": f"sqlite:///{home}/forms.sqlite3", "FORMS_MIN_SECONDS": "1"}
    bin_dir = os.path.dirname(sys.executable)
    subprocess.run([f"{bin_dir}/flask", "--app", "forms_service", "db", "upgrade"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    port = free_port()
    process = subprocess.Popen([f"{bin_dir}/gunicorn", "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
                                "--workers", "2", "--threads", "4", "--no-control-socket", "forms_service.devserver:app"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(base + "/forms/health", timeout=5).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=30)


def test_one_origin_serves_site_pages_assets_404_and_forms(make_run_server):
    base = make_run_server
    assert "مراكز تواصل" in requests.get(base + "/", timeout=10).text
    assert requests.get(base + "/events/", timeout=10).status_code == 200
    assert requests.get(base + "/assets/css/tawasul.css", timeout=10).status_code == 200
    missing = requests.get(base + "/no/such/page/", timeout=10)
    assert missing.status_code == 404 and 'dir="rtl"' in missing.text
    assert requests.get(base + "/forms/static/forms.css", timeout=10).status_code == 200
    assert requests.get(base + "/forms/", timeout=10).status_code == 200


def test_she_registers_from_an_event_page_in_a_browser(make_run_server, page):
    page.goto(make_run_server + "/events/")
    event_links = page.locator("a.tw-card__title, .tw-card a").evaluate_all("els => els.map(e => e.href)")
    for href in event_links:
        page.goto(href)
        if page.locator("a:has-text('سجّلي الآن')").count():
            break
    else:
        pytest.fail("no sample event is open for registration on " + SAMPLE_TODAY)
    page.click("a:has-text('سجّلي الآن')")
    assert "/forms/events/" in page.url and page.locator("h1").inner_text().startswith("التسجيل في")
    register(page)
    assert page.locator("h1").inner_text() == "تسجيلكِ مؤكَّد"
    assert "+970" not in page.url and "سلمى" not in page.url
    assert page.evaluate("getComputedStyle(document.querySelector('.tw-top')).display") == "flex"  # styles applied


def test_a_partner_reports_an_activity_in_a_browser(make_run_server, page):
    page.goto(make_run_server + "/forms/activities/new")
    report_activity(page)
    assert page.locator("h1").inner_text() == "شكراً، وصلنا النشاط"
