"""print-gateway's own Prometheus metrics (its jobs process serves them: SHOMEI_METRICS_PORT)."""

from prometheus_client import Counter

SUBMISSION_FAILURES = Counter(
    "shomei_print_gateway_submission_failures",
    "Print orders failed for staff to retry, by PrintReservationFailed reason",
    ["reason"],
)
