"""The number of queries of every public page does not grow with the number of cases."""

import pytest

from cases import versioning
from cases.tests import factories
from cases.tests.pages_cases import full_case

# url -> queries, pinned; the same with 1 or 50 cases. Every page reads the latest
# release first (the data version), then only published versions: a page of detentions
# is one query with their journalists, and one for the times of their releases.
PINNED = {
    # The release's figures (cases.figures; none are written here, so counted: two
    # headline counts, everyone and the countries), the recent list and its release times.
    "/": 8,
    # The journalist's version, its release time, the detentions and their release times.
    "/journalists/{slug}/": 5,
    # The data version keys the list's counts: two more queries on a cold request than a warm one.
    "/detentions/": 6,
    "/detentions/?country=AZ&status=sentenced": 6,
    "/detentions/?q=Reporter": 5,
    "/countries/AZ/": 10,
    "/statutes/": 4,
    "/statutes/{statute}/": 7,
    # Only the data version, which keys every kept public answer (api/middleware.py).
    "/methodology/": 1,
    "/data/": 2,
    # The data version (and its release), then every row from its version's document in one query.
    "/data/detentions.csv": 2,
    "/data/detentions.json": 2,
    "/data/detentions.xlsx": 2,
    "/data/detentions.csv?country=AZ&q=Reporter": 2,
    "/data/datapackage.json": 1,
    # The data version; the versions published and withdrawn; the statuses they replaced; release times twice.
    "/feed/": 6,
    "/feed/?country=AZ": 6,
    # The release and one query per section: journalists (with their release times), countries, statutes.
    "/sitemap.xml": 7,  # with the data version, which keys every kept public answer
    "/robots.txt": 0,
    "/embed/counter/?country=AZ": 2,
    "/embed/badge.svg?country=AZ": 2,
}


@pytest.mark.usefixtures("cold_answers")  # counts the view's own reads, below the kept answers
@pytest.mark.django_db
@pytest.mark.parametrize("cases", [1, 50])
def test_queries_per_page_do_not_grow_with_the_cases(client, django_assert_num_queries, cases):
    statute = factories.StatuteFactory()
    followed = full_case(statute=statute).journalist
    for _ in range(cases - 1):
        full_case(journalist=followed, statute=statute)  # one page with many detentions
        full_case(statute=statute)  # and many people on every list
    versioning.current()
    for pattern, queries in PINNED.items():
        url = pattern.format(slug=followed.slug, statute=statute.slug)
        with django_assert_num_queries(queries):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, url


@pytest.mark.usefixtures("cold_answers")  # counts the view's own reads, below the kept answers
@pytest.mark.django_db
def test_the_detention_list_keeps_its_counts_until_the_data_version_moves(client, django_assert_num_queries):
    full_case()
    versioning.current()
    first = client.get("/detentions/")
    with django_assert_num_queries(4):
        again = client.get("/detentions/")
    assert again.context["result"].count == first.context["result"].count == 1
    full_case()  # a release
    after = client.get("/detentions/")
    assert after.context["result"].count == 2
    assert after.context["paginator"].count == 2
