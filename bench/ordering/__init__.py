"""`python -m bench.ordering`: orders placed per second through the gateway, and order placed →
OrderPaid through the PayPal simulator, against the gateway's bare read path (see __main__)."""
