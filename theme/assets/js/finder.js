/* Nearest-centre finder («أقرب مركز إليكِ»).
 *
 * Everything happens in the page: the centres come from the cards already on it (data-lat,
 * data-lon, data-governorate), the towns from a small same-site JSON file fetched only when she
 * starts typing, and her position, if she chooses to share it, is used here and never sent.
 * Without this script the tools stay hidden and the cards, grouped by governorate, are the list.
 * All wording is in data attributes on the finder (tawasul/templates/_finder.j2).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-finder]");
  if (!root) {
    return;
  }
  var tools = root.querySelector("[data-finder-tools]");
  var locate = root.querySelector("[data-finder-locate]");
  var select = root.querySelector("[data-finder-governorate]");
  var form = root.querySelector("[data-finder-town-form]");
  var town = root.querySelector("[data-finder-town]");
  var matchList = root.querySelector("[data-finder-matches]");
  var status = root.querySelector("[data-finder-status]");
  var results = root.querySelector("[data-finder-results]");
  var MAX_MATCHES = 8;
  var places = null;   // loaded on first use
  var loading = null;

  function text(name, values) {
    var value = root.getAttribute("data-" + name) || "";
    return value.replace(/\{(\w+)\}/g, function (_, key) {
      return values && key in values ? values[key] : "";
    });
  }

  function say(message) {
    status.textContent = message;
  }

  /* Spelling variants of one name compare equal: hamza forms of alef, ta marbuta/ha, alef
     maqsura/ya, hamza seats, tashkeel, tatweel, and a leading "ال" on any word. */
  function fold(name) {
    return name
      .replace(/[\u064B-\u0652\u0670\u0640\u200C-\u200F]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ة/g, "ه").replace(/ى/g, "ي")
      .replace(/ؤ/g, "و").replace(/ئ/g, "ي")
      .replace(/\s+/g, " ").trim()
      .split(" ").map(function (word) { return word.length > 3 ? word.replace(/^ال/, "") : word; })
      .join(" ");
  }

  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 6371 * 2 * Math.asin(Math.sqrt(a));
  }

  function formatKm(km) {
    // Western digits, as everywhere on the site.
    return (km < 10 ? km.toFixed(1) : String(Math.round(km))) + " " + text("km");
  }

  var centres = Array.prototype.map.call(document.querySelectorAll("[data-centre]"), function (card) {
    return {
      card: card,
      lat: parseFloat(card.getAttribute("data-lat")),
      lon: parseFloat(card.getAttribute("data-lon")),
      governorate: card.getAttribute("data-governorate")
    };
  });

  function governorateName(slug) {
    var option = select.querySelector('option[value="' + slug + '"]');
    return option ? option.textContent : "";
  }

  function fact(list, label, node) {
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    dt.textContent = label;
    dd.appendChild(node);
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function copyOf(card, selector) {
    var node = card.querySelector(selector);
    return node ? node.cloneNode(true) : document.createTextNode("");
  }

  /* Gaza: no distances to West Bank centres, the guidance for Gaza instead. */
  var gaza = root.querySelector("[data-finder-gaza]");
  var seats = Array.prototype.slice.call(select.options, 1);

  function regionOf(slug) {
    var option = seats.filter(function (o) { return o.value === slug; })[0];
    return option ? option.getAttribute("data-region") : "";
  }

  /* The governorate whose seat is nearest to a point: enough to tell Gaza from the West Bank. */
  function governorateAt(lat, lon) {
    var best = null;
    seats.forEach(function (o) {
      var d = distanceKm(lat, lon, parseFloat(o.getAttribute("data-lat")), parseFloat(o.getAttribute("data-lon")));
      if (!best || d < best.km) {
        best = { slug: o.value, km: d };
      }
    });
    return best ? best.slug : "";
  }

  function showGaza(message, moveFocus) {
    results.textContent = "";
    results.appendChild(gaza.cloneNode(true)).hidden = false;
    say(message);
    if (moveFocus) {
      results.focus();
    }
  }

  /* List the centres nearest first from a point; `first` (a governorate) goes to the top. */
  function show(lat, lon, message, first, moveFocus) {
    var sorted = centres.map(function (c) {
      return { centre: c, km: distanceKm(lat, lon, c.lat, c.lon) };
    }).sort(function (a, b) {
      var own = (b.centre.governorate === first) - (a.centre.governorate === first);
      return own || a.km - b.km;
    });
    var list = document.createElement("ol");
    list.className = "tw-finder__list";
    sorted.forEach(function (entry, index) {
      var card = entry.centre.card;
      var item = document.createElement("li");
      var line = document.createElement("p");
      if (index === 0) {
        item.className = "tw-finder__nearest";
        var badge = document.createElement("strong");
        badge.textContent = text("nearest") + ": ";
        line.appendChild(badge);
      }
      line.appendChild(copyOf(card, ".tw-card__title"));
      line.appendChild(document.createTextNode(" · "));
      var km = document.createElement("span");
      km.className = "tw-finder__km";
      km.textContent = formatKm(entry.km);
      line.appendChild(km);
      item.appendChild(line);
      if (index === 0) {
        var facts = document.createElement("dl");
        facts.className = "tw-facts";
        fact(facts, text("phone"), copyOf(card, ".tw-phone"));
        fact(facts, text("hours"), copyOf(card, ".tw-centre__hours"));
        fact(facts, text("address"), copyOf(card, ".tw-centre__address"));
        item.appendChild(facts);
      }
      list.appendChild(item);
    });
    results.textContent = "";
    results.appendChild(list);
    say(message);
    if (moveFocus) {
      results.focus();
    }
  }

  /* --- Her location, only when she asks ------------------------------------------------- */

  function locationFailed(error) {
    var reason = !error ? "unavailable" :
      error.code === 1 ? "denied" : error.code === 3 ? "timeout" : "unavailable";
    results.textContent = "";
    say(text(reason));
    select.focus();
  }

  locate.addEventListener("click", function () {
    if (!navigator.geolocation) {
      locationFailed(null);
      return;
    }
    say(text("locating"));
    navigator.geolocation.getCurrentPosition(function (position) {
      var lat = position.coords.latitude, lon = position.coords.longitude;
      if (regionOf(governorateAt(lat, lon)) === "gaza") {
        showGaza(text("gaza-location"), true);
        return;
      }
      show(lat, lon, text("located"), null, true);
    }, locationFailed, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  });

  /* --- Her governorate ------------------------------------------------------------------ */

  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    if (!option.value) {
      return;
    }
    if (option.getAttribute("data-region") === "gaza") {
      showGaza(text("gaza", { name: option.textContent }), false);
      return;
    }
    var hasCentre = centres.some(function (c) { return c.governorate === option.value; });
    show(parseFloat(option.getAttribute("data-lat")), parseFloat(option.getAttribute("data-lon")),
      text(hasCentre ? "governorate" : "no-centre", { name: option.textContent }), option.value, false);
  });

  /* --- Her town or village -------------------------------------------------------------- */

  function loadPlaces() {
    if (!loading) {
      loading = fetch(root.getAttribute("data-places"), { credentials: "omit" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          // Governorate names are places too: typing «طوباس» should work like picking it.
          places = Array.prototype.slice.call(select.options, 1).map(function (option) {
            return [option.textContent, [], option.value,
              parseFloat(option.getAttribute("data-lat")), parseFloat(option.getAttribute("data-lon"))];
          }).concat(data.places).map(function (p) {
            return { name: p[0], keys: [p[0]].concat(p[1]).map(fold), governorate: p[2], lat: p[3], lon: p[4] };
          });
        })
        .catch(function () {
          say(text("places-failed"));
        });
    }
    return loading;
  }

  /* Best first: the name starts with what she typed, then a word of it does, then it contains it. */
  function find(query) {
    var q = fold(query);
    if (!q || !places) {
      return [];
    }
    var scored = [];
    var seen = {};
    places.forEach(function (place) {
      var best = 3;
      place.keys.forEach(function (key) {
        var rank = key.indexOf(q) === 0 ? 0 : (" " + key).indexOf(" " + q) >= 0 ? 1 : key.indexOf(q) >= 0 ? 2 : 3;
        best = Math.min(best, rank);
      });
      var id = place.name + "|" + place.governorate;
      if (best < 3 && !seen[id]) {
        seen[id] = true;
        scored.push({ place: place, rank: best });
      }
    });
    scored.sort(function (a, b) {
      return a.rank - b.rank || a.place.name.length - b.place.name.length;
    });
    return scored.slice(0, MAX_MATCHES).map(function (s) { return s.place; });
  }

  function choose(place) {
    matchList.textContent = "";
    town.value = place.name;
    if (regionOf(place.governorate) === "gaza") {
      showGaza(text("gaza", { name: governorateName(place.governorate) }), true);
      return;
    }
    show(place.lat, place.lon, text("place", { name: place.name, governorate: governorateName(place.governorate) }),
      place.governorate, true);
  }

  function listMatches() {
    var matches = find(town.value);
    matchList.textContent = "";
    matches.forEach(function (place) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tw-finder__match";
      button.textContent = place.name + " – " + governorateName(place.governorate);
      button.addEventListener("click", function () { choose(place); });
      item.appendChild(button);
      matchList.appendChild(item);
    });
    if (fold(town.value)) {
      say(matches.length ? text("matches", { count: matches.length }) : text("no-match"));
    }
    return matches;
  }

  town.addEventListener("focus", loadPlaces);
  town.addEventListener("input", function () {
    loadPlaces().then(listMatches);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    loadPlaces().then(function () {
      var matches = listMatches();
      if (matches.length) {
        choose(matches[0]);
      }
    });
  });

  tools.hidden = false;
})();
