from django.contrib.admin.apps import AdminConfig


class TrackerAdminConfig(AdminConfig):
    """The admin, with ``admin.site`` being the tracker's two-factor-aware site."""

    default_site = "tracker.admin_site.TrackerAdminSite"
