"""print-gateway's own Prometheus metrics (its jobs process serves them: SHOMEI_METRICS_PORT)."""

from prometheus_client import Counter

SUBMISSION_FAILURES = Counter(
    "shomei_print_gateway_submission_failures",
    "Print orders failed for staff to retry, by PrintReservationFailed reason",
    ["reason"],
)

PREVIEWS_UNAVAILABLE = Counter(
    "shomei_print_gateway_previews_unavailable",
    "Certificates whose PDF was gone before their verification preview was made (ADR 0039)",
)
