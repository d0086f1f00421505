"""The reads of the plans' lifecycles, always for a user: ``plans`` (plans, actions, KPIs, a
country's actions), ``history`` (history panels from the audit log), ``concurrency`` (what somebody
else changed), ``compliance`` (reports on time, late, missing), ``lock_exceptions`` (who a lock
exception may let in). Callers use ``oaps.selectors.<name>``.
"""

from oaps.selectors.completeness import (
    Missing,
    plan_completeness,
    plan_missing,
)
from oaps.selectors.compliance import (
    Compliance,
    compliance,
    country_compliance,
    cycle_compliance,
    missing_reports,
    plan_compliance,
)
from oaps.selectors.concurrency import (
    Conflict,
    conflict_for,
)
from oaps.selectors.history import (
    FieldChange,
    HistoryEntry,
    action_history,
    display_value,
    object_history,
    plan_history,
    related_labels,
)
from oaps.selectors.lock_exceptions import (
    lock_exceptions_of,
    report_writers,
)
from oaps.selectors.plans import (
    ACTION_SORTS,
    PLAN_SORTS,
    ActionPage,
    CountryPlan,
    KpiProgress,
    action_for_page,
    action_page,
    actions_of_countries,
    actions_of_country,
    actions_visible_to,
    country_actions,
    kpi_progress,
    plan_action_filter_choices,
    plan_actions,
    plan_editor_actions,
    plan_for_page,
    plans_for_list,
    plans_visible_to,
    plans_with_action_count,
)

__all__ = [
    "ACTION_SORTS",
    "PLAN_SORTS",
    "ActionPage",
    "Compliance",
    "Conflict",
    "CountryPlan",
    "FieldChange",
    "HistoryEntry",
    "KpiProgress",
    "Missing",
    "action_for_page",
    "action_history",
    "action_page",
    "actions_of_countries",
    "actions_of_country",
    "actions_visible_to",
    "compliance",
    "conflict_for",
    "country_actions",
    "country_compliance",
    "cycle_compliance",
    "display_value",
    "kpi_progress",
    "lock_exceptions_of",
    "missing_reports",
    "object_history",
    "plan_action_filter_choices",
    "plan_actions",
    "plan_completeness",
    "plan_compliance",
    "plan_editor_actions",
    "plan_for_page",
    "plan_history",
    "plan_missing",
    "plans_for_list",
    "plans_visible_to",
    "plans_with_action_count",
    "related_labels",
    "report_writers",
]
