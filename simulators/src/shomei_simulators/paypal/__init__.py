"""PayPal simulator: Orders v2, Payments v2, an approval page and signed webhooks."""

from shomei_simulators.paypal.app import PayPalConfig, create_app

__all__ = ["PayPalConfig", "create_app"]
