"""The Smart Pit simulator's app factory and the state its blueprints share."""

from dataclasses import dataclass

from flask import Flask

from shomei_simulators.delivery import Deliverer
from shomei_simulators.smartpit.bills import Centre
from shomei_simulators.smartpit.notices import Notices
from shomei_simulators.webapp import new_app


@dataclass(frozen=True)
class SmartPitConfig:
    api_key: str = "shomei-sim-smartpit-key"
    notice_secret: str = "shomei-sim-smartpit-notice-secret"
    merchant_code: str = "SHOMEI01"
    notice_url: str | None = None
    retry_base_seconds: float = 1.0


@dataclass
class SmartPitSimulator:
    config: SmartPitConfig
    centre: Centre
    notices: Notices
    deliverer: Deliverer


def create_app(config: SmartPitConfig | None = None) -> Flask:
    from shomei_simulators.smartpit.api import api_blueprint
    from shomei_simulators.smartpit.simcontrol import control_blueprint
    from shomei_simulators.smartpit.terminal import terminal_blueprint

    config = config or SmartPitConfig()
    deliverer = Deliverer(retry_base_seconds=config.retry_base_seconds)
    notices = Notices(deliverer, config.notice_secret, config.merchant_code, config.notice_url)
    sim = SmartPitSimulator(config, Centre(), notices, deliverer)
    app = new_app(__name__, deliverer, api_blueprint(sim), terminal_blueprint(sim), control_blueprint(sim))
    app.extensions["smartpit_simulator"] = sim
    return app
