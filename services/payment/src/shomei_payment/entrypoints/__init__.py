"""payment's entrypoints: web app, consumer, migrations."""
