"""print-gateway's service layer: commands, handlers and the ports they need."""
