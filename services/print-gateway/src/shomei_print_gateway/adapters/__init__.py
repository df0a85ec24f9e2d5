"""print-gateway's adapters: tables, repositories, event schemas and outside services."""
