"""``oaps.selectors.versions``: snapshots, the draft of an open amendment laid over the version in
force, and the comparison of two snapshots (plan fields, goals, actions and KPIs added, removed,
changed, with the reasons)."""

from __future__ import annotations

from importlib import import_module

import pytest

from oaps import selectors
from oaps.models import OperationalActionPlan, PlanVersion
from tests.access import conftest as shared

pytestmark = pytest.mark.django_db

world, today = shared.world, shared.today


def _snapshot(**plan):
    return {
        "plan": {"code": "P", "title": "T", **plan},
        "goals": [{"id": 1, "number": 1, "title": "G", "description": ""}],
        "actions": [
            {"id": 5, "code": "OA 1", "title": "A", "kpis": [{"id": 9, "name": "K", "target": "1"}]}
        ],
    }


def test_a_comparison_names_each_changed_field_with_before_after_and_reason(world):
    a, b = _snapshot(), _snapshot(title="New")
    b["actions"][0]["kpis"][0]["target"] = "2"
    b["actions"].append({"id": 6, "code": "OA 2", "title": "B", "kpis": []})
    b["goals"] = []
    comparison = selectors.compare_snapshots(
        world.p2,
        a,
        b,
        a_label="1",
        b_label="2",
        reasons={("kpi", 9, "target"): "More", ("action", 6, ""): "Needed"},
    )
    (title,) = comparison.plan_fields
    assert (title.field, title.before, title.after) == ("title", "T", "New")
    assert [(g.change, g.id) for g in comparison.goals] == [("removed", 1)]
    changed, added = comparison.actions
    assert (added.change, added.label, added.reason) == ("added", "OA 2 B", "Needed")
    (kpi,) = changed.kpis
    (target,) = kpi.fields
    assert (target.before, target.after, target.reason) == ("1", "2", "More")


def test_identical_snapshots_compare_empty(world):
    comparison = selectors.compare_snapshots(
        world.p2, _snapshot(), _snapshot(), a_label="1", b_label="1"
    )
    assert comparison.is_empty


def test_the_draft_lays_the_proposed_changes_over_the_version_in_force(world):
    draft = selectors.amendment_draft(world.p2_amendment)
    (action,) = draft["actions"]
    assert action["kpis"][0]["target"] == "20.00"
    assert world.p2_v1.snapshot["actions"][0]["kpis"][0]["target"] == "10.00"


def test_the_versions_are_listed_newest_first_for_whoever_sees_the_plan(world):
    versions = selectors.plan_versions(user=world.users["cosi_delegate"], plan=world.p2)
    assert [v.number for v in versions] == [1]
    outsider = world.objects["outsider_nl"]
    assert not selectors.plan_versions(user=outsider, plan=world.p2).exists()


def test_the_plan_page_part_offers_an_amendment_only_to_the_drivers_without_an_open_one(world):
    parts = selectors.amendment_parts(world.users["co_driver"], world.p2)
    assert parts["open_amendment"] == world.p2_amendment and not parts["can_amend"]
    world.p2_amendment.status = "withdrawn"
    world.p2_amendment.save()
    assert selectors.amendment_parts(world.users["co_driver"], world.p2)["can_amend"]
    assert not selectors.amendment_parts(world.users["secretariat"], world.p2)["can_amend"]
    assert OperationalActionPlan.objects.get(pk=world.p2.pk).status == "approved"


def test_the_data_migration_writes_version_1_of_the_plans_approved_before_versions(world):
    from django.apps import apps

    migration = import_module("oaps.migrations.0009_first_versions_of_approved_plans")
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="approved")
    migration.write_first_versions(apps, None)
    version = PlanVersion.objects.get(plan=world.p1)
    assert version.number == 1 and version.approved_by is None
    assert {a["id"] for a in version.snapshot["actions"]} == {world.a1.pk, world.a2.pk}
    assert PlanVersion.objects.filter(plan=world.p2).count() == 1  # p2 had its version already
    assert not PlanVersion.objects.filter(plan=world.p3).exists()  # a draft has none
