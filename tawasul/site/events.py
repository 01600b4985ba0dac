from ..figures.presentation import shown
from ..figures.suppression import primary
from ..schema import EVENT_TYPE_NAMES, EventType
from . import addresses
from .render import LIST_META, SiteContext, url_of
from .structured_data import as_script_text, event_jsonld


# Lists are cut into pages so that no page grows with the archive (guide §6: first view ≤ 60 KB).
PER_PAGE = 25


def paged_lists(ctx: SiteContext, path: str, upcoming: list, past: list, **values):
    """One list (upcoming first, then past) split over pages: `path` is the first page and
    `<path without .md>/<n>.md` the n-th; each page links to its neighbours."""
    rows = [("upcoming", e) for e in upcoming] + [("past", e) for e in past]
    chunks = [rows[i:i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)] or [[]]
    base = path[: -len("index.md")] + "upcoming" if path.endswith("index.md") else path[: -len(".md")]
    paths = [path] + [f"{base}/{n}.md" for n in range(2, len(chunks) + 1)]
    pager = [url_of(p) for p in paths]
    for number, (chunk, page_path) in enumerate(zip(chunks, paths), start=1):
        page_values = dict(pager=pager, number=number, events=[e for kind, e in chunk if kind == "upcoming"],
                           past=[e for kind, e in chunk if kind == "past"], **values)
        yield ctx.memo_page(lambda: ["events_list", page_path, ctx.inputs(page_values)],
                            lambda: ctx.page(page_path, "events_list.html.j2", **page_values))


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    upcoming, past = cat.upcoming(ctx.today), cat.past(ctx.today)
    governorates = [g for g in cat.governorates.values() if cat.events_where(governorate=g.slug)]
    types = [t for t in EventType if cat.events_where(type=t)]
    lists = dict(governorates=governorates, types=types, meta=LIST_META)

    def split(events):
        return dict(upcoming=[e for e in events if e.end_date >= ctx.today],
                    past=[e for e in reversed(events) if e.end_date < ctx.today])

    yield from paged_lists(ctx, "events/index.md", upcoming, [], title="الفعاليات القادمة",
                           feed=addresses.ALL_EVENTS_ICS, feed_name="كل الفعاليات", atom=addresses.EVENTS_ATOM,
                           empty="لا فعاليات قادمة معلنة حالياً.", **lists)
    yield from paged_lists(ctx, "events/archive.md", [], past, title="أرشيف الفعاليات",
                           empty="لا فعاليات سابقة بعد.", **lists)
    # Every governorate has its list (and calendar), even before its first event: centre pages
    # and subscribed calendars point there. The filter links show only those with events.
    for gov in cat.governorates.values():
        yield from paged_lists(ctx, f"events/governorates/{gov.slug}.md",
                               title=f"فعاليات محافظة {gov.name}", feed=addresses.governorate_ics(gov),
                               feed_name=f"فعاليات محافظة {gov.name}",
                               empty="لا فعاليات قادمة في هذه المحافظة حالياً.",
                               **split(cat.events_where(governorate=gov.slug)), **lists)
    for kind in types:
        yield from paged_lists(ctx, f"events/types/{addresses.type_slug(kind)}.md",
                               title=f"الفعاليات: {EVENT_TYPE_NAMES[kind]}",
                               empty="لا فعاليات قادمة من هذا النوع حالياً.",
                               **split(cat.events_where(type=kind)), **lists)
    for event in cat.events.values():
        # Everything the page shows comes from the event, the records it names and the day.
        yield ctx.memo_page(lambda: ["event", ctx.event_inputs(event)], lambda: event_page(ctx, event))


def event_page(ctx: SiteContext, event):
    cat = ctx.catalogue
    meta = {"search_section": "events", "description": event.summary,
            "jsonld": as_script_text(event_jsonld(ctx, event))}
    return ctx.page(f"events/{event.slug}.md", "event.html.j2", meta=meta, event=event,
                    governorate=cat.governorate_of(event),
                    centre=cat.centres.get(event.centre),
                    campaign=cat.campaigns.get(event.campaign),
                    occasion=cat.occasions.get(event.occasion),
                    registration=event.registration_window(ctx.today),
                    ics=addresses.event_ics(event), took_part=took_part(event))


def took_part(event) -> str | None:
    """The event page's «شارك فيها»: only the total of its 4W record, and 1–4 as «أقل من 5»,
    as in the yearly figures; the split by sex and age is published only as suppressed aggregates."""
    if event.reached is None:
        return None
    return shown(primary({"total": event.reached.total})["total"])
