"""Who takes part in EMPACT: countries, organisations and the people using the system."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from empact.models import AccessQuerySet, TimestampedModel


class Country(TimestampedModel):
    class Kind(models.TextChoices):
        EU_MEMBER_STATE = "eu_member_state", _("EU member state")
        SCHENGEN_ASSOCIATED = "schengen_associated", _("Schengen-associated country")
        THIRD_COUNTRY = "third_country", _("Third country")

    code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2}\Z", _("The country code must be two capital letters."))
        ],
        help_text=_("Two capital letters, for example BE for Belgium."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        permissions = [
            ("coordinate_country", _("Coordinate EMPACT for the country (NEC)")),
            ("represent_country", _("Represent the country in COSI")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_is_two_capital_letters",
                violation_error_message=_("The country code must be two capital letters."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(TimestampedModel):
    class Kind(models.TextChoices):
        NATIONAL_AUTHORITY = "national_authority", _("National authority")
        EU_INSTITUTION = "eu_institution", _("EU institution")
        EU_AGENCY = "eu_agency", _("EU agency")
        EU_NETWORK = "eu_network", _("EU network")
        THIRD_COUNTRY_AUTHORITY = "third_country_authority", _("Third-country authority")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        PRIVATE_PARTNER = "private_partner", _("Private partner")

    class Discipline(models.TextChoices):
        POLICE = "police", _("Police")
        CUSTOMS = "customs", _("Customs")
        BORDER_GUARD = "border_guard", _("Border guard")
        JUDICIAL = "judicial", _("Judicial")
        TAX = "tax", _("Tax")
        ADMINISTRATIVE = "administrative", _("Administrative")
        OTHER = "other", _("Other")

    KINDS_WITH_COUNTRY = (Kind.NATIONAL_AUTHORITY, Kind.THIRD_COUNTRY_AUTHORITY)

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    discipline = models.CharField(
        _("discipline"),
        max_length=20,
        choices=Discipline.choices,
        blank=True,
        help_text=_("Only for national authorities: police, customs, judicial..."),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="organisation_name_unique_per_country",
                nulls_distinct=False,
                violation_error_message=_("An organisation with this name already exists here."),
            ),
            models.CheckConstraint(
                condition=Q(kind="national_authority") | Q(discipline=""),
                name="organisation_discipline_only_for_national_authorities",
                violation_error_message=_("Only a national authority has a discipline."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="national_authority") | ~Q(discipline=""),
                name="organisation_national_authority_has_discipline",
                violation_error_message=_("A national authority needs a discipline."),
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["national_authority", "third_country_authority"])
                | Q(country__isnull=False),
                name="organisation_authority_has_country",
                violation_error_message=_("A national or third-country authority needs a country."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.acronym or self.name} ({self.country.code})"
            if self.country_id
            else (self.acronym or self.name)
        )

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.NATIONAL_AUTHORITY and not self.discipline:
            errors["discipline"] = _("Choose the discipline of this national authority.")
        if self.kind != self.Kind.NATIONAL_AUTHORITY and self.discipline:
            errors["discipline"] = _("Only a national authority has a discipline; leave it empty.")
        if self.kind in self.KINDS_WITH_COUNTRY and not self.country_id:
            errors["country"] = _("Choose the country of this authority.")
        if (
            self.kind == self.Kind.NATIONAL_AUTHORITY
            and self.country_id
            and self.country.kind == Country.Kind.THIRD_COUNTRY
        ):
            errors["kind"] = _(
                "An authority of a third country is a third-country authority, "
                "not a national authority."
            )
        if errors:
            raise ValidationError(errors)


class EmailUserManager(UserManager.from_queryset(AccessQuerySet)):
    """Users log in with their e-mail address; there is no username."""

    def _create_user(self, email, password, **extra_fields):  # type: ignore[override]
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):  # type: ignore[override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    @classmethod
    def from_db(cls, db, field_names, values):
        """Keep the values as loaded: an Event records each changed field before and after
        (``TimestampedModel`` does the same for the other models)."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_case_insensitive",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()


class Role(models.TextChoices):
    """The roles of EMPACT. Which scope each needs is in ``ROLE_SCOPES``; rights in permissions."""

    ADMINISTRATOR = "administrator", _("Administrator")
    SECRETARIAT = "secretariat", _("COSI secretariat")
    COSI_DELEGATE = "cosi_delegate", _("COSI delegate")
    EUROPOL = "europol", _("Europol EMPACT support")
    COMMISSION = "commission", _("European Commission")
    DRIVER = "driver", _("Driver")
    CO_DRIVER = "co_driver", _("Co-driver")
    ACTION_LEADER = "action_leader", _("Action leader")
    CO_ACTION_LEADER = "co_action_leader", _("Co-action leader")
    PARTICIPANT = "participant", _("Participant (national expert)")
    NEC = "nec", _("National EMPACT coordinator (NEC)")


class Scope(models.TextChoices):
    GLOBAL = "global", _("Global")
    PLAN = "plan", _("One plan")
    ACTION = "action", _("One action")
    COUNTRY = "country", _("One country")


ROLE_SCOPES: dict[str, str] = {
    Role.ADMINISTRATOR: Scope.GLOBAL,
    Role.SECRETARIAT: Scope.GLOBAL,
    Role.COSI_DELEGATE: Scope.COUNTRY,
    Role.EUROPOL: Scope.GLOBAL,
    Role.COMMISSION: Scope.GLOBAL,
    Role.DRIVER: Scope.PLAN,
    Role.CO_DRIVER: Scope.PLAN,
    Role.ACTION_LEADER: Scope.ACTION,
    Role.CO_ACTION_LEADER: Scope.ACTION,
    Role.PARTICIPANT: Scope.ACTION,
    Role.NEC: Scope.COUNTRY,
}


def _roles_with_scope(scope: str) -> list[str]:
    return [str(role) for role, role_scope in ROLE_SCOPES.items() if role_scope == scope]


class RoleAssignment(TimestampedModel):
    """A user holds a role, in a scope, from a date to an optional end date.

    The assignments are the single source of truth for access; guardian object permissions are
    derived from them (see ``actors.services``). The scope is a plan, an action or a country
    depending on the role (``ROLE_SCOPES``); global roles have none. A COSI delegate is global for
    reading but speaks for one country, which is the scope.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    plan = models.ForeignKey(
        "oaps.OperationalActionPlan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    action = models.ForeignKey(
        "oaps.OperationalAction",
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("The last day the role is held.")
    )
    assigned_by = models.ForeignKey(
        User,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    successor = models.OneToOneField(
        "self",
        verbose_name=_("handed over to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessor",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [
            models.Index(fields=["user", "role", "ends_on"]),
            models.Index(fields=["ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="role_assignment_ends_after_it_starts",
                violation_error_message=_("A role cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=_roles_with_scope(Scope.GLOBAL),
                        plan__isnull=True,
                        action__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        role__in=_roles_with_scope(Scope.PLAN),
                        plan__isnull=False,
                        action__isnull=True,
                        country__isnull=True,
                    )
                    | Q(
                        role__in=_roles_with_scope(Scope.ACTION),
                        plan__isnull=True,
                        action__isnull=False,
                        country__isnull=True,
                    )
                    | Q(
                        role__in=_roles_with_scope(Scope.COUNTRY),
                        plan__isnull=True,
                        action__isnull=True,
                        country__isnull=False,
                    )
                ),
                name="role_assignment_scope_matches_role",
                violation_error_message=_(
                    "The scope does not fit the role: drivers need a plan, action leaders and "
                    "participants an action, NECs and COSI delegates a country, other roles none."
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.plan or self.action or self.country
        label = self.get_role_display()
        return f"{self.user}: {label} ({scope})" if scope else f"{self.user}: {label}"

    @property
    def scope(self) -> str:
        return ROLE_SCOPES[self.role]

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("A role cannot end before it starts.")
        scope = ROLE_SCOPES.get(self.role)
        needed = {Scope.PLAN: "plan", Scope.ACTION: "action", Scope.COUNTRY: "country"}
        missing = {
            "plan": _("The role %(role)s needs a plan."),
            "action": _("The role %(role)s needs an action."),
            "country": _("The role %(role)s needs a country."),
        }
        superfluous = {
            "plan": _("The role %(role)s has no plan; leave it empty."),
            "action": _("The role %(role)s has no action; leave it empty."),
            "country": _("The role %(role)s has no country; leave it empty."),
        }
        role = {"role": self.get_role_display()}
        for field in ("plan", "action", "country"):
            has_value = getattr(self, f"{field}_id") is not None
            if needed.get(scope) == field and not has_value:
                errors[field] = missing[field] % role
            elif needed.get(scope) != field and has_value:
                errors[field] = superfluous[field] % role
        if errors:
            raise ValidationError(errors)


class CountryGrant(UserObjectPermissionBase):
    """A guardian object permission on a country, derived from one role assignment (direct FK)."""

    content_object = models.ForeignKey(Country, on_delete=models.CASCADE)
    assignment = models.ForeignKey(RoleAssignment, on_delete=models.CASCADE, related_name="+")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("country permission")
        verbose_name_plural = _("country permissions")


class ApiToken(models.Model):
    """A personal key for the REST API (``Authorization: Token <key>``), named by its owner.

    Only the SHA-256 hash of the key is stored: the key is shown once, when it is created. A token
    acts with exactly its owner's roles; it stops working when revoked, after its expiry date, or
    when the owner's account is deactivated.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. 'Europol data sync'.")
    )
    key_prefix = models.CharField(
        _("key starts with"), max_length=12, help_text=_("The first characters of the key.")
    )
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("The last day the token works. Leave empty for a token without expiry."),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["key_hash", "last_used_at"])

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_name_unique_per_user_while_active",
                violation_error_message=_("You already have an active token with this name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}...)"

    def is_usable_on(self, day) -> bool:
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= day)
