"""One hand-written cell, or a few, for every object type of the access matrix.

Each scenario is read off docs/permissions.md and the world in ``tests/access/world.py`` and
spelt out as the exact set of named objects a person may act on; it checks the running gate
independently of both the gate's lookups and the oracle's reading.
"""

from __future__ import annotations

import pytest

from actors.models import Country, Organisation, RoleAssignment, User
from assessments.models import Assessment, AssessmentItem, DelegationComment
from cycles.models import (
    Cycle,
    DocumentVersion,
    EmpactDocument,
    Evaluation,
    Milestone,
    Recommendation,
    Threat,
    ThreatAssessment,
    TimetableEntry,
)
from discussion.models import Comment
from empact.access import MATRIX, can
from funding.models import FundingCall, FundingRequest, FundingSource
from oaps.models import (
    AmendmentChange,
    JointActionDay,
    Kpi,
    KpiValue,
    LockException,
    OperationalAction,
    OperationalActionPlan,
    OperationalResult,
    Participation,
    PlanAmendment,
    PlanGoal,
    PlanVersion,
    ProgressReport,
    ReportingPeriod,
    ResultType,
)
from priorities.models import HorizontalGoal, Masp, Priority
from reviews.models import Position, ReviewRound
from revisions.models import Revision

pytestmark = pytest.mark.django_db

COVERED: set[type] = set()


def covers(*models):
    COVERED.update(models)
    return lambda test: test


def names(world, user_key: str, model, action: str = "view") -> set[str]:
    """The world's names of the objects of ``model`` the person may ``action``."""
    named = {(type(obj), obj.pk): key for key, obj in world.objects.items()}
    named.update({(User, user.pk): key for key, user in world.cast.items()})
    user = world.cast[user_key]
    return {
        named[(model, pk)]
        for pk in model.objects.visible_to(user, action).values_list("pk", flat=True)
    }


def test_every_object_type_of_the_matrix_has_a_hand_written_cell():
    assert {t.model for t in MATRIX.types.values()} - COVERED == set()


@covers(Cycle)
def test_people_see_the_cycles_they_hold_a_role_in_and_coordinators_every_cycle(world):
    assert names(world, "driver", Cycle) == {"cycle_a"}
    assert names(world, "driver_b", Cycle) == {"cycle_b"}  # their co-driver role on p1 ended
    assert names(world, "nec", Cycle) == {"cycle_a", "cycle_b"}
    assert names(world, "secretariat", Cycle, "change") == {"cycle_a", "cycle_b"}
    assert names(world, "secretariat", Cycle, "delete") == set()
    assert names(world, "europol", Cycle, "change") == set()


@covers(Milestone)
def test_a_driver_in_cycle_b_sees_only_the_milestones_of_cycle_b(world):
    assert names(world, "driver_b", Milestone) == {"milestone_b"}
    assert names(world, "secretariat", Milestone, "delete") == {"milestone_a", "milestone_b"}


@covers(EmpactDocument, DocumentVersion)
def test_a_document_without_cycle_such_as_the_mandate_is_seen_in_every_cycle(world):
    public = {"mandate", "evaluation_report_a", "evaluation_report_b"}
    assert names(world, "driver", EmpactDocument) == {"document_a", *public}
    assert names(world, "participant_b", EmpactDocument) == {"document_b", *public}
    assert names(world, "driver", DocumentVersion) == {
        "version_a",
        "mandate_v1",
        "evaluation_report_a_v1",
        "evaluation_report_b_v1",
    }
    assert names(world, "commission", DocumentVersion, "change") == set()


def test_a_limite_document_is_seen_only_by_the_users_of_its_cycle(world):
    # the PADs are LIMITE: cycle b's is not the driver's (cycle a), nor cycle a's participant_b's
    assert "document_b" not in names(world, "driver", EmpactDocument)
    assert "version_b" not in names(world, "driver", DocumentVersion)
    assert "document_a" not in names(world, "participant_b", EmpactDocument)
    assert {"document_a", "document_b"} <= names(world, "cosi_delegate", EmpactDocument)


@covers(ThreatAssessment, Threat)
def test_europol_and_the_secretariat_write_threat_assessments_that_others_only_read(world):
    assert names(world, "participant_b", ThreatAssessment) == {"threat_assessment_b"}
    assert names(world, "action_leader", Threat) == {"threat_a", "interim_threat_a"}
    assert names(world, "europol", Threat, "change") == {"threat_a", "threat_b", "interim_threat_a"}
    both = {"threat_assessment_a", "threat_assessment_b", "interim_report_a"}
    assert names(world, "secretariat", ThreatAssessment, "change") == both  # enters them
    assert names(world, "cosi_delegate", ThreatAssessment, "change") == set()


@covers(Revision)
def test_the_secretariat_decides_revisions_and_a_driver_proposes_them_for_their_plans_goals(world):
    proposed = {"revision_priority_a", "revision_p1_goal", "revision_p3_goal"}
    # the step's right covers every revision; the workflow refuses a decided one (409)
    assert names(world, "secretariat", Revision, "adopt") == proposed | {"revision_p2_goal_adopted"}
    assert names(world, "secretariat", Revision, "change") == proposed
    assert names(world, "driver", Revision, "change") == {"revision_p1_goal"}
    assert names(world, "driver", Revision, "adopt") == set()
    assert names(world, "cosi_delegate", Revision, "change") == set()


@covers(Evaluation, Recommendation)
def test_the_commission_writes_evaluations_that_a_cycle_a_participant_only_reads(world):
    assert names(world, "commission", Evaluation, "change") == {"evaluation_a", "evaluation_b"}
    assert names(world, "europol", Evaluation, "change") == set()
    assert names(world, "participant", Evaluation) == {"evaluation_a"}
    assert names(world, "co_action_leader", Recommendation) == {"recommendation_a"}
    assert names(world, "commission", Recommendation, "delete") == {
        "recommendation_a",
        "recommendation_b",
    }


@covers(Priority, Masp, HorizontalGoal)
def test_priorities_masps_and_chsgs_are_seen_in_their_own_cycle(world):
    assert names(world, "driver_b", Priority) == {"priority_b"}
    assert names(world, "driver", Masp) == {"masp_a"}
    assert names(world, "participant_b", HorizontalGoal) == {"chsg_b"}
    assert names(world, "secretariat", HorizontalGoal, "change") == {"chsg_a", "chsg_b"}
    assert names(world, "driver", Priority, "change") == set()


@covers(OperationalActionPlan)
def test_a_driver_changes_and_submits_only_their_own_draft_plan(world):
    assert names(world, "driver", OperationalActionPlan) == {"p1", "p2"}
    assert names(world, "driver", OperationalActionPlan, "change") == {"p1"}
    assert names(world, "driver", OperationalActionPlan, "submit") == {"p1"}
    assert names(world, "co_driver", OperationalActionPlan, "change") == set()  # p2 approved
    assert names(world, "co_driver", OperationalActionPlan, "submit") == {"p2"}
    assert names(world, "secretariat", OperationalActionPlan, "delete") == {"p1", "p3"}
    assert names(world, "cosi_delegate", OperationalActionPlan, "change") == set()


@covers(PlanGoal)
def test_a_driver_changes_a_goal_of_their_plan_while_a_draft_but_not_once_submitted(world):
    assert names(world, "driver", PlanGoal, "change") == {"p1_goal"}
    assert names(world, "co_driver", PlanGoal, "change") == set()  # p2 approved
    OperationalActionPlan.objects.filter(pk=world.p1.pk).update(status="submitted")
    assert names(world, "driver", PlanGoal, "change") == set()
    assert names(world, "driver", PlanGoal) == {"p1_goal", "p2_goal"}


@covers(OperationalAction)
def test_an_action_leader_changes_their_action_a_driver_every_action_of_the_plan(world):
    assert names(world, "action_leader", OperationalAction, "change") == {"a1"}
    assert names(world, "action_leader", OperationalAction, "delete") == set()
    assert names(world, "driver", OperationalAction, "change") == {"a1", "a2"}
    assert names(world, "participant", OperationalAction, "change") == set()
    assert names(world, "participant", OperationalAction) == {"a1", "a2", "a3"}
    assert names(world, "nec", OperationalAction, "comment") == {"a1", "a3", "a4"}


@covers(Participation)
def test_a_nec_confirms_the_participations_of_their_country_also_through_its_police(world):
    assert names(world, "nec", Participation, "confirm") == {"part_a3_be", "part_a4_be_police"}
    assert names(world, "action_leader", Participation, "change") == {
        "part_a1_nl",
        "part_a1_de_police",
    }
    assert names(world, "co_action_leader", Participation, "change") == set()  # p2 approved


@covers(Kpi)
def test_kpis_change_only_in_the_leaders_action_while_the_plan_is_open(world):
    assert names(world, "action_leader", Kpi, "change") == {"a1_kpi"}
    assert names(world, "co_action_leader", Kpi, "change") == set()
    assert names(world, "driver_b", Kpi, "delete") == {"a4_kpi"}
    assert names(world, "driver_b", Kpi) == {"a4_kpi"}


@covers(PlanVersion, PlanAmendment)
def test_versions_and_amendments_are_seen_in_the_cycle_and_amended_by_the_plans_drivers(world):
    assert names(world, "driver", PlanVersion) == {"p2_v1"}  # p2 is in the driver's cycle
    assert names(world, "driver_b", PlanVersion) == set()
    assert names(world, "co_driver", PlanAmendment, "submit") == {"p2_amendment"}
    assert names(world, "driver", PlanAmendment, "submit") == set()  # they drive p1 only
    assert names(world, "secretariat", PlanAmendment, "approve") == {"p2_amendment"}
    assert names(world, "cosi_delegate", PlanAmendment, "approve") == set()


@covers(AmendmentChange)
def test_proposed_changes_are_edited_by_the_drivers_while_the_amendment_is_a_draft(world):
    assert names(world, "co_driver", AmendmentChange, "change") == {"p2_change"}
    assert names(world, "co_action_leader", AmendmentChange, "change") == set()
    world.p2_amendment.status = "submitted"
    world.p2_amendment.save()
    assert names(world, "co_driver", AmendmentChange, "change") == set()


@covers(ReportingPeriod)
def test_reporting_periods_are_seen_in_the_cycle_and_set_by_the_secretariat(world):
    assert names(world, "driver", ReportingPeriod) == {"p1_period", "p2_period", "cycle_period"}
    assert names(world, "driver_b", ReportingPeriod) == {"p3_period"}
    assert names(world, "driver", ReportingPeriod, "change") == set()
    assert len(names(world, "secretariat", ReportingPeriod, "change")) == 4


@covers(LockException)
def test_lock_exceptions_are_granted_and_revoked_by_the_plans_drivers_and_the_secretariat(world):
    assert names(world, "driver", LockException, "delete") == {"lock_a1", "lock_a2"}
    assert names(world, "co_driver", LockException, "delete") == {"lock_a3"}
    assert names(world, "secretariat", LockException, "delete") == {
        "lock_a1",
        "lock_a2",
        "lock_a3",
        "lock_a4",
    }
    assert names(world, "action_leader", LockException) == {"lock_a1"}
    assert names(world, "action_leader", LockException, "delete") == set()
    assert names(world, "nec", LockException, "delete") == set()
    assert can(world.users["driver"], "grant_lock_exception", world.a1)
    assert not can(world.users["driver"], "grant_lock_exception", world.a3)
    assert not can(world.users["action_leader"], "grant_lock_exception", world.a1)


@covers(ProgressReport)
def test_a_nec_sees_the_reports_of_actions_their_country_takes_part_in(world):
    assert names(world, "nec", ProgressReport) == {"r1", "r3", "r4"}  # BE has no part in a2
    assert names(world, "participant", ProgressReport) == {"r2"}
    assert names(world, "action_leader", ProgressReport, "change") == {"r1"}
    assert names(world, "co_action_leader", ProgressReport, "submit") == set()  # r3 accepted
    assert names(world, "driver", ProgressReport, "accept") == {"r1", "r2"}
    assert names(world, "driver", ProgressReport, "change") == set()
    assert can(world.users["action_leader"], "add", world.r1)


@covers(KpiValue)
def test_kpi_values_change_only_while_their_report_is_open(world):
    assert names(world, "participant", KpiValue) == {"r2_value"}
    assert names(world, "action_leader", KpiValue, "change") == {"r1_value"}
    assert names(world, "co_action_leader", KpiValue, "change") == set()
    ProgressReport.objects.filter(pk=world.r1.pk).update(
        status="submitted", submitted_at=world.r2.submitted_at
    )
    assert names(world, "action_leader", KpiValue, "change") == set()


@covers(TimetableEntry)
def test_everyone_with_a_role_sees_the_default_timetable_and_the_secretariat_changes_it(world):
    assert names(world, "participant_b", TimetableEntry) == {"timetable_entry"}
    assert names(world, "secretariat", TimetableEntry, "change") == {"timetable_entry"}
    assert names(world, "europol", TimetableEntry, "change") == set()


@covers(JointActionDay, ResultType)
def test_joint_action_days_and_result_types_are_seen_by_everyone_with_a_role(world):
    assert names(world, "participant_b", JointActionDay) == {"jad"}
    assert names(world, "secretariat", JointActionDay, "change") == {"jad"}
    assert names(world, "commission", JointActionDay, "change") == set()
    assert names(world, "europol", ResultType, "change") == {"result_type"}
    assert names(world, "europol", ResultType, "delete") == set()


@covers(OperationalResult)
def test_results_are_seen_in_the_action_and_once_published_in_their_cycle(world):
    assert names(world, "action_leader", OperationalResult) == {"res_a1", "res_a2", "res_jad"}
    assert names(world, "action_leader", OperationalResult, "change") == {"res_a1"}
    # res_a2 is published, but of cycle A, where this participant holds no role.
    assert names(world, "participant_b", OperationalResult) == {"res_a4", "res_jad"}
    assert names(world, "europol", OperationalResult, "validate") == {
        "res_a1",
        "res_a2",
        "res_a3",
        "res_a4",
        "res_jad",
        "res_a2_unpublished",
    }
    assert names(world, "co_action_leader", OperationalResult, "change") == set()  # validated


@covers(Assessment, AssessmentItem, DelegationComment)
def test_an_assessment_is_read_by_the_drivers_it_rates_and_by_everyone_once_adopted(world):
    assert names(world, "commission", Assessment) == {"assessment_a_mid"}
    assert names(world, "driver", Assessment) == {"assessment_a_mid", "assessment_a_final"}
    # Cycle B only: the co-driver role on p1 ended, so the adopted cycle A assessment is gone.
    assert names(world, "driver_b", Assessment) == {"assessment_b_mid"}
    assert names(world, "driver_b", AssessmentItem) == {"item_b_p3"}
    assert names(world, "participant", AssessmentItem) == {"item_mid_p1", "item_mid_chsg"}
    # A driver reads their own plan's lines while open, every line once adopted.
    assert names(world, "driver", AssessmentItem) == {
        "item_mid_p1",
        "item_mid_chsg",
        "item_final_p1",
    }
    assert names(world, "driver", Assessment, "change") == set()


@covers(AssessmentItem, DelegationComment)
def test_findings_come_from_europol_and_the_rated_plans_drivers_while_open(world):
    open_items = {"item_final_p1", "item_final_p2", "item_final_p2_goal", "item_b_p3"}
    assert names(world, "europol", AssessmentItem, "give_europol_findings") == open_items
    assert names(world, "co_driver", AssessmentItem, "give_drivers_findings") == {
        "item_final_p2",
        "item_final_p2_goal",
    }
    assert names(world, "driver", AssessmentItem, "give_drivers_findings") == {"item_final_p1"}
    assert names(world, "secretariat", AssessmentItem, "change") == open_items
    assert names(world, "europol", AssessmentItem, "give_drivers_findings") == set()
    assert names(world, "cosi_delegate", AssessmentItem, "give_comment") == open_items | {
        "item_mid_p1",
        "item_mid_chsg",
    }  # the window and the state are the service's to check (409)
    assert names(world, "cosi_delegate", DelegationComment, "change") == {
        "delegation_comment_final_nl"
    }
    assert names(world, "participant", DelegationComment) == {"delegation_comment_mid_nl"}


@covers(FundingSource, FundingCall)
def test_funding_sources_are_written_by_the_commission_and_calls_also_by_europol(world):
    assert names(world, "participant_b", FundingSource) == {"source"}
    assert names(world, "commission", FundingSource, "change") == {"source"}
    assert names(world, "europol", FundingSource, "change") == set()
    assert names(world, "europol", FundingCall, "change") == {"call"}
    assert names(world, "secretariat", FundingCall, "change") == set()


@covers(FundingRequest)
def test_funding_requests_change_in_the_plan_while_a_draft(world):
    assert names(world, "driver", FundingRequest, "change") == {"request_a1"}  # a2's withdrawn
    assert names(world, "driver", FundingRequest) == {"request_a1", "request_a2"}
    assert names(world, "nec", FundingRequest) == {"request_a1", "request_a3", "request_a4"}
    assert names(world, "action_leader", FundingRequest, "submit") == {"request_a1"}
    assert names(world, "co_action_leader", FundingRequest, "submit") == set()  # submitted
    assert names(world, "driver", FundingRequest, "decide") == set()


@covers(Country, Organisation)
def test_countries_and_organisations_are_kept_by_the_secretariat(world):
    assert names(world, "driver", Country) == {"be", "nl", "de"}
    assert names(world, "secretariat", Country, "change") == {"be", "nl", "de"}
    assert names(world, "nec", Country, "change") == set()
    assert names(world, "secretariat", Organisation, "delete") == set()
    assert len(names(world, "administrator", Organisation, "delete")) == 4


@covers(User)
def test_a_nec_sees_and_changes_the_accounts_of_their_country_people(world):
    be_people = {"driver", "action_leader", "nec", "participant_a3", "seconded_be"}
    assert names(world, "nec", User) == be_people
    assert names(world, "nec", User, "change") == be_people
    assert names(world, "cosi_delegate", User) == {"cosi_delegate"}
    assert names(world, "participant", User) == {"participant"}
    assert names(world, "driver", User, "change") == set()


@covers(RoleAssignment)
def test_a_driver_sees_and_ends_the_roles_in_their_plan_and_its_actions(world):
    in_p1 = {"ra_driver", "ra_action_leader", "ra_participant", "ra_driver_b_ended"}
    assert names(world, "driver", RoleAssignment) == in_p1
    assert names(world, "driver", RoleAssignment, "end") == in_p1
    assert names(world, "co_driver", RoleAssignment, "end") == set()
    assert names(world, "nec", RoleAssignment) == {
        "ra_driver",
        "ra_action_leader",
        "ra_nec",
        "ra_colleague_be_participant",
    }
    assert names(world, "commission", RoleAssignment) == {"ra_commission"}


@covers(Comment)
def test_comments_are_seen_as_their_object_and_added_where_the_object_may_be_commented(world):
    everything = {f"comment_{key}" for key in ("p1", "p2", "p3", "a1", "a2", "a3", "a4")}
    everything |= {"comment_r1", "comment_r2", "comment_r3"}
    # A participant of a2 sees every plan and action of cycle A, and only a2's report.
    assert names(world, "participant", Comment) == {
        "comment_p1",
        "comment_p2",
        "comment_a1",
        "comment_a2",
        "comment_a3",
        "comment_r2",
    }
    # ...and may comment only on their action and its report (plans: drivers and COSI).
    assert names(world, "participant", Comment, "add") == {"comment_a2", "comment_r2"}
    assert names(world, "driver", Comment, "add") == {
        "comment_p1",
        "comment_a1",
        "comment_a2",
        "comment_r1",
        "comment_r2",
    }
    assert names(world, "secretariat", Comment) == everything
    assert names(world, "commission", Comment, "add") == {
        "comment_p1",
        "comment_p2",
        "comment_p3",
        "comment_r1",
        "comment_r2",
        "comment_r3",
    }


@covers(ReviewRound, Position)
def test_review_rounds_are_run_by_the_secretariat_and_positions_belong_to_their_country(world):
    assert names(world, "driver", ReviewRound) == {"round_a"}  # driver of p1, in cycle A
    assert names(world, "driver_b", ReviewRound) == {"round_b"}
    assert names(world, "secretariat", ReviewRound, "close") == {"round_a", "round_b"}
    assert names(world, "secretariat", ReviewRound, "change") == {"round_b"}  # round_a closed
    assert names(world, "cosi_delegate", ReviewRound, "close") == set()
    assert names(world, "cosi_delegate", ReviewRound, "give_position") == {"round_a", "round_b"}
    # the NL delegate's position is NL's, and changes no more once its round closed
    assert names(world, "cosi_delegate", Position) == {"position_a_nl"}
    assert names(world, "cosi_delegate", Position, "change") == set()
    assert names(world, "secretariat", Position, "change") == set()
    assert names(world, "nec", Position, "change") == set()
