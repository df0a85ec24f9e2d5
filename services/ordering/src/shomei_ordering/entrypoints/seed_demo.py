"""Demo catalogues: `python -m shomei_ordering.entrypoints.seed_demo` (idempotent; run it again
freely). A catalogue is set only when the university has none, so a tenant admin's changes
survive restarts; it is set through the command, so it has its `CatalogueChanged` like any other."""

from __future__ import annotations

from sqlalchemy import Engine

from shomei_ordering.bootstrap import bootstrap
from shomei_ordering.entrypoints.demo_catalogues import DEMO_CATALOGUES
from shomei_ordering.entrypoints.migrate import migrate_when_ready
from shomei_ordering.service_layer.catalogues import current_catalogue
from shomei_ordering.service_layer.commands import ChangeCatalogue
from shomei_ordering.settings import load_settings
from shomei_shared.db import make_engine
from shomei_shared.logs import configure_logging

SEED_STAFF = "seed"


def seed(engine: Engine) -> list[str]:
    """The tenants it gave a catalogue to."""
    service = bootstrap(engine)
    seeded = []
    for tenant_id, document in DEMO_CATALOGUES.items():
        if current_catalogue(tenant_id, service.uow()).types:
            continue
        service.handle(ChangeCatalogue(tenant_id=tenant_id, staff_id=SEED_STAFF, catalogue=document))
        seeded.append(tenant_id)
    return seeded


def main() -> None:
    settings = load_settings()
    configure_logging("ordering-seed", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1)
    seed(engine)
    engine.dispose()


if __name__ == "__main__":
    main()
