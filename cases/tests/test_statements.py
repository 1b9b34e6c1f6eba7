"""Every form of the sentence that comes with a count (counting rule 5)."""

import pytest

from cases.counting import statement
from cases.tests import factories

pytestmark = pytest.mark.django_db

WINDOW = {"arrested_from": "2023-11-01", "arrested_to": "2024-02-07"}


@pytest.mark.parametrize(
    ("number", "unit", "filters", "expected"),
    [
        # The two examples of DESIGN.md, word for word (bar the country's current name).
        (
            9,
            "journalists",
            {"country": "AZ", **WINDOW, "kind": "criminal"},
            "At least 9 journalists and media workers were arrested in Azerbaijan "
            "between 1 November 2023 and 7 February 2024.",
        ),
        (
            8,
            "journalists",
            {"country": "TR", "in_custody_on": "2019-12-01", "role": "journalist"},
            "At least 8 journalists were in custody in Türkiye on 1 December 2019.",
        ),
        # Detentions as the unit.
        (
            9,
            "detentions",
            {"country": "AZ", **WINDOW},
            "At least 9 detentions of journalists and media workers began in Azerbaijan "
            "between 1 November 2023 and 7 February 2024.",
        ),
        (
            3,
            "detentions",
            {"in_custody_on": "2019-12-01"},
            "At least 3 detentions of journalists and media workers were ongoing on 1 December 2019.",
        ),
        (
            1,
            "detentions",
            {"in_custody_on": "2019-12-01"},
            "At least one detention of a journalist or media worker was ongoing on 1 December 2019.",
        ),
        (0, "detentions", {}, "The tracker records no detention of a journalist or media worker."),
        (
            0,
            "detentions",
            {"country": "AZ", **WINDOW},
            "The tracker records no detention of a journalist or media worker that began in Azerbaijan "
            "between 1 November 2023 and 7 February 2024.",
        ),
        # Open-ended windows and a one-day window.
        (
            4,
            "journalists",
            {"arrested_from": "2023-11-01"},
            "At least 4 journalists and media workers were arrested on or after 1 November 2023.",
        ),
        (
            4,
            "journalists",
            {"arrested_to": "2023-11-01"},
            "At least 4 journalists and media workers were arrested on or before 1 November 2023.",
        ),
        (
            2,
            "journalists",
            {"arrested_from": "2023-11-20", "arrested_to": "2023-11-20"},
            "At least 2 journalists and media workers were arrested on 20 November 2023.",
        ),
        (
            2,
            "journalists",
            {"released_from": "2024-01-01", "status": "released"},
            "At least 2 journalists and media workers were released on or after 1 January 2024.",
        ),
        (
            2,
            "detentions",
            {"released_to": "2024-01-31"},
            "At least 2 detentions of journalists and media workers ended on or before 31 January 2024.",
        ),
        (
            2,
            "journalists",
            {**WINDOW, "in_custody_on": "2024-12-01"},
            "At least 2 journalists and media workers were arrested between 1 November 2023 and "
            "7 February 2024 and in custody on 1 December 2024.",
        ),
        # All countries, one kind, status.
        (12, "journalists", {}, "At least 12 journalists and media workers were detained."),
        (
            2,
            "journalists",
            {"country": "AZ", "kind": "administrative"},
            "At least 2 journalists and media workers were detained in Azerbaijan under administrative law.",
        ),
        (
            5,
            "journalists",
            {"country": "AZ", "status": "pretrial"},
            "At least 5 journalists and media workers were detained in Azerbaijan and are still awaiting trial.",
        ),
        (
            1,
            "journalists",
            {"status": "sentenced"},
            "At least one journalist or media worker was detained and has since been sentenced.",
        ),
        (
            3,
            "detentions",
            {"status": "pretrial"},
            "At least 3 detentions of journalists and media workers took place and are still at the pretrial stage.",
        ),
        (
            2,
            "journalists",
            {"linked_to_journalism": "suspected", "charge_category": "false_news", "status": "unknown"},
            "At least 2 journalists and media workers were detained possibly in connection with their "
            "journalism, with a charge categorised as “false news”, their current status unknown.",
        ),
        # Singular and zero.
        (
            1,
            "journalists",
            {"country": "AZ", **WINDOW},
            "At least one journalist or media worker was arrested in Azerbaijan "
            "between 1 November 2023 and 7 February 2024.",
        ),
        (
            0,
            "journalists",
            {"country": "AZ", **WINDOW},
            "The tracker records no journalist or media worker who was arrested in Azerbaijan "
            "between 1 November 2023 and 7 February 2024.",
        ),
        (
            0,
            "journalists",
            {"role": "journalist", "in_custody_on": "2019-12-01"},
            "The tracker records no journalist who was in custody on 1 December 2019.",
        ),
        (
            0,
            "journalists",
            {"status": "pretrial"},
            "The tracker records no journalist or media worker who was detained and is still awaiting trial.",
        ),
        # Who is counted.
        (
            1,
            "journalists",
            {"role": "media_worker", "gender": "female"},
            "At least one female media worker was detained.",
        ),
        (3, "journalists", {"gender": "male", "role": "journalist"}, "At least 3 male journalists were detained."),
        (1500, "journalists", {}, "At least 1,500 journalists and media workers were detained."),
    ],
)
def test_statement_reads_naturally(number, unit, filters, expected):
    assert statement(number, unit, filters) == expected


def test_statement_names_outlet_medium_and_statute():
    # Named as published: an outlet and a statute of a published case.
    detention = factories.DetentionFactory()
    factories.AffiliationFactory(journalist=detention.journalist, outlet__slug="outlet-x", outlet__name="Outlet X")
    factories.ChargeFactory(detention=detention, statute__article="206.3.2", statute__title="smuggling")

    text = statement(2, "journalists", {"outlet": "outlet-x", "medium": "tv", "statute": "az-cc-206.3.2"})

    assert text == (
        "At least 2 journalists and media workers of Outlet X working in television were detained, "
        "with a charge under AZ Criminal Code art. 206.3.2 (smuggling)."
    )


def test_statement_names_no_outlet_or_statute_that_only_unpublished_cases_have():
    draft = factories.DetentionFactory(publication_state="draft")
    factories.AffiliationFactory(
        journalist=factories.JournalistFactory(publication_state="draft"),
        outlet__slug="outlet-x",
        outlet__name="Hidden Outlet",
    )
    factories.ChargeFactory(detention=draft, statute__article="206.3.2", statute__title="hidden title")

    text = statement(2, "journalists", {"outlet": "outlet-x", "statute": "az-cc-206.3.2"})

    assert "Hidden Outlet" not in text and "hidden title" not in text


def test_detentions_of_one_person_read_with_their_name():
    factories.JournalistFactory(slug="reporter-a", name="Reporter A")

    assert statement(2, "detentions", {"journalist": "reporter-a"}) == "At least 2 detentions of Reporter A took place."
    assert statement(1, "journalists", {"journalist": "reporter-a"}) == (
        "At least one journalist or media worker named Reporter A was detained."
    )
