"""Shomei payment."""
