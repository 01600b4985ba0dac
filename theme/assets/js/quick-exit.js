/* Quick exit («خروج سريع»), after GOV.UK's "exit this page" pattern.
 *
 * The link in partials/tw-safety-bar.html already leaves the site without this script. The
 * script makes leaving instant and harder to see:
 *   - the page is blanked at once (html.tw-leaving paints a white sheet over everything) and the
 *     neutral site replaces this page in the tab's history (location.replace);
 *   - pressing Shift three times within a few seconds does the same. Only a bare Shift counts:
 *     any other key, including the letter of Shift+letter, starts the count again;
 *   - progress is announced in the page's live region. Every string is a data attribute on the
 *     link, so the wording changes without touching this file.
 * Nothing is stored and nothing is sent anywhere.
 */
(function () {
  "use strict";

  var link = document.querySelector("[data-tw-exit]");
  if (!link || !window.location.replace) {
    return;
  }
  var live = document.getElementById("tw-exit-status");
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var count = 0;
  var timer = null;
  var bareShift = false;
  var title = document.title;

  function say(text) {
    if (live && text) {
      live.textContent = text;
    }
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("tw-leaving");
    document.title = "";
    say(link.getAttribute("data-leaving"));
    window.location.replace(link.href);
  }

  function restart() {
    count = 0;
    window.clearTimeout(timer);
    timer = null;
  }

  link.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      // A press starts bare; any other key before its release makes it a modifier.
      if (!event.repeat) {
        bareShift = !(event.ctrlKey || event.altKey || event.metaKey);
      }
      return;
    }
    bareShift = false;
    if (count) {
      restart();
    }
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !bareShift) {
      return;
    }
    bareShift = false;
    count += 1;
    if (count >= PRESSES) {
      restart();
      leave();
      return;
    }
    if (count === 1) {
      timer = window.setTimeout(function () {
        restart();
        say(link.getAttribute("data-expired"));
      }, WINDOW_MS);
    }
    say(link.getAttribute(count === 1 ? "data-two-more" : "data-one-more"));
  });

  // Coming back with the Back button may restore this page from the browser's cache, still
  // blank: show it again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("tw-leaving");
      document.title = title;
    }
  });
})();
