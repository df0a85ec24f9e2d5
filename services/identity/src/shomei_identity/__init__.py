"""Shomei identity: accounts, credentials, one-time tokens, sealed secrets, sessions and lockout."""
