"""The REST API of the EMPACT cycle manager (``/api/v1/``): base classes shared by every app.

Each app has an ``api`` package (serializers, filters, views) built on these classes; the router,
schema and docs live in ``empact.api.urls``. See docs/api.md.
"""
