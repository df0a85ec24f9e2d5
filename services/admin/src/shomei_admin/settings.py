"""The console's settings, from SHOMEI_* variables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shomei_shared.settings import secret
from shomei_shared.web.edge import EdgeSettings


@dataclass(frozen=True)
class AdminSettings(EdgeSettings):  # secure_cookies, redis_url, trusted_proxy_hops; the trust settings
    service = "admin"
    kafka_client: ClassVar[bool] = False  # it calls services over HTTP and opens no Kafka client
    secret_key: str = secret()
    identity_url: str = "http://127.0.0.1:58101"
    enrollment_url: str = "http://127.0.0.1:58102"
    ordering_url: str = "http://127.0.0.1:58104"
    payment_url: str = "http://127.0.0.1:58105"
    print_gateway_url: str = "http://127.0.0.1:58106"
    notifier_url: str = "http://127.0.0.1:58103"  # an order's mails and their resends
    # Host names mapped to tenants ("admin.univ-a.example.jp=univ-a,…"); other hosts use /<tenant>/ paths.
    tenant_hosts: str = ""
    tenant_profile_cache_s: float = 30.0
