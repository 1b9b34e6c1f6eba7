"""
Migration 0014 carries events and sources forward: existing events have no term
of custody (nulls), existing sources no internal label, and both curation roles
may read the labels from then on.
"""

import datetime

from .migrations import forward

BEFORE = [("cases", "0012_counted_detention_ids")]
AFTER = [("cases", "0014_case_form_terms_and_labels")]


def test_events_and_sources_come_through_with_no_term_and_no_label(old_schema):
    apps = old_schema
    Journalist = apps.get_model("cases", "Journalist")
    Detention = apps.get_model("cases", "Detention")
    Event = apps.get_model("cases", "Event")
    Source = apps.get_model("cases", "Source")
    journalist = Journalist.objects.create(slug="someone", name="Someone")
    detention = Detention.objects.create(journalist=journalist, country="AZ")
    day = datetime.date(2023, 11, 21)
    order = Event.objects.create(
        detention=detention, kind="pretrial_ordered", on_earliest=day, on_latest=day, on_precision="day"
    )
    source = Source.objects.create(url="https://news.example/1", title="Report", visibility="confidential")
    # The roles of migration 0006 (a transactional test run before may have flushed them).
    for role in ("researcher", "editor"):
        apps.get_model("auth", "Group").objects.get_or_create(name=role)

    apps = forward(AFTER)

    event = apps.get_model("cases", "Event").objects.get(pk=order.pk)
    assert (event.kind, event.on_latest) == ("pretrial_ordered", day)
    assert (event.custody_term_months, event.custody_term_days, event.custody_ends_on_given) == (None, None, None)
    assert event.custody_ends_on is None
    migrated = apps.get_model("cases", "Source").objects.get(pk=source.pk)
    assert (migrated.title, migrated.visibility, migrated.internal_label) == ("Report", "confidential", "")
    Group = apps.get_model("auth", "Group")
    for role in ("researcher", "editor"):
        codenames = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        assert "view_confidential_label" in codenames
