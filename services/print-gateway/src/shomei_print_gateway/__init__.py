"""Shomei print-gateway."""
