# Two entry points: `make site` builds the sample help center, `make test` runs every test.
# Both install what they need first (Python 3.11, Debian, root; the package registries only).
PYTHON ?= python3
PIP := $(PYTHON) -m pip
STAMP := .make

.PHONY: site test install install-test clean

site: $(STAMP)/install
	$(PYTHON) -m cli build

test: $(STAMP)/install-test
	$(PYTHON) -m pytest

install: $(STAMP)/install
install-test: $(STAMP)/install-test

$(STAMP)/install: pyproject.toml
	$(PIP) install --quiet --disable-pip-version-check --root-user-action=ignore -e .
	@mkdir -p $(STAMP) && touch $@

# torch==2.13.0 first (a CPU wheel): argostranslate pulls stanza, which pulls torch, and an
# unpinned torch would be a multi-GB CUDA build. Debian's chromium runs the browser tests.
$(STAMP)/install-test: pyproject.toml
	$(PIP) install --quiet --disable-pip-version-check --root-user-action=ignore torch==2.13.0
	$(PIP) install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[argos,sentences,test]"
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@mkdir -p $(STAMP) && touch $(STAMP)/install $@

# The CLI's smoke tests (build, new, check, search, deflection, models, translate) in a fresh virtualenv holding
# only helpkit's default install (no argos extra, no torch), as a user gets it from the README's first command.
DEFAULT_VENV := $(STAMP)/venv-default
.PHONY: test-default-install
test-default-install:
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv)
	rm -rf $(DEFAULT_VENV) && $(PYTHON) -m venv $(DEFAULT_VENV)
	$(DEFAULT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e . "pytest>=8" "pytest-timeout>=2.3"
	$(DEFAULT_VENV)/bin/python -m pytest -m default_install -p no:cacheprovider tests/test_default_install.py

clean:
	rm -rf site .helpkit $(STAMP)
