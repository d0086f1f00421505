"""One error format for every API answer that is not a success.

Every error is a JSON object ``{"status": 400, "code": "invalid", "message": "...", "fields":
{...}}``: ``fields`` names each invalid field (400 only), a 412 adds ``current_version`` and
``current``. Model validation errors and database integrity errors are client errors (400); a
workflow step refused in the current state is 409.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from empact.services import WorkflowError

logger = logging.getLogger(__name__)


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "Send the ETag of the object you changed in an If-Match header (GET it first)."
    )
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    """The object changed since the client read it; the body shows the current version."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "Somebody else changed this object since you read it: GET it again, merge, and retry."
    )
    default_code = "precondition_failed"

    def __init__(self, current_version: str, current: dict | None = None) -> None:
        super().__init__()
        self.current_version = current_version
        self.current = current


CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    415: "unsupported_media_type",
    428: "precondition_required",
    429: "throttled",
}


def _strings(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {str(key): _strings(value) for key, value in detail.items()}
    if isinstance(detail, list | tuple):
        return [_strings(item) for item in detail]
    return str(detail)


def flatten_fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """``{"kpi_values": [{}, {"value": ["..."]}]}`` becomes ``{"kpi_values.1.value": ["..."]}``."""
    fields: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "non_field_errors" if key in ("__all__", "non_field_errors") else str(key)
            fields.update(flatten_fields(value, f"{prefix}.{name}" if prefix else name))
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, dict | list | tuple) for item in detail):
            if detail:
                fields[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                fields.update(flatten_fields(item, f"{prefix}.{index}" if prefix else str(index)))
    else:
        fields[prefix or "non_field_errors"] = [str(detail)]
    return fields


def error_body(
    status_code: int, message: str, *, code: str | None = None, fields: dict | None = None
) -> dict:
    body: dict[str, Any] = {
        "status": status_code,
        "code": code or CODES.get(status_code, "error"),
        "message": str(message),
    }
    if fields:
        body["fields"] = fields
    return body


def _validation_body(fields: dict[str, list[str]]) -> dict:
    if set(fields) == {"non_field_errors"}:
        message = " ".join(fields["non_field_errors"])
    else:
        names = ", ".join(sorted(name for name in fields if name != "non_field_errors"))
        message = _("The request is not valid; check these fields: %(names)s.") % {"names": names}
    return error_body(400, message, code="invalid", fields=fields)


def _django_validation_fields(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return flatten_fields(exc.message_dict)
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every known error becomes the one JSON format."""
    headers: dict[str, str] = {}
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found: it does not exist or you may not see it."))
    elif isinstance(exc, DjangoPermissionDenied):
        message = str(exc) or _("You are not allowed to do this.")
        exc = exceptions.PermissionDenied(message)

    if isinstance(exc, ProtectedError | RestrictedError):
        body = error_body(
            409,
            _("It cannot be deleted: other records still refer to it."),
            code="protected",
        )
    elif isinstance(exc, IntegrityError):
        logger.info("API integrity error: %s", exc)
        body = error_body(
            400, _("The data conflicts with a rule of the database or an existing record.")
        )
    elif isinstance(exc, DjangoValidationError):
        body = _validation_body(_django_validation_fields(exc))
    elif isinstance(exc, WorkflowError):
        body = {**error_body(409, exc.message, code="workflow"), **exc.details}
    elif isinstance(exc, exceptions.ValidationError):
        body = _validation_body(flatten_fields(exc.detail))
    elif isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail
        message = (
            " ".join(flatten_fields(detail).get("non_field_errors", []))
            if isinstance(detail, dict | list)
            else str(detail)
        )
        body = error_body(exc.status_code, message, code=CODES.get(exc.status_code))
        if isinstance(exc, PreconditionFailed):
            body["current_version"] = exc.current_version
            if exc.current is not None:
                body["current"] = exc.current
    else:
        return None  # an unexpected error: a bug, logged with its traceback by Django
    set_rollback()
    return Response(body, status=body["status"], headers=headers)


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any path under /api/v1/ that names no endpoint."""
    return JsonResponse(
        error_body(
            404, _("There is no such endpoint. Paths end with a slash, e.g. /api/v1/plans/.")
        ),
        status=404,
    )
