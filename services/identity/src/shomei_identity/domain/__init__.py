"""Identity rules: standard library and shomei_shared.messages only."""
