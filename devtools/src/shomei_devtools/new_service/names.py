"""Every name a service's files use, derived from its one name (`print-gateway`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower case, digits, single hyphens: a folder, a topic prefix and (with `_`) a Python package.
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Names:
    name: str  # print-gateway: folder, topics, consumer group, Procfile process, settings.service
    package: str  # shomei_print_gateway
    database: str  # print_gateway (shomei_devtools.config.database_name)
    cls: str  # PrintGateway: class-name prefix (PrintGatewaySettings, PrintGatewayUnitOfWork)
    env: str  # PRINT_GATEWAY: SHOMEI_PRINT_GATEWAY_PORT

    @classmethod
    def of(cls, name: str) -> Names:
        if not NAME.match(name):
            raise ValueError(f"{name!r}: use lower-case letters, digits and single hyphens, starting with a letter")
        snake = name.replace("-", "_")
        return cls(name=name, package=f"shomei_{snake}", database=snake,
                   cls="".join(part.capitalize() for part in name.split("-")), env=snake.upper())

    def substitutions(self) -> dict[str, str]:
        """What the templates' `${...}` stand for (string.Template, so `$$` is a dollar)."""
        return {"name": self.name, "package": self.package, "database": self.database, "Class": self.cls,
                "env": self.env}
