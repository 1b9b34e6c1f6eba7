import pytest

from cases.tests import factories

pytestmark = pytest.mark.django_db


def test_outlets_are_listed_by_name_and_filtered_by_country(client):
    for name, country in (("Outlet B", "AZ"), ("Outlet A", "AZ"), ("Outlet C", "TR")):
        factories.AffiliationFactory(outlet=factories.OutletFactory(name=name, country=country))
    # Known only from an unpublished person: not public.
    factories.AffiliationFactory(outlet__name="Outlet D", journalist__publication_state="draft")
    factories.OutletFactory(name="Outlet E")

    names = [row["name"] for row in client.get("/api/v1/outlets/").json()["results"]]
    in_turkey = client.get("/api/v1/outlets/", {"country": "TR"}).json()["results"]

    assert names == ["Outlet A", "Outlet B", "Outlet C"]
    assert [row["name"] for row in in_turkey] == ["Outlet C"]


def test_outlet_detail(client):
    outlet = factories.AffiliationFactory(outlet__website="https://outlet.example/").outlet

    body = client.get(f"/api/v1/outlets/{outlet.slug}/").json()

    assert body == {
        "slug": outlet.slug,
        "name": outlet.name,
        "country": "AZ",
        "website": "https://outlet.example/",
        "description": "",
    }


def test_statute_counts_published_detentions_citing_it_once_each(client):
    statute = factories.StatuteFactory(article="206.3.2")
    cited_twice = factories.DetentionFactory()
    factories.ChargeFactory(detention=cited_twice, statute=statute)
    factories.ChargeFactory(detention=cited_twice, statute=statute)
    factories.ChargeFactory(detention__journalist__slug="other", statute=statute)
    factories.ChargeFactory(detention__publication_state="draft", statute=statute)
    factories.ChargeFactory(detention__journalist__publication_state="withdrawn", statute=statute)
    factories.StatuteFactory(article="1.1")

    rows = client.get("/api/v1/statutes/").json()["results"]
    detail = client.get("/api/v1/statutes/az-cc-206.3.2/").json()

    # A statute no published detention is charged under is not public reference data.
    assert [(row["slug"], row["detentions"]) for row in rows] == [("az-cc-206.3.2", 2)]
    assert detail["detentions"] == 2
    assert detail["detentions_url"].endswith("/api/v1/detentions/?statute=az-cc-206.3.2")


def test_statutes_filter_by_country(client):
    factories.ChargeFactory(statute=factories.StatuteFactory(country="TR", code="Penal Code", article="299"))
    factories.ChargeFactory(statute=factories.StatuteFactory(country="AZ"))

    rows = client.get("/api/v1/statutes/", {"country": "TR"}).json()["results"]

    assert [row["article"] for row in rows] == ["299"]
