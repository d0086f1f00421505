"""Text that people type is shown as text: never as markup, wherever it lands on a page."""

import pytest
from django.urls import reverse

from oaps.models import Kpi

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def test_a_kpi_unit_with_a_script_shows_as_text_in_the_report_editor(world, client_for):
    Kpi.objects.filter(pk=world.a1_kpi.pk).update(unit=SCRIPT)
    response = client_for(world.users["action_leader"]).get(
        reverse("report-edit", args=[world.r1.pk])
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert SCRIPT not in body
    assert "Target: 10 &lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_password_rules_built_by_django_still_show_as_a_list(world, client_for):
    response = client_for(world.users["nec"]).get(reverse("password_change"))
    body = response.content.decode()
    assert "<li>Your password must contain at least 12 characters.</li>" in body
    assert "&lt;li&gt;" not in body
