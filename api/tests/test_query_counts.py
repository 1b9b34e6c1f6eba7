"""The number of queries of every list and detail does not grow with the rows shown."""

import pytest

from cases.tests import factories

from .builders import full_detention

pytestmark = pytest.mark.django_db

ROWS = [1, 50]


@pytest.fixture
def detentions(request, version):
    return [full_detention() for _ in range(request.param)]


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_journalist_list_queries_do_not_grow_with_rows(client, detentions, django_assert_num_queries):
    # version, count, page, the times of their releases, their detentions (briefs: no release times)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/journalists/", {"page_size": 50})
    assert len(response.json()["results"]) == len(detentions)


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_journalist_detail_queries_are_fixed(client, detentions, django_assert_num_queries):
    # version, the journalist's version, the times of its releases, its detentions (briefs)
    with django_assert_num_queries(4):
        response = client.get(f"/api/v1/journalists/{detentions[-1].journalist.slug}/")
    assert response.status_code == 200


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_detention_list_queries_do_not_grow_with_rows(client, detentions, django_assert_num_queries):
    # version, count, page (with its journalists' versions), the times of their releases
    with django_assert_num_queries(4):
        response = client.get("/api/v1/detentions/", {"page_size": 50})
    assert len(response.json()["results"]) == len(detentions)


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_detention_detail_queries_are_fixed(client, detentions, django_assert_num_queries):
    # version, the detention's version with its journalist's, the times of their releases
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/detentions/{detentions[-1].pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_detention_csv_export_queries_do_not_grow_with_rows(client, detentions, django_assert_num_queries):
    # version and one batch of published documents; no count
    with django_assert_num_queries(2):
        response = client.get("/api/v1/detentions/", {"format": "csv"})
        lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == len(detentions) + 1


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_journalist_csv_export_queries_do_not_grow_with_rows(client, detentions, django_assert_num_queries):
    with django_assert_num_queries(5):
        response = client.get("/api/v1/journalists/", {"format": "csv"})
        lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == len(detentions) + 1


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
@pytest.mark.parametrize("path", ["outlets", "statutes"])
def test_reference_list_queries_do_not_grow_with_rows(client, detentions, path, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/{path}/", {"page_size": 50})
    assert len(response.json()["results"]) == len(detentions)


@pytest.mark.parametrize("rows", ROWS)
def test_reference_detail_queries_are_fixed(client, version, rows, django_assert_num_queries):
    statutes = factories.StatuteFactory.create_batch(rows)
    outlets = factories.OutletFactory.create_batch(rows)
    # Reference rows are public once a published case uses them.
    factories.ChargeFactory(statute=statutes[-1])
    factories.AffiliationFactory(outlet=outlets[-1])
    with django_assert_num_queries(2):
        assert client.get(f"/api/v1/statutes/{statutes[-1].slug}/").status_code == 200
    # The data version is kept from the first request: the outlet alone is read.
    with django_assert_num_queries(1):
        assert client.get(f"/api/v1/outlets/{outlets[-1].slug}/").status_code == 200


@pytest.mark.parametrize("detentions", ROWS, indirect=True)
def test_counts_queries_do_not_grow_with_rows(client, detentions, django_assert_num_queries):
    # version, the count, the groups, and the outlet labels; then the cache answers
    with django_assert_num_queries(4):
        response = client.get("/api/v1/counts/", {"country": "AZ", "group_by": "outlet"})
    assert response.json()["count"] == len(detentions)
    # The kept answer and the kept data version: no query at all.
    with django_assert_num_queries(0):
        client.get("/api/v1/counts/", {"country": "AZ", "group_by": "outlet"})
