"""Domain: applicant data, applications, review due times, alumni matching (standard library only)."""
