"""Processes: consumer, dispatcher, web."""
