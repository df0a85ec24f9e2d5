"""What the two store-print simulators (netprint, Sharp network print) share.

Each provider module keeps only its own API shape; the reservations, the PDF checks,
the store's multi-copy machine page, the signed callbacks, down mode and the
``/_sim`` control endpoints live here once.
"""
