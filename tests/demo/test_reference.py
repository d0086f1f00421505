import pytest
from django.core.management import call_command

from actors.models import Country, Organisation
from funding.models import FundingSource
from oaps.models import ResultType
from tests.demo.conftest import row_counts

pytestmark = pytest.mark.django_db


def test_load_reference_twice_changes_no_row_and_writes_no_history():
    call_command("load_reference", verbosity=0)
    first = row_counts()
    call_command("load_reference", verbosity=0)
    assert row_counts() == first
    assert first["actors.Country"] > 0
    assert first["actors.HistoricalCountry"] == first["actors.Country"]


def test_load_reference_restores_a_changed_reference_value():
    call_command("load_reference", verbosity=0)
    greece = Country.objects.get(code="GR")
    greece.name = "Hellas"
    greece.save()
    call_command("load_reference", verbosity=0)
    greece.refresh_from_db()
    assert greece.name == "Greece"


def test_reference_countries_cover_member_states_schengen_and_third_countries():
    call_command("load_reference", verbosity=0)
    kinds = Country.Kind
    assert Country.objects.filter(kind=kinds.EU_MEMBER_STATE).count() == 27
    assert set(
        Country.objects.filter(kind=kinds.SCHENGEN_ASSOCIATED).values_list("code", flat=True)
    ) == {"IS", "LI", "NO", "CH"}
    assert Country.objects.get(code="GR").name == "Greece"
    assert {"GB", "UA", "MD", "RS", "TR", "US", "CO"} <= set(
        Country.objects.filter(kind=kinds.THIRD_COUNTRY).values_list("code", flat=True)
    )


def test_every_member_state_has_a_police_and_a_customs_authority():
    call_command("load_reference", verbosity=0)
    for country in Country.objects.filter(kind=Country.Kind.EU_MEMBER_STATE):
        disciplines = set(
            Organisation.objects.filter(
                country=country, kind=Organisation.Kind.NATIONAL_AUTHORITY
            ).values_list("discipline", flat=True)
        )
        assert {"police", "customs"} <= disciplines, country.code


def test_reference_lists_the_eu_agencies_and_international_partners():
    call_command("load_reference", verbosity=0)
    acronyms = set(Organisation.objects.filter(country=None).values_list("acronym", flat=True))
    assert {
        "Europol",
        "Eurojust",
        "Frontex",
        "CEPOL",
        "EUDA",
        "OLAF",
        "eu-LISA",
        "EPPO",
    } <= acronyms
    assert {"EFCA", "DG HOME", "EEAS", "GSC", "INTERPOL", "UNODC"} <= acronyms


def test_low_value_grants_are_capped_at_60000_and_the_high_value_cap_stays_open():
    call_command("load_reference", verbosity=0)
    low = FundingSource.objects.get(name__icontains="low-value")
    high = FundingSource.objects.get(name__icontains="high-value")
    assert low.maximum_amount == 60000
    assert low.managing_body.acronym == "Europol"
    assert high.maximum_amount is None
    assert "unconfirmed" in high.eligibility
    isf = FundingSource.objects.get(kind=FundingSource.Kind.ISF)
    assert "2021/1149" in isf.eligibility


def test_result_types_have_unique_codes_and_the_public_indicators():
    call_command("load_reference", verbosity=0)
    codes = set(ResultType.objects.values_list("code", flat=True))
    assert {"arrests", "cash-seized", "cocaine-seized", "firearms-seized"} <= codes
    assert {"victims-identified", "victims-minors", "forged-documents-detected"} <= codes
    assert ResultType.objects.get(code="cash-seized").unit == ResultType.Unit.EUR
