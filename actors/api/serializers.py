from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actors.models import Country, Organisation, RoleAssignment, User
from empact.api.serializers import ApiModelSerializer

STAMPS = ["created_at", "updated_at"]


class CountrySerializer(ApiModelSerializer):
    class Meta:
        model = Country
        fields = ["id", "display", "code", "name", "kind", *STAMPS]
        read_only_fields = STAMPS


class OrganisationSerializer(ApiModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "display", "name", "acronym", "kind", "discipline", "country", *STAMPS]
        read_only_fields = STAMPS
        display_related = ("country",)
        expandable = ("country",)


class UserSerializer(ApiModelSerializer):
    class Meta:
        model = User
        fields = [
            "id",
            "display",
            "email",
            "first_name",
            "last_name",
            "organisation",
            "country",
            "language",
            "is_active",
        ]
        read_only_fields = ["is_active"]
        # Required, as in the form that creates accounts: without a name it is a 400, not a 500.
        extra_kwargs = {
            "first_name": {"required": True, "allow_blank": False},
            "last_name": {"required": True, "allow_blank": False},
        }
        expandable = ("organisation", "country")


class RoleAssignmentSerializer(ApiModelSerializer):
    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "display",
            "user",
            "role",
            "plan",
            "action",
            "country",
            "starts_on",
            "ends_on",
            "assigned_by",
            "reason",
            "successor",
            *STAMPS,
        ]
        read_only_fields = ["assigned_by", "successor", *STAMPS]
        display_related = ("user", "plan", "action", "country")
        expandable = ("user", "plan", "action", "country")


class RoleEndSerializer(serializers.Serializer):
    ends_on = serializers.DateField(help_text=_("The last day the role is held."))
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class RoleHandoverSerializer(serializers.Serializer):
    successor = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("The id of the user taking over.")
    )
    on = serializers.DateField(help_text=_("The handover day: both hold the role that day."))
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class MeSerializer(UserSerializer):
    """The signed-in user, with the roles they hold today."""

    roles = serializers.SerializerMethodField(help_text=_("The roles held today."))
    calendar_url = serializers.SerializerMethodField(
        help_text=_("The private address of the user's deadline calendar (iCalendar).")
    )

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "roles", "calendar_url"]
        abstract_registration = True

    def get_calendar_url(self, obj) -> str | None:
        from actors import profile_parts

        return profile_parts.me_field("calendar_url", obj, self.context.get("request"))

    def get_roles(self, obj) -> list[str]:
        from empact.access import user_roles

        return sorted(user_roles(obj))
