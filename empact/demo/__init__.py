"""Reference data, the demo data set and the scale-data generator.

``reference`` holds the editable reference data every installation needs (countries,
organisations, result types, funding sources); ``dataset`` builds the demo of the 2022-2025 and
2026-2029 cycles on top of it; ``users`` the cast of demo users; ``scale`` the bulk generator for
load tests. Demo data only: never load ``dataset`` or ``users`` into production.
"""
