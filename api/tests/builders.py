"""Records with every public part filled in, so that serializers touch every relation."""

import datetime

from cases import models
from cases.tests import factories


def full_detention(**kwargs):
    """
    Return a published detention whose journalist has an alias, an outlet and a
    medium, with a charge (statute, status history), a sentence and a public
    source on every level.
    """
    with factories.one_release():
        return _full_detention(**kwargs)


def _full_detention(**kwargs):
    journalist = kwargs.pop("journalist", None) or factories.JournalistFactory()
    factories.AliasFactory(journalist=journalist)
    factories.AffiliationFactory(journalist=journalist)
    journalist.mediums.add(models.Medium.objects.get(code="online"))
    factories.CitationFactory(journalist=journalist)
    detention = factories.DetentionFactory(journalist=journalist, **kwargs)
    charge = factories.ChargeFactory(detention=detention)
    factories.ChargeStatusChangeFactory(charge=charge, status=models.ChargeStatus.CONVICTED)
    factories.CitationFactory(charge=charge)
    sentence = factories.EventFactory(
        detention=detention,
        kind=models.EventKind.SENTENCE,
        on_earliest=datetime.date(2024, 6, 20),
        on_latest=datetime.date(2024, 6, 20),
        term_months=90,
    )
    factories.CitationFactory(event=sentence)
    factories.CitationFactory(detention=detention)
    return detention
