"""Why an event was written: the conversation it belongs to and its direct cause.

`correlation_id` is shared by every message of one conversation (a graduate's request and all
the events and mails that follow from it); `causation_id` is the message id of the direct cause.
The first events of a conversation are caused by the request itself, whose id is the
correlation id, so a chain read back from the event store has no gaps.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shomei_shared.logs import current_correlation_id
from shomei_shared.messaging.envelope import Envelope


@dataclass(frozen=True)
class Cause:
    correlation_id: str
    causation_id: str

    @classmethod
    def of(cls, envelope: Envelope) -> Cause:
        """Caused by a consumed event: its conversation, and the event itself as the cause."""
        return cls(envelope.correlation_id or envelope.message_id, envelope.message_id)

    @classmethod
    def current(cls) -> Cause:
        """Caused by the request (or process step) in progress: the correlation id the web layer
        or the consumer set for logging; a fresh one when nothing set it (a script, a test)."""
        correlation_id = current_correlation_id() or str(uuid.uuid4())
        return cls(correlation_id, correlation_id)

    def followed_by(self, message_id: str) -> Cause:
        """The cause of what reacts to the message `message_id` in the same conversation."""
        return Cause(self.correlation_id, message_id)
