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


# "2023-1" was refused until people could type months as they write them (issue 12): it is January 2023 now.
@pytest.mark.parametrize(
    "text", ["2023-13", "2023-02-30", "20 Nov 2023", "2024-01-10..2024-01-01", "", "15/03/2025", "31.02.2025"]
)
def test_impossible_or_unreadable_dates_are_refused(text):
    with pytest.raises(ValueError):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 2025", FuzzyDate.month(2025, 3)),
        ("march 2025", FuzzyDate.month(2025, 3)),
        ("15 March 2025", FuzzyDate.day(2025, 3, 15)),
        ("March 15, 2025", FuzzyDate.day(2025, 3, 15)),
        ("15.03.2025", FuzzyDate.day(2025, 3, 15)),
        ("5.3.2025", FuzzyDate.day(2025, 3, 5)),
        ("03.2025", FuzzyDate.month(2025, 3)),
        ("2025-3", FuzzyDate.month(2025, 3)),
        ("2025-3-5", FuzzyDate.day(2025, 3, 5)),
        ("mart 2025", FuzzyDate.month(2025, 3)),
        ("MART 2025", FuzzyDate.month(2025, 3)),
        ("İyun 2025", FuzzyDate.month(2025, 6)),
        ("15 avqust 2024", FuzzyDate.day(2024, 8, 15)),
        ("март 2025", FuzzyDate.month(2025, 3)),
        ("Март 2025", FuzzyDate.month(2025, 3)),
        ("15 марта 2025", FuzzyDate.day(2025, 3, 15)),
        ("15 марта 2025 года", FuzzyDate.day(2025, 3, 15)),
        ("15 марта 2025 г.", FuzzyDate.day(2025, 3, 15)),
        ("between 1 and 15 January 2024", FuzzyDate.between(D(2024, 1, 1), D(2024, 1, 15))),
        ("Between 1 January and 15 February 2024", FuzzyDate.between(D(2024, 1, 1), D(2024, 2, 15))),
        ("between 1 December 2023 and 15 January 2024", FuzzyDate.between(D(2023, 12, 1), D(2024, 1, 15))),
        ("1-15 January 2024", FuzzyDate.between(D(2024, 1, 1), D(2024, 1, 15))),
        ("1 – 15 January 2024", FuzzyDate.between(D(2024, 1, 1), D(2024, 1, 15))),
        ("March 2025..15.04.2025", FuzzyDate.between(D(2025, 3, 1), D(2025, 4, 15))),
        ("  2025-03-15  ", FuzzyDate.day(2025, 3, 15)),
    ],
)
def test_dates_are_read_as_people_type_them(text, expected):
    assert FuzzyDate.parse(text) == expected


def test_a_written_range_reads_back_as_written():
    assert str(FuzzyDate.parse("between 1 and 15 January 2024")) == "between 1 January 2024 and 15 January 2024"
    assert str(FuzzyDate.parse("mart 2025")) == "March 2025"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.2025", "31.02.2025 is not a day of the calendar: February 2025 has 28 days."),
        ("30 февраля 2024", "February 2024 has 29 days."),
        ("2025-13", "2025-13 is not a month: months run from 1 to 12."),
        ("15.13.2025", "15.13.2025 is not a month: months run from 1 to 12."),
        # Slashes are month first in some countries and day first in others: refused, not guessed.
        ("03/04/2025", "'03/04/2025' is not a date that can be read. Write a day as 15 March 2025, 15.03.2025"),
        ("Marz 2025", "a month as March 2025, mart 2025, март 2025 or 2025-03"),
        ("soon", "a range as between 1 and 15 January 2024"),
        ("between 15 and 1 January 2024", "reads as 15 January 2024 to 1 January 2024"),
    ],
)
def test_what_cannot_be_read_says_why_and_what_can(text, message):
    with pytest.raises(ValueError) as error:
        FuzzyDate.parse(text)
    assert message in str(error.value)


def test_an_imported_date_is_read_as_people_type_it():
    from django.core.exceptions import ValidationError

    from cases.dates import FuzzyDate
    from cases.resources import FuzzyDateWidget

    assert FuzzyDateWidget().clean("15.03.2025") == FuzzyDate.day(2025, 3, 15)
    assert FuzzyDateWidget().clean("март 2025") == FuzzyDate.month(2025, 3)
    with pytest.raises((ValueError, ValidationError)) as error:
        FuzzyDateWidget().clean("31.02.2025")
    assert "February 2025 has 28 days" in str(error.value)
