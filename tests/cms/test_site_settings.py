"""Site settings forms: paired fields are validated, blanks fall back to built-in text."""

from django.test import SimpleTestCase

from wagtail.admin.panels import get_edit_handler

import pytest

from cms.crisis import BUILT_IN_HEADING, BUILT_IN_LINES
from cms.models import CrisisSignposting


def crisis_form(data):
    form_class = get_edit_handler(CrisisSignposting).get_form_class()
    return form_class(data=data, instance=CrisisSignposting())


class TestCrisisSignpostingForm(SimpleTestCase):
    def test_a_link_without_text_is_refused(self):
        form = crisis_form(
            {"heading": "", "intro": "", "extra_line": "", "extra_line_href": "tel:01632960000"}
        )
        assert not form.is_valid()
        assert form.errors["extra_line"] == ["Give the link some text to show."]

    def test_only_safe_link_schemes_are_accepted(self):
        form = crisis_form(
            {
                "heading": "",
                "intro": "",
                "extra_line": "Local team",
                "extra_line_href": "javascript:alert(1)",
            }
        )
        assert not form.is_valid()
        assert "Use a tel:, sms: or https:// link." in form.errors["extra_line_href"]

    def test_a_local_line_is_accepted(self):
        form = crisis_form(
            {
                "heading": "Help",
                "intro": "",
                "extra_line": "Local crisis team",
                "extra_line_href": "tel:01632960123",
            }
        )
        assert form.is_valid(), form.errors


def test_blank_copy_falls_back_to_the_built_in_lines():
    signposting = CrisisSignposting(heading="", intro="", extra_line="")
    context = signposting.as_context()
    assert context["heading"] == BUILT_IN_HEADING
    assert list(context["lines"]) == list(BUILT_IN_LINES)


def test_an_extra_line_is_added_after_the_national_lines():
    context = CrisisSignposting(
        extra_line="Local crisis team", extra_line_href="tel:01632960123"
    ).as_context()
    assert [line.name for line in context["lines"]][-1] == "Local crisis team"
    assert len(context["lines"]) == len(BUILT_IN_LINES) + 1


@pytest.mark.django_db
def test_edited_crisis_copy_appears_on_every_page(client):
    from wagtail.models import Site

    setting = CrisisSignposting.for_site(Site.objects.get(is_default_site=True))
    setting.extra_line = "Leeds crisis line"
    setting.extra_line_href = "tel:01632960456"
    setting.save()
    assert "Leeds crisis line" in client.get("/").content.decode()
    assert "Leeds crisis line" in client.get("/missing/").content.decode()


@pytest.mark.parametrize(
    ("field", "good", "bad", "message"),
    [
        (
            "charity_number",
            ["1234567", "1234567-1", "202918"],
            ["12345", "CH1234567"],
            "charity number",
        ),
        ("company_number", ["01234567", "SC123456"], ["1234567", "sc123456"], "Companies House"),
    ],
)
def test_organisation_registration_numbers_are_checked(db, field, good, bad, message):
    from django.core.exceptions import ValidationError

    from tests.factories.cms import OrganisationFactory

    for value in good:
        OrganisationFactory.build(**{field: value}).full_clean()
    for value in bad:
        with pytest.raises(ValidationError) as error:
            OrganisationFactory.build(**{field: value}).full_clean()
        assert message in str(error.value.message_dict[field])
