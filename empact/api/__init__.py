"""The REST API of the EMPACT cycle manager (``/api/v1/``): base classes shared by every app.

Each app has an ``api`` package (serializers, filters, views, and ``urls`` registering its
collections on ``empact.api.routers.CollectionRouter``) built on these classes; the root of
``/api/v1/``, which assembles them, the schema and the docs live in ``empact.api.urls``. See
docs/api.md.
"""
