"""Shomei's common library: the event machinery every service stands on."""
