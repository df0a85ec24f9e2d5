"""Login benchmark: identity's POST /internal/login under gunicorn against the bound that
argon2 verification sets on this machine."""
