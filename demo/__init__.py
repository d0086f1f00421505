"""The demo data set and the scale-data generator, above every app.

``dataset`` builds the demo of the 2022-2025 and 2026-2029 cycles on top of the reference data
every installation needs (owned by the apps, ``<app>/reference.py``; ``reference_data`` looks it
up for the demo); ``users`` the cast of demo users; ``scale`` the bulk generator for load tests;
``management/guard.py`` refuses the demo commands on a database not marked as a demo. Demo data
only: never load ``dataset`` or ``users`` into production.
"""
