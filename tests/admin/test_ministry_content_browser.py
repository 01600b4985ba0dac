"""The ministry's editing, end to end in Chromium on a phone-sized screen: she signs in with her
TOTP code, writes an awareness article, previews it, saves it, adds a phone photo with its
description, and the publish worker (a real process) puts the article live with the picture,
which the site serves without the photo's EXIF. axe-core checks every page she sees, the
preview included."""
from __future__ import annotations

import io
import re

import pyotp
import pytest
import requests
from PIL import Image
from support.publishing import editing_stack, fetched_when
from support.safety_browser import assert_accessible
from support.store import git, head_files, site_repo

PASSWORD = "a-long-ministry-password"
BODY = "مقدمة قصيرة.\n\n## خطة الأمان\n\n- احفظي رقم 121.\n- جهّزي حقيبة صغيرة."


@pytest.fixture
def stack(tmp_path):
    """The sample site as a content repository (the worker builds it with its own mkdocs.yml),
    its publish worker, the `make run` server, and a ministry account with its TOTP secret."""
    content = site_repo(tmp_path / "content")
    wizara = (["wizara", "--name", "الوزارة", "--role", "ministry"], PASSWORD)
    with editing_stack(tmp_path, content, wizara) as (base, printed):
        fetched_when(f"{base}/awareness/", lambda text: "الابتزاز الإلكتروني" in text)  # the first build is live
        secret = re.search(r"TOTP secret[^:]*: (\S+)", printed[0]).group(1)
        yield base, content, secret


def phone_photo() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 57.0, 12.5), 3: "E", 4: (35.0, 12.0, 3.0)})
    out = io.BytesIO()
    Image.new("RGB", (1800, 1200), (180, 90, 120)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_the_ministry_writes_an_article_with_a_picture_and_it_goes_live(stack, phone_page):
    base, content, secret = stack
    page = phone_page
    page.goto(f"{base}/forms/admin/login")
    page.get_by_label("اسم المستخدم").fill("wizara")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_label("رمز التحقق من تطبيق المصادقة").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="دخول").click()
    page.get_by_role("link", name="محتوى الموقع").click()
    assert_accessible(page)
    page.get_by_role("link", name="مقال جديد").click()
    assert_accessible(page)
    page.locator("#slug").fill("safe-at-home")
    page.locator("#title").fill("الأمان في البيت")
    page.locator("#category").select_option("rights-and-laws")
    page.locator("#summary").fill("خطوات بسيطة لخطة أمان.")
    page.locator("#date").fill("2026-11-20")
    page.locator("#body").fill(BODY)
    before = git(content, "rev-parse", "HEAD")
    page.get_by_role("button", name="معاينة").click()
    assert page.get_by_role("heading", level=1).inner_text() == "الأمان في البيت"
    assert page.get_by_role("heading", name="خطة الأمان").count() == 1
    assert_accessible(page)
    assert git(content, "rev-parse", "HEAD") == before
    page.get_by_role("button", name="حفظ").click()
    assert "حُفظ التعديل" in page.locator(".tw-flash").inner_text()
    assert git(content, "log", "-1", "--format=%an") == "الوزارة"
    assert head_files(content) == ["content/awareness/safe-at-home.md"]
    assert_accessible(page)  # the edit page: writing guide, picture form, history

    page.locator("#image").set_input_files(files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg",
                                                    "buffer": phone_photo()}])
    page.locator("#alt").fill("امرأة تحمل حقيبة صغيرة")
    page.get_by_role("button", name="حفظ الصورة").click()
    assert "حُفظ التعديل" in page.locator(".tw-flash").inner_text()
    pictures = [f for f in head_files(content) if f.startswith("content/awareness/images/")]
    assert len(pictures) == 1

    live = fetched_when(f"{base}/awareness/safe-at-home/", lambda text: "tw-picture" in text)
    src = re.search(r'<img src="([^"]+)" alt="امرأة تحمل حقيبة صغيرة"', live).group(1)
    served = requests.get(f"{base}/awareness/safe-at-home/{src}", timeout=10)
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/webp"
    assert b"Exif" not in served.content and b"PhoneMaker" not in served.content
    page.goto(f"{base}/awareness/safe-at-home/")
    assert page.locator("figure.tw-picture img").evaluate("img => img.naturalWidth") == 1600  # shrunk to 1600 px
    assert_accessible(page)
