"""A university's catalogue as an aggregate: each change a `CatalogueChanged` event carrying the
whole catalogue after it, so the history shows every version and who made it (one stream per
tenant, id `catalogue:<tenant>`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shomei_ordering.domain.catalogue import Catalogue, catalogue_from
from shomei_ordering.domain.events import CatalogueChanged
from shomei_shared.messages import Aggregate


def catalogue_id(tenant_id: str) -> str:
    return f"catalogue:{tenant_id}"


class TenantCatalogue(Aggregate):
    topic = "ordering.catalogue"  # listed in topics.txt

    def __init__(self, aggregate_id: str, tenant_id: str = "") -> None:
        super().__init__(aggregate_id, tenant_id)
        self.catalogue = Catalogue(tenant_id)

    @classmethod
    def new(cls, tenant_id: str) -> TenantCatalogue:
        return cls(catalogue_id(tenant_id), tenant_id)

    def change(self, document: Mapping[str, Any], staff_id: str) -> bool:
        """Replace the catalogue; False (and no event) when nothing changes."""
        catalogue = catalogue_from(self.tenant_id, document)
        if self.version and catalogue == self.catalogue:
            return False
        self.record(CatalogueChanged(staff_id=staff_id, catalogue=catalogue.to_document()))
        return True

    def apply_CatalogueChanged(self, event: CatalogueChanged) -> None:
        self.catalogue = catalogue_from(self.tenant_id, event.catalogue)
