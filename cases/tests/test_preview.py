"""
The staff preview of a journalist page: for signed-in staff who may view
journalists; to anyone else it is a page that does not exist, and no cache
keeps what it shows.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import PublicationState

from .factories import DetentionFactory, JournalistFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def draft(db):
    journalist = JournalistFactory(publication_state=PublicationState.DRAFT, name="Unpublished Person")
    DetentionFactory(journalist=journalist, publication_state=PublicationState.DRAFT, place="Unpublished Place")
    return journalist


def preview_url(journalist):
    return reverse("journalist-preview", args=[journalist.slug])


def assert_not_found_like_any_page(client, response):
    nowhere = client.get("/no-such-page/")
    assert nowhere.status_code == 404
    assert response.status_code == 404
    assert "Location" not in response
    assert response.content == nowhere.content
    assert response.get("Cache-Control") == nowhere.get("Cache-Control")


@pytest.mark.parametrize("slug", ["existing", "no-such-person"])
def test_anonymous_visitors_get_not_found_and_no_way_to_the_admin_login(client, draft, slug):
    response = client.get(preview_url(draft) if slug == "existing" else "/preview/journalists/no-such-person/")
    assert_not_found_like_any_page(client, response)
    assert b"login" not in response.content


def test_staff_without_the_right_to_view_journalists_get_not_found(client, draft, outsider):
    client.force_login(outsider)
    assert_not_found_like_any_page(client, client.get(preview_url(draft)))


def test_a_signed_in_user_who_is_not_staff_gets_not_found_even_with_the_permission(client, draft):
    user = UserFactory(username="reader", is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="view_journalist"))
    client.force_login(user)
    assert_not_found_like_any_page(client, client.get(preview_url(draft)))


@pytest.mark.parametrize("role", ["researcher", "editor"])
def test_staff_who_may_view_journalists_see_the_draft_case(client, draft, request, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    assert "Unpublished Person" in response.text
    assert "Unpublished Place" in response.text


def test_the_preview_is_kept_by_no_cache(client, draft, researcher):
    client.force_login(researcher)
    response = client.get(preview_url(draft))
    assert response.status_code == 200
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")


def test_in_production_staff_must_have_confirmed_a_code_as_for_the_admin(client, draft, researcher, settings):
    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=researcher, name="phone", confirmed=True)
    researcher.set_password(PASSWORD)
    researcher.save()

    client.force_login(researcher)  # a password alone
    assert_not_found_like_any_page(client, client.get(preview_url(draft)))

    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    signed_in = client.post(
        reverse("admin:login"),
        {"username": "researcher", "password": PASSWORD, "otp_device": device.persistent_id, "otp_token": token},
    )
    assert signed_in.status_code == 302
    assert client.get(preview_url(draft)).status_code == 200
