from shomei_print_gateway.adapters.tables import metadata
from shomei_shared.alembic_env import run_migrations
from shomei_shared.eventstore.tables import metadata as machinery_metadata

# Both: the first revision creates the machinery's tables too, so autogenerate and the drift test
# (tests/integration/test_migrations_do_not_drift.py) must know them.
run_migrations([metadata, machinery_metadata])
