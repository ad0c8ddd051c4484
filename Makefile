# make run: set up, train when the data changed, start the action server and Rasa.
# make test: set up, train when needed, run every test.   make shell: talk in the terminal.
# make test-scale: the scale-out test (several Rasa servers, PostgreSQL, Redis, nginx).
VENV := .venv
# Rasa reports usage and crashes to its servers unless told not to; nothing leaves this machine.
export RASA_TELEMETRY_ENABLED := false
BIN := $(VENV)/bin
# The action server's secret when ACTION_SERVER_SECRET is not set: a new one each start.
NEW_SECRET := $(BIN)/python -c 'import secrets; print(secrets.token_hex(32))'
MODEL_INPUTS := config.yml $(wildcard nlu/*.py) $(wildcard escalation_routine/*) $(wildcard domain/*.yml) $(shell find data -name '*.yml')
WEB_INPUTS := web/build.py $(wildcard web/templates/* web/src/*) escalation_routine/facts.yml $(wildcard domain/*.yml)

.PHONY: help services run test test-scale eval lint shell train web lock clean

help:  ## this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

run: models/.trained web/dist/index.html  ## set up, train if the data changed, start the servers and the page (http://localhost:8080)
	@echo ""
	@echo "Eskaleringsassistenten is starting: Rasa on http://localhost:5005, actions on :5055."
	@echo "When Rasa says 'Rasa server is up and running', open the self-help page with the chat:"
	@echo "  http://localhost:8080"
	@echo "or talk over REST:"
	@echo "  curl -s localhost:5005/webhooks/rest/webhook -d '{\"sender\": \"me\", \"message\": \"Är kundservice öppet nu?\"}'"
	@echo "or run 'make shell' in another terminal. Ctrl-C stops all three servers."
	@echo "They listen on 127.0.0.1 only: RASA_INTERFACE=0.0.0.0 serves the chat to the network."
	@echo ""
	ACTION_SERVER_SECRET="$${ACTION_SERVER_SECRET:-$$($(NEW_SECRET))}" $(BIN)/honcho start -f Procfile

# Chromium, npm, nginx, PostgreSQL and Redis: installed or started when missing.
services:  ## install or start what the tests need besides the project (scripts/services)
	scripts/services

test: services lint models/.trained web/dist/index.html  ## set up everything, lint, and run every test, the conversation evaluation included
	$(BIN)/pytest

# Two Rasa servers and two action servers behind nginx on PostgreSQL and Redis (README, "Scaling out").
test-scale: services models/.trained  ## the scale-out test: two Rasa and two action servers, PostgreSQL, Redis, nginx
	$(BIN)/pytest -m scale tests/scale

# The conversation judged end to end on cases written without the training data (tests/eval/):
# figures per category, failures in test-output/eval/failures.txt. make test holds them to the bar.
eval: models/.trained  ## the conversation evaluation alone, figures per category (CASES='messages-*.yml')
	$(BIN)/python -m tests.eval $(if $(CASES),--cases '$(CASES)')

lint: $(BIN)/.installed  ## ruff: pyflakes, pycodestyle and the formatter's style on every Python file
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

shell: models/.trained  ## talk to the bot in the terminal
	mkdir -p data-store
	export ACTION_SERVER_SECRET="$${ACTION_SERVER_SECRET:-$$($(NEW_SECRET))}" SANIC_HOST=127.0.0.1; \
	  $(BIN)/rasa run actions --port 5055 --actions actions & actions=$$!; \
	  trap 'kill $$actions' EXIT INT TERM HUP; \
	  $(BIN)/rasa shell --model models --endpoints endpoints.yml

train: models/.trained  ## train the model when its inputs changed

# The benchmark of issue 6 (bench/): the project's model beside stock Rasa and a rules-only floor,
# trained in bench/work/. BENCH_QUICK=1: concurrency 1 and 8, few messages, models trained on top.
# BENCH_REUSE=stock: that model trained on top of its last run instead of from scratch.
.PHONY: bench
bench: $(BIN)/.installed  ## the benchmark beside stock Rasa (BENCH_QUICK=1 for a short run)
	$(BIN)/pytest -q -p no:cacheprovider bench/tests
	$(BIN)/python -m bench $(if $(BENCH_QUICK),--quick) $(if $(BENCH_REUSE),--reuse $(BENCH_REUSE))

# Server levers side by side (bench/levers.py): TensorFlow threads, PostgreSQL + Redis, Sanic workers.
.PHONY: bench-levers
bench-levers: services $(BIN)/.installed  ## server levers side by side
	$(BIN)/python -m bench.levers

$(BIN)/.installed: requirements.txt constraints.txt pyproject.toml
	scripts/python310 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

models/.trained: $(BIN)/.installed $(MODEL_INPUTS)
	$(BIN)/rasa train --domain domain --data data --config config.yml --fixed-model-name eskalering
	touch $@

web: web/dist/index.html  ## build the self-help page and the widget

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: $(BIN)/.installed web/node_modules/.installed $(WEB_INPUTS)
	$(BIN)/python web/build.py --server http://localhost:5005

lock:  ## re-pin constraints.txt from requirements.txt
	rm -rf /tmp/eskalering-lock && scripts/python310 -m venv /tmp/eskalering-lock
	/tmp/eskalering-lock/bin/pip install --quiet -r requirements.txt
	(echo "# The whole resolved dependency set, pinned (pip freeze of a fresh install of requirements.txt)."; \
	  /tmp/eskalering-lock/bin/pip freeze --exclude-editable) > constraints.txt

clean:  ## remove the venv, the model, node_modules and the built page
	rm -rf $(VENV) models results .pytest_cache web/node_modules web/dist
