"""
The two curation roles of DESIGN.md as groups with their permissions.

Researchers enter and correct drafts and submit them for review; editors also
review, publish, withdraw and merge. What a role may do to a particular record
(e.g. never delete a published one) is decided by the admin on top of these.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Records researchers create and edit; deleting is limited to drafts by the admin.
CASE_MODELS = [
    "journalist",
    "alias",
    "affiliation",
    "detention",
    "charge",
    "chargestatuschange",
    "event",
    "citation",
]
# Shared reference lists: researchers add and correct them, editors may also delete.
REFERENCE_MODELS = ["outlet", "statute", "source", "beat"]
READ_ONLY_MODELS = ["medium", "retiredslug"]

RESEARCHER = (
    [f"{action}_{model}" for model in CASE_MODELS for action in ("add", "change", "delete", "view")]
    + [f"{action}_{model}" for model in REFERENCE_MODELS for action in ("add", "change", "view")]
    + [f"view_{model}" for model in READ_ONLY_MODELS]
)
EDITOR = [
    *RESEARCHER,
    *(f"delete_{model}" for model in REFERENCE_MODELS),
    "review_journalist",
    "publish_journalist",
    "withdraw_journalist",
    "merge_journalist",
    "review_detention",
    "publish_detention",
    "withdraw_detention",
]


def add_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    config = apps.get_app_config("cases")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("researcher", RESEARCHER), ("editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = list(Permission.objects.filter(content_type__app_label="cases", codename__in=codenames))
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for the {name} role: {sorted(missing)}")
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["researcher", "editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_curation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
