"""
The floors: each counts/ case written by hand as the SQL of its aggregate.

They are written independently of the ORM (cases/counting.py and
cases/querysets.py), so that a slow query the ORM builds shows up as a ratio.
"""

PUBLISHED = (
    "FROM cases_detention d JOIN cases_journalist j ON j.id = d.journalist_id "
    "WHERE d.publication_state = 'published' AND j.publication_state = 'published'"
)
IN_CUSTODY = (
    " AND d.arrested_latest < %(day)s AND (d.released_earliest >= %(day)s"
    " OR (d.released_latest IS NULL AND d.status NOT IN ('released', 'died_in_custody')))"
)
ARRESTED = " AND d.arrested_latest IS NOT NULL AND d.arrested_earliest >= %(start)s AND d.arrested_latest <= %(end)s"
ARRESTED_FROM = " AND d.arrested_latest IS NOT NULL AND d.arrested_earliest >= %(start)s"
CHARGE = " AND EXISTS (SELECT 1 FROM cases_charge c WHERE c.detention_id = d.id AND c.category = %(category)s)"
PEOPLE = "SELECT COUNT(DISTINCT d.journalist_id) "


YEAR_GROUPS = (
    "SELECT EXTRACT(YEAR FROM d.arrested_latest) AS y, COUNT(DISTINCT d.journalist_id) "  # noqa: S608 - no input
    + PUBLISHED
    + ARRESTED_FROM
    + " AND EXTRACT(YEAR FROM d.arrested_earliest) = EXTRACT(YEAR FROM d.arrested_latest) GROUP BY y"
)


# name -> (query string of counts/, [SQL statements], parameters)
CASES = {
    "all people": ("", [PEOPLE + PUBLISHED], {}),
    "AZ, criminal, arrested 2015–2024": (
        "country=AZ&kind=criminal&arrested_from=2015-01-01&arrested_to=2024-12-31",
        [PEOPLE + PUBLISHED + " AND d.country = %(country)s AND d.kind = 'criminal'" + ARRESTED],
        {"country": "AZ", "start": "2015-01-01", "end": "2024-12-31"},
    ),
    "in custody on 1 Dec 2019": ("in_custody_on=2019-12-01", [PEOPLE + PUBLISHED + IN_CUSTODY], {"day": "2019-12-01"}),
    "TR journalists in custody on 1 Dec 2019": (
        "country=TR&role=journalist&in_custody_on=2019-12-01",
        [PEOPLE + PUBLISHED + " AND d.country = %(country)s AND j.role = 'journalist'" + IN_CUSTODY],
        {"country": "TR", "day": "2019-12-01"},
    ),
    "detentions by country": (
        "unit=detentions&group_by=country",
        ["SELECT COUNT(*) " + PUBLISHED, "SELECT d.country, COUNT(*) " + PUBLISHED + " GROUP BY d.country"],
        {},
    ),
    "people by year, arrested since 2000": (
        "group_by=year&arrested_from=2000-01-01",
        [PEOPLE + PUBLISHED + ARRESTED_FROM, YEAR_GROUPS],
        {"start": "2000-01-01"},
    ),
    "false news, by country": (
        "charge_category=false_news&group_by=country",
        [
            PEOPLE + PUBLISHED + CHARGE,
            "SELECT d.country, COUNT(DISTINCT d.journalist_id) " + PUBLISHED + CHARGE + " GROUP BY d.country",
        ],
        {"category": "false_news"},
    ),
}
