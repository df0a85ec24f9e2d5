"""Shomei enrollment."""
