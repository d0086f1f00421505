"""The REST API of countries, organisations, users and role assignments."""
