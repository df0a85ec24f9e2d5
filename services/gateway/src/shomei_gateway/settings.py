"""The gateway's settings, from SHOMEI_GATEWAY_* (and shared SHOMEI_*) variables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shomei_shared.settings import secret
from shomei_shared.web.edge import EdgeSettings


@dataclass(frozen=True)
class GatewaySettings(EdgeSettings):  # secure_cookies, redis_url, trusted_proxy_hops; the trust settings
    service = "gateway"
    kafka_client: ClassVar[bool] = False  # it calls services over HTTP and opens no Kafka client
    secret_key: str = secret()  # signs CSRF tokens and the language cookie
    identity_url: str = "http://127.0.0.1:58101"
    enrollment_url: str = "http://127.0.0.1:58102"
    ordering_url: str = "http://127.0.0.1:58104"
    payment_url: str = "http://127.0.0.1:58105"
    print_gateway_url: str = "http://127.0.0.1:58106"
    # Where PayPal's approval pages are: the order page's form may lead there (CSP form-action,
    # which browsers apply to the redirect after お支払いへ). `make run`: the simulator's address.
    paypal_checkout_origin: str = "https://www.paypal.com"
    # Host names mapped to tenants ("univ-a.example.jp=univ-a,…"); other hosts use /<tenant>/ paths.
    tenant_hosts: str = ""
    tenant_profile_cache_s: float = 30.0
    upstream_timeout_s: float = 10.0
