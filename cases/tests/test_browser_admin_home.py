"""
The admin home on a phone (390 px wide): the review queue and Recent changes
wrap or stack, so that nothing in them is cut off or needs scrolling sideways.
"""

import pytest

from cases import services
from cases.models import ChargeStatus

from .factories import (
    ChargeFactory,
    ChargeStatusChangeFactory,
    CitationFactory,
    DetentionFactory,
    JournalistFactory,
    SourceFactory,
    StatuteFactory,
    staff_user,
)
from .test_browser_curation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH = 390

# The elements of the two blocks (links and text runs included) reaching past the edges of the viewport.
OVERFLOWING = """
(width) => [...document.querySelectorAll('#curation, #curation *')]
  .filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
  })
  .map((element) => `${element.tagName}.${element.className} ${Math.round(element.getBoundingClientRect().right)} ${element.textContent.slice(0, 60)}`)
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_review_queue_and_recent_changes_fit_a_phone(chromium, live_server, artifacts_dir):
    researcher = staff_user("researcher")
    staff_user("editor")
    long_name = "Invented Reporter-With-A-Very-Long-Double-Barrelled-Surname"
    for n in range(3):
        detention = DetentionFactory(journalist=JournalistFactory(name=f"{long_name} {n}"))
        charge = ChargeFactory(detention=detention, statute=StatuteFactory(article=f"206.3.{n}", title="smuggling"))
        ChargeStatusChangeFactory(charge=charge, status=ChargeStatus.DROPPED)
        CitationFactory(charge=charge, source=SourceFactory(title="A report with a long title " * 4))
        detention.refresh_from_db()
        detention.publication_state = "draft"
        detention.save()
        services.detention_submit(detention=detention, by=researcher)

    context = chromium.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server.url, "editor")
        page.goto(f"{live_server.url}/admin/")
        page.wait_for_selector("#recent-changes .recent-change")
        assert page.locator("#review-queue .queued").count() == 3
        assert page.locator("#recent-changes .recent-change").count() >= 6
        page.screenshot(path=str(artifacts_dir / "admin-home-390.png"))
        # No horizontal scrolling: the page is as wide as the phone.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH

        assert page.evaluate(OVERFLOWING, WIDTH) == []
        # Nothing inside scrolls sideways either (a table clipped by an overflow box).
        clipped = page.evaluate(
            "() => [...document.querySelectorAll('#curation, #curation *')]"
            ".filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')"
            ".map((e) => e.tagName + '#' + e.id)"
        )
        assert clipped == []
        # Every queued case can still be reviewed from the phone.
        review = page.locator("#review-queue a.review-link").first
        box = review.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    finally:
        context.close()
