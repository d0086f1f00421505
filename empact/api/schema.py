"""Serializers that exist only to document the API in its OpenAPI schema."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The one format of every error answer."""

    status = serializers.IntegerField(help_text=_("The HTTP status code."))
    code = serializers.CharField(help_text=_("A stable machine-readable code, e.g. invalid."))
    message = serializers.CharField(help_text=_("A human sentence saying what went wrong."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("400 only: each invalid field (dotted path for nested ones) and its errors."),
    )
    current_version = serializers.CharField(
        required=False, help_text=_("412 only: the ETag of the current version.")
    )
    current = serializers.DictField(
        required=False, help_text=_("412 only: the object as it is now.")
    )

    class Meta:
        ref_name = "Error"


def fields_are_optional_in_answers(result, generator, request, public):
    """drf-spectacular post-processing hook: ``?fields=`` may leave out any field of an object,
    so the object schemas of answers list their fields without requiring them."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") or "display" not in schema.get("properties", {}):
            continue
        schema.pop("required", None)
    return result
