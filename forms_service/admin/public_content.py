"""The ministry's editing of public content: awareness articles and campaigns (Markdown with
front matter, and a picture each), occasions and helplines (items of a listing file).

Ministry only: a governorate coordinator gets 403 on every one of these pages. Each page
opens its file from the branch (`writer().read`: text and blob), and each save is one commit
through the editing kit (editing.commit_or_explain): checked with the whole catalogue first,
her input kept with Arabic messages beside the fields when it is refused, the stale-edit page
when someone saved the same file after she opened it. A slug is made once, when the item is
created, and the edit pages never change it.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from tawasul.images import ImageRefused, prepare
from tawasul.writer import WriteRefused

from ..content import writer
from ..fields import options
from ..error_pages import BadInput
from ..security import reads_large_body
from ..services import public_content as rules
from ..services.public_content import ARTICLES, CAMPAIGNS, HELPLINES, OCCASIONS, Document, Listing
from . import editing, scope
from .auth import ministry_only
from .content_forms import ArticleForm, CampaignForm, ContentForm, HelplineForm, ImageForm, OccasionForm
from .preview import preview

FORMS = {ARTICLES.name: ArticleForm, CAMPAIGNS.name: CampaignForm,
         OCCASIONS.name: OccasionForm, HELPLINES.name: HelplineForm}
PREVIEW, BACK = "preview", "edit"
TAKEN = "هذا الاسم مستخدم لصفحة أخرى؛ اختاري اسماً آخر أو اتركيه فارغاً"


@editing.may_edit_files
def _ministry_files(account, rel: str) -> bool:
    return account.is_ministry and rules.content_file(rel)


@ministry_only
def content_index():
    cat = scope.catalogue()
    return render_template("admin/content_index.html",
                           articles=sorted(cat.articles.values(), key=lambda a: a.date, reverse=True),
                           campaigns=sorted(cat.campaigns.values(), key=lambda c: c.start, reverse=True),
                           occasions=sorted(cat.occasions.values(), key=lambda o: o.start),
                           helplines=list(cat.helplines.values()))


# --- articles and campaigns -----------------------------------------------------------------

def _choices(form, kind: Document) -> None:
    cat = scope.catalogue()
    if kind is ARTICLES:
        form.category.choices = options([("", "اختاري التصنيف")] + [(c.slug, c.name) for c in cat.categories.values()])
    else:
        form.governorates.choices = [(g.slug, g.name) for g in cat.governorates.values()]
        form.occasion.choices = options([("", "ليست مرتبطة بمناسبة")] + [(o.slug, o.name) for o in cat.occasions.values()])


def _filled(form, text: str) -> None:
    """The edit page opens with the file's values as committed (the body as she wrote it)."""
    meta, body = rules.read_document(text)
    for name in form.FIELDS:
        value = meta.get(name)
        if isinstance(value, list):
            value = "\n".join(map(str, value)) if name != "governorates" else value
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        form[name].data = value if value is not None else ("" if name != "governorates" else [])
    form.body.data = body


def _document_page(kind: Document, form, slug: str | None, status: int = 200, image_form=None, text=None):
    rel = kind.rel(slug) if slug else None
    if slug and image_form is None:
        image_form = ImageForm(formdata=None)
        image_form.base.data = form.base.data
        image_form.alt.data = (rules.image_of(text) or {}).get("alt", "") if text else ""
    return render_template("admin/document_edit.html", kind=kind, form=form, slug=slug, image_form=image_form,
                           image=rules.image_of(text) if text else None, rel=rel,
                           history=editing.history(rel) if rel else []), status


def _back(kind, slug: str) -> str:
    return url_for(f"admin.{kind.noun}_edit", **{kind.noun: slug})


def _document(kind: Document, slug: str | None):
    opened = writer().read(kind.rel(slug)) if slug else None
    if slug and opened.text is None:
        abort(404)
    text = opened.text if opened else None
    form = FORMS[kind.name](formdata=request.form if request.method == "POST" else None)
    _choices(form, kind)
    if request.method == "GET":
        if slug:
            _filled(form, text)
            form.base.data = opened.blob
        return _document_page(kind, form, slug, text=text)
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return _document_page(kind, form, slug, 400 if form.csrf_failed() else 422, text=text)
    if form.action.data == BACK:  # from the preview, to her form with her values
        return _document_page(kind, form, slug, text=text)
    if slug:  # an edit: the slug is not on the page, and never changes
        summary = f"تعديل {kind.label}: {form.title.data}"
        expected = {kind.rel(slug): form.base.data or None}
    else:
        slug = _free_slug(kind, form)
        if slug is None:
            return _document_page(kind, form, None, 422)
        summary = f"{kind.new_label}: {form.title.data}"
        expected = {kind.rel(slug): None}
    rel = kind.rel(slug)
    changes = {rel: rules.document_text(kind, text, form.front_matter(), form.body.data)}
    if form.action.data == PREVIEW:
        return _previewed(form, rel, changes[rel], _here(), rules.field_for(rel)) \
            or _document_page(kind, form, slug if text else None, 422, text=text)
    done = editing.commit_or_explain(form, changes, summary=summary, expected=expected, field_of=rules.field_for(rel),
                                     back=_back(kind, slug), object_type=kind.noun, object_id=slug)
    return done or _document_page(kind, form, slug if text else None, 422, text=text)


def _previewed(form, rel: str, text: str, action: str, field_of):
    """The site's page as it would be with `text` (helper 13b's admin/preview.py), with her
    values carried in its banner; None, with the messages on `form` as a save would put them,
    when it would not build."""
    try:
        return preview(rel, text, render_template("admin/_preview_banner.html", form=form, action=action))
    except WriteRefused as refusal:
        editing.explain(form, refusal, field_of)
        return None


def _here() -> str:
    """This page's URL, under whatever prefix the service answers (the preview posts back here)."""
    return url_for(request.endpoint, **request.view_args)


def _free_slug(kind: Document, form) -> str | None:
    """The first free name: hers, or one made from the item's fields. None (and a message
    beside the field) when hers is taken."""
    base = (rules.article_base(form.category.data, form.date.parsed) if kind is ARTICLES
            else rules.campaign_base(form.start.parsed))
    taken = set(getattr(scope.catalogue(), kind.name))
    for slug in rules.candidate_slugs(form.slug.data, base):
        if slug not in taken and writer().read(kind.rel(slug)).blob is None:
            return slug
    form.slug.errors = [TAKEN]
    return None


@ministry_only
@reads_large_body("ADMIN_TEXT_MAX_BYTES")
def article_new():
    return _document(ARTICLES, None)


@ministry_only
@reads_large_body("ADMIN_TEXT_MAX_BYTES")
def article_edit(article: str):
    return _document(ARTICLES, article)


@ministry_only
@reads_large_body("ADMIN_TEXT_MAX_BYTES")
def campaign_new():
    return _document(CAMPAIGNS, None)


@ministry_only
@reads_large_body("ADMIN_TEXT_MAX_BYTES")
def campaign_edit(campaign: str):
    return _document(CAMPAIGNS, campaign)


# --- pictures -------------------------------------------------------------------------------

TOO_LARGE = "الملف أكبر من {} ميغابايت؛ صغّري الصورة ثم ارفعيها مرة أخرى. لم يُحفظ شيء."


def _image(kind: Document, slug: str):
    opened = writer().read(kind.rel(slug))
    if opened.text is None:
        abort(404)
    page_form = FORMS[kind.name](formdata=None)
    _choices(page_form, kind)
    _filled(page_form, opened.text)
    page_form.base.data = opened.blob

    def again(image_form, status):
        return _document_page(kind, page_form, slug, status, image_form=image_form, text=opened.text)

    try:
        form = ImageForm()
    except RequestEntityTooLarge:
        form = ImageForm(formdata=None)
        form.image.errors = [TOO_LARGE.format(request.max_content_length // (1024 * 1024))]
        return again(form, 413)
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return again(form, 400 if form.csrf_failed() else 422)
    upload = request.files.get("image")
    prepared = None
    if upload is not None and upload.filename:
        try:
            prepared = prepare(upload.read())
        except ImageRefused as refusal:
            form.image.errors = [str(refusal)]
            return again(form, 422)
    elif not rules.image_of(opened.text):
        form.image.errors = ["اختاري ملف الصورة"]
        return again(form, 422)
    changes = rules.image_changes(kind, slug, opened.text, prepared, form.alt.data)
    summary = f"صورة {kind.label}: {slug}" if prepared else f"وصف صورة {kind.label}: {slug}"
    done = editing.commit_or_explain(form, changes, summary=summary, expected=_expected(kind.rel(slug), form, changes),
                                     field_of=rules.field_for(kind.rel(slug)), back=_back(kind, slug),
                                     object_type=kind.noun, object_id=slug)
    return done or again(form, 422)


def _image_removal(kind: Document, slug: str):
    opened = writer().read(kind.rel(slug))
    if opened.text is None or not rules.image_of(opened.text):
        abort(404)
    form = ContentForm()
    if form.unexpected_input() or not form.validate():
        abort(400)
    changes = rules.without_image(kind, slug, opened.text)
    done = editing.commit_or_explain(form, changes, summary=f"حذف صورة {kind.label}: {slug}",
                                     expected=_expected(kind.rel(slug), form, changes), back=_back(kind, slug),
                                     object_type=kind.noun, object_id=slug)
    if done:
        return done
    flash(" ".join(form.form_errors) or "تعذّر حذف الصورة.", "error")
    return redirect(_back(kind, slug), code=303)


def _expected(rel: str, form, changes: dict) -> dict:
    """Her document as she opened it; a new picture is created, an old one deleted as it is."""
    expected = {rel: form.base.data or None}
    for path, value in changes.items():
        if path != rel:
            expected[path] = writer().read(path).blob if value is None else None
    return expected


@ministry_only
@reads_large_body("ADMIN_IMAGE_MAX_BYTES", files=True)
def article_image(article: str):
    return _image(ARTICLES, article)


@ministry_only
@reads_large_body("ADMIN_IMAGE_MAX_BYTES", files=True)
def campaign_image(campaign: str):
    return _image(CAMPAIGNS, campaign)


@ministry_only
def article_image_remove(article: str):
    return _image_removal(ARTICLES, article)


@ministry_only
def campaign_image_remove(campaign: str):
    return _image_removal(CAMPAIGNS, campaign)


# --- occasions and helplines ----------------------------------------------------------------

def _listing_page(kind: Listing, form, slug: str | None, status: int = 200):
    return render_template("admin/listing_edit.html", kind=kind, form=form, slug=slug, rel=kind.rel,
                           history=editing.history(kind.rel)), status


def _listed(kind: Listing, slug: str | None):
    opened = writer().read(kind.rel)
    item = rules.listed_item(opened.text, slug) if slug else None
    if slug and item is None:
        abort(404)
    form = FORMS[kind.name](formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.base.data = opened.blob
        for name in form.FIELDS if item else ():
            value = item.get(name)
            form[name].data = value if isinstance(value, bool) else ("" if value is None else str(value))
        return _listing_page(kind, form, slug)
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return _listing_page(kind, form, slug, 400 if form.csrf_failed() else 422)
    if form.action.data == BACK:
        return _listing_page(kind, form, slug)
    values = form.values()
    if slug:
        summary = f"تعديل {kind.label}: {values['name']}"
    else:
        base = rules.occasion_base(values["start"]) if kind is OCCASIONS else rules.helpline_base(values["number"])
        taken = rules.listed_slugs(opened.text)
        slug = next((s for s in rules.candidate_slugs(form.slug.data, base) if s not in taken), None)
        if slug is None:
            form.slug.errors = [TAKEN]
            return _listing_page(kind, form, None, 422)
        values = {key: value for key, value in values.items() if value is not None}
        summary = f"{kind.new_label}: {values['name']}"
    # Her change on the file as it is now; if it moved since she opened it, the kit's stale
    # check (expected = the blob she opened) stops the save and shows both versions.
    changes = {kind.rel: rules.listing_text(kind, opened.text, slug, values)}
    if form.action.data == PREVIEW:
        return _previewed(form, kind.rel, changes[kind.rel], _here(), rules.field_for(kind.rel, f"{slug}.")) \
            or _listing_page(kind, form, slug if item else None, 422)
    done = editing.commit_or_explain(form, changes, summary=summary, expected={kind.rel: form.base.data or None},
                                     field_of=rules.field_for(kind.rel, f"{slug}."), back=_back(kind, slug),
                                     object_type=kind.noun, object_id=slug)
    return done or _listing_page(kind, form, slug if item else None, 422)


@ministry_only
def occasion_new():
    return _listed(OCCASIONS, None)


@ministry_only
def occasion_edit(occasion: str):
    return _listed(OCCASIONS, occasion)


@ministry_only
def helpline_new():
    return _listed(HELPLINES, None)


@ministry_only
def helpline_edit(helpline: str):
    return _listed(HELPLINES, helpline)

