"""
The floors: each counts/ case written by hand as the SQL of its aggregate, on the
same published-version tables the counts read.

They are written independently of the ORM (cases/counting.py and
cases/version_queries.py), so that a slow query the ORM builds shows up as a ratio.
"""

CURRENT = "FROM cases_detentionversion d WHERE d.valid_to IS NULL"
# As known on a past release: the versions valid in it.
KNOWN_ON = "FROM cases_detentionversion d WHERE d.valid_from <= %(release)s AND (d.valid_to IS NULL OR d.valid_to > %(release)s)"
IN_CUSTODY = (
    " AND d.arrested_latest < %(day)s AND (d.released_earliest >= %(day)s"
    " OR (d.released_latest IS NULL AND d.status NOT IN ('released', 'died_in_custody')))"
)
ARRESTED = " AND d.arrested_latest IS NOT NULL AND d.arrested_earliest >= %(start)s AND d.arrested_latest <= %(end)s"
ARRESTED_FROM = " AND d.arrested_latest IS NOT NULL AND d.arrested_earliest >= %(start)s"
CHARGE = (
    " AND EXISTS (SELECT 1 FROM cases_detentionversioncharge c WHERE c.version_id = d.id AND c.category = %(category)s)"
)
PEOPLE = "SELECT COUNT(DISTINCT d.journalist_id) "


def year_groups(published):
    return (
        "SELECT EXTRACT(YEAR FROM d.arrested_latest) AS y, COUNT(DISTINCT d.journalist_id) "  # noqa: S608 - no input
        + published
        + ARRESTED_FROM
        + " AND EXTRACT(YEAR FROM d.arrested_earliest) = EXTRACT(YEAR FROM d.arrested_latest) GROUP BY y"
    )


def cases(published):
    """Return name -> (query string of counts/, [SQL statements], parameters) on ``published`` versions."""
    return {
        "all people": ("", [PEOPLE + published], {}),
        "AZ, criminal, arrested 2015–2024": (
            "country=AZ&kind=criminal&arrested_from=2015-01-01&arrested_to=2024-12-31",
            [PEOPLE + published + " AND d.country = %(country)s AND d.kind = 'criminal'" + ARRESTED],
            {"country": "AZ", "start": "2015-01-01", "end": "2024-12-31"},
        ),
        "in custody on 1 Dec 2019": (
            "in_custody_on=2019-12-01",
            [PEOPLE + published + IN_CUSTODY],
            {"day": "2019-12-01"},
        ),
        "TR journalists in custody on 1 Dec 2019": (
            "country=TR&role=journalist&in_custody_on=2019-12-01",
            [PEOPLE + published + " AND d.country = %(country)s AND d.role = 'journalist'" + IN_CUSTODY],
            {"country": "TR", "day": "2019-12-01"},
        ),
        "detentions by country": (
            "unit=detentions&group_by=country",
            ["SELECT COUNT(*) " + published, "SELECT d.country, COUNT(*) " + published + " GROUP BY d.country"],
            {},
        ),
        "people by year, arrested since 2000": (
            "group_by=year&arrested_from=2000-01-01",
            [PEOPLE + published + ARRESTED_FROM, year_groups(published)],
            {"start": "2000-01-01"},
        ),
        "false news, by country": (
            "charge_category=false_news&group_by=country",
            [
                PEOPLE + published + CHARGE,
                "SELECT d.country, COUNT(DISTINCT d.journalist_id) " + published + CHARGE + " GROUP BY d.country",
            ],
            {"category": "false_news"},
        ),
    }


# The counts of the current release, and of the one before it asked as_known_on its time.
CASES = cases(CURRENT)
KNOWN_ON_CASES = {
    "as known on, AZ criminal 2015–2024": cases(KNOWN_ON)["AZ, criminal, arrested 2015–2024"],
    "as known on, in custody on 1 Dec 2019": cases(KNOWN_ON)["in custody on 1 Dec 2019"],
    "as known on, false news by country": cases(KNOWN_ON)["false news, by country"],
}
