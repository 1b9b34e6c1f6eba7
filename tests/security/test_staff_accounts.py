"""Staff accounts: lockout after failed logins, TOTP two-factor in production, sessions, the admin path."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Detention, PublicationState
from cases.tests.factories import DetentionFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def token_for(device):
    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def sign_in(client, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": "editor", "password": password, **extra})


# Lockout


def test_repeated_failed_logins_lock_the_account_out(client, editor, axes_on):
    for _attempt in range(2):
        assert sign_in(client, password="wrong guess").status_code == 200
    # The failure that reaches the limit locks the account, and the right password no longer helps.
    assert sign_in(client, password="wrong guess").status_code == 429
    response = sign_in(client)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_do_not_lock_out(client, editor, axes_on):
    for _attempt in range(2):
        sign_in(client, password="wrong guess")
    response = sign_in(client)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_lockout_follows_the_account_across_addresses(client, editor, axes_on):
    for number in range(3):
        sign_in(client, password="wrong guess", REMOTE_ADDR=f"10.0.0.{number}")
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429


def test_the_failure_limit_comes_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.AXES_FAILURE_LIMIT)",
        ],
        cwd=ROOT,
        env={**os.environ, "AXES_FAILURE_LIMIT": "7"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "7", result.stderr


# Two-factor


@pytest.fixture
def production(settings):
    settings.OTP_REQUIRED = True


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


def test_password_alone_does_not_open_the_admin_in_production(client, device, production):
    response = sign_in(client)
    assert response.status_code == 200
    assert "otp_token" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_wrong_token_is_refused_in_production(client, device, production):
    sign_in(client, otp_device=device.persistent_id, otp_token="000000" if token_for(device) != "000000" else "111111")
    assert client.get("/admin/").status_code == 302


def test_a_valid_token_opens_the_admin_in_production(client, device, production):
    response = sign_in(client, otp_device=device.persistent_id, otp_token=token_for(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_device_cannot_enter_in_production(client, editor, production):
    sign_in(client)
    assert client.get("/admin/").status_code == 302


def test_a_session_signed_in_without_a_token_is_not_enough_in_production(client, editor, production):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 302


def test_without_the_production_setting_the_password_is_enough(client, editor):
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_enrolling_prints_a_working_authenticator_address(client, editor, production):
    out = io.StringIO()
    call_command("otp_enrol", "editor", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    device = TOTPDevice.objects.get(user=editor)
    sign_in(client, otp_device=device.persistent_id, otp_token=token_for(device))
    assert client.get("/admin/").status_code == 200


def test_enrolling_refuses_an_account_that_is_not_staff(db):
    get_user_model().objects.create_user("outsider", password=PASSWORD)
    with pytest.raises(Exception, match="not staff"):
        call_command("otp_enrol", "outsider", stdout=io.StringIO())


# Sessions and the admin path


def test_staff_sessions_expire(client, editor, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    sign_in(client)
    assert client.session.get_expire_at_browser_close()


def test_the_admin_path_comes_from_the_environment():
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.urls import reverse; print(reverse('admin:index'))",
        ],
        cwd=ROOT,
        env={**os.environ, "ADMIN_PATH": "back-office-7f3a/"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "/back-office-7f3a/", result.stderr


# Audit


def test_logins_and_failed_logins_are_audited(client, editor, caplog):
    with caplog.at_level(logging.INFO, logger="tracker.audit"):
        sign_in(client, password="wrong guess")
        sign_in(client)
    lines = [record.getMessage() for record in caplog.records if record.name == "tracker.audit"]
    assert any(line.startswith("action=login_failed who=editor") for line in lines), lines
    assert any(line.startswith("action=login who=editor") for line in lines), lines
    assert all(PASSWORD not in line and "wrong guess" not in line for line in lines)


def audit_lines(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "tracker.audit"]


def test_publishing_and_withdrawing_are_audited_with_who(editor, caplog):
    detention = DetentionFactory(publication_state=PublicationState.IN_REVIEW)
    detention = Detention.objects.get(pk=detention.pk)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="tracker.audit"):
        detention.publication_state = PublicationState.PUBLISHED
        detention._history_user = editor
        detention.save()
        detention = Detention.objects.get(pk=detention.pk)
        detention.summary = "A correction while published."
        detention._history_user = editor
        detention.save()
        detention = Detention.objects.get(pk=detention.pk)
        detention.publication_state = PublicationState.WITHDRAWN
        detention._history_user = editor
        detention.save()
    lines = audit_lines(caplog)
    assert [line.split()[0] for line in lines] == ["action=publish", "action=withdraw"], lines
    assert all("who=editor" in line and f"id={detention.pk}" in line for line in lines)
