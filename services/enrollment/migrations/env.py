from shomei_enrollment.adapters.tables import metadata
from shomei_shared.alembic_env import run_migrations

run_migrations(metadata)
