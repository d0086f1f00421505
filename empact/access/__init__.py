"""The one permission gate of the EMPACT cycle manager.

Every read of a business object in a view, an endpoint, an export or a task starts from
``Model.objects.visible_to(user, action)``: a queryset restricted to the objects the user may act
on, built from the access matrix (``matrix.yaml``), the user's active role assignments, and the
guardian object permissions derived from them. Objects outside it answer 404; objects inside the
"view" set but outside the set for the action answer 403.
"""

from empact.access.fields import require_writable, writable_fields
from empact.access.gate import assignable_roles, can, may, user_roles, visible_q
from empact.access.matrix import MATRIX, type_for_model

__all__ = [
    "MATRIX",
    "assignable_roles",
    "can",
    "may",
    "require_writable",
    "type_for_model",
    "user_roles",
    "visible_q",
    "writable_fields",
]
