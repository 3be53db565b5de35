# make run: set up .venv and run the pipeline on data/ into outputs/. make test: the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

# torch 2.13.0 is the CPU wheel on disk; installed first, so hanlp's own torch requirement takes nothing more.
TORCH := torch==2.13.0
MODEL := pipeline/models/zh-ner-msra
MODEL_EPOCHS := 10

.PHONY: run test lint clean bench model

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

test: $(TEST_STAMP)
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/python -m pytest

# Rebuild the Chinese NER model bikg ships (HanLP BiLSTM-CRF stacked on LAC, MSRA train; about 40 min on 2 cores).
model: $(STAMP)
	$(BIN)/bikg train zh-ner --corpus msra --features lac --epochs $(MODEL_EPOCHS) --out $(MODEL)
	rm -f $(MODEL)/train.log

bench: $(STAMP)
	$(BIN)/python benchmarks/baseline.py

clean:
	rm -rf $(VENV) outputs/graph.* outputs/report.json
