"""Benchmarks of the shared event machinery against reference implementations.

Run from the repository root: `python -m bench.event_store` and `python -m bench.relay`.
"""
