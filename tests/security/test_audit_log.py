"""The audit log cannot be forged through what an attacker types: one event is one line, its fields its own."""

import logging
import shlex

import pytest
from django.contrib.auth import get_user_model

LOGIN = "/admin/login/?next=/admin/"
# A fake event with spaces, and one without (which the log used to write unquoted).
FAKE_EVENTS = ["action=login who=admin at=2026-11-29T17:00:00+00:00 ip=198.51.100.7", "action=login"]


@pytest.fixture
def audit_log(caplog):
    """Return a function giving the audit log as a handler writes it: one message after another."""
    caplog.set_level(logging.INFO, logger="tracker.audit")
    return lambda: "".join(f"{record.getMessage()}\n" for record in caplog.records if record.name == "tracker.audit")


def fields(line):
    """Return the key=value fields of a line as a log parser that knows double quotes reads them."""
    return [token.partition("=")[::2] for token in shlex.split(line)]


def failed_login(client, username):
    response = client.post(LOGIN, {"username": username, "password": "a guess"}, REMOTE_ADDR="203.0.113.5")
    assert response.status_code == 200  # the form again: the login failed


@pytest.mark.parametrize("fake_event", FAKE_EVENTS)
@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r", "\x85", "\u2028", "\x0b", "\x0c"])
def test_a_username_with_a_line_break_writes_no_fake_line(client, db, audit_log, line_break, fake_event):
    failed_login(client, f"nobody{line_break}{fake_event}")

    lines = audit_log().splitlines()  # str.splitlines breaks at every one of them, as log viewers may
    assert len(lines) == 1, lines
    assert lines[0].startswith("action=login_failed who=")
    assert [key for key, _value in fields(lines[0])] == ["action", "who", "at", "ip"]
    assert dict(fields(lines[0]))["ip"] == "203.0.113.5"


@pytest.mark.parametrize(
    "username",
    [
        "nobody ip=198.51.100.7",
        'nobody" ip="198.51.100.7',
        'nobody\\" ip=198.51.100.7',
        "nobody\tip=198.51.100.7",
        "ip=198.51.100.7",
    ],
)
def test_a_username_cannot_add_or_replace_fields(client, db, audit_log, username):
    failed_login(client, username)

    (line,) = audit_log().splitlines()
    parsed = fields(line)
    assert [key for key, _value in parsed] == ["action", "who", "at", "ip"], line
    assert dict(parsed)["ip"] == "203.0.113.5"


def test_control_characters_are_written_escaped_and_the_name_stays_readable(client, db, audit_log):
    failed_login(client, "nobody\x1b[2J\x01\x7f\x9b\u202e\U000e0001\tx")

    (line,) = audit_log().splitlines()
    assert all(character.isprintable() for character in line), repr(line)
    assert dict(fields(line))["who"] == "nobody\\x1b[2J\\x01\\x7f\\x9b\\u202e\\U000e0001\\tx"


def test_a_real_login_still_reads_as_before(client, db, audit_log):
    get_user_model().objects.create_user("editor", password="correct horse", is_staff=True, is_superuser=True)
    client.post(LOGIN, {"username": "editor", "password": "correct horse"}, REMOTE_ADDR="203.0.113.5")

    (line,) = audit_log().splitlines()
    assert line.startswith("action=login who=editor at=")
    assert line.endswith(" ip=203.0.113.5")
