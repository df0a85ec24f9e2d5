"""argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane; docs/adr/0006)."""

from __future__ import annotations

from argon2 import PasswordHasher as Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

OWASP_MEMORY_KIB = 19456
OWASP_TIME_COST = 2
OWASP_PARALLELISM = 1


class Argon2Hasher:
    def __init__(self, memory_kib: int = OWASP_MEMORY_KIB, time_cost: int = OWASP_TIME_COST,
                 parallelism: int = OWASP_PARALLELISM) -> None:
        self._argon2 = Argon2(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism,
                              type=Type.ID)

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with other parameters than today's."""
        return self._argon2.check_needs_rehash(password_hash)
