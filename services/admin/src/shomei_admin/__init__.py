"""The staff console: university officers review registrations and run the service."""
