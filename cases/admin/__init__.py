"""
The curation admin: entry, review and publishing, history, imports.

A journalist page holds aliases, affiliations and citations; a detention page
holds its charges, events and citations; a charge page holds its status history
(the admin has no nested inlines, so a charge links to its own page).
"""

from . import censuses, dashboard, detentions, journalists, reference  # noqa: F401
