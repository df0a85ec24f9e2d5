"""Event contracts as data (docs/adr/0017-event-contracts-as-data.md).

Each event a service publishes is written, once per version, as JSON Schema under
docs/contracts/<producer>/<Event>.v<N>.json, generated from the producer's marshmallow schema,
with docs/contracts/index.json beside them. `python -m shomei_devtools.contracts write`
regenerates them; `... check` (and tests/contracts/) holds producers and consumers to them.
"""
