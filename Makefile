# Every target sets itself up on first use: a virtual environment with the pinned
# dependencies (requirements.lock), and the npm packages the tests use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.engage-installed
NODE_STAMP := node_modules/.engage-installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test bench lint lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@echo "Setting up $(VENV) with the pinned dependencies (first run only)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@echo "Installing the npm packages the tests use (first run only)..."
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Preview at http://127.0.0.1:8000, rebuilding when data, templates or pages change.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

## Build the static site into site/. A failed build leaves the previous site/ untouched.
build: $(STAMP)
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	rm -rf site
	mv .site-tmp site

## The whole test suite, browser and accessibility tests included.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

## Build synthetic data at 1,000, 5,000 and 10,000 events and print the figures.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check engage hooks tests benchmarks
	$(BIN)/mypy engage

## Refresh requirements.lock after changing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf site .site-tmp $(VENV) node_modules
