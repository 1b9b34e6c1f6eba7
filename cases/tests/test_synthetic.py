"""The synthetic data generator writes consistent, varied cases without firing signals."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from cases import models, versioning
from cases.tests.factories import DetentionFactory


@pytest.fixture
def generated(django_capture_on_commit_callbacks):
    before = versioning.current().version
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("generate_synthetic", detentions=300, seed=7, chunk=120, verbosity=0)
    return {"version_before": before, "callbacks": callbacks}


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
    published = models.Detention.objects.published().count()
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
def test_data_version_moves_once_for_the_whole_run(generated):
    assert versioning.current().version == generated["version_before"] + 1
    assert len(generated["callbacks"]) == 1


@pytest.mark.django_db
def test_new_rows_can_be_saved_after_generation(generated):
    # Sequences were moved past the ids the generator gave.
    DetentionFactory()
    assert models.Detention.objects.count() == 301


@pytest.mark.django_db
def test_clear_removes_earlier_cases(django_capture_on_commit_callbacks):
    DetentionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_synthetic", detentions=20, clear=True, verbosity=0)
    assert models.Detention.objects.count() == 20
    assert models.Medium.objects.exists()
