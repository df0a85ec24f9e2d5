"""Shomei notifier."""
