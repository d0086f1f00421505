from django.urls import path

from oaps.views import actions, lists, plans

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
]
