import datetime

import pytest

from cases.dates import FuzzyDate, Precision

D = datetime.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision", "shown"),
    [
        ("2023-11-20", D(2023, 11, 20), D(2023, 11, 20), Precision.DAY, "20 November 2023"),
        ("2023-11", D(2023, 11, 1), D(2023, 11, 30), Precision.MONTH, "November 2023"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH, "February 2024"),
        ("2008", D(2008, 1, 1), D(2008, 12, 31), Precision.YEAR, "2008"),
        (
            "2007-12-02..2008-11-30",
            D(2007, 12, 2),
            D(2008, 11, 30),
            Precision.RANGE,
            "between 2 December 2007 and 30 November 2008",
        ),
        ("..2006-11-30", None, D(2006, 11, 30), Precision.RANGE, "on or before 30 November 2006"),
    ],
)
def test_parse_and_show_as_a_person_writes_it(text, earliest, latest, precision, shown):
    value = FuzzyDate.parse(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
    assert str(value) == shown
    assert FuzzyDate.parse(value.iso()) == value


@pytest.mark.parametrize("text", ["2023-13", "2023-02-30", "20 Nov 2023", "2024-01-10..2024-01-01", "", "2023-1"])
def test_impossible_or_unreadable_dates_are_refused(text):
    with pytest.raises(ValueError):
        FuzzyDate.parse(text)
