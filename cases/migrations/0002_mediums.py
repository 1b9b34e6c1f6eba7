from django.db import migrations

MEDIUMS = [
    ("print", "print"),
    ("online", "online"),
    ("tv", "television"),
    ("radio", "radio"),
    ("agency", "news agency"),
]


def add_mediums(apps, schema_editor):
    Medium = apps.get_model("cases", "Medium")
    for code, name in MEDIUMS:
        Medium.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add_mediums, migrations.RunPython.noop)]
