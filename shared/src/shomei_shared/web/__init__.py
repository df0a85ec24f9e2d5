"""Flask helpers every service uses."""
