"""
A pretrial order's term and the day it runs out; a confidential source's internal
label, which both curation roles may read and search. Existing events get no term
(nulls), existing sources no label.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ROLES = ("researcher", "editor")


def grant_label_permission(apps, schema_editor):
    config = apps.get_app_config("cases")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="cases", codename="view_confidential_label")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke_label_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="cases", codename="view_confidential_label").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_name_keys'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='source',
            options={'ordering': ['-published_on', 'pk'], 'permissions': [('view_confidential_label', 'Can see and search the internal labels of confidential sources')], 'verbose_name': 'source'},
        ),
        migrations.AddField(
            model_name='event',
            name='custody_ends_on',
            field=models.DateField(blank=True, db_index=True, editable=False, null=True, verbose_name='term runs out on'),
        ),
        migrations.AddField(
            model_name='event',
            name='custody_ends_on_given',
            field=models.DateField(blank=True, help_text='Leave empty to count it from the date and the term.', null=True, verbose_name='runs out on (if the court named the day)'),
        ),
        migrations.AddField(
            model_name='event',
            name='custody_term_days',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='term in days'),
        ),
        migrations.AddField(
            model_name='event',
            name='custody_term_months',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='term in months'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='custody_ends_on',
            field=models.DateField(blank=True, db_index=True, editable=False, null=True, verbose_name='term runs out on'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='custody_ends_on_given',
            field=models.DateField(blank=True, help_text='Leave empty to count it from the date and the term.', null=True, verbose_name='runs out on (if the court named the day)'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='custody_term_days',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='term in days'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='custody_term_months',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='term in months'),
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='internal_label',
            field=models.CharField(blank=True, help_text="What a confidential source is (e.g. “the journalist's lawyer”), so that staff can find it again. Never shown publicly: the public reads “confidential source #N”.", max_length=200, verbose_name='internal label'),
        ),
        migrations.AddField(
            model_name='source',
            name='internal_label',
            field=models.CharField(blank=True, help_text="What a confidential source is (e.g. “the journalist's lawyer”), so that staff can find it again. Never shown publicly: the public reads “confidential source #N”.", max_length=200, verbose_name='internal label'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ('pretrial_ordered', 'pretrial_extended')), models.Q(('custody_term_months__isnull', True), ('custody_term_days__isnull', True), ('custody_ends_on_given__isnull', True)), _connector='OR'), name='event_custody_terms_only_on_pretrial_orders', violation_error_message='Only a pretrial order or extension has a term of custody.'),
        ),
        migrations.RunPython(grant_label_permission, revoke_label_permission),
    ]
