# The two commands of the README: `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PACKAGE_FILES := $(wildcard requirements/* */pyproject.toml services/*/pyproject.toml)

export PATH := $(CURDIR)/$(BIN):$(PATH)
export SHOMEI_PG_PORT ?= 55432
export SHOMEI_KAFKA_PORT ?= 59092
export SHOMEI_KAFKA_CONTROLLER_PORT ?= 59093
export SHOMEI_MAILBOX_SMTP_PORT ?= 58025
export SHOMEI_MAILBOX_HTTP_PORT ?= 58026
export SHOMEI_PAYPAL_PORT ?= 58030
export SHOMEI_SMARTPIT_PORT ?= 58031
export SHOMEI_NETPRINT_PORT ?= 58040
export SHOMEI_SHARPPRINT_PORT ?= 58041
export SHOMEI_REDIS_PORT ?= 56379
export SHOMEI_IDENTITY_PORT ?= 58101
export SHOMEI_ENROLLMENT_PORT ?= 58102
export SHOMEI_NOTIFIER_PORT ?= 58103
export SHOMEI_ORDERING_PORT ?= 58104
export SHOMEI_PAYMENT_PORT ?= 58105
export SHOMEI_PRINT_GATEWAY_PORT ?= 58106
export SHOMEI_GATEWAY_PORT ?= 58080
export SHOMEI_ADMIN_PORT ?= 58081
export SHOMEI_RUN_DIR ?= $(CURDIR)/.local/run

.PHONY: run test lint unit bench clean install

$(INSTALLED): $(PACKAGE_FILES) scripts/bootstrap.sh
	scripts/bootstrap.sh

install: $(INSTALLED)

## Start PostgreSQL, Kafka (KRaft), Redis, the mailbox, the PayPal and Smart Pit simulators and every service; Ctrl-C stops them all.
run: $(INSTALLED)
	$(BIN)/shomei-infra fetch >/dev/null
	$(BIN)/honcho -f Procfile start

## Every check and every test, with infrastructure of its own on free ports, torn down at the end.
test: $(INSTALLED) lint
	$(BIN)/shomei-infra fetch >/dev/null
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy shared/src devtools/src simulators/src $(wildcard services/*/src)
	$(BIN)/lint-imports

## Unit tests only: no PostgreSQL, no Kafka (the event contracts need neither).
unit: $(INSTALLED)
	$(BIN)/pytest shared/tests/unit simulators/tests devtools/tests tests/contracts $(wildcard services/*/tests/unit)

bench: $(INSTALLED)
	$(BIN)/python -m bench.event_store
	$(BIN)/python -m bench.relay
	$(BIN)/python -m bench.login
	$(BIN)/python -m bench.gateway
	$(BIN)/python -m bench.ordering

clean:
	rm -rf .local/test .local/bench
