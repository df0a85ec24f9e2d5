"""Identity rules: standard library, shomei_shared.messages and shomei_shared.errors only."""
