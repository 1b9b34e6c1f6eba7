"""
A person's walk through the admin, counted: the page loads, clicks and fields it costs.

The browser tests of curation drive the admin through a ``Walk`` so that what a task
costs a researcher is measured the same way before and after a change of the forms
(docs/curation.md gives the figures). What counts:

- a page load is every document the browser loads in the tab or in a popup window:
  following a link, submitting a form, a redirect's landing page;
- a click is a press on a link, a button, a checkbox or an autocomplete;
- a field is one value typed or chosen.
"""

import contextlib
import json
from dataclasses import asdict, dataclass, field


@dataclass
class Cost:
    page_loads: int = 0
    clicks: int = 0
    fields: int = 0
    popups: int = 0
    pages: list = field(default_factory=list)

    def figures(self):
        return {"page_loads": self.page_loads, "clicks": self.clicks, "fields": self.fields, "popups": self.popups}


class Walk:
    """Drive ``page`` as a person would, counting each step in the current ``Cost``."""

    def __init__(self, page):
        self.page = page
        self.costs = {}
        self.cost = Cost()
        self._watch(page)
        page.context.on("page", self._popup)

    def _watch(self, page):
        page.on("framenavigated", lambda frame: self._loaded(page, frame))

    def _loaded(self, page, frame):
        if frame == page.main_frame and frame.url != "about:blank":
            self.cost.page_loads += 1
            self.cost.pages.append(frame.url.split("?")[0])

    def _popup(self, popup):
        self.cost.popups += 1
        self._watch(popup)

    def stage(self, name):
        """Start counting a new stage of the walk, called ``name``."""
        # A round trip to the browser first delivers the events of what came before
        # (a log-in, say), so that they are not counted in this stage.
        self.page.evaluate("0")
        self.cost = self.costs[name] = Cost()
        return self.cost

    @contextlib.contextmanager
    def aside(self):
        """Count nothing of what happens inside (logging in as another person, say)."""
        counting, self.cost = self.cost, Cost()
        try:
            yield
        finally:
            self.page.evaluate("0")
            self.cost = counting

    def goto(self, url):
        self.page.goto(url)

    def click(self, selector, *, on=None):
        self.cost.clicks += 1
        (on or self.page).click(selector)

    def fill(self, selector, value, *, on=None):
        self.cost.fields += 1
        (on or self.page).fill(selector, value)

    def select(self, selector, value, *, on=None):
        self.cost.fields += 1
        (on or self.page).select_option(selector, value)

    def check(self, selector, *, on=None):
        self.cost.fields += 1
        self.cost.clicks += 1
        (on or self.page).check(selector)

    def autocomplete(self, field_id, text, *, on=None):
        """Pick ``text`` in the admin's select2 autocomplete for the select ``field_id``: one field, two clicks."""
        page = on or self.page
        self.cost.fields += 1
        self.cost.clicks += 2
        page.click(f"[aria-labelledby='select2-{field_id}-container']")
        page.fill(".select2-container--open .select2-search__field", text)
        page.click(f".select2-results__option:has-text('{text}')")

    def report(self, path):
        """Write the figures of every stage to ``path`` as JSON and return them."""
        figures = {name: cost.figures() | {"pages": cost.pages} for name, cost in self.costs.items()}
        path.write_text(json.dumps(figures, indent=2) + "\n")
        return {name: asdict(cost) for name, cost in self.costs.items()}
