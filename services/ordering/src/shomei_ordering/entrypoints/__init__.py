"""ordering's entrypoints: web app, consumer, migrations."""
