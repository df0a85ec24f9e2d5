"""Shomei ordering."""
