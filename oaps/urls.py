from django.urls import path

from oaps.views import actions, amendments, lists, plans

urlpatterns = [
    path("plans/", lists.plan_list, name="plan-list"),
    path("countries/", lists.country_list, name="country-list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan-submit"),
    path("plans/<int:pk>/approve/", plans.plan_approve, name="plan-approve"),
    path("plans/<int:pk>/return/", plans.plan_return, name="plan-return"),
    path("plans/<int:pk>/goals/new/", plans.plan_goal_create, name="plan-goal-create"),
    path("plan-goals/<int:pk>/edit/", plans.plan_goal_edit, name="plan-goal-edit"),
    path("plan-goals/<int:pk>/delete/", plans.plan_goal_delete, name="plan-goal-delete"),
    path("plans/<int:pk>/actions/new/", actions.action_create, name="action-create"),
    path("plans/<int:pk>/actions/reorder/", plans.action_reorder, name="action-reorder"),
    path("actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/cancel/", actions.action_cancel, name="action-cancel"),
    path("actions/<int:pk>/status/", amendments.action_status, name="action-status"),
    path("plans/<int:pk>/versions/", amendments.plan_versions, name="plan-versions"),
    path("plans/<int:pk>/compare/", amendments.plan_compare, name="plan-compare"),
    path("plans/<int:pk>/amend/", amendments.plan_amend, name="plan-amend"),
    path("amendments/<int:pk>/", amendments.amendment_detail, name="amendment-detail"),
    path("amendments/<int:pk>/submit/", amendments.amendment_submit, name="amendment-submit"),
    path("amendments/<int:pk>/withdraw/", amendments.amendment_withdraw, name="amendment-withdraw"),
    path("amendments/<int:pk>/approve/", amendments.amendment_approve, name="amendment-approve"),
    path("amendments/<int:pk>/return/", amendments.amendment_return, name="amendment-return"),
    path(
        "amendments/<int:pk>/actions/new/",
        amendments.amendment_action_add,
        name="amendment-action-add",
    ),
    path("actions/<int:pk>/amend/", amendments.amendment_action_edit, name="amendment-action-edit"),
    path("kpis/<int:pk>/amend/", amendments.amendment_kpi_edit, name="amendment-kpi-edit"),
    path("actions/<int:pk>/amend/new-kpi/", amendments.amendment_kpi_add, name="amendment-kpi-add"),
    path("amendments/<int:pk>/remove/", amendments.amendment_remove, name="amendment-remove"),
    path(
        "amendment-changes/<int:pk>/delete/",
        amendments.amendment_change_delete,
        name="amendment-change-delete",
    ),
]
