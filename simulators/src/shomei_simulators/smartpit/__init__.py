"""Smart Pit simulator: bill registration, a store-terminal page and signed payment notices."""

from shomei_simulators.smartpit.app import SmartPitConfig, create_app

__all__ = ["SmartPitConfig", "create_app"]
