"""A backup restored into an empty database gives the same counts and the same history."""

import json

import pytest

from .support import fresh_database, manage

EDIT = """
from cases import publishing
from cases.models import Detention, Journalist
publishing.publish_marked(note="the seed")
journalist = Journalist.objects.filter(live=True).order_by("pk").first()
journalist.biography = "Edited after the seed was loaded."
journalist.save()
detention = Detention.objects.filter(live=True).order_by("pk").first()
detention.summary = "Edited too."
detention.save()
publishing.publish_marked(note="an edit")
"""

SUMMARY = """
import json
from cases import counting, public
from cases.models import Detention, Journalist, Release
published = public.snapshot_at().detentions()
result = counting.count(published, filters={}, group_by="year")
custody = counting.count(published.in_custody_on("2024-12-01"), filters={"in_custody_on": "2024-12-01"})
history = [
    list(row)
    for model in (Journalist, Detention)
    for row in model.history.order_by("history_id").values_list(
        "history_id", "id", "history_type", "history_date", "history_user_id", "publication_state"
    )
]
print(json.dumps({
    "people": result.count,
    "detentions": published.count_units("detentions"),
    "groups": [[group.key, group.count] for group in result.groups],
    "in_custody": custody.statement,
    "releases": list(Release.objects.order_by("number").values_list("number", "published_at", "note")),
    "summaries": sorted(published.values_list("document__summary", flat=True)),
    "history": history,
}, default=str))
"""


def summary(url):
    return json.loads(manage(url, "shell", "--no-imports", "-c", SUMMARY).stdout)


def test_a_restored_backup_gives_the_same_counts_and_history(tmp_path):
    with fresh_database(tmp_path, "backup_source") as source:
        manage(source, "loaddata", "fixtures/azerbaijan.json", "-v0")
        manage(source, "shell", "--no-imports", "-c", EDIT)
        before = summary(source)
        assert before["people"] > 0 and len(before["history"]) >= 2

        backup = tmp_path / "tracker.backup"
        manage(source, "backup", "--output", str(backup))
        assert backup.stat().st_size > 0

        with fresh_database(tmp_path, "backup_target") as target:
            assert summary(target)["people"] == 0
            manage(target, "restore", str(backup), "--no-input")
            assert summary(target) == before


def test_a_backup_never_overwrites_another(tmp_path):
    with fresh_database(tmp_path, "backup_twice") as url:
        backup = tmp_path / "tracker.backup"
        manage(url, "backup", "--output", str(backup))
        with pytest.raises(Exception) as refused:
            manage(url, "backup", "--output", str(backup))
        assert "exists already" in refused.value.stderr
