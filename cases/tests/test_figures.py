"""
The home page's headline figures, counted once per release (``cases.figures``):
read back, each is the number ``cases.counting.count`` gives on every day it
claims to hold for, and a page without them counts as it did before.
"""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cases import figures, public, publishing, synthetic
from cases.counting import count
from cases.dates import FuzzyDate
from cases.models import ReleaseFigure
from cases.tests import factories

from .migrations import forward

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def in_custody(snapshot, day):
    return snapshot.detentions().in_custody_on(day).count_units()


def arrested(snapshot, day):
    return snapshot.detentions().arrested_between(figures.year_before(day), day).count_units()


@pytest.fixture
def population(db):
    """A few hundred invented cases with arrests and releases over decades, published as one release."""
    synthetic.Generator(300, seed=5).run()
    return public.snapshot_at()


def days_of(first, last, most=12):
    """Return the first and last day of [first, last] and up to ``most`` days evenly between."""
    span = (last - first).days
    step = max(span // most, 1)
    return sorted({first + DAY * n for n in range(0, span + 1, step)} | {last})


def test_a_figure_counts_the_same_on_every_day_it_claims_to_hold_for(population):
    snapshot = population
    checked = 0
    # Days across the population's arrests and releases, today and ahead of it.
    for day in [TODAY - DAY * n for n in range(0, 9000, 173)] + [TODAY + DAY * 40]:
        stored = {figure.name: figure for figure in figures.compute(snapshot.release, day)}
        for name, live in ((figures.IN_CUSTODY, in_custody), (figures.ARRESTED, arrested)):
            figure = stored[name]
            assert figure.value == live(snapshot, day), (name, day)
            first = figure.from_day or day - DAY * 800
            last = (figure.until_day or day + DAY * 801) - DAY
            assert first <= day <= last
            for other in days_of(first, last):
                assert live(snapshot, other) == figure.value, (name, day, other, figure.from_day, figure.until_day)
                checked += 1
    assert checked > 200
    everyone = stored[figures.EVERYONE].value
    live = count(snapshot.detentions(), filters={}, group_by="country")
    assert everyone == [live.count, [[group.key, group.count] for group in live.groups]]


def test_the_window_leaves_an_arrest_on_the_first_day_its_year_no_longer_holds_it():
    for earliest in (datetime.date(2023, 5, 17), datetime.date(2024, 2, 29), datetime.date(2023, 2, 28)):
        leaves = figures.window_leaves(earliest)
        assert figures.year_before(leaves) > earliest >= figures.year_before(leaves - DAY)
    assert figures.window_leaves(datetime.date(2024, 2, 29)) == datetime.date(2025, 3, 1)


def headline_statements(html):
    """Return the headline cards' and the countries' sentences of a home page."""
    return re.findall(r"At least [^<]*\.|The tracker records no [^<]*\.", html)


def counted_versions(queries):
    return [query["sql"] for query in queries if "COUNT(" in query["sql"] and "detentionversion" in query["sql"]]


def test_the_home_page_reads_the_figures_instead_of_counting_and_says_the_same(client, population, cold_answers):
    with CaptureQueriesContext(connection) as queries:
        counted = client.get("/").content.decode()
    assert len(counted_versions(queries)) >= 3  # no figures yet: counted as before

    figures.write(population.release)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        read = client.get("/").content.decode()
    assert counted_versions(queries) == []
    assert headline_statements(read) == headline_statements(counted)
    assert len(headline_statements(read)) == 3
    for group in count(population.detentions(), filters={}, group_by="country").groups[:5]:
        assert f"({group.count})" in read


def test_a_day_a_figure_does_not_hold_for_is_counted(client, population, cold_answers):
    long_ago = TODAY - DAY * 4000
    figures.write(population.release, day=long_ago)
    stale = ReleaseFigure.objects.get(release_id=population.release, name=figures.ARRESTED)
    assert stale.until_day is not None and stale.until_day <= TODAY
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    # Both day-bound figures are counted for today; everyone by country is read.
    assert len(counted_versions(queries)) == 2
    assert not any("GROUP BY" in sql for sql in counted_versions(queries))
    expected = count(
        population.detentions().arrested_between(figures.year_before(TODAY), TODAY),
        filters=figures.arrested_filters(TODAY),
    )
    assert expected.statement in html


def test_a_release_counts_its_figures_when_it_commits_and_not_when_it_rolls_back(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        detention = factories.DetentionFactory(arrest=FuzzyDate.day(TODAY.year - 1, 1, 5))
    release = public.snapshot_at().release
    written = {figure.name: figure.value for figure in ReleaseFigure.objects.filter(release_id=release)}
    assert written[figures.IN_CUSTODY] == 1
    assert written[figures.EVERYONE] == [1, [[detention.country, 1]]]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            publishing.release_open(note="abandoned")
            transaction.set_rollback(True)
    assert callbacks == []
    assert public.snapshot_at().release == release


def test_write_figures_counts_the_latest_release_again_for_today(population):
    figures.write(population.release, day=TODAY - DAY * 4000)
    out = io.StringIO()
    call_command("write_figures", stdout=out)
    assert f"Release {population.release}: {figures.ARRESTED} for " in out.getvalue()
    figure = ReleaseFigure.objects.get(release_id=population.release, name=figures.ARRESTED)
    assert figure.value == arrested(population, TODAY)
    assert figures._holds(figure, TODAY)


class TestMigration:
    BEFORE = [("cases", "0015_translations")]

    def test_existing_releases_are_kept_and_get_no_figures_until_counted(self, transactional_db):
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        executor.migrate(self.BEFORE)
        old = executor.loader.project_state(self.BEFORE).apps
        old.get_model("cases", "Release").objects.create(
            number=1, published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), note="before"
        )
        new = forward([("cases", "0016_release_figures")])
        assert new.get_model("cases", "Release").objects.get(number=1).note == "before"
        assert not new.get_model("cases", "ReleaseFigure").objects.exists()
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_release_is_counted_from_its_own_versions_even_once_a_later_one_exists(population):
    first = population.release
    factories.DetentionFactory(arrest=FuzzyDate.day(TODAY.year - 1, 1, 5))  # a later release, one more person
    later = public.snapshot_at()
    assert later.release == first + 1
    then = public.Snapshot(first, population.as_of, later.release)
    stored = {figure.name: figure.value for figure in figures.compute(first, TODAY)}
    assert stored[figures.IN_CUSTODY] == in_custody(then, TODAY) == in_custody(later, TODAY) - 1
    assert stored[figures.EVERYONE][0] == count(then.detentions(), filters={}).count


def test_a_migration_publishing_with_historical_models_counts_nothing(db, django_capture_on_commit_callbacks):
    class Historical:  # what a migration's apps give: not the model class itself
        number = 1

    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            figures.after_commit(Historical())
    assert callbacks == []
