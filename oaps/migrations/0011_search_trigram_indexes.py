"""Trigram indexes for the search page (workspace.search): ``icontains`` on PostgreSQL compiles to
``UPPER(column::text) LIKE UPPER(%s)``, which a GIN index on ``UPPER(column)`` with
``gin_trgm_ops`` answers without reading every row. PostgreSQL only: SQLite (``make run``) keeps
its scans. pg_trgm is a trusted extension (PostgreSQL 13+), so the database's owner may create it;
where that is refused the search still works, by scanning, and the migration says so."""

from django.db import migrations

SEARCHED = {
    "oaps_progressreport": ("narrative", "obstacles", "review_comment"),
    "oaps_operationalaction": ("code", "title", "description", "methods", "expected_results"),
    "oaps_operationalactionplan": ("code", "title"),
}


def _name(table: str, column: str) -> str:
    return f"{table.removeprefix('oaps_')[:20]}_{column[:12]}_trgm"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                cursor.execute("SAVEPOINT empact_trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("RELEASE SAVEPOINT empact_trgm")
            except Exception as exc:  # noqa: BLE001 - refused: the search scans instead
                cursor.execute("ROLLBACK TO SAVEPOINT empact_trgm")
                print(f"\n  pg_trgm not available ({exc}); the search will scan.")  # noqa: T201
                return
        for table, columns in SEARCHED.items():
            for column in columns:
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{_name(table, column)}" ON "{table}" '
                    f'USING gin (UPPER("{column}") gin_trgm_ops)'
                )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, columns in SEARCHED.items():
            for column in columns:
                cursor.execute(f'DROP INDEX IF EXISTS "{_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [("oaps", "0010_result_list_order")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
