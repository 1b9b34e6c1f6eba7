"""The number of queries of every public page does not grow with the number of cases."""

import pytest

from cases import versioning
from cases.tests import factories
from cases.tests.pages_cases import full_case

# url -> queries, pinned; the same with 1 or 50 cases.
PINNED = {
    "/": 5,
    "/journalists/{slug}/": 12,
    # The data version keys the list's counts: one query on a cold request, two fewer after.
    "/detentions/": 7,
    "/detentions/?country=AZ&status=sentenced": 7,
    "/detentions/?q=Reporter": 6,
    "/countries/AZ/": 8,
    "/statutes/": 3,
    "/statutes/{statute}/": 7,
    "/methodology/": 0,
    "/data/": 2,
    # The data version, then the API's export fast path: detentions, charges, their statuses,
    # events, and public sources of detentions, charges and events, once per batch of rows.
    "/data/detentions.csv": 8,
    "/data/detentions.json": 8,
    "/data/datapackage.json": 1,
    "/feed/": 1,
    "/sitemap.xml": 5,
    "/robots.txt": 0,
    "/embed/counter/?country=AZ": 2,
    "/embed/badge.svg?country=AZ": 2,
}


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


@pytest.mark.django_db
def test_the_detention_list_keeps_its_counts_until_the_data_version_moves(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    full_case()
    versioning.current()
    first = client.get("/detentions/")
    with django_assert_num_queries(5):
        again = client.get("/detentions/")
    assert again.context["result"].count == first.context["result"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        full_case()
    after = client.get("/detentions/")
    assert after.context["result"].count == 2
    assert after.context["paginator"].count == 2
