"""The notifier's own Prometheus metrics (served by /metrics of its web process)."""

from prometheus_client import Counter

DELIVERY_ATTEMPTS = Counter(
    "shomei_notifier_delivery_attempts_total",
    "Delivery attempts by template and outcome (sent, retrying, given_up)",
    ["template", "outcome"],
)
