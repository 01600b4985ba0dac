"""What `make run` serves: the static site and the form service on one origin, driven by a real
browser from an event page to her confirmation, and a partner's activity report."""
from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import time

import pytest
import requests
from bs4 import BeautifulSoup
from support.browser_steps import register, report_activity
from support import ROOT, SAMPLE_TODAY
from support.forms import GOOD
from support.html import form_fields
from support.local_services import free_port
from urllib.parse import urljoin


@pytest.fixture(scope="module")
def make_run_home(tmp_path_factory):
    return tmp_path_factory.mktemp("make-run")


@pytest.fixture(scope="module")
def make_run_server(sample_site, make_run_home):
    """The same command lines as `make serve` (gunicorn and the outbox worker with its folder
    sink), on a free port and a fresh database."""
    home = make_run_home
    env = {**os.environ, "TAWASUL_SITE_DIR": str(sample_site), "TAWASUL_TODAY": SAMPLE_TODAY,
           "DATABASE_URL": f"sqlite:///{home}/forms.sqlite3", "FORMS_MIN_SECONDS": "1",
           "OUTBOX_FOLDER": str(home / "outbox")}
    for name in [name for name in env if name.startswith("OUTBOX_SMTP")]:
        del env[name]  # the folder sink, as under `make run`
    bin_dir = os.path.dirname(sys.executable)
    subprocess.run([f"{bin_dir}/flask", "--app", "forms_service", "db", "upgrade"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    port = free_port()
    process = subprocess.Popen([f"{bin_dir}/gunicorn", "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
                                "--workers", "2", "--threads", "4", "--reuse-port", "--preload", "--no-control-socket",
                                "forms_service.devserver:app"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([f"{bin_dir}/flask", "--app", "forms_service", "send-outbox"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(base + "/forms/health", timeout=5).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    yield base
    for running in (process, worker):
        running.terminate()
        running.wait(timeout=30)


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


def test_her_confirmation_lands_in_the_outbox_folder_within_seconds(make_run_server, make_run_home):
    """Nothing leaves the machine under `make run`: the message is a .eml file in the folder."""
    index = requests.get(make_run_server + "/forms/", timeout=10).text
    href = BeautifulSoup(index, "html.parser").select_one("a[href*='/register']")["href"]
    url = urljoin(make_run_server + "/forms/", href)
    session = requests.Session()
    fields = form_fields(session.get(url, timeout=10).text)
    time.sleep(1.1)  # FORMS_MIN_SECONDS
    answer = session.post(url, data={**fields, **GOOD, "contact": "0599111999", "notify": "y",
                                     "email": "make.run@example.org"}, allow_redirects=False, timeout=30)
    assert answer.status_code == 303, answer.text[:300]
    folder = make_run_home / "outbox"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not list(folder.glob("*.eml")):
        time.sleep(0.1)
    [eml] = folder.glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"] == "make.run@example.org" and message["Subject"].startswith("موعدكِ يوم")
    assert answer.headers["Location"] in message.get_body().get_content()

