"""
History that reads: labels instead of codes, an uncertain date as one value, no
version counter; a case's history and Recent changes cover its charges, status
rows and citations; and no link leads a researcher or an editor to a 403.
"""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import services
from cases.models import ChargeStatus, Detention, DetentionStatus, ReleaseReason

from .curation import client_for
from .factories import (
    AliasFactory,
    ChargeFactory,
    ChargeStatusChangeFactory,
    CitationFactory,
    DetentionFactory,
    JournalistFactory,
    SourceFactory,
    StatuteFactory,
    UserFactory,
)
from .test_admin_roles import detention_form_data
from .test_review_of_changes import published_case


def a_case():
    journalist = JournalistFactory(name="Invented Reporter")
    detention = DetentionFactory(journalist=journalist)
    statute = StatuteFactory(article="206.3.2", title="smuggling")
    return detention, ChargeFactory(detention=detention, statute=statute)


def text(response):
    assert response.status_code == 200
    return html.unescape(response.text)


def section(page, element_id):
    """Return the HTML of the element with ``element_id`` up to the end of its table."""
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</table>", start)]


def words(fragment):
    """Return the text of an HTML fragment as a reader sees it, in single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).replace("\xa0", " ").split())


def hrefs(fragment):
    return re.findall(r'href="([^"#]+)', fragment)


def release_to_house_arrest(client, detention):
    url = reverse("admin:cases_detention_change", args=[detention.pk])
    data = detention_form_data(detention) | {
        "status": DetentionStatus.RELEASED,
        "release_reason": ReleaseReason.HOUSE_ARREST,
        "released": "2025-03",
        "custody_confirmed_on": "2025-04-02",
    }
    assert client.post(url, data).status_code == 302


@pytest.mark.django_db
def test_a_detentions_history_reads_in_labels_with_one_date_and_no_version(editor):
    detention, _charge = a_case()
    client = client_for(editor)
    release_to_house_arrest(client, detention)

    page = text(client.get(reverse("admin:cases_detention_history", args=[detention.pk])))
    changes = words(section(page, "change-history"))
    assert "Release reason: — → moved to house arrest" in changes
    assert "Status: in pretrial detention → released" in changes
    assert "Released: — → March 2025" in changes
    assert "Custody last confirmed on: — → 2 April 2025" in changes
    assert "house_arrest" not in changes
    assert "earliest possible day" not in changes and "precision" not in changes
    assert "Version" not in changes and "Updated" not in changes


@pytest.mark.django_db
def test_status_rows_charges_and_citations_show_in_the_detentions_history_each_labelled(editor):
    detention, charge = a_case()
    ChargeStatusChangeFactory(
        charge=charge,
        status=ChargeStatus.DROPPED,
        on_earliest=datetime.date(2025, 6, 1),
        on_latest=datetime.date(2025, 6, 30),
        on_precision="month",
    )
    CitationFactory(charge=charge, source=SourceFactory(publisher="Example News", title="Charge dropped"))
    client = client_for(editor)
    charge_url = reverse("admin:cases_charge_change", args=[charge.pk])
    charge_page = {
        "detention": detention.pk,
        "statute": charge.statute_id,
        "wording": "smuggling by a group",
        "category": "false_news",
        "version": charge.version,
        **{f"{p}-{k}": "0" for p in ("status_history", "citations") for k in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    assert client.post(charge_url, charge_page).status_code == 302

    page = text(client.get(reverse("admin:cases_detention_history", args=[detention.pk])))
    inner = words(section(page, "inner-history"))
    assert charge_url in section(page, "inner-history")
    assert "Charge 206.3.2 on Invented Reporter's detention: status dropped (June 2025)" in inner
    assert "Citation of Example News – Charge dropped for Charge 206.3.2 on Invented Reporter's detention" in inner
    # The charge's own change, in labels.
    assert "Category: anti-state → false news" in inner
    assert "Wording as reported: — → smuggling by a group" in inner
    assert "Version" not in inner


@pytest.mark.django_db
def test_recent_changes_cover_charges_status_rows_and_citations_linked_to_their_case(editor):
    detention, charge = a_case()
    ChargeStatusChangeFactory(charge=charge, status=ChargeStatus.DROPPED)
    CitationFactory(detention=detention, claim="the arrest")
    AliasFactory(journalist=detention.journalist, name="Invented Reportyor")

    page = text(client_for(editor).get(reverse("admin:index")))
    recent = section(page, "recent-changes")
    case_url = reverse("admin:cases_detention_change", args=[detention.pk])
    journalist_url = reverse("admin:cases_journalist_change", args=[detention.journalist_id])
    status = "Charge 206.3.2 on Invented Reporter's detention: status dropped (21 November 2023)"
    assert f'<a href="{case_url}">{status}</a>' in recent
    assert f'<a href="{case_url}">Citation of ' in recent
    assert f'<a href="{journalist_url}">Alias “Invented Reportyor” of Invented Reporter</a>' in recent


@pytest.mark.django_db
def test_a_deleted_charge_stays_in_recent_changes_without_a_broken_link(editor):
    detention, charge = a_case()
    charge.delete()
    page = text(client_for(editor).get(reverse("admin:index")))
    recent = section(page, "recent-changes")
    assert "Charge 206.3.2 on Invented Reporter's detention" in words(recent)
    assert reverse("admin:cases_charge_change", args=[charge.pk]) not in recent


@pytest.mark.parametrize("role", ["researcher", "editor"])
@pytest.mark.django_db
def test_no_link_on_the_home_or_a_history_page_answers_a_researcher_or_editor_with_a_403(role, request):
    user = request.getfixturevalue(role)
    detention, charge = a_case()
    client = client_for(user)
    release_to_house_arrest(client, detention)
    ChargeStatusChangeFactory(charge=charge, status=ChargeStatus.DROPPED)
    CitationFactory(charge=charge)
    # In review: a researcher may no longer change it, but may still open every page linked.
    services.detention_submit(detention=Detention.objects.get(pk=detention.pk), by=user)

    home = client.get(reverse("admin:index")).text
    history = client.get(reverse("admin:cases_detention_history", args=[detention.pk])).text
    shown = section(home, "review-queue") + section(home, "recent-changes")
    shown += section(history, "change-history") + section(history, "inner-history")
    assert user.username in shown
    assert "/admin/auth/user/" not in shown
    links = set(hrefs(shown))
    assert links
    for link in links:
        assert client.get(html.unescape(link)).status_code == 200, link


@pytest.mark.django_db
def test_whoever_may_view_users_gets_the_name_as_a_link():
    admin_user = UserFactory(username="admin", is_staff=True, is_superuser=True)
    detention, _charge = a_case()
    client = client_for(admin_user)
    release_to_house_arrest(client, detention)
    user_url = reverse("admin:auth_user_change", args=[admin_user.pk])
    history = client.get(reverse("admin:cases_detention_history", args=[detention.pk])).text
    assert f'<a href="{user_url}">admin</a>' in history
    assert f'<a href="{user_url}">admin</a>' in section(client.get(reverse("admin:index")).text, "recent-changes")


def queries(client, url):
    client.get(url)  # the first request fills caches (content types, permissions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_a_history_page_and_recent_changes_cost_as_many_queries_for_four_charges_as_for_one(editor):
    client = client_for(editor)
    counts = []
    for charges in (1, 4):
        detention = published_case(charges=charges)
        for charge in detention.charges.all():
            charge.wording = "changed"
            charge.save()  # a change, diffed in both lists
        counts.append(
            (
                queries(client, reverse("admin:cases_detention_history", args=[detention.pk])),
                queries(client, reverse("admin:index")),
            )
        )
    assert counts[0] == counts[1]
