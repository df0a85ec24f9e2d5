"""Demo data: `python -m shomei_enrollment.entrypoints.seed_demo` (idempotent; run it again freely).

Every university of demo_tenants: faculties and departments, term calendar for the academic
years around today, a few alumni records with their academic records and courses (imported from
the sample CSV files as a registrar imports them), and the profile with its closures, president
and generated seal. A profile is set only when the university has none, and a seal only when it
has none, so a tenant admin's changes survive restarts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine

from shomei_enrollment.adapters.alumni_repository import SqlAlumniRepository
from shomei_enrollment.adapters.catalogue_repository import SqlCatalogueRepository
from shomei_enrollment.adapters.tenant_repository import SqlTenantRepository
from shomei_enrollment.bootstrap import bootstrap
from shomei_enrollment.domain.alumni import AlumniRecord, parse_alumni_row
from shomei_enrollment.entrypoints.demo_tenants import DEMO, DEMO_TENANTS, DemoTenant
from shomei_enrollment.entrypoints.migrate import migrate_when_ready
from shomei_enrollment.service_layer.commands import ChangeTenantProfile, ImportAcademicRecords
from shomei_enrollment.settings import EnrollmentSettings, load_settings
from shomei_shared.db import make_engine
from shomei_shared.errors import Violations
from shomei_shared.logs import configure_logging

TENANT = DEMO.tenant_id
CATALOGUE = DEMO.catalogue


def calendar_periods(around: date) -> list[tuple[str, date, date, str]]:
    """demo-univ's terms and closures around `around` (tests use its calendar)."""
    return DEMO.calendar(around)


def alumni_records(tenant: DemoTenant, today: date) -> list[AlumniRecord]:
    problems = Violations()
    records = [parse_alumni_row(row, tenant.catalogue, today, problems) for row in tenant.alumni]
    problems.raise_if_any()
    return [r for r in records if r is not None]


def seed(engine: Engine, tenant: DemoTenant, today: date, settings: EnrollmentSettings) -> None:
    periods = tenant.calendar(today)
    with engine.begin() as conn:
        catalogues = SqlCatalogueRepository(conn)
        catalogues.save_catalogue(tenant.catalogue)
        for kind, first, last, label in periods:
            if kind == "term":
                catalogues.add_calendar_period(tenant.tenant_id, kind, first, last, label)
        SqlAlumniRepository(conn).upsert(tenant.tenant_id, alumni_records(tenant, today))
        tenants = SqlTenantRepository(conn)
        profile, has_seal = tenants.profile(tenant.tenant_id), tenants.seal(tenant.tenant_id) is not None
    service = bootstrap(engine, settings)
    if profile is None or not has_seal:
        closures = [{"first_day": first.isoformat(), "last_day": last.isoformat(), "label": label}
                    for kind, first, last, label in periods if kind == "closure"]
        # A university seeded before seals existed keeps its profile and gains the seal and president.
        kept = {**tenant.profile, "closures": closures} if profile is None else {
            **profile, **{k: v for k, v in tenant.profile.items() if k.startswith("president_") and not profile[k]}}
        service.handle(ChangeTenantProfile(
            tenant_id=tenant.tenant_id, staff_id="seed", profile=kept, logo=tenant.logo() if profile is None else None,
            seal=tenant.seal(Path(settings.demo_seal_font))))
    records, courses = tenant.records_csv()
    report = service.handle(ImportAcademicRecords(tenant_id=tenant.tenant_id, staff_id="seed", records=records,
                                                  courses=courses))
    if report.problems:  # the sample files are documentation: they must import cleanly
        raise ValueError(f"{tenant.tenant_id}'s sample records do not import: {report.problems}")


def main() -> None:
    settings = load_settings()
    configure_logging("enrollment-seed", settings.log_level)
    migrate_when_ready(settings.database_url)
    engine = make_engine(settings.database_url, pool_size=1)
    today = datetime.now(UTC).date()
    for tenant in DEMO_TENANTS:
        seed(engine, tenant, today, settings)
    engine.dispose()


if __name__ == "__main__":
    main()
