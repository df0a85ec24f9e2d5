"""Sharp network print simulator (FamilyMart, Lawson).

One ユーザー番号 for a batch of PDFs.
"""

from shomei_simulators.sharpprint.web import create_app

__all__ = ["create_app"]
