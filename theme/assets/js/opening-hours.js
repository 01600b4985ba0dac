/* «مفتوح الآن» / «يفتح غداً الساعة 8:00 ص», worked out at the moment she looks.
 *
 * Loaded only by pages that show opening hours (centre pages, the finder). Each element with
 * data-opening-hours carries its week and its own exceptions as JSON, and its zone (data-tz,
 * Asia/Hebron or Asia/Gaza); public holidays and every word come once, as data attributes of
 * this script's tag. The local day and time come from the browser's own time-zone database
 * (Intl), so daylight saving in Palestine is handled whatever zone the phone is set to.
 * Without this script the table is shown, with the after-hours line, and nothing is computed.
 */
(function () {
  "use strict";

  var tag = document.currentScript;
  if (!tag) {
    return;
  }
  var holidays = JSON.parse(tag.getAttribute("data-holidays") || "[]");
  var days = (tag.getAttribute("data-days") || "").split(",");
  var DAY_MS = 86400000;

  function text(name, values) {
    return (tag.getAttribute("data-" + name) || "").replace(/\{(\w+)\}/g, function (_, key) {
      return values && key in values ? values[key] : "";
    });
  }

  function clock(minutes) {
    var hour = Math.floor(minutes / 60) % 24;
    var minute = minutes % 60;
    var suffix = hour < 12 ? text("am") : text("pm");
    return ((hour % 12) || 12) + ":" + (minute < 10 ? "0" : "") + minute + " " + suffix;
  }

  /* Her "now" as a wall clock in the zone: a day (ms at UTC midnight, for date arithmetic) and minutes. */
  function localNow(zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return {
      day: Date.UTC(+parts.year, +parts.month - 1, +parts.day),
      minute: (+parts.hour % 24) * 60 + (+parts.minute)
    };
  }

  /* The spans of one day: the place's own exceptions first, then holidays, then its week. */
  function spansOn(data, day) {
    var iso = new Date(day).toISOString().slice(0, 10);
    var weekday = String(new Date(day).getUTCDay());
    var lists = [data.x || [], holidays];
    for (var l = 0; l < lists.length; l++) {
      for (var i = 0; i < lists[l].length; i++) {
        var x = lists[l][i];
        if (x[0] <= iso && iso <= x[1]) {
          return { spans: x[2] ? (x[2][weekday] || []) : [], name: x[3] };
        }
      }
    }
    return { spans: data.w[weekday] || [], name: null };
  }

  /* {open, until} or {open: false, closedFor, next: {offset, day, minute}} */
  function state(data, zone) {
    var now = localNow(zone);
    var today = spansOn(data, now.day);
    for (var i = 0; i < today.spans.length; i++) {
      if (today.spans[i][0] <= now.minute && now.minute < today.spans[i][1]) {
        return { open: true, until: today.spans[i][1] };
      }
    }
    var result = { open: false, closedFor: today.spans.length ? null : today.name, next: null };
    for (var offset = 0; offset < 60 && !result.next; offset++) {
      var day = now.day + offset * DAY_MS;
      var spans = spansOn(data, day).spans;
      for (var s = 0; s < spans.length; s++) {
        if (offset > 0 || spans[s][0] > now.minute) {
          result.next = { offset: offset, day: day, minute: spans[s][0] };
          break;
        }
      }
    }
    return result;
  }

  function describe(data, zone) {
    var st = state(data, zone);
    if (st.open) {
      return { open: true, line: text("open", { until: clock(st.until) }) };
    }
    var first = st.closedFor ? text("closed-for", { name: st.closedFor }) : text("closed");
    var next = "";
    if (st.next) {
      var time = clock(st.next.minute);
      next = st.next.offset === 0 ? text("today", { time: time }) :
        st.next.offset === 1 ? text("tomorrow", { time: time }) :
        text("later", { day: days[new Date(st.next.day).getUTCDay()], time: time });
    }
    return { open: false, line: first, next: next };
  }

  /* Fill the status line inside `holder` (and mark the after-hours line beside it when closed). */
  function show(holder, data, zone) {
    var status = holder.querySelector("[data-hours-status]");
    if (!status) {
      return;
    }
    var d = describe(data, zone);
    status.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = d.line;
    status.appendChild(strong);
    if (d.next) {
      status.appendChild(document.createTextNode(" · " + d.next));
    }
    status.setAttribute("data-state", d.open ? "open" : "closed");
    var advice = holder.querySelector("[data-after-hours]");
    if (advice) {
      advice.toggleAttribute("data-now", !d.open);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-opening-hours]"), function (holder) {
    show(holder, JSON.parse(holder.getAttribute("data-opening-hours")), holder.getAttribute("data-tz") || "Asia/Hebron");
  });

  // The finder draws places from its service data with the same rules.
  window.tawasulHours = { show: show };
})();
