"""netprint simulator (7-Eleven): one プリント予約番号 per uploaded PDF."""

from shomei_simulators.netprint.web import create_app

__all__ = ["create_app"]
