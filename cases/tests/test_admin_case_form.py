"""
The detention's form holds a whole development of a case: a charge dropped and
another added in one save, events that pick their own case's charges, sources
cited or created in the row, pretrial terms that say when they run out, and only
the fields an event's kind has.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import public, services
from cases.dates import FuzzyDate
from cases.forms import ChargeRowForm
from cases.models import (
    ChargeStatus,
    ChargeStatusChange,
    Detention,
    DetentionVersion,
    Event,
    Journalist,
    PublicationState,
    Source,
)

from .admin_forms import rendered_form_data, save_change_form
from .curation import client_for, draft_case
from .factories import (
    ChargeFactory,
    ChargeStatusChangeFactory,
    CitationFactory,
    DetentionFactory,
    EventFactory,
    JournalistFactory,
    SourceFactory,
    StatuteFactory,
    publish_all,
    staff_user,
)
from .test_revert import fresh, republish
from .test_review_of_changes import published_case


def detention_url(detention):
    return reverse("admin:cases_detention_change", args=[detention.pk])


def events_of(detention):
    return list(Event.objects.filter(detention=detention).order_by("pk"))


@pytest.fixture
def smuggling():
    return StatuteFactory(article="206.3.2", title="smuggling")


@pytest.fixture
def case_with_a_charge(smuggling):
    detention = draft_case(PublicationState.PUBLISHED)
    charge = ChargeFactory(detention=detention, statute=smuggling)
    ChargeStatusChangeFactory(charge=charge, status=ChargeStatus.PENDING)
    publish_all()
    return detention, charge


# Charges with their status


@pytest.mark.django_db
def test_one_save_records_a_charge_dropped_and_another_added(researcher, case_with_a_charge):
    detention, dropped = case_with_a_charge
    added_statute = StatuteFactory(article="193-1.3.1", title="illegal entrepreneurship")

    response = save_change_form(
        researcher,
        detention_url(detention),
        {
            "charges-0-status": "dropped",
            "charges-0-since": "2025-06",
            "charges-1-statute": str(added_statute.pk),
            "charges-1-category": "anti_state",
            "charges-1-status": "pending",
            "charges-1-since": "2025-06-12",
        },
    )

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    history = ChargeStatusChange.objects.filter(charge=dropped).order_by("on_latest")
    assert [(change.status, change.on) for change in history] == [
        ("pending", FuzzyDate.day(2023, 11, 21)),
        ("dropped", FuzzyDate.month(2025, 6)),
    ]
    added = detention.charges.get(statute=added_statute)
    assert [(change.status, change.on) for change in added.status_history.all()] == [
        ("pending", FuzzyDate.day(2025, 6, 12))
    ]
    # Published cases keep their public version until the changes are published.
    detention.refresh_from_db()
    assert detention.status_string == "published, changes pending"


@pytest.mark.django_db
def test_a_charge_entered_without_status_is_pending_since_the_arrest(researcher, smuggling):
    detention = draft_case(arrest=FuzzyDate.month(2023, 11))
    response = save_change_form(
        researcher,
        detention_url(detention),
        {"charges-0-statute": str(smuggling.pk), "charges-0-category": "anti_state"},
    )
    assert response.status_code == 302
    charge = detention.charges.get()
    assert charge.current_status == ChargeStatus.PENDING
    assert charge.status_history.get().on == FuzzyDate.month(2023, 11)


@pytest.mark.django_db
def test_a_changed_status_needs_its_date(researcher, case_with_a_charge):
    detention, charge = case_with_a_charge
    response = save_change_form(researcher, detention_url(detention), {"charges-0-status": "dropped"})
    assert response.status_code == 200
    assert "Say since when the charge is dropped" in response.text
    assert charge.status_history.count() == 1


@pytest.mark.django_db
def test_an_unchanged_status_writes_no_history(researcher, case_with_a_charge):
    detention, charge = case_with_a_charge
    response = save_change_form(researcher, detention_url(detention), {"charges-0-wording": "smuggling by a group"})
    assert response.status_code == 302
    assert charge.status_history.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("button", ["_save", None])
def test_saving_a_charge_page_returns_to_its_case(researcher, case_with_a_charge, button):
    detention, charge = case_with_a_charge
    client = client_for(researcher)
    url = reverse("admin:cases_charge_change", args=[charge.pk])
    data = rendered_form_data(client.get(url))
    data["wording"] = "smuggling, as reported"
    if button:
        data[button] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == detention_url(detention)


@pytest.mark.django_db
def test_adding_a_charge_on_its_page_returns_to_its_case(researcher, smuggling):
    detention = draft_case()
    client = client_for(researcher)
    data = rendered_form_data(client.get(reverse("admin:cases_charge_add")))
    data.update({"detention": str(detention.pk), "statute": str(smuggling.pk), "category": "anti_state"})
    response = client.post(reverse("admin:cases_charge_add"), data)
    assert response.status_code == 302
    assert response.url == detention_url(detention)


@pytest.mark.django_db
def test_status_rows_stay_editable_on_the_charge_page(researcher, case_with_a_charge):
    detention, charge = case_with_a_charge
    response = save_change_form(
        researcher,
        reverse("admin:cases_charge_change", args=[charge.pk]),
        {"status_history-0-on": "2023-11-22", "status_history-0-note": "as the court said"},
    )
    assert response.status_code == 302
    change = charge.status_history.get()
    assert change.on == FuzzyDate.day(2023, 11, 22) and change.note == "as the court said"


# Event pickers scoped to the case


@pytest.mark.django_db
def test_the_event_picker_offers_only_this_cases_charges_labelled_with_the_case(researcher, smuggling):
    journalist = JournalistFactory(name="Sevinj Vagifgizi", publication_state=PublicationState.DRAFT)
    detention = DetentionFactory(journalist=journalist, publication_state=PublicationState.DRAFT)
    own = ChargeFactory(detention=detention, statute=smuggling)
    EventFactory(detention=detention, kind="hearing")
    ChargeFactory(detention=draft_case(), statute=smuggling)  # another case's, never offered

    event_page = reverse("admin:cases_event_change", args=[detention.events.get().pk])
    for url, name in ((detention_url(detention), "events-0-charge"), (event_page, "charge")):
        page = client_for(researcher).get(url)
        picker = re.search(rf'<select name="{name}".*?</select>', page.text, re.S).group(0)
        assert re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', picker) == [
            (str(own.pk), "art. 206.3.2 (smuggling) — Sevinj Vagifgizi, Nov 2023")
        ]


@pytest.mark.django_db
def test_an_event_with_another_cases_charge_is_refused_on_that_field_only(researcher, case_with_a_charge):
    detention, _own = case_with_a_charge
    event = EventFactory(detention=detention, kind="hearing")
    foreign = ChargeFactory(detention=draft_case())
    response = save_change_form(
        researcher, detention_url(detention), {"events-0-charge": str(foreign.pk), "events-0-court": "Baku court"}
    )
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.forms[0].errors
    assert list(errors) == ["charge"]
    assert "This charge belongs to another case" in errors["charge"][0]
    event.refresh_from_db()
    assert event.charge is None and event.court == ""


# Sources without popups


@pytest.mark.django_db
def test_a_citation_row_creates_its_new_source_in_the_same_save(researcher):
    detention = draft_case(cited=False)
    response = save_change_form(
        researcher,
        detention_url(detention),
        {
            "citations-0-claim": "the arrest",
            "citations-0-new_source_url": "https://news.example/new-arrest",
            "citations-0-new_source_title": "Reporter arrested",
            "citations-0-new_source_publisher": "Example News",
            "citations-0-new_source_visibility": "public",
        },
    )
    assert response.status_code == 302
    citation = detention.citations.get()
    assert citation.claim == "the arrest"
    assert (citation.source.url, citation.source.title, citation.source.publisher) == (
        "https://news.example/new-arrest",
        "Reporter arrested",
        "Example News",
    )
    assert citation.source.history.get().history_user == researcher


@pytest.mark.django_db
def test_a_citation_row_with_a_bad_new_source_saves_nothing(researcher):
    detention = draft_case(cited=False)
    response = save_change_form(
        researcher,
        detention_url(detention),
        {"citations-0-claim": "the arrest", "citations-0-new_source_url": "not a url", "place": "Ganja"},
    )
    assert response.status_code == 200
    assert "Enter a valid URL." in response.text
    assert not Source.objects.exists()
    detention.refresh_from_db()
    assert detention.place != "Ganja"


@pytest.mark.django_db
def test_a_citation_row_picks_a_source_or_describes_one_not_both(researcher):
    detention = draft_case(cited=False)
    existing = SourceFactory()
    response = save_change_form(
        researcher,
        detention_url(detention),
        {"citations-0-source": str(existing.pk), "citations-0-new_source_title": "Another report"},
    )
    assert response.status_code == 200
    assert "Pick an existing source or describe a new one, not both." in response.text
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_the_citation_rows_have_no_popup_links(researcher):
    page = client_for(researcher).get(detention_url(draft_case()))
    assert 'id="add_id_citations-0-source"' not in page.text
    assert 'id="id_citations-0-new_source_url"' in page.text


def autocomplete(client, term):
    response = client.get(
        reverse("admin:cases_source_autocomplete"),
        {"term": term, "app_label": "cases", "model_name": "citation", "field_name": "source"},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.django_db
def test_sources_are_found_by_url_title_and_publisher(researcher):
    SourceFactory(url="https://turan.example/a", title="Court hearing", publisher="Turan")
    client = client_for(researcher)
    for term in ("turan.example", "hearing", "Turan"):
        assert autocomplete(client, term) == ["Turan – Court hearing"]


@pytest.mark.django_db
def test_a_confidential_sources_label_is_found_and_shown_only_to_the_curation_roles(researcher, outsider):
    secret = SourceFactory(visibility="confidential", title="", url="", internal_label="the journalist's lawyer")
    placeholder = f"confidential source #{secret.pk}"

    assert autocomplete(client_for(researcher), "lawyer") == [f"{placeholder}: the journalist's lawyer"]
    listing = client_for(researcher).get(reverse("admin:cases_source_changelist"), {"q": "lawyer"})
    assert placeholder in listing.text and "the journalist&#x27;s lawyer" in listing.text

    # A staff member outside the roles may view sources but not their labels.
    outsider.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_source", "view_citation", "change_detention"])
    )
    assert autocomplete(client_for(outsider), "lawyer") == []
    listing = client_for(outsider).get(reverse("admin:cases_source_changelist"), {"q": "lawyer"})
    assert placeholder not in listing.text
    page = client_for(outsider).get(reverse("admin:cases_source_change", args=[secret.pk]))
    assert "the journalist&#x27;s lawyer" not in page.text and "lawyer" not in page.text


@pytest.mark.django_db
def test_a_confidential_label_never_reaches_the_published_document(case_with_a_charge):
    detention, _charge = case_with_a_charge
    secret = SourceFactory(visibility="confidential", internal_label="LABEL-CANARY relative")
    CitationFactory(detention=detention, source=secret)
    publish_all()
    document = public.snapshot_at().detentions().get(detention_id=detention.pk).document
    assert "LABEL-CANARY" not in str(document)
    assert {"confidential": "c1"} in document["citations"]


@pytest.mark.django_db
def test_the_source_page_links_the_cases_that_cite_it(researcher, case_with_a_charge):
    detention, charge = case_with_a_charge
    source = SourceFactory()
    CitationFactory(charge=charge, source=source)
    CitationFactory(journalist=detention.journalist, source=source)
    page = client_for(researcher).get(reverse("admin:cases_source_change", args=[source.pk]))
    assert f'href="{detention_url(detention)}"' in page.text
    assert f'href="{reverse("admin:cases_journalist_change", args=[detention.journalist.pk])}"' in page.text
    unused = client_for(researcher).get(reverse("admin:cases_source_change", args=[SourceFactory().pk]))
    assert "Not cited yet." in unused.text


# Terms and deadlines


def add_event(user, detention, **fields):
    return save_change_form(
        user,
        detention_url(detention),
        {f"events-0-{name}": value for name, value in fields.items()},
        extra={"events": 1},
    )


@pytest.mark.django_db
def test_a_pretrial_order_counts_the_day_its_term_runs_out(researcher):
    detention = draft_case()
    response = add_event(researcher, detention, kind="pretrial_ordered", on="2023-11-21", custody_term_months="4")
    assert response.status_code == 302
    event = detention.events.get()
    assert event.custody_ends_on == datetime.date(2024, 3, 21)
    page = client_for(researcher).get(detention_url(detention))
    assert "21 Mar 2024" in page.text


@pytest.mark.django_db
def test_the_day_the_court_named_overrides_the_count(researcher):
    detention = draft_case()
    add_event(
        researcher,
        detention,
        kind="pretrial_extended",
        on="2024-03",
        custody_term_months="3",
        custody_ends_on_given="2024-06-20",
    )
    assert detention.events.get().custody_ends_on == datetime.date(2024, 6, 20)


@pytest.mark.django_db
def test_an_uncertain_order_date_counts_from_its_earliest_day(researcher):
    detention = draft_case()
    add_event(researcher, detention, kind="pretrial_extended", on="2024-03", custody_term_days="30")
    assert detention.events.get().custody_ends_on == datetime.date(2024, 3, 31)


@pytest.mark.django_db
def test_a_term_of_custody_is_refused_on_other_kinds(researcher):
    detention = draft_case()
    response = add_event(researcher, detention, kind="hearing", on="2024-03-01", custody_term_months="4")
    assert response.status_code == 200
    assert "Only a pretrial order or extension has this" in response.text
    assert not detention.events.exists()


@pytest.mark.django_db
def test_the_admin_home_lists_terms_running_out_and_custodies_unconfirmed(researcher):
    today = datetime.date.today()
    soon = draft_case(status="pretrial")
    EventFactory(detention=soon, kind="pretrial_ordered", custody_ends_on_given=today + datetime.timedelta(days=10))
    # Its latest order counts: an earlier one that ran out long ago is superseded.
    later = draft_case(status="pretrial")
    EventFactory(detention=later, kind="pretrial_ordered", custody_ends_on_given=today + datetime.timedelta(days=5))
    EventFactory(
        detention=later,
        kind="pretrial_extended",
        on_earliest=datetime.date(2024, 1, 1),
        on_latest=today,
        custody_ends_on_given=today + datetime.timedelta(days=90),
    )
    released = draft_case(status="released", release=FuzzyDate.day(2024, 1, 10))
    EventFactory(detention=released, kind="pretrial_ordered", custody_ends_on_given=today + datetime.timedelta(days=3))
    stale = draft_case(status="sentenced", custody_confirmed_on=today - datetime.timedelta(days=200))
    fresh = draft_case(status="sentenced", custody_confirmed_on=today - datetime.timedelta(days=20))

    page = client_for(researcher).get(reverse("admin:index"))

    terms = page.context["deadlines"]["terms_ending"]
    assert terms == [soon]
    unconfirmed = page.context["deadlines"]["unconfirmed"]
    assert stale in unconfirmed and fresh not in unconfirmed and released not in unconfirmed
    assert f'href="{detention_url(soon)}"' in page.text
    assert f'href="{detention_url(stale)}"' in page.text
    assert "Pretrial terms ending in the next 30 days" in page.text


@pytest.mark.django_db
def test_existing_events_have_no_term():
    event = EventFactory(kind="pretrial_ordered")
    assert event.custody_ends_on is None


# A tidy form


@pytest.mark.django_db
def test_a_new_detention_starts_in_the_default_country_then_the_researchers_last(researcher, settings):
    settings.DEFAULT_COUNTRY = "AZ"
    client = client_for(researcher)
    add = reverse("admin:cases_detention_add")
    assert client.get(add).context["adminform"].form.initial["country"] == "AZ"

    detention = draft_case(country="GE")
    save_change_form(researcher, detention_url(detention), {"place": "Tbilisi"})
    assert client.get(add).context["adminform"].form.initial["country"] == "GE"
    # Another person's last country is theirs, not this researcher's.
    other = staff_user("researcher", username="other-researcher")
    assert client_for(other).get(add).context["adminform"].form.initial["country"] == "AZ"


@pytest.mark.django_db
def test_the_add_form_has_no_publication_block(researcher):
    add = client_for(researcher).get(reverse("admin:cases_detention_add"))
    assert "First published" not in add.text and "Publication</h2>" not in add.text
    change = client_for(researcher).get(detention_url(draft_case()))
    assert "First published" in change.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("term_months", "24"), ("life_sentence", "on"), ("fine_amount", "500"), ("other_penalties", "a ban")],
)
def test_sentence_fields_are_refused_on_other_events(researcher, field, value):
    detention = draft_case()
    response = add_event(researcher, detention, kind="arrest", on="2023-11-20", **{field: value})
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.forms[-1].errors
    assert list(errors) == [field]
    assert "Only a sentence has this" in errors[field][0]
    assert not detention.events.exists()


@pytest.mark.django_db
def test_a_sentence_keeps_its_term_and_fine(researcher):
    detention = draft_case()
    response = add_event(
        researcher,
        detention,
        kind="sentence",
        on="2025-06-20",
        term_months="108",
        fine_amount="500",
        fine_currency="AZN",
    )
    assert response.status_code == 302
    event = detention.events.get()
    assert event.term_display == "9 years" and event.fine_currency == "AZN"


@pytest.mark.django_db
def test_the_case_form_loads_its_script_and_styles_from_static(researcher):
    page = client_for(researcher).get(reverse("admin:cases_detention_add"))
    assert "cases/admin-case-form.js" in page.text and "cases/admin-case-form.css" in page.text
    assert Detention.objects.count() == 0


@pytest.mark.django_db
def test_a_case_in_review_shows_its_charges_status_read_only(researcher, smuggling):
    detention = draft_case(PublicationState.IN_REVIEW)
    charge = ChargeFactory(detention=detention, statute=smuggling)
    ChargeStatusChangeFactory(charge=charge, status=ChargeStatus.DROPPED)
    page = client_for(researcher).get(detention_url(detention))
    assert page.status_code == 200
    assert "dropped since 21 November 2023" in page.text
    assert 'name="charges-0-status"' not in page.text


@pytest.mark.django_db
def test_a_read_only_case_offers_no_new_source_fields(researcher):
    page = client_for(researcher).get(detention_url(draft_case(PublicationState.IN_REVIEW)))
    assert page.status_code == 200
    assert "Or a new source: url" not in page.text


@pytest.mark.django_db
def test_the_charge_pickers_of_a_case_are_listed_in_one_query(researcher):
    def charge_queries(events):
        detention = draft_case()
        charge = ChargeFactory(detention=detention)
        for _ in range(events):
            EventFactory(detention=detention, kind="hearing", charge=charge)
        client = client_for(researcher)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(detention_url(detention))
        pickers = re.findall(r'<select name="events-\d+-charge".*?</select>', page.text, re.S)
        assert [f'<option value="{charge.pk}" selected>' in picker for picker in pickers] == [True] * events
        return sum('FROM "cases_charge"' in query["sql"] for query in queries.captured_queries)

    assert charge_queries(1) == charge_queries(5)


@pytest.mark.django_db
def test_a_pretrial_term_is_not_in_the_published_document(case_with_a_charge):
    detention, _charge = case_with_a_charge
    EventFactory(detention=detention, custody_term_months=4)
    publish_all()
    document = public.snapshot_at().detentions().get(detention_id=detention.pk).document
    assert document["events"] and all("custody_term_months" not in event for event in document["events"])
    assert "2024-03-21" not in str(document)


@pytest.mark.django_db
def test_a_charge_row_saved_later_writes_its_status_with_it(smuggling):
    detention = draft_case()
    form = ChargeRowForm(
        {"detention": detention.pk, "statute": smuggling.pk, "category": "anti_state", "status": "pending"}
    )
    assert form.is_valid(), form.errors
    charge = form.save(commit=False)
    assert not ChargeStatusChange.objects.exists()
    charge.save()
    form.save_m2m()
    assert [(change.status, change.on) for change in charge.status_history.all()] == [
        ("pending", FuzzyDate.day(2023, 11, 20))
    ]


@pytest.mark.django_db
def test_a_journalists_citations_stack_on_a_narrow_screen_too(researcher):
    page = client_for(researcher).get(reverse("admin:cases_journalist_change", args=[draft_case().journalist.pk]))
    assert "cases/admin-case-form.css" in page.text and 'data-label="What it supports"' in page.text


@pytest.mark.django_db
def test_a_revert_to_another_kind_drops_the_private_term_of_custody(editor):
    detention = published_case()
    event = detention.events.get()
    Event.objects.filter(pk=event.pk).update(kind="hearing")
    republish(detention, editor)  # the public sees a hearing
    event = Event.objects.get(pk=event.pk)
    event.kind, event.custody_term_months = "pretrial_ordered", 4  # then it is retyped as an order, with its term
    event.save()
    assert event.custody_ends_on == datetime.date(2024, 3, 21)

    services.record_changed(record=fresh(detention), by=editor)
    services.detention_revert(
        detention=fresh(detention), version=DetentionVersion.objects.current().get(detention_id=detention.pk), by=editor
    )

    event.refresh_from_db()
    assert (event.kind, event.custody_term_months, event.custody_ends_on) == ("hearing", None, None)


@pytest.mark.django_db
def test_a_charge_row_posted_without_a_status_keeps_it_or_is_pending(case_with_a_charge, smuggling):
    detention, charge = case_with_a_charge
    kept = ChargeRowForm(
        {"detention": detention.pk, "statute": smuggling.pk, "category": "false_news", "version": charge.version},
        instance=charge,
    )
    assert kept.is_valid(), kept.errors
    kept.save()
    assert [change.status for change in charge.status_history.all()] == ["pending"]
    added = ChargeRowForm({"detention": detention.pk, "wording": "hooliganism", "category": "other"})
    assert added.is_valid(), added.errors
    assert added.save().current_status == ChargeStatus.PENDING


# A release ends custody


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        {"released": "2025-06"},
        {"release_reason": "house_arrest"},
        {"released": "2025-06-20", "release_reason": "served"},
    ],
)
def test_a_release_typed_on_a_case_still_held_releases_it(researcher, case_with_a_charge, typed):
    detention, _ = case_with_a_charge
    assert detention.status == "pretrial"

    response = save_change_form(researcher, detention_url(detention), typed)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    detention.refresh_from_db()
    assert detention.status == "released"
    assert public.snapshot_at().detentions().get(detention_id=detention.pk).status == "pretrial"  # until published


@pytest.mark.django_db
def test_a_status_chosen_in_the_same_save_wins(researcher, case_with_a_charge):
    detention, _ = case_with_a_charge

    response = save_change_form(
        researcher, detention_url(detention), {"released": "2025-06", "status": "died_in_custody"}
    )

    assert response.status_code == 302
    detention.refresh_from_db()
    assert detention.status == "died_in_custody"


@pytest.mark.django_db
def test_a_save_that_types_no_release_leaves_the_status(researcher, case_with_a_charge):
    detention, _ = case_with_a_charge

    response = save_change_form(researcher, detention_url(detention), {"place": "Ganja"})

    assert response.status_code == 302
    detention.refresh_from_db()
    assert (detention.status, detention.place) == ("pretrial", "Ganja")


# A new person's first case


@pytest.mark.django_db
def test_save_and_add_a_detention_opens_the_new_persons_case(researcher):
    client = client_for(researcher)
    form = client.get(reverse("admin:cases_journalist_add"))
    assert 'name="_add_detention"' in form.content.decode()

    data = {**rendered_form_data(form), "name": "Invented Reporter", "slug": "invented-reporter", "_add_detention": "1"}
    response = client.post(reverse("admin:cases_journalist_add"), data)

    journalist = Journalist.objects.get(slug="invented-reporter")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:cases_detention_add')}?journalist={journalist.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{journalist.pk}" selected>Invented Reporter' in page


@pytest.mark.django_db
def test_the_button_is_offered_only_on_a_new_person_to_whoever_may_add_cases(researcher, case_with_a_charge):
    detention, _ = case_with_a_charge
    client = client_for(researcher)
    change = client.get(reverse("admin:cases_journalist_change", args=[detention.journalist.pk])).content.decode()
    assert "_add_detention" not in change
    researcher.groups.clear()
    researcher.user_permissions.add(*Permission.objects.filter(codename__in=["add_journalist", "view_journalist"]))
    add = client_for(researcher).get(reverse("admin:cases_journalist_add")).content.decode()
    assert "_add_detention" not in add
