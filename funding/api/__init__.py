"""The REST API of funding sources, calls and requests."""
