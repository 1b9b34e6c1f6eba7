from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        # A release forgets the kept data version in every process that publishes one.
        from . import versioning  # noqa: F401 (connects its signal receivers)
