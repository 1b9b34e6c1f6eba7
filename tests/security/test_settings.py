"""Production settings: check --deploy is clean, and a strict CSP everywhere but the embeds."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def deploy_check(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "PRODUCTION", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides):
    return {
        "DEBUG": "0",
        "PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tracker.example",
        **overrides,
    }


def test_deploy_check_is_clean_with_production_settings():
    result = deploy_check(**production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_is_clean_behind_a_proxy_that_redirects_to_https():
    result = deploy_check(**production_env(BEHIND_TLS_PROXY="1", SECURE_SSL_REDIRECT="0"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_warns_without_the_production_setting():
    result = deploy_check(**production_env(PRODUCTION="0"))
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout


def test_production_refuses_debug():
    result = deploy_check(**production_env(DEBUG="1"))
    assert result.returncode != 0
    assert "PRODUCTION=1 and DEBUG=1" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "img-src 'self' data:" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_errors_carry_the_policy_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_embeddable_counter_may_be_framed_by_any_site(client):
    response = client.get("/embed/counter/")
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'self'" in policy
    assert "X-Frame-Options" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/embed/badge.svg", "/embed/anything/", "/embedded/", "/"])
def test_only_the_counter_may_be_framed(client, path):
    response = client.get(path)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
