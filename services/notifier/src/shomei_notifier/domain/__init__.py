"""Mail, delivery and routing rules: standard library only."""
