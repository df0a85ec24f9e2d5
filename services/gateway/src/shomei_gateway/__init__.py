"""The applicant web UI: every screen a graduate sees, Japanese first."""
