"""
Country names that django-countries does not translate into Azerbaijani.

Listed here so that ``makemessages`` extracts them into the project's catalog,
which Django merges with django-countries' own; only the Azerbaijani catalog
translates them, so other languages keep django-countries' names.
"""

from django.utils.translation import gettext_noop

NAMES = [
    gettext_noop("Azerbaijan"),
    gettext_noop("Türkiye"),
    gettext_noop("Russian Federation"),
    gettext_noop("Georgia"),
    gettext_noop("Armenia"),
    gettext_noop("Iran (Islamic Republic of)"),
    gettext_noop("Belarus"),
    gettext_noop("Ukraine"),
    gettext_noop("Kazakhstan"),
    gettext_noop("Uzbekistan"),
    gettext_noop("Turkmenistan"),
    gettext_noop("Tajikistan"),
    gettext_noop("Kyrgyzstan"),
    gettext_noop("Egypt"),
    gettext_noop("China"),
    gettext_noop("Saudi Arabia"),
    gettext_noop("Israel"),
    gettext_noop("Eritrea"),
    gettext_noop("Myanmar"),
    gettext_noop("Viet Nam"),
    gettext_noop("United States of America"),
]
