"""payment's adapters: tables, repositories, event schemas and outside services."""
