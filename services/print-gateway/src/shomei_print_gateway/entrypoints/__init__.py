"""print-gateway's entrypoints: web app, consumer, migrations."""
