"""The ministry edits public content from the web: awareness articles, campaigns, occasions and
helplines, and the pictures of articles and campaigns. Over HTTP (Flask's client, real forms
as the pages render them), against a real git repository as the content root.

What is checked is what she and the public meet: one commit per save with her as author, the
file as a developer would write it, her input kept with Arabic messages when a save is refused
(and then no commit), a phone photo published without its EXIF (GPS included), coordinators
refused, and the built site showing the new article with its picture.

Content editing touches the database only for the audit record, so these tests run on SQLite
alone (the kit's own tests cover the audit on PostgreSQL).
"""
from __future__ import annotations

import io
import subprocess

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from support.html import form_fields, text_of
from support.site_build import mkdocs_build
from support.store import git

ARTICLE = {"slug": "safe-at-home", "title": "الأمان في البيت", "category": "rights",
           "summary": "خطوات بسيطة لخطة أمان.", "date": "2026-11-20",
           "body": "مقدمة قصيرة.\n\n## خطة الأمان\n\n- احفظي رقم 121.\n- جهّزي حقيبة صغيرة."}
GPS_PLACE = (31.0, 57.0, 12.5)


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'forms.sqlite3'}"


def commits(repo) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def committed(repo, rel: str) -> bytes:
    return subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=repo, capture_output=True, check=True).stdout


def open_and_send(person, page_url: str, form_action: str | None = None, files: dict | None = None, **changes):
    """She opens the page, changes some fields and sends its form (the one whose action ends
    with `form_action`; else the page's last form, posted to the page)."""
    page = person.client.get(page_url)
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    fields = {**form_fields(html, action=form_action), **changes}
    target = page_url if not form_action else BeautifulSoup(html, "html.parser").find(
        "form", method="post", action=lambda a: a and a.endswith(form_action))["action"]
    return person.client.post(target, data={**fields, **(files or {})},
                              content_type="multipart/form-data" if files else None)


def new_article(wizara, **changes):
    return open_and_send(wizara, "/admin/content/articles/new", **{**ARTICLE, **changes})


def phone_photo() -> bytes:
    """A JPEG as a phone writes it: GPS position, maker, owner, and a rotation tag."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x013B] = "Owner Name"
    exif[0x0112] = 6  # taken upright: the pixels are stored rotated
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: GPS_PLACE, 3: "E", 4: (35.0, 12.0, 3.0)})
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), (180, 90, 120)).save(out, "JPEG", exif=exif, quality=85)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)[2] == GPS_PLACE  # the test can fail
    return data


def upload(wizara, slug: str, data: bytes, alt: str, name: str = "photo.jpg", kind: str = "articles"):
    return open_and_send(wizara, f"/admin/content/{kind}/{slug}/edit", form_action=f"/{slug}/image",
                         files={"image": (io.BytesIO(data), name)}, alt=alt)


# --- articles -------------------------------------------------------------------------------

def test_the_ministry_creates_an_article_and_edits_it_one_commit_each(staff, content):
    wizara = staff("wizara")
    before = commits(content)
    answer = new_article(wizara)
    assert answer.status_code == 303, text_of(answer)[:800]
    assert answer.headers["Location"].endswith("/admin/content/articles/safe-at-home/edit")
    assert commits(content) == before + 1
    assert git(content, "log", "-1", "--format=%an|%s") == "الوزارة|مقال توعوي جديد: الأمان في البيت"
    assert git(content, "show", "--name-only", "--format=", "HEAD") == "content/awareness/safe-at-home.md"
    text = committed(content, "content/awareness/safe-at-home.md").decode()
    assert text.startswith("---\ntitle: الأمان في البيت\ncategory: rights\n")
    assert "date: 2026-11-20\n" in text and text.endswith("- جهّزي حقيبة صغيرة.\n")

    page = wizara.client.get("/admin/content/articles/safe-at-home/edit")
    shown = form_fields(page.get_data(as_text=True), action="/safe-at-home/edit")
    assert shown["title"] == "الأمان في البيت" and shown["body"] == ARTICLE["body"] and "slug" not in shown
    assert "دليل الكتابة" in text_of(page) and "121" in text_of(page)
    answer = open_and_send(wizara, "/admin/content/articles/safe-at-home/edit", form_action="/safe-at-home/edit",
                           title="خطة الأمان في البيت")
    assert answer.status_code == 303
    assert commits(content) == before + 2
    diff = git(content, "diff", "--unified=0", "HEAD^", "HEAD")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-title: الأمان في البيت", "+title: خطة الأمان في البيت"]  # the slug never moves
    assert git(content, "log", "-1", "--format=%s") == "تعديل المقال: خطة الأمان في البيت"
    audit = text_of(wizara.client.get("/admin/audit"))
    assert "تعديل محتوى" in audit and "مقال توعوي" in audit and git(content, "rev-parse", "HEAD")[:10] in audit


def test_the_same_article_saved_from_two_tabs_the_second_gets_both_versions(staff, content):
    """Two pages opened on the same version (two tabs; one ministry account can sign in only
    once per TOTP code): the second save is refused with both versions, and nothing is lost."""
    wizara = staff("wizara")
    first = second = wizara
    url = "/admin/content/articles/first-article/edit"
    pages = [person.client.get(url).get_data(as_text=True) for person in (first, second)]
    fields = [form_fields(html, action="/first-article/edit") for html in pages]
    before = commits(content)
    assert first.client.post(url, data={**fields[0], "summary": "ملخص الأولى."}).status_code == 303
    stale = second.client.post(url, data={**fields[1], "summary": "ملخص الثانية."})
    assert stale.status_code == 409
    page = text_of(stale)
    assert "ملخص الأولى." in page and "ملخص الثانية." in page  # both versions; hers kept to re-apply
    assert commits(content) == before + 1
    assert "summary: ملخص الأولى.\n" in committed(content, "content/awareness/first-article.md").decode()


def test_she_previews_an_article_before_saving_it(staff, content):
    """The page the site would show (helper 13b's admin/preview.py), her values carried through
    its banner, and nothing committed until she saves."""
    wizara = staff("wizara")
    before = commits(content)
    shown = new_article(wizara, action="preview")
    assert shown.status_code == 200, text_of(shown)[:800]
    html = shown.get_data(as_text=True)
    page = BeautifulSoup(html, "html.parser")
    assert page.h1.get_text(strip=True) == "الأمان في البيت" and page.find("h2", string="خطة الأمان") is not None
    assert "معاينة: هذه الصفحة كما ستظهر في الموقع، ولم تُحفظ بعد." in text_of(shown)
    assert commits(content) == before
    carried = form_fields(html, action="/content/articles/new")
    assert carried["body"] == ARTICLE["body"] and carried["slug"] == "safe-at-home"
    back = wizara.client.post("/admin/content/articles/new", data={**carried, "action": "edit"})
    assert back.status_code == 200 and form_fields(back.get_data(as_text=True))["title"] == "الأمان في البيت"
    saved = wizara.client.post("/admin/content/articles/new", data={**carried, "action": "save"})
    assert saved.status_code == 303 and commits(content) == before + 1


def test_a_hand_written_article_keeps_its_comment_and_layout(staff, content):
    rel = "content/awareness/first-article.md"
    (content / rel).write_text("---\n# كتبتها المطوّرة يدوياً\ntitle: مقالة\ncategory: rights\nsummary: ملخص.\n"
                               "date: 2026-03-08\n---\nنص.\n", encoding="utf-8")
    git(content, "commit", "--quiet", "-am", "تعليق")
    wizara = staff("wizara")
    answer = open_and_send(wizara, "/admin/content/articles/first-article/edit", form_action="/first-article/edit",
                           summary="ملخص أوضح.")
    assert answer.status_code == 303
    assert committed(content, rel).decode() == ("---\n# كتبتها المطوّرة يدوياً\ntitle: مقالة\ncategory: rights\n"
                                                "summary: ملخص أوضح.\ndate: 2026-03-08\n---\nنص.\n")


def test_a_slug_is_made_once_and_a_taken_one_is_refused(staff, content):
    wizara = staff("wizara")
    made = new_article(wizara, slug="")
    assert made.status_code == 303 and made.headers["Location"].endswith("/articles/rights-2026-11-20/edit")
    again = new_article(wizara, slug="")
    assert again.headers["Location"].endswith("/articles/rights-2026-11-20-2/edit")
    before = commits(content)
    taken = new_article(wizara, slug="first-article", title="عنوان جديد")
    page = text_of(taken)
    assert taken.status_code == 422 and "هذا الاسم مستخدم" in page
    assert form_fields(taken.get_data(as_text=True))["title"] == "عنوان جديد"
    assert commits(content) == before


def test_bad_input_is_explained_beside_its_field_and_nothing_is_committed(staff, content):
    wizara = staff("wizara")
    before = commits(content)
    answer = new_article(wizara, title="", date="20-11-2026", slug="Safe At Home",
                         body="نص فيه <script>alert(1)</script>")
    page = text_of(answer)
    assert answer.status_code == 422
    for message in ("هذا الحقل مطلوب", "اكتبي التاريخ مثل 2026-11-25", "حروف لاتينية صغيرة",
                    "لا تكتبي وسوم HTML"):
        assert message in page, message
    kept = form_fields(answer.get_data(as_text=True))
    assert kept["slug"] == "Safe At Home" and kept["body"] == "نص فيه <script>alert(1)</script>"
    assert commits(content) == before


def test_the_content_model_refuses_an_invalid_campaign_beside_its_field(staff, content):
    """A hashtag with a space, then an end before the start: rules of the content model itself
    (schema.py), met when the file is checked with the whole catalogue. No file, no commit, her
    input kept."""
    wizara = staff("wizara")
    before = commits(content)
    campaign = dict(slug="", title="حملة الشتاء", summary="ملخص.", start="2026-12-01", end="2026-12-20",
                    governorates=["jenin", "nablus"], goals="هدف أول\nهدف ثانٍ", partners="", hashtag="#حملة الشتاء",
                    occasion="", body="نص الحملة.")
    for change, field, message in ((dict(), "hashtag", "وسم غير صالح"),
                                   (dict(hashtag="", start="2026-12-20", end="2026-12-01"), "end", "تاريخ نهاية الحملة قبل تاريخ بدايتها")):
        for button in ("save", "preview"):  # the preview refuses what a save would
            answer = wizara.post("/admin/content/campaigns/new", **{**campaign, **change, "action": button})
            html = answer.get_data(as_text=True)
            assert answer.status_code == 422, text_of(answer)[:500]
            error = BeautifulSoup(html, "html.parser").find(id=f"{field}-error")  # beside its field
            assert error is not None and message in error.get_text(), text_of(answer)[:1500]
            assert form_fields(html)["goals"] == "هدف أول\nهدف ثانٍ"
    assert commits(content) == before


# --- campaigns, occasions, helplines --------------------------------------------------------

def test_the_ministry_creates_and_edits_a_campaign_an_occasion_and_a_helpline(staff, content):
    wizara = staff("wizara")
    before = commits(content)
    campaign = wizara.post("/admin/content/campaigns/new", slug="winter-2026", title="حملة الشتاء",
                           summary="ملخص.", start="2026-12-01", end="2026-12-20", governorates=["jenin", "nablus"],
                           goals="هدف أول\nهدف ثانٍ", partners="وزارة شؤون المرأة", hashtag="#دفء_آمن",
                           occasion="sixteen-days", body="نص الحملة.")
    assert campaign.status_code == 303, text_of(campaign)[:800]
    text = committed(content, "campaigns/winter-2026.md").decode()
    assert "governorates:\n- jenin\n- nablus\n" in text and "occasion: sixteen-days\n" in text

    occasion = open_and_send(wizara, "/admin/content/occasions/new", slug="", name="يوم المرأة العاملة",
                             start="5-1", end="", description="يوم لحقوق العاملات.")
    assert occasion.status_code == 303, text_of(occasion)[:800]
    assert occasion.headers["Location"].endswith("/occasions/occasion-05-01/edit")
    helpline = open_and_send(wizara, "/admin/content/helplines/new", slug="legal-aid", name="خط المشورة القانونية",
                             number="000 000 0121", description="استشارة قانونية (رقم تجريبي).", free="y")
    assert helpline.status_code == 303, text_of(helpline)[:800]
    listing = committed(content, "content/data/helplines.yml").decode()
    assert listing.endswith('- slug: legal-aid\n  name: خط المشورة القانونية\n  number: 000 000 0121\n'
                            '  description: استشارة قانونية (رقم تجريبي).\n  free: true\n')
    assert commits(content) == before + 3

    edits = [("/admin/content/campaigns/winter-2026/edit", {"title": "حملة الشتاء الآمن"}),
             ("/admin/content/occasions/occasion-05-01/edit", {"description": "يوم لحقوق النساء العاملات."}),
             ("/admin/content/helplines/police/edit", {"description": "للطوارئ والخطر المباشر."})]
    for url, change in edits:
        answer = open_and_send(wizara, url, form_action=url.removeprefix("/admin"), **change)
        assert answer.status_code == 303, (url, text_of(answer)[:800])
    assert commits(content) == before + 6
    assert "title: حملة الشتاء الآمن\n" in committed(content, "campaigns/winter-2026.md").decode()
    police = committed(content, "content/data/helplines.yml").decode()
    assert "description: للطوارئ والخطر المباشر.\n" in police and "first_screen: true" in police
    assert git(content, "log", "-1", "--format=%s") == "تعديل خط المساعدة: الشرطة"


# --- pictures -------------------------------------------------------------------------------

def test_a_phone_photo_is_published_without_any_metadata(staff, content):
    wizara = staff("wizara")
    assert new_article(wizara).status_code == 303
    before = commits(content)
    answer = upload(wizara, "safe-at-home", phone_photo(), alt="امرأة تحمل حقيبة صغيرة")
    assert answer.status_code == 303, text_of(answer)[:800]
    assert commits(content) == before + 1
    files = git(content, "show", "--name-only", "--format=", "HEAD").splitlines()
    image_rel = next(f for f in files if f.startswith("content/awareness/images/"))
    assert sorted(files) == ["content/awareness/images/" + image_rel.rsplit("/", 1)[1], "content/awareness/safe-at-home.md"]
    data = committed(content, image_rel)
    published = Image.open(io.BytesIO(data))
    assert published.format == "WEBP" and published.size == (1200, 1600)  # upright, at most 1600 px
    assert not published.getexif() and "exif" not in published.info and "xmp" not in published.info
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"Owner Name" not in data
    meta = committed(content, "content/awareness/safe-at-home.md").decode()
    assert f"image:\n  file: {image_rel.rsplit('/', 1)[1]}\n  alt: امرأة تحمل حقيبة صغيرة\n" in meta

    # A new picture replaces the old one in one commit; the old file goes.
    other = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 120, 90, 128)).save(other, "PNG")
    assert upload(wizara, "safe-at-home", other.getvalue(), alt="رسم", name="x.png").status_code == 303
    changed = git(content, "show", "--name-status", "--format=", "HEAD")
    assert f"D\t{image_rel}" in changed and changed.count("A\tcontent/awareness/images/") == 1

    # Taken off again: the file goes with the front matter's `image:`, in one commit.
    page = wizara.client.get("/admin/content/articles/safe-at-home/edit").get_data(as_text=True)
    removed = wizara.client.post("/admin/content/articles/safe-at-home/image/remove",
                                 data=form_fields(page, action="/image/remove"))
    assert removed.status_code == 303
    assert "image:" not in committed(content, "content/awareness/safe-at-home.md").decode()
    assert git(content, "show", "--name-status", "--format=", "HEAD").count("D\tcontent/awareness/images/") == 1


def test_a_campaign_gets_its_picture_beside_it(staff, content):
    wizara = staff("wizara")
    answer = upload(wizara, "orange-days", phone_photo(), alt="شريط برتقالي", kind="campaigns")
    assert answer.status_code == 303, text_of(answer)[:800]
    files = git(content, "show", "--name-only", "--format=", "HEAD").splitlines()
    assert "campaigns/orange-days.md" in files and any(f.startswith("campaigns/images/orange-days-") for f in files)
    assert "alt: شريط برتقالي" in committed(content, "campaigns/orange-days.md").decode()


def test_a_picture_needs_its_description(staff, content):
    wizara = staff("wizara")
    assert new_article(wizara).status_code == 303
    before = commits(content)
    answer = upload(wizara, "safe-at-home", phone_photo(), alt="")
    assert answer.status_code == 422
    assert "اكتبي وصفاً للصورة" in text_of(answer) and 'id="alt-error"' in answer.get_data(as_text=True)
    assert commits(content) == before


@pytest.mark.parametrize("name, data, message", [
    ("notes.jpg", "نص وليس صورة".encode(), "ليس صورة نقبلها"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "ليس صورة نقبلها"),
    ("huge.png", None, "أبعاد الصورة كبيرة جداً"),
])
def test_what_is_not_a_picture_we_publish_is_refused(staff, content, name, data, message):
    if data is None:  # 8000×8000 of one colour: a few KB on the wire, 64 megapixels decoded
        out = io.BytesIO()
        Image.new("1", (8000, 8000)).save(out, "PNG")
        data = out.getvalue()
        assert len(data) < 32 * 1024
    wizara = staff("wizara")
    assert new_article(wizara).status_code == 303
    before = commits(content)
    answer = upload(wizara, "safe-at-home", data, alt="وصف", name=name)
    assert answer.status_code == 422 and message in text_of(answer)
    assert form_fields(answer.get_data(as_text=True), action="/image")["alt"] == "وصف"
    assert commits(content) == before


def test_body_limits_are_raised_only_where_needed(app, staff, content):
    wizara = staff("wizara")
    long_body = "\n\n".join(["فقرة طويلة عن الحقوق والحماية والدعم النفسي والقانوني للنساء."] * 700)
    assert len(long_body.encode()) > 64 * 1024
    assert new_article(wizara, body=long_body).status_code == 303  # more than the service's usual 32 KiB

    app.config["ADMIN_IMAGE_MAX_BYTES"] = 100 * 1024
    before = commits(content)
    big = io.BytesIO()
    Image.effect_noise((400, 400), 90).convert("RGB").save(big, "PNG")
    assert len(big.getvalue()) > 100 * 1024
    answer = upload(wizara, "safe-at-home", big.getvalue(), alt="وصف", name="big.png")
    assert answer.status_code == 413 and "صغّري الصورة" in text_of(answer)
    # A text page takes no file, and the usual limit holds elsewhere.
    with_file = open_and_send(wizara, "/admin/content/articles/safe-at-home/edit", form_action="/safe-at-home/edit",
                              files={"image": (io.BytesIO(b"x"), "x.jpg")})
    assert with_file.status_code == 400
    assert wizara.post("/admin/submissions/1/reject", reason="x" * 40_000).status_code == 413
    assert commits(content) == before


# --- who may -------------------------------------------------------------------------------

CONTENT_URLS = ["/admin/content", "/admin/content/articles/new", "/admin/content/articles/first-article/edit",
                "/admin/content/campaigns/new", "/admin/content/campaigns/orange-days/edit",
                "/admin/content/occasions/new", "/admin/content/occasions/sixteen-days/edit",
                "/admin/content/helplines/new", "/admin/content/helplines/police/edit"]
POST_ONLY = ["/admin/content/articles/first-article/image", "/admin/content/articles/first-article/image/remove",
             "/admin/content/campaigns/orange-days/image", "/admin/content/campaigns/orange-days/image/remove"]


def test_a_coordinator_cannot_edit_public_content(staff, content):
    huda = staff("huda")
    before = commits(content)
    for url in CONTENT_URLS:
        assert huda.client.get(url).status_code == 403, url
    for url in CONTENT_URLS[1:] + POST_ONLY:
        data = {"csrf_token": huda.csrf(), **ARTICLE, "alt": "وصف"}
        if url.endswith("/image"):
            data["image"] = (io.BytesIO(phone_photo()), "p.jpg")
        answer = huda.client.post(url, data=data, content_type="multipart/form-data")
        assert answer.status_code == 403, url
    assert commits(content) == before
    assert "محتوى الموقع" not in text_of(huda.client.get("/admin/"))
    assert "محتوى الموقع" in text_of(staff("wizara").client.get("/admin/"))


# --- the site -------------------------------------------------------------------------------

def test_the_built_site_shows_the_new_article_with_its_picture(staff, content, tmp_path):
    wizara = staff("wizara")
    assert new_article(wizara).status_code == 303
    assert upload(wizara, "safe-at-home", phone_photo(), alt="امرأة تحمل حقيبة صغيرة").status_code == 303
    checkout = tmp_path / "published"  # the committed tree, as the publish worker builds it
    git(content, "worktree", "add", "--detach", str(checkout), "HEAD")
    built = mkdocs_build(tmp_path / "site", content_root=checkout)
    assert built.returncode == 0, built.stderr[-3000:]
    page = BeautifulSoup((tmp_path / "site/awareness/safe-at-home/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.h1.get_text(strip=True) == "الأمان في البيت"
    img = page.select_one("figure.tw-picture img")
    assert img["alt"] == "امرأة تحمل حقيبة صغيرة" and (img["width"], img["height"]) == ("1200", "1600")
    served = (tmp_path / "site/awareness/safe-at-home" / img["src"]).resolve()
    assert served.is_file() and b"Exif" not in served.read_bytes()
    assert page.find("h2", string="خطة الأمان") is not None
