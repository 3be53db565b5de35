# make run: set up .venv and run the pipeline on data/ into outputs/. make test: the test suite.
PYTHON ?= python3
# Debian packages the tests need: Chromium (the HTML view in a real browser), a CJK font (images).
SYSTEM_PACKAGES := chromium fonts-wqy-microhei
APT_GET ?= apt-get
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

# torch 2.13.0 is the CPU wheel on disk; installed first, so hanlp's own torch requirement takes nothing more.
TORCH := torch==2.13.0
MODEL := pipeline/models/zh-ner-msra
MODEL_BASE := build/zh-ner-msra-base
MODEL_EPOCHS := 18
ANNEAL_EPOCHS := 4
ANNEAL_LR := 0.00025

.PHONY: run test system lint clean bench model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/bikg run data/ --out outputs/
	$(BIN)/bikg viz --data outputs/ --out outputs/graph.html

# Installs the missing SYSTEM_PACKAGES as root; otherwise names exactly those missing and fails. Quick when all are there.
system:
	@missing=""; \
	for package in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "make: installing system packages:$$missing"; \
			$(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq --no-install-recommends $$missing; \
		else \
			echo "make test needs these Debian packages:$$missing"; \
			echo "install them as root: sudo apt-get install --no-install-recommends$$missing"; \
			exit 1; \
		fi; \
	fi

test: system $(TEST_STAMP)
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/python -m pytest

# Rebuild the Chinese NER model bikg ships (HanLP BiLSTM-CRF stacked on LAC, MSRA train): 18 epochs, then 4 more
# from those weights at a quarter of the learning rate, keeping the best dev epoch (about 65 min on one core).
model: $(STAMP)
	$(BIN)/bikg train zh-ner --corpus msra --features lac,lexicon,bigram --epochs $(MODEL_EPOCHS) --out $(MODEL_BASE)
	$(BIN)/bikg train zh-ner --corpus msra --from $(MODEL_BASE) --lr $(ANNEAL_LR) --epochs $(ANNEAL_EPOCHS) --out $(MODEL)
	rm -f $(MODEL)/train.log

bench: $(STAMP)
	$(BIN)/python benchmarks/baseline.py

clean:
	rm -rf $(VENV) outputs/graph.* outputs/report.json
