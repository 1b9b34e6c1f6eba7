"""
The synthetic data generator writes consistent, varied cases without firing
signals, and publishes what it marks published as one release, with exactly the
versions a publish writes.
"""

import pytest
from django.core.management import call_command
from django.db.models import Count

from cases import models, public, publishing, versioning
from cases.tests.factories import DetentionFactory


@pytest.fixture
def generated(db):
    before = versioning.current().version
    call_command("generate_synthetic", detentions=300, seed=7, chunk=120, verbosity=0)
    return {"version_before": before}


@pytest.mark.django_db
def test_generator_writes_exactly_the_detentions_asked_for(generated):
    assert models.Detention.objects.count() == 300


@pytest.mark.django_db
def test_every_journalist_has_a_detention_and_some_have_several(generated):
    per_person = models.Journalist.objects.annotate(n=Count("detentions")).values_list("n", flat=True)
    assert min(per_person) >= 1
    assert max(per_person) >= 2
    assert models.Journalist.objects.count() < 300


@pytest.mark.django_db
def test_every_detention_has_one_to_eight_charges_each_with_a_history(generated):
    charges = models.Detention.objects.annotate(n=Count("charges")).values_list("n", flat=True)
    assert min(charges) >= 1
    assert max(charges) <= 8
    assert not models.Charge.objects.filter(status_history__isnull=True).exists()
    assert models.ChargeStatusChange.objects.exclude(status="pending").exists()


@pytest.mark.django_db
def test_publication_states_are_mixed_and_mostly_published(generated):
    states = dict(models.Detention.objects.values_list("publication_state").annotate(n=Count("pk")).order_by())
    assert len(states) >= 3
    published = public.snapshot_at().detentions().count()
    assert 0.7 * 300 <= published <= 0.95 * 300


@pytest.mark.django_db
def test_arrest_dates_come_in_every_precision_including_open_ranges(generated):
    precisions = set(models.Detention.objects.values_list("arrested_precision", flat=True))
    assert {"day", "month", "range"} <= precisions
    assert models.Detention.objects.filter(arrested_precision="year").exists() or "year" in set(
        models.Detention.objects.values_list("released_precision", flat=True)
    )
    assert (
        models.Event.objects.filter(on_earliest__isnull=True).exists()
        or models.Detention.objects.filter(arrested_precision="range", arrested_earliest__isnull=True).exists()
    )


@pytest.mark.django_db
def test_countries_are_skewed_towards_the_most_frequent(generated):
    by_country = list(
        models.Detention.objects.values("country").annotate(n=Count("pk")).order_by("-n").values_list("n", flat=True)
    )
    assert len(by_country) >= 15
    assert by_country[0] >= 5 * by_country[-1]


@pytest.mark.django_db
def test_generated_rows_pass_model_validation(generated):
    for detention in models.Detention.objects.order_by("pk")[:40]:
        detention.full_clean(validate_unique=False)
    for citation in models.Citation.objects.order_by("pk")[:40]:
        citation.full_clean(validate_unique=False)
    released = models.Detention.objects.filter(released_latest__isnull=False, arrested_earliest__isnull=False)
    assert released.exists()
    assert all(d.released_latest >= d.arrested_earliest for d in released)


@pytest.mark.django_db
def test_the_whole_run_is_one_release(generated):
    assert versioning.current().version == generated["version_before"] + 1
    assert models.Release.objects.count() == 1


def published_state():
    """Return everything the public reads, keyed by the working records' ids, without row ids or release numbers."""
    journalists = {
        version.journalist_id: (
            version.slug,
            version.name,
            version.name_original,
            version.aliases,
            version.role,
            version.gender,
            version.document,
            sorted(version.outlets.values_list("slug", "name", "country", "website", "description")),
            sorted(version.mediums.values_list("code", flat=True)),
            sorted(version.retired_slugs.values_list("slug", flat=True)),
        )
        for version in models.JournalistVersion.objects.current()
    }
    detentions = {
        version.detention_id: (
            version.journalist_id,
            version.journalist_version.journalist_id,
            version.country,
            version.kind,
            version.status,
            version.linked_to_journalism,
            version.role,
            version.gender,
            version.arrested_earliest,
            version.arrested_latest,
            version.released_earliest,
            version.released_latest,
            version.document,
            sorted(
                version.charges.values_list(
                    "category", "statute_slug", "statute_country", "statute_code", "statute_article", "statute_title"
                )
            ),
        )
        for version in models.DetentionVersion.objects.current().select_related("journalist_version")
    }
    changes = sorted(
        models.ReleaseChange.objects.values_list("kind", "journalist_id", "detention_id", "slug", "name", "reason"),
        key=lambda change: (change[1], change[2] or 0),
    )
    live = (
        set(models.Journalist.objects.filter(live=True).values_list("pk", flat=True)),
        set(models.Detention.objects.filter(live=True).values_list("pk", flat=True)),
    )
    return journalists, detentions, changes, live


@pytest.mark.django_db
def test_the_release_holds_exactly_the_versions_a_publish_of_the_marked_cases_writes(generated):
    written = published_state()
    assert len(written[0]) > 100 and len(written[1]) > 200

    # Published again the slow way, one case at a time, from nothing.
    for model in (
        models.ReleaseChange,
        models.DetentionVersionCharge,
        models.DetentionVersion,
        models.JournalistVersionOutlet,
        models.JournalistVersionMedium,
        models.JournalistVersionSlug,
        models.JournalistVersion,
        models.Release,
    ):
        model.objects.all().delete()
    models.Journalist.objects.update(live=False)
    models.Detention.objects.update(live=False)
    assert publishing.publish_marked() is not None

    assert published_state() == written


@pytest.mark.django_db
def test_new_rows_can_be_saved_after_generation(generated):
    # Sequences were moved past the ids the generator gave.
    DetentionFactory()
    assert models.Detention.objects.count() == 301


@pytest.mark.django_db
def test_clear_removes_earlier_cases_and_their_releases():
    DetentionFactory()
    call_command("generate_synthetic", detentions=20, clear=True, verbosity=0)
    assert models.Detention.objects.count() == 20
    assert models.Medium.objects.exists()
    # The earlier case's versions went with it: the public reads only the new release.
    assert list(models.Release.objects.values_list("number", flat=True)) == [1]
    assert set(public.snapshot_at().detentions().values_list("detention_id", flat=True)) <= set(
        models.Detention.objects.values_list("pk", flat=True)
    )
