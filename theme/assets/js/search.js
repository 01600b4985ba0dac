// The search page. Nothing of Pagefind (its script, WebAssembly or index) is fetched until she
// types or submits; the query never leaves the browser (it is not put in the URL, so it reaches
// no server log). Strings come from data-* attributes, so the wording is edited in the page
// template, not here. Pagefind compiles WebAssembly: a CSP needs 'wasm-unsafe-eval'.
const MAX_RESULTS = 10; // each shown result fetches its fragment (~1.5 KB)
const TYPING_PAUSE_MS = 250;

// Pagefind's Arabic stemmer (Snowball) folds alef forms, ة/ه, ى/ي, tashkeel, tatweel and most
// prefixes, but keeps two on purpose, as they are often root letters: و/ف before an alef
// («والمرأة», «وإجازة») and ل before a noun without the article («لحقوق»). A query with such a
// word also runs without that letter; both result lists are merged, the loosened one ranked
// lower, so the exact spelling still comes first.
const LOOSE_PREFIXES = [/^[وف](?=[اأإآ])/, /^ل(?=[^ل\s]{3,})/];
const LOOSE_WEIGHT = 0.5;

function loosened(query) {
  return query.split(/\s+/).map((word) => LOOSE_PREFIXES.reduce((w, prefix) => w.replace(prefix, ""), word)).join(" ");
}

async function searchAll(pagefind, query, options) {
  const runs = [[query, 1]];
  const loose = loosened(query);
  if (loose !== query) runs.push([loose, LOOSE_WEIGHT]);
  const found = await Promise.all(runs.map(([q]) => pagefind.search(q, options)));
  const best = new Map();
  found.forEach((search, i) => {
    for (const result of search.results) {
      const score = result.score * runs[i][1];
      if (!best.has(result.id) || best.get(result.id).score < score) best.set(result.id, { result, score });
    }
  });
  return [...best.values()].sort((a, b) => b.score - a.score).map((entry) => entry.result);
}

const root = document.querySelector("[data-tw-search]");
if (root) {
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const status = root.querySelector(".tw-search__status");
  const list = root.querySelector(".tw-search__results");
  const text = (name, values = {}) =>
    root.dataset[name].replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
  const sectionNames = Object.fromEntries(
    [...form.querySelectorAll("input[name=section]")].map((radio) => [radio.value, radio.parentElement.textContent.trim()]));

  let engine = null;
  function load() {
    if (!engine) {
      const bundle = new URL(root.dataset.bundle, document.baseURI);
      const siteRoot = new URL(root.dataset.root, document.baseURI);
      engine = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: siteRoot.pathname });
        await pagefind.init();
        return pagefind;
      });
      engine.catch(() => { engine = null; });
    }
    return engine;
  }

  let latest = 0;
  async function run() {
    const query = input.value.trim();
    const mine = ++latest;
    if (!query) {
      status.textContent = "";
      list.replaceChildren();
      return;
    }
    root.dataset.state = "searching"; // read by the tests and by CSS, never stored
    status.textContent = text("loading");
    const section = form.querySelector("input[name=section]:checked").value;
    try {
      const pagefind = await load();
      const results = await searchAll(pagefind, query, section ? { filters: { section } } : {});
      const found = await Promise.all(results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (mine !== latest) return; // a newer query has started; drop this one
      list.replaceChildren(...found.map(item));
      if (!found.length) status.textContent = text("empty", { query });
      else if (results.length > MAX_RESULTS) status.textContent = text("count", { count: results.length }) + " " + text("more", { shown: MAX_RESULTS });
      else status.textContent = text("count", { count: results.length });
      root.dataset.query = query;
      root.dataset.state = "done";
    } catch (error) {
      if (mine === latest) {
        status.textContent = text("error");
        root.dataset.state = "failed";
      }
    }
  }

  function item(data) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    li.append(link);
    const section = (data.filters.section || [])[0];
    if (section && sectionNames[section]) {
      const label = document.createElement("span");
      label.className = "tw-search__section";
      label.textContent = " · " + sectionNames[section];
      li.append(label);
    }
    const excerpt = document.createElement("p");
    // Pagefind escapes the page text and adds only <mark> around the matched words.
    excerpt.innerHTML = data.excerpt;
    li.append(excerpt);
    return li;
  }

  let pause = 0;
  input.addEventListener("input", () => {
    clearTimeout(pause);
    pause = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(pause);
    run();
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "section") run();
  });

  root.querySelector(".tw-search__nojs").hidden = true;
  form.hidden = false;
  input.focus();
}
