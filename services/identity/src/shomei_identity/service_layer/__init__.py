"""Use cases: handlers over the unit of work and the ports they need."""
