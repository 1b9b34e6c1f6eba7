"""A bad parameter gets 400 and JSON naming it; nothing is silently ignored."""

import pytest

from cases.tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("counts", {"arrested_from": "2023-13-45"}, {"arrested_from": ["Enter a valid date (YYYY-MM-DD)."]}),
        ("detentions", {"in_custody_on": "1 December 2019"}, {"in_custody_on": ["Enter a valid date (YYYY-MM-DD)."]}),
        ("counts", {"released_to": "2024-02"}, {"released_to": ["Enter a valid date (YYYY-MM-DD)."]}),
        (
            "counts",
            {"country": "XX"},
            {"country": ["Select a valid choice. XX is not one of the available choices."]},
        ),
        (
            "detentions",
            {"status": "jailed"},
            {"status": ["Select a valid choice. jailed is not one of the available choices."]},
        ),
        (
            "counts",
            {"journalist": "nobody"},
            {"journalist": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        (
            "counts",
            {"statute": "az-cc-0"},
            {"statute": ["Select a valid choice. That choice is not one of the available choices."]},
        ),
        ("counts", {"unit": "people"}, {"unit": ["Use one of: journalists, detentions."]}),
        (
            "counts",
            {"group_by": "planet"},
            {
                "group_by": [
                    "Use one of: country, year, month, status, kind, charge_category, statute, outlet, "
                    "gender, role, medium."
                ]
            },
        ),
        ("detentions", {"format": "xml"}, {"format": ["Unknown format “xml”: use one of json, csv, xlsx."]}),
        ("counts", {"format": "ods"}, {"format": ["Unknown format “ods”: use one of json, csv, xlsx."]}),
        ("detentions", {"page": "0"}, {"page": ["Enter a whole number of 1 or more."]}),
        ("journalists", {"page": "two"}, {"page": ["Enter a whole number of 1 or more."]}),
        ("outlets", {"page": "3"}, {"page": ["There is no page 3; the last is 1."]}),
        ("statutes", {"page_size": "1000"}, {"page_size": ["At most 200."]}),
        (
            "counts",
            {"arrested_from": "2024-02-07", "arrested_to": "2023-11-01"},
            {"arrested_to": ["arrested_to comes before arrested_from."]},
        ),
    ],
)
def test_bad_value_is_a_400_naming_the_parameter(client, path, params, expected):
    response = client.get(f"/api/v1/{path}/", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": expected}


@pytest.mark.parametrize("path", ["journalists", "detentions", "outlets", "statutes"])
@pytest.mark.parametrize("format", ["json", "csv"])
@pytest.mark.parametrize("name", ["page", "page_size"])
@pytest.mark.parametrize("value", ["²", "①", "¹", "⁴", "٣", "-1", " 1", "1.0"])
def test_a_page_that_is_not_plain_digits_is_a_400_on_every_list(client, path, format, name, value):
    response = client.get(f"/api/v1/{path}/", {name: value, "format": format})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {name: ["Enter a whole number of 1 or more."]}}


@pytest.mark.parametrize("path", ["journalists", "detentions", "outlets", "statutes"])
@pytest.mark.parametrize("name", ["page", "page_size"])
def test_a_page_of_thousands_of_digits_is_a_400(client, path, name):
    response = client.get(f"/api/v1/{path}/", {name: "9" * 4301})

    assert response.status_code == 400
    assert response.json() == {"errors": {name: ["Ensure this value has at most 18 characters (it has 4301)."]}}


def test_leading_zeros_are_still_the_number(client):
    factories.DetentionFactory()

    response = client.get("/api/v1/detentions/", {"page": "0" * 5000 + "1", "page_size": "01"})

    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("path", ["journalists/", "detentions/", "outlets/", "statutes/", "counts/"])
def test_unknown_parameter_is_a_400_naming_it(client, path):
    response = client.get(f"/api/v1/{path}", {"contry": "AZ"})

    assert response.status_code == 400
    (message,) = response.json()["errors"]["contry"]
    assert message.startswith("Unknown parameter. Known here: ")
    assert "format" in message


def test_list_parameters_are_unknown_on_a_detail(client):
    detention = factories.DetentionFactory()

    response = client.get(f"/api/v1/detentions/{detention.pk}/", {"country": "AZ"})

    assert response.status_code == 400
    assert "country" in response.json()["errors"]


def test_a_repeated_parameter_is_a_400(client):
    response = client.get("/api/v1/counts/?country=AZ&country=TR")

    assert response.status_code == 400
    assert response.json() == {"errors": {"country": ["Give this parameter once."]}}


def test_every_bad_value_is_named_at_once(client):
    response = client.get("/api/v1/counts/", {"country": "XX", "unit": "people", "group_by": "planet"})

    assert set(response.json()["errors"]) == {"country", "unit", "group_by"}


def test_errors_are_json_even_when_csv_was_asked_for(client):
    response = client.get("/api/v1/detentions/", {"format": "csv", "kind": "civil"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "kind" in response.json()["errors"]


def test_unknown_record_is_a_404_in_json(client):
    response = client.get("/api/v1/detentions/999999/")

    assert response.status_code == 404
    assert response.json() == {"detail": "No Detention matches the given query."}


def test_writes_are_not_allowed(client):
    assert client.post("/api/v1/detentions/", {}).status_code == 405
    assert client.delete("/api/v1/counts/").status_code == 405


def test_an_empty_value_means_no_filter(client):
    factories.DetentionFactory()

    assert client.get("/api/v1/counts/", {"country": "", "unit": ""}).json()["count"] == 1
