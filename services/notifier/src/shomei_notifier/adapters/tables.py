"""The notifier's own tables; the machinery's (events, processed_messages, …) come from shared."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

# One row per (event, template): the unique key is what keeps one event to one mail under
# Kafka redelivery, on top of the consumer's processed-message ledger.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("event_message_id", Text, nullable=False),
    Column("template_key", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("tenant_id", Text, nullable=False),
    Column("recipient", Text, nullable=False),
    Column("language", Text, nullable=False),
    # Non-secret template facts only; secrets are fetched through secret_ref at send time.
    Column("variables", JSONB, nullable=False),
    Column("secret_ref", Text),
    Column("mail_message_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("correlation_id", Text),
    # The order an order or payment mail is about (staff see an order's mails on its page).
    Column("order_id", Text),
    # A resend by staff: the delivery it repeats, and the staff member who asked.
    Column("resend_of", BigInteger),
    Column("requested_by", Text),
    UniqueConstraint("event_message_id", "template_key", name="deliveries_event_template_key"),
    CheckConstraint("status IN ('pending', 'retrying', 'sent', 'given_up')", name="deliveries_status"),
)
Index("deliveries_due", deliveries.c.next_attempt_at,
      postgresql_where=text("status IN ('pending', 'retrying')"))
Index("deliveries_order", deliveries.c.tenant_id, deliveries.c.order_id)
# The per-address limit on registration mails counts an address's recent deliveries.
Index("deliveries_recipient_recent", deliveries.c.tenant_id, deliveries.c.recipient, deliveries.c.created_at)

account_contacts = Table(
    "account_contacts",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("account_id", Text, primary_key=True),
    Column("email", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

# Which account placed each order (domain/orders.py): order and payment events name no address.
order_accounts = Table(
    "order_accounts",
    metadata,
    Column("tenant_id", Text, primary_key=True),
    Column("order_id", Text, primary_key=True),
    Column("account_id", Text, nullable=False),
    Column("payment_id", Text),
    # The OrderPlaced whose reminder delivery a settling event withdraws.
    Column("placed_message_id", Text),
    Column("amount", Integer),
)
Index("order_accounts_payment", order_accounts.c.tenant_id, order_accounts.c.payment_id)
