"""The rules of countries, organisations, users and role assignments."""

from __future__ import annotations

import datetime

import pytest

from actors.models import ROLE_SCOPES, Country, Organisation, Role, RoleAssignment, Scope, User
from empact import clock
from tests.factories import (
    CountryFactory,
    OperationalActionFactory,
    OperationalActionPlanFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    UserFactory,
    assert_database_refuses,
    constraint_errors,
    validation_errors,
)

pytestmark = pytest.mark.django_db

SCOPE_FIELDS = ("plan", "action", "country")
FIELD_OF_SCOPE = {Scope.PLAN: "plan", Scope.ACTION: "action", Scope.COUNTRY: "country"}
SCOPE_RULE = (
    "The scope does not fit the role: drivers need a plan, action leaders and participants an "
    "action, NECs and COSI delegates a country, other roles none."
)
ROLES_IN_A_WRONG_SCOPE = [
    (role, field)
    for role, scope in ROLE_SCOPES.items()
    for field in SCOPE_FIELDS
    if FIELD_OF_SCOPE.get(scope) != field
]
SCOPED_ROLES = [role for role, scope in ROLE_SCOPES.items() if scope != Scope.GLOBAL]


def _scope_objects() -> dict[str, object]:
    action = OperationalActionFactory()
    return {"plan": action.plan, "action": action, "country": CountryFactory()}


def _assignment_in(role: str, field: str | None, user: User) -> RoleAssignment:
    """An assignment of ``role`` whose only scope is ``field`` (no scope when None)."""
    scope = {field: _scope_objects()[field]} if field else {}
    return RoleAssignment(user=user, role=role, starts_on=datetime.date(2024, 1, 1), **scope)


def _label(role: str) -> str:
    return str(Role(role).label)


# --- Country ---------------------------------------------------------------------------------


def test_country_factory_makes_a_valid_country():
    CountryFactory().full_clean()


def test_country_code_of_two_capital_letters_is_accepted():
    Country(code="BE", name="Belgium", kind=Country.Kind.EU_MEMBER_STATE).full_clean()


@pytest.mark.parametrize("code", ["be", "B1", "Be", "1B"])
def test_country_code_that_is_not_two_capital_letters_is_refused_with_a_clear_message(code):
    country = Country(code=code, name="Belgium", kind=Country.Kind.EU_MEMBER_STATE)
    assert validation_errors(country) == {"code": ["The country code must be two capital letters."]}


def test_database_refuses_a_country_code_that_is_not_two_capital_letters():
    assert_database_refuses(
        "country_code_is_two_capital_letters",
        lambda: Country.objects.create(code="be", name="Belgium", kind="eu_member_state"),
    )


# --- Organisation ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", Organisation.Kind.values)
def test_organisation_factory_makes_a_valid_organisation_of_every_kind(kind):
    OrganisationFactory(kind=kind).full_clean()


def test_national_authority_without_discipline_is_refused_with_a_clear_message():
    authority = OrganisationFactory.build(country=CountryFactory(), discipline="")
    assert validation_errors(authority) == {
        "discipline": ["Choose the discipline of this national authority."]
    }


def test_national_authority_without_discipline_breaks_the_discipline_constraint():
    authority = OrganisationFactory.build(country=CountryFactory(), discipline="")
    assert constraint_errors(authority) == ["A national authority needs a discipline."]


def test_database_refuses_a_national_authority_without_discipline():
    assert_database_refuses(
        "organisation_national_authority_has_discipline",
        lambda: OrganisationFactory(discipline=""),
    )


def test_agency_with_a_discipline_is_refused_with_a_clear_message():
    agency = OrganisationFactory.build(kind=Organisation.Kind.EU_AGENCY, discipline="police")
    assert validation_errors(agency) == {
        "discipline": ["Only a national authority has a discipline; leave it empty."]
    }


def test_agency_with_a_discipline_breaks_the_discipline_constraint():
    agency = OrganisationFactory.build(kind=Organisation.Kind.EU_AGENCY, discipline="police")
    assert constraint_errors(agency) == ["Only a national authority has a discipline."]


def test_database_refuses_a_discipline_for_an_agency():
    assert_database_refuses(
        "organisation_discipline_only_for_national_authorities",
        lambda: OrganisationFactory(kind=Organisation.Kind.EU_AGENCY, discipline="customs"),
    )


@pytest.mark.parametrize("kind", Organisation.KINDS_WITH_COUNTRY)
def test_authority_without_a_country_is_refused_with_a_clear_message(kind):
    authority = OrganisationFactory.build(kind=kind, country=None)
    assert validation_errors(authority) == {"country": ["Choose the country of this authority."]}


@pytest.mark.parametrize("kind", Organisation.KINDS_WITH_COUNTRY)
def test_authority_without_a_country_breaks_the_country_constraint(kind):
    authority = OrganisationFactory.build(kind=kind, country=None)
    assert constraint_errors(authority) == [
        "A national or third-country authority needs a country."
    ]


@pytest.mark.parametrize("kind", Organisation.KINDS_WITH_COUNTRY)
def test_database_refuses_an_authority_without_a_country(kind):
    assert_database_refuses(
        "organisation_authority_has_country",
        lambda: OrganisationFactory(kind=kind, country=None),
    )


def test_eu_agency_needs_no_country():
    agency = OrganisationFactory(kind=Organisation.Kind.EU_AGENCY, name="Europol")
    assert agency.country is None
    agency.full_clean()


def test_national_authority_of_a_third_country_is_refused_with_a_clear_message():
    ukraine = CountryFactory(code="UA", name="Ukraine", kind=Country.Kind.THIRD_COUNTRY)
    authority = OrganisationFactory.build(country=ukraine)
    assert validation_errors(authority) == {
        "kind": [
            "An authority of a third country is a third-country authority, "
            "not a national authority."
        ]
    }


def test_national_authority_of_a_schengen_associated_country_is_accepted():
    norway = CountryFactory(code="NO", name="Norway", kind=Country.Kind.SCHENGEN_ASSOCIATED)
    OrganisationFactory.build(country=norway).full_clean()


def test_organisation_name_twice_in_one_country_is_refused_with_a_clear_message():
    police = OrganisationFactory(name="Federal Police")
    twin = OrganisationFactory.build(name="Federal Police", country=police.country)
    assert validation_errors(twin) == {
        "__all__": ["An organisation with this name already exists here."]
    }


def test_database_refuses_an_organisation_name_twice_in_one_country():
    police = OrganisationFactory(name="Federal Police")
    assert_database_refuses(
        "organisation_name_unique_per_country",
        lambda: OrganisationFactory(name="Federal Police", country=police.country),
    )


def test_database_refuses_two_organisations_without_country_of_the_same_name():
    OrganisationFactory(kind=Organisation.Kind.EU_AGENCY, name="Europol")
    assert_database_refuses(
        "organisation_name_unique_per_country",
        lambda: OrganisationFactory(kind=Organisation.Kind.EU_AGENCY, name="Europol"),
    )


def test_organisation_name_may_repeat_in_another_country():
    OrganisationFactory(name="Federal Police")
    OrganisationFactory(name="Federal Police").full_clean()


# --- User ------------------------------------------------------------------------------------


def test_user_factory_makes_a_valid_user_who_can_log_in_with_the_default_password():
    user = UserFactory()
    user.full_clean()
    assert user.check_password("correct horse battery staple")


def test_user_factory_takes_another_password():
    assert UserFactory(raw_password="another long secret").check_password("another long secret")


def test_user_has_no_username_and_logs_in_with_the_email_address():
    assert User.USERNAME_FIELD == "email"
    assert not any(field.name == "username" for field in User._meta.get_fields())


def test_clean_stores_the_email_address_in_lower_case():
    user = UserFactory.build(email="Anna.Jansen@Politie.NL")
    user.full_clean()
    assert user.email == "anna.jansen@politie.nl"


def test_create_user_stores_the_email_address_in_lower_case_with_a_hashed_password():
    user = User.objects.create_user("NEC@Example.EU", password="a long enough secret")
    assert user.email == "nec@example.eu"
    assert user.check_password("a long enough secret")
    assert not user.is_staff


def test_create_user_without_an_email_address_is_refused():
    with pytest.raises(ValueError, match=r"^An e-mail address is required\.$"):
        User.objects.create_user("", password="a long enough secret")


def test_email_address_is_unique():
    UserFactory(email="nec@example.eu")
    assert validation_errors(UserFactory.build(email="nec@example.eu"))["email"] == [
        "User with this E-mail address already exists."
    ]


# --- RoleAssignment --------------------------------------------------------------------------


@pytest.mark.parametrize("role", Role.values)
def test_role_assignment_factory_gives_every_role_the_scope_it_needs(role):
    assignment = RoleAssignmentFactory(role=role)
    assignment.full_clean()
    assert assignment.scope == ROLE_SCOPES[role]
    assert assignment.is_active_on(clock.today())


def test_role_assignment_factory_takes_the_plan_given():
    plan = OperationalActionPlanFactory()
    assert RoleAssignmentFactory(role=Role.DRIVER, plan=plan).plan == plan


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


@pytest.mark.parametrize("role", Role.values)
def test_role_in_its_own_scope_is_accepted(role):
    field = FIELD_OF_SCOPE.get(ROLE_SCOPES[role])
    _assignment_in(role, field, UserFactory()).full_clean()


@pytest.mark.parametrize(("role", "field"), ROLES_IN_A_WRONG_SCOPE)
def test_role_in_a_wrong_scope_is_refused_with_a_clear_message(role, field):
    assignment = _assignment_in(role, field, UserFactory())
    expected = {field: [f"The role {_label(role)} has no {field}; leave it empty."]}
    needed = FIELD_OF_SCOPE.get(ROLE_SCOPES[role])
    if needed:
        expected[needed] = [f"The role {_label(role)} needs {_article(needed)} {needed}."]
    assert validation_errors(assignment) == expected


@pytest.mark.parametrize(("role", "field"), ROLES_IN_A_WRONG_SCOPE)
def test_role_in_a_wrong_scope_breaks_the_scope_constraint(role, field):
    assignment = _assignment_in(role, field, UserFactory())
    assert constraint_errors(assignment) == [SCOPE_RULE]


@pytest.mark.parametrize(("role", "field"), ROLES_IN_A_WRONG_SCOPE)
def test_database_refuses_a_role_in_a_wrong_scope(role, field):
    assignment = _assignment_in(role, field, UserFactory())
    assert_database_refuses("role_assignment_scope_matches_role", assignment.save)


@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_scoped_role_without_its_scope_is_refused_with_a_clear_message(role):
    needed = FIELD_OF_SCOPE[ROLE_SCOPES[role]]
    assert validation_errors(_assignment_in(role, None, UserFactory())) == {
        needed: [f"The role {_label(role)} needs {_article(needed)} {needed}."]
    }


@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_database_refuses_a_scoped_role_without_its_scope(role):
    assignment = _assignment_in(role, None, UserFactory())
    assert constraint_errors(assignment) == [SCOPE_RULE]
    assert_database_refuses("role_assignment_scope_matches_role", assignment.save)


def test_role_ending_before_it_starts_is_refused_with_a_clear_message():
    assignment = RoleAssignmentFactory.build(
        user=UserFactory(), starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 2, 29)
    )
    assert validation_errors(assignment) == {"ends_on": ["A role cannot end before it starts."]}


def test_role_ending_before_it_starts_breaks_the_dates_constraint():
    assignment = RoleAssignmentFactory.build(
        user=UserFactory(), starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 2, 29)
    )
    assert constraint_errors(assignment) == ["A role cannot end before it starts."]


def test_database_refuses_a_role_ending_before_it_starts():
    assert_database_refuses(
        "role_assignment_ends_after_it_starts",
        lambda: RoleAssignmentFactory(
            starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 2, 29)
        ),
    )


def test_role_held_for_a_single_day_is_accepted_and_active_only_that_day():
    day = datetime.date(2024, 3, 1)
    assignment = RoleAssignmentFactory(starts_on=day, ends_on=day)
    assignment.full_clean()
    assert assignment.is_active_on(day)
    assert not assignment.is_active_on(day + datetime.timedelta(days=1))
    assert not assignment.is_active_on(day - datetime.timedelta(days=1))


def test_the_same_email_in_other_capitals_is_refused_by_the_database():
    UserFactory(email="jane.doe@example.eu")
    twin = User(email="Jane.Doe@example.eu")
    assert constraint_errors(twin) == ["An account with this e-mail address already exists."]
    assert_database_refuses("user_email_unique_case_insensitive", twin.save)


def test_a_country_code_in_small_letters_is_refused_next_to_the_field():
    country = Country(code="be", name="Belgium", kind="eu_member_state")
    assert "The country code must be two capital letters." in validation_errors(country)["code"]
