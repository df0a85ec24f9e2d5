"""Crash points for tests only: `SHOMEI_TEST_CRASH_POINT=<name>` makes a process kill itself
(SIGKILL) when it reaches the point of that name, the moment a provider has answered and before
our transaction records the answer. The crash tests set it on a real process to show that a restart
does nothing twice (payment's capture, print-gateway's upload); nothing else sets it, and outside
development and test a process that is given one refuses to start rather than obey it."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from shomei_shared.settings import BaseSettings, SettingsError

log = logging.getLogger(__name__)
VARIABLE = "SHOMEI_TEST_CRASH_POINT"


@dataclass(frozen=True)
class CrashPoints:
    armed: str = ""  # the one point this process dies at; empty: none

    @classmethod
    def from_env(cls, settings: BaseSettings, known: Collection[str],
                 env: Mapping[str, str] | None = None) -> CrashPoints:
        """The point the variable names, refused outside development and test or when unknown."""
        point = (os.environ if env is None else env).get(VARIABLE, "")
        if not point:
            return cls()
        if not settings.relaxed:
            raise SettingsError(f"{VARIABLE} is for tests; refused in {settings.environment}")
        if point not in known:
            raise SettingsError(f"{VARIABLE}: unknown crash point {point!r} (known: {', '.join(sorted(known))})")
        return cls(point)

    def reached(self, name: str) -> None:
        if self.armed == name:
            log.warning("test crash point %s: dying with the answer unrecorded", name)
            os.kill(os.getpid(), signal.SIGKILL)
