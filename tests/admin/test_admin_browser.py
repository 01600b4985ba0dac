"""End to end, in Chromium, against the server `make run` starts (gunicorn with the static site
and the form service on one origin, and the publish worker beside it): a coordinator created
with the real CLI signs in, approves a partner's activity (a commit), watches it publish, and
the event is on the public site. On the way,
axe-core checks every kind of page she sees: zero violations (guide §6)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyotp
import pytest
import requests
from playwright.sync_api import expect
from support import ROOT, SAMPLE_TODAY
from support.admin import LIGHT_ARGON2, admin_content_tree, register, submit_activity
from support import publishing
from support.forms import SECRET
from support.site_build import mkdocs_build
from support.store import developer_commit

from forms_service import create_app

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it (npm ci)
BIN = Path(sys.executable).parent
PASSWORD = "a-long-browser-password"


@pytest.fixture
def devserver(tmp_path):
    content = admin_content_tree(tmp_path / "content")
    site = tmp_path / "site"
    assert mkdocs_build(site, content_root=content).returncode == 0
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'forms.sqlite3'}", "TAWASUL_CONTENT_ROOT": str(content),
           "TAWASUL_SITE_DIR": str(site), "TAWASUL_TODAY": SAMPLE_TODAY, "SECRET_KEY": SECRET,
           **{f"FORMS_{k}": str(v) for k, v in LIGHT_ARGON2.items()}}
    flask = [str(BIN / "flask"), "--app", "forms_service"]
    subprocess.run(flask + ["db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    created = subprocess.run(flask + ["coordinators", "create", "huda", "--name", "هدى", "--governorate", "jenin"],
                             env=env, cwd=ROOT, input=PASSWORD + "\n", capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    ministry = subprocess.run(flask + ["coordinators", "create", "wizara", "--name", "الوزارة", "--role", "ministry",
                                       "--generate-password"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert ministry.returncode == 0, ministry.stderr
    wizara = {"password": ministry.stdout.split("in person): ", 1)[1].split()[0],
              "secret": ministry.stdout.split("authenticator app): ", 1)[1].split()[0]}
    app = create_app({"DATABASE_URL": env["DATABASE_URL"], "SECRET_KEY": SECRET, "CONTENT_ROOT": str(content)})
    submit_activity(app, title="أمسية: التمكين الاقتصادي للنساء")
    for n, name in enumerate(["سلمى", "رنا", "هبة"]):  # open-individuals holds 2: the third waits
        register(app, "open-individuals", name, f"059955500{n}")
    # As `make serve`: the publish worker builds the site from each new commit (the content
    # repository holds content only, so it builds with this project's MkDocs files).
    with publishing.devserver(env, tmp_path / "server.log") as base, \
            publishing.publish_worker(site, content, tmp_path / "worker.log", project=ROOT):
        yield base, content, wizara


@pytest.fixture
def page(browser):
    """The coordinator's browser. CSP is bypassed only so the test can inject axe-core: the
    service's pages allow no script at all."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ar", bypass_csp=True)
    yield context.new_page()
    context.close()


def assert_accessible(page) -> None:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document)).violations.map(
        v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))""")
    assert violations == [], (page.url, violations)


def test_coordinator_approves_and_publishes_a_partner_activity(devserver, page):
    base, content, wizara = devserver
    slug = "jenin-awareness-meeting-2026-12-15"
    assert requests.get(f"{base}/events/{slug}/", timeout=10).status_code == 404
    page.goto(f"{base}/forms/admin/")
    assert page.url.endswith("/forms/admin/login")
    assert_accessible(page)
    page.get_by_label("اسم المستخدم").fill("huda")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    assert_accessible(page)  # the dashboard
    page.get_by_role("link", name="فعالية open-individuals").click()
    assert_accessible(page)  # an event's registrations
    page.get_by_role("link", name=re.compile("^إلغاء التسجيل.*هبة")).click()
    assert_accessible(page)  # the confirmation before cancelling
    page.get_by_role("link", name="طلبات الأنشطة").click()
    assert_accessible(page)
    page.get_by_role("link", name="أمسية: التمكين الاقتصادي للنساء").click()
    assert_accessible(page)  # a submission and its edit form
    page.get_by_label("مكان النشاط").fill("قاعة البلدية")
    page.get_by_role("button", name="حفظ واعتماد النشاط").click()
    assert "اعتُمد النشاط" in page.locator(".tw-flash").inner_text()
    assert (content / "events" / "2026" / f"{slug}.yml").is_file()
    commit = subprocess.run(["git", "log", "-1", "--format=%H|%an"], cwd=content, capture_output=True, text=True).stdout
    assert commit.strip().endswith("|هدى")
    # «تفاصيل النشر»: a page that refreshes itself (no script) until the worker has built her commit.
    page.get_by_role("link", name="تفاصيل النشر").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("حالة النشر: نُشر", timeout=240_000)
    assert_accessible(page)
    page.get_by_role("link", name="لوحة المتابعة", exact=True).click()
    page.get_by_role("button", name="نشر الموقع الآن").click()  # only asks the worker again
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^حالة النشر: "))
    # An earlier version, restored after a confirmation page (the history panel's button).
    first = subprocess.run(["git", "log", "-1", "--format=%H", "--", "events/2026/open-individuals.yml"], cwd=content,
                           capture_output=True, text=True).stdout.strip()
    page.goto(f"{base}/forms/admin/history/restore?path=events/2026/open-individuals.yml&commit={first}&back=/forms/admin/")
    assert_accessible(page)
    page.get_by_role("button", name="نعم، استعيدي هذه النسخة").click()
    assert "لم يتغيّر شيء" in page.locator(".tw-flash").inner_text()  # it is that version already
    # A stale save, posted as an edit page posts it (a base blob that is no longer the newest):
    # the stale-edit page shows both versions, and her version goes on top of the current one.
    rel = "events/2026/open-individuals.yml"
    opened = subprocess.run(["git", "rev-parse", f"HEAD:{rel}"], cwd=content, capture_output=True, text=True).stdout.strip()
    started = (content / rel).read_text(encoding="utf-8")
    developer_commit(content, rel, started.replace("audience: النساء", "audience: النساء والشابات"))
    page.evaluate("""([path, base, text]) => {
        const form = Object.assign(document.createElement('form'), {method: 'post', action: '/forms/admin/edits/reapply'});
        const values = {csrf_token: document.querySelector('input[name=csrf_token]').value, path, base, text,
                        back: '/forms/admin/'};
        for (const [name, value] of Object.entries(values)) {
            form.appendChild(Object.assign(document.createElement('input'), {type: 'hidden', name, value}));
        }
        document.body.appendChild(form);
        form.submit();
    }""", [rel, opened, started.replace("فعالية open-individuals", "ورشة الحقوق")])
    expect(page.get_by_role("heading", level=1)).to_have_text("حفظ غيرُك هذا الملف بعد أن فتحتِه")
    assert_accessible(page)
    page.get_by_role("button", name="أعيدي تطبيق تعديلي على النسخة الحالية").click()
    assert "حُفظ التعديل" in page.locator(".tw-flash").inner_text()
    saved = (content / rel).read_text(encoding="utf-8")
    assert "ورشة الحقوق" in saved and "النساء والشابات" in saved  # both changes kept
    page.goto(f"{base}/events/{slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "أمسية: التمكين الاقتصادي للنساء"
    assert "قاعة البلدية" in page.content()
    page.goto(f"{base}/events/")
    assert page.get_by_role("link", name="أمسية: التمكين الاقتصادي للنساء").count() == 1
    # The ministry reads who did it in the audit log (with her second factor).
    page.goto(f"{base}/forms/admin/")
    page.get_by_role("button", name="تسجيل الخروج").click()
    page.get_by_label("اسم المستخدم").fill("wizara")
    page.get_by_label("كلمة المرور").fill(wizara["password"])
    page.get_by_label("رمز التحقق من تطبيق المصادقة").fill(pyotp.TOTP(wizara["secret"]).now())
    page.get_by_role("button", name="دخول").click()
    page.get_by_role("link", name="سجلّ العمليات").click()
    assert_accessible(page)
    log = page.get_by_role("table").inner_text()
    assert "اعتماد نشاط" in log and commit[:10] in log and slug in log and "huda" in log
    assert "submission_approve" not in log and "الوقت (بتوقيت فلسطين)" in log
    page.get_by_role("link", name="الحسابات").click()
    assert_accessible(page)


# In Chromium, against the `make run` server: an organisation registers people by name with
# her choices about messages and calls, sees them on her page and adds one more; the coordinator
# sees the people, marks one present, opens the sign-in sheet and the message page. axe-core
# checks each page (zero violations).
def test_an_organisation_registers_people_and_the_coordinator_sees_and_marks_them(devserver, page):
    base, _content, _wizara = devserver
    page.goto(f"{base}/forms/events/open-organisations/register")
    assert_accessible(page)  # the form with names, the safe-contact question and the opt-in
    page.locator("#name").fill("منسقة")
    page.locator("#contact").fill("0599777001")
    page.locator("#governorate").select_option("jenin")
    page.locator("#organisation").fill("جمعية النهضة")
    page.locator("#attendees").fill("3")
    page.locator("#names").fill("سلمى، منسّقة المشروع\nرنا")
    page.get_by_label("رسائل فقط، دون اتصال").check()
    page.get_by_label("أرسلوا لي رسائل عن هذا التسجيل").check()
    page.locator("#email").fill("org@example.org")
    page.locator("#consent").check()
    time.sleep(3.1)  # the form's minimum fill time (FORMS_MIN_SECONDS)
    page.get_by_role("button", name="إرسال التسجيل").click()
    assert page.get_by_role("heading", level=1).inner_text() == "تسجيلكِ مؤكَّد"
    assert_accessible(page)  # her page with the people
    people = page.locator("#people li")
    assert people.count() == 3 and "سلمى — منسّقة المشروع" in people.nth(0).inner_text()
    page.locator("#people textarea").fill("هبة")
    page.get_by_role("button", name="إضافة").click()
    expect(page.locator("#people li")).to_have_count(4)  # after the redirect back to her page

    page.goto(f"{base}/forms/admin/")
    page.get_by_label("اسم المستخدم").fill("huda")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.goto(f"{base}/forms/admin/events/open-organisations/registrations")
    assert_accessible(page)  # people under the organisation, each with her own mark
    row = page.locator("tr", has_text="جمعية النهضة")
    assert "رسائل فقط، دون اتصال" in row.inner_text() and row.locator("a[href^='tel:']").count() == 0
    page.get_by_role("button", name=re.compile("^حضر.*سلمى")).click()  # the visible word starts her name
    expect(page.get_by_text("الحضور حتى الآن: 1")).to_be_visible()
    page.get_by_role("link", name="كشف الحضور للطباعة").click()
    assert_accessible(page)
    assert "هبة" in page.get_by_role("table").inner_text()
    page.goto(f"{base}/forms/admin/events/open-organisations/message")
    assert_accessible(page)
    assert "ستصل إلى: 1" in page.locator(".tw-box").inner_text()


def _sign_in(page, base: str, username: str, password: str, secret: str | None = None) -> None:
    page.goto(f"{base}/forms/admin/login")
    page.get_by_label("اسم المستخدم").fill(username)
    page.get_by_label("كلمة المرور").fill(password)
    if secret:
        page.get_by_label("رمز التحقق من تطبيق المصادقة").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="دخول").click()


def test_the_ministry_creates_a_coordinator_from_the_web_and_she_signs_in(devserver, page, browser):
    """Issue 13 (accounts): from the accounts page, without a terminal; the password and the TOTP
    secret are read off the page that shows them once, as the ministry would read them out."""
    base, _content, wizara = devserver
    _sign_in(page, base, "wizara", wizara["password"], wizara["secret"])
    page.get_by_role("link", name="الحسابات").click()
    page.get_by_role("link", name="إنشاء حساب").click()
    page.get_by_label("اسم المستخدم").fill("salma.jenin")
    page.get_by_label("الاسم كما يظهر في منطقة المنسّقات").fill("سلمى")  # no governorate yet: refused, input kept
    page.get_by_role("button", name="إنشاء الحساب").click()
    assert "اختاري محافظة المنسّقة" in page.locator(".tw-summary").inner_text()
    assert page.get_by_label("الاسم كما يظهر في منطقة المنسّقات").input_value() == "سلمى"
    assert_accessible(page)  # the form with its errors
    page.get_by_label("المحافظة").select_option("jenin")
    page.get_by_label("التحقق بخطوتين (رمز من تطبيق المصادقة عند الدخول)").check()
    page.get_by_role("button", name="إنشاء الحساب").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("أُنشئ الحساب")
    assert_accessible(page)  # the page that shows the secrets once
    password, secret = page.locator("#new-password").inner_text(), page.locator("#new-totp-secret").inner_text()
    page.get_by_role("link", name="العودة إلى الحسابات").click()
    assert "salma.jenin" in page.get_by_role("table").inner_text() and password not in page.content()
    page.get_by_role("link", name=re.compile("^كلمة مرور جديدة.*salma.jenin")).click()
    assert_accessible(page)  # the confirmation before a reset

    other = browser.new_context(viewport={"width": 360, "height": 740}, locale="ar")
    salma = other.new_page()
    _sign_in(salma, base, "salma.jenin", password, secret)
    assert salma.get_by_role("heading", level=1).inner_text() == "لوحة المتابعة: محافظة جنين"
    other.close()
