class ConcurrencyError(Exception):
    """Another writer appended to the same aggregate first; reload it and try again."""
