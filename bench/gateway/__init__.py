"""Gateway benchmark: a read-only gateway page (GET /manual) against a bare Flask app serving a
body of the same size, both under the same gunicorn settings."""
