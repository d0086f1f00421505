"""Version 1 of every plan approved (or closed) before versions existed, from its current state.

Its current state is the best record there is of what COSI approved: until now an approved plan
could not change (its definition was read-only), except for the actions' implementation status,
which a version does not hold. The approval time is the plan's last change; who approved it is
not known. Reversing removes only those first versions.
"""

from django.db import migrations


def write_first_versions(apps, schema_editor):
    from oaps.selectors.versions import plan_snapshot

    Plan = apps.get_model("oaps", "OperationalActionPlan")
    PlanVersion = apps.get_model("oaps", "PlanVersion")
    for plan in Plan.objects.filter(status__in=["approved", "closed"]).order_by("pk"):
        if PlanVersion.objects.filter(plan=plan).exists():
            continue
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            snapshot=plan_snapshot(plan),
            approved_at=plan.updated_at,
            created_at=plan.updated_at,
            updated_at=plan.updated_at,
        )


def remove_first_versions(apps, schema_editor):
    apps.get_model("oaps", "PlanVersion").objects.filter(number=1, amendment=None).delete()


class Migration(migrations.Migration):
    dependencies = [("oaps", "0008_amendments_and_versions")]

    operations = [migrations.RunPython(write_first_versions, remove_first_versions)]
