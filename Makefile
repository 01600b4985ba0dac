# The two commands a newcomer needs: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := site
export NO_MKDOCS_2_WARNING := 1

.PHONY: run build check test test-week-ahead test-stack serve seed bench bench-build bench-forms clean install system-deps golden

# Debian packages the tests drive for real: a browser, the production stack (PostgreSQL, nginx
# with Brotli, Redis), wrk for the benchmarks, and the tools that check deploy/ (openssl for a
# throwaway certificate, systemd-analyze for the units, pgrep), the libraries WeasyPrint's wheel
# loads for the sign-in sheet and the yearly report PDFs (Pango, its FreeType backend, HarfBuzz's
# subsetter) with fonts that have Arabic (DejaVu, and Amiri for the reports), and poppler-utils
# (pdftotext, pdftoppm) with which the tests read the PDFs back. Installed when missing if we are
# root (CI, fresh machines); otherwise we say what to install.
SYSTEM_PACKAGES := chromium postgresql nginx libnginx-mod-http-brotli-filter redis-server wrk openssl systemd procps \
                   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-hosny-amiri poppler-utils

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Validate the content only; one line per problem, non-zero exit on any.
check: $(STAMP)
	$(BIN)/python -m tawasul check

## MkDocs (--strict), then the Pagefind search index, into a temporary folder swapped in only
## when both succeed, so a failed build never leaves a half site (tawasul/build.py).
build: $(STAMP)
	$(BIN)/python -m tawasul build $(SITE)

## The static site and the form service (/forms/) together, as production serves them, and the
## two workers beside them: the outbox (with no OUTBOX_SMTP_HOST set, each message becomes a .eml
## file in instance/outbox/ and nothing leaves the machine, README «Messages») and the publish
## worker, which builds $(SITE) from each new commit of this checkout's branch (web edits are
## commits; README «The content repository and publishing»).
## gunicorn: two workers (a 2-core laptop), threads for POSTs waiting on fsync; --reuse-port
## gives each worker its own socket (on a shared one, one worker took most connections: README
## «Serving»); --preload loads the app once, so each worker is ready as soon as its socket is.
## The publish worker's builds run at nice 10, so requests come first while it builds; the outbox
## worker does not: it takes the SQLite writer lock, which every POST would wait on behind it.
serve: $(STAMP)
	$(BIN)/flask --app forms_service db upgrade
	@echo "Serving the site and the forms on http://127.0.0.1:8000 (Ctrl+C stops)"
	$(BIN)/flask --app forms_service send-outbox & outbox=$$!; \
	nice -n 10 $(BIN)/python -m tawasul publish-worker $(SITE) & publish=$$!; \
	trap 'kill $$outbox $$publish 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --bind 127.0.0.1:8000 --worker-class gthread --workers 2 --threads 4 \
	  --reuse-port --preload --no-control-socket --error-logfile - forms_service.devserver:app

run: build serve

## Sample registrations and partner submissions in the development database, so the
## coordinator area has something to show (README, "Coordinators"). Refused in production.
seed: $(STAMP)
	$(BIN)/flask --app forms_service db upgrade
	$(BIN)/flask --app forms_service seed-samples

system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Please install these Debian packages: $$missing" >&2; exit 1; fi; \
	fi

# axe-core (package.json) for the accessibility tests, injected into pages by tests/safety.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	  else echo "Please install Node.js and npm" >&2; exit 1; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(STAMP) system-deps $(AXE)
	$(BIN)/python -m pytest

## The date-sensitive suites, live servers and browsers included, with the machine's clock a week
## ahead (README, "Tests"): tests/week_ahead/sitecustomize.py moves the wall clock of pytest and of
## every Python server it starts (time-machine); browsers keep Playwright's clock.
test-week-ahead: $(STAMP) system-deps $(AXE)
	PYTHONPATH=$(CURDIR)/tests/week_ahead TAWASUL_CLOCK_SHIFT_DAYS=7 \
	  $(BIN)/python -m pytest tests/forms tests/admin tests/feeds tests/safety tests/test_content_model.py

## The production stack alone (also part of `make test`): nginx, gunicorn, PostgreSQL, Redis on 127.0.0.1.
test-stack: $(STAMP) system-deps $(AXE)
	$(BIN)/python -m pytest tests/stack

## The budget table of guide §6 (a measurement, not a test; a few minutes): page weight,
## Lighthouse, axe-core, the large-site build, form-service throughput through nginx.
bench: $(STAMP) system-deps $(AXE)
	$(BIN)/python bench/budgets.py

## The build over 2,000 synthetic events beside Pelican (a venv under bench/out/) and Hugo
## (Debian's package), which are references only, never project dependencies.
bench-build: $(STAMP)
	$(BIN)/python bench/build_bench.py

## Form service load test on 127.0.0.1 (bounded): trivial route, registration GET and POST.
bench-forms: $(STAMP)
	@command -v wrk >/dev/null || $(MAKE) system-deps SYSTEM_PACKAGES=wrk
	$(BIN)/python bench/forms_bench.py

clean:
	rm -rf $(SITE) $(SITE).tmp .$(SITE).new-* .$(SITE).old bench/out

## Refresh the golden output of a few built pages (tests/feeds/golden) after an intended change;
## review the diff before committing it.
golden: $(STAMP)
	TAWASUL_REFRESH_GOLDEN=1 $(BIN)/python -m pytest -q tests/feeds/test_feeds_golden.py
