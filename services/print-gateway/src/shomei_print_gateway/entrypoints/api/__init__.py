"""The internal API, one module per area, each with `install(blueprint)`."""
