from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "security"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
