"""Real and fake implementations of the service layer's ports."""
