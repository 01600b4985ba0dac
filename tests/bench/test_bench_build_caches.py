"""Caches added for large builds (benchmark findings) give the same answers as the plain code."""
from __future__ import annotations

from datetime import datetime, time

from tawasul import dates
from tawasul.loader import load_catalogue


def test_events_in_order_is_sorted_once_and_each_caller_gets_its_own_list(synthetic_root):
    cat = load_catalogue(synthetic_root)
    expected = sorted(cat.events.values(), key=lambda e: (
        e.start if isinstance(e.start, datetime) else datetime.combine(e.start, time.min), e.slug))
    first = cat.sorted_events()
    assert first == expected
    first.reverse()
    assert cat.sorted_events() == expected
    assert cat.upcoming(dates.date(2026, 11, 29)) == [e for e in expected if e.end_date >= dates.date(2026, 11, 29)]


def test_cached_event_times_match_fresh_formatting(synthetic_root):
    for event in load_catalogue(synthetic_root).events.values():
        fresh = dates.when.__wrapped__(event.start, event.end)
        assert dates.when(event.start, event.end) == fresh
        hits = dates.when.cache_info().hits
        assert dates.when(event.start, event.end) == fresh and dates.when.cache_info().hits == hits + 1


def test_calendar_assembled_from_serialised_parts_is_what_icalendar_writes(synthetic_root):
    """Calendars are assembled from each VEVENT's and VTIMEZONE's text, serialised once per
    build; read back and written whole by icalendar, the bytes must be the same."""
    import icalendar

    from tawasul.site import SiteContext, calendars

    ctx = SiteContext(load_catalogue(synthetic_root), dates.date(2026, 11, 29))
    events = ctx.catalogue.sorted_events()
    gaza = [e for e in events if ctx.catalogue.governorate_of(e).region.value == "gaza" and not e.all_day]
    assert gaza, "the tree should mix time zones"
    text = calendars.calendar(ctx, "كل الفعاليات", "events-all", "events/", events, calendars.zone_span(ctx),
                              make=calendars.Components(ctx))
    parsed = icalendar.Calendar.from_ical(text)
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"] * 2 + ["VEVENT"] * len(events)
    assert parsed.to_ical() == text


# Texts Python-Markdown reads something into (a list, a heading, emphasis, an entity, a table,
# a line break…) and texts it does not, in the shapes summaries and descriptions take.
MARKDOWN_LOOKALIKES = [
    "1. ورشة عمل", "- لقاء", "+ لقاء", "# عنوان", "> اقتباس", "    مسافة بادئة", "!!! note", "لقاء *توعوي*",
    "لقاء _توعوي_", "لقاء `رمز`", "[رابط](http://x)", "نص {: .صنف}", "أ | ب", "سطر\nسطر", "لقاء  مزدوج",
    "لقاء ", " لقاء", "أ &amp; ب", "أ &lt; ب", "لقاء\\ مائل", ": تعريف", "---", "لقاء\u200f ثنائي الاتجاه",
    "فقرة.\n\n- بند", "فقرة.\n\n\nفقرة.", "فقرة.\n\n", "فقرة.\n\n2. بند", "عنوان\n===",
]
PLAIN_TEXTS = [
    "نصٌّ مُشكَّل، مع فاصلة؛ وسؤال؟", "لقاء (تجريبي) – 12/3: ١٠٪ «حكايتها»!", "ـــتطويل", "Workshop - 10% off.",
    "فقرة أولى.\n\nفقرة ثانية: 3 لقاءات.",
]


def test_texts_without_markup_render_as_python_markdown_renders_them(synthetic_root):
    """The `markdown` filter and plain_text() skip Python-Markdown for paragraphs with no markup
    in them: every summary and description of the tree, and texts that look like Markdown,
    give what it gives."""
    import hashlib

    import markdown
    from markupsafe import escape
    from mkdocs.config import load_config
    from support import ROOT

    from tawasul.site.html_pages import MarkdownText
    from tawasul.site.plaintext import _converted, plain_text

    config = load_config(str(ROOT / "mkdocs.yml"))
    names = [e for e in config.markdown_extensions if e != "toc"]
    plain = markdown.Markdown(extensions=names, extension_configs={k: v for k, v in config.mdx_configs.items()
                                                                   if k != "toc"})
    events = load_catalogue(synthetic_root).events.values()
    texts = [e.summary for e in events] + [e.description for e in events if e.description]
    assert any("\n\n" in text for text in texts), "descriptions of several paragraphs"
    texts += MARKDOWN_LOOKALIKES + PLAIN_TEXTS
    rendered = MarkdownText(list(config.markdown_extensions), dict(config.mdx_configs))
    for text in texts:
        for source in (str(escape(text)), text):
            assert rendered(source) == plain.reset().convert(source), source
        assert plain_text(text) == _converted(text), text
    # Only the texts that went through Python-Markdown are kept for the build cache (by hash).
    kept = {text for text in PLAIN_TEXTS + MARKDOWN_LOOKALIKES
            if hashlib.sha256(text.encode()).hexdigest() in rendered.used}
    assert kept == set(MARKDOWN_LOOKALIKES)


def test_links_between_pages_are_what_posixpath_relpath_gives():
    import posixpath

    from tawasul.site.render import _relative

    urls = ["", "events/", "events/a/", "events/feeds/all.ics", "events/governorates/gaza/",
            "events/governorates/gaza/2/", "centres/a/", "events/a", "a/./b/", "../x/", "a//b/", "index.html"]
    for target in urls:
        for here in urls:
            assert _relative(target, here) == posixpath.relpath("/" + target, "/" + here), (target, here)
