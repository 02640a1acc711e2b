# Every target sets itself up on first use, in a virtual environment, with only what it needs,
# installed from hashed lock files (pip --require-hashes): requirements.lock is what a preview or
# a build needs (the build backend included); requirements-test.lock and requirements-lint.lock add
# the test and the lint tools to the same pins. `make test` also installs the npm packages it uses.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
STAMP := $(VENV)/.engage-installed
TEST_STAMP := $(VENV)/.engage-test-tools
LINT_STAMP := $(VENV)/.engage-lint-tools
NODE_STAMP := node_modules/.engage-installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup install serve build test fuzz bench lint lock clean

## Everything a developer uses: what the site needs, the test tools and the lint tools.
setup: $(STAMP) $(TEST_STAMP) $(LINT_STAMP)

## Only what a preview or a build needs.
install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@echo "Setting up $(VENV) with what the site needs (first run only)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements.lock
	@# Built by the setuptools pinned in the lock, so nothing unpinned is fetched.
	$(PIP) --no-deps --no-build-isolation -e .
	@touch $@

$(TEST_STAMP): $(STAMP) requirements-test.lock
	@echo "Adding the test tools to $(VENV) (first run only)..."
	$(PIP) --require-hashes -r requirements-test.lock
	@touch $@

$(LINT_STAMP): $(STAMP) requirements-lint.lock
	@echo "Adding the lint tools to $(VENV) (first run only)..."
	$(PIP) --require-hashes -r requirements-lint.lock
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@echo "Installing the npm packages the tests use (first run only)..."
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Preview at http://127.0.0.1:8000, rebuilding when data, templates or pages change.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

## Build the static site into site/. A failed, killed or concurrent build leaves a whole site/:
## the new one is built beside it and swapped in atomically, under a lock.
build: $(STAMP)
	$(BIN)/python -m engage.site_publish --site site -- $(BIN)/mkdocs build --strict

## The whole test suite, browser and accessibility tests included.
test: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

## Ten minutes of seeded mutation fuzzing of the demo data (make test runs 45 seconds of it).
fuzz: $(TEST_STAMP)
	$(BIN)/python -m tests.fuzz --seconds 600

## Build synthetic data at 2,000 and 10,000 events beside a plain-MkDocs floor and print the figures.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

## Ruff, mypy (strict), the import layering (pyproject.toml), dead code, then the formatter's check.
lint: $(LINT_STAMP)
	$(BIN)/ruff check engage hooks tests benchmarks
	$(BIN)/mypy engage benchmarks
	$(BIN)/lint-imports
	$(BIN)/vulture
	$(BIN)/ruff format --check engage hooks tests benchmarks

# One universal lock per group, each with every file's hash. Existing pins are kept; run
# `make lock LOCK_FLAGS=--upgrade` to move everything to the newest versions pyproject.toml allows.
# The pinned pymdown-extensions needs Python 3.11.5 or newer, hence the floor.
COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11.5 --generate-hashes \
	--custom-compile-command "make lock" $(LOCK_FLAGS)

## Regenerate the lock files after changing pyproject.toml.
lock: $(LINT_STAMP)
	$(BIN)/python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')" \
		| $(COMPILE) pyproject.toml - -o requirements.lock
	$(COMPILE) --extra test -c requirements.lock pyproject.toml -o requirements-test.lock
	$(COMPILE) --extra lint -c requirements.lock -c requirements-test.lock pyproject.toml -o requirements-lint.lock

clean:
	rm -rf site .site-tmp $(VENV) node_modules
