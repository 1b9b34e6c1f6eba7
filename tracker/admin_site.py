"""
The admin site: staff sign in with a password and, when OTP_REQUIRED is on
(the production default), a TOTP code from an enrolled device.

Enrol a device with ``manage.py otp_enrol <username>``.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class TrackerAdminSite(admin.AdminSite):
    site_header = "Detention tracker"
    site_title = "Detention tracker"

    # Read on every request, so that the setting can change without a new site.
    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.OTP_REQUIRED else AdminAuthenticationForm

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.OTP_REQUIRED else None

    def has_permission(self, request):
        """Return whether the user is active staff and, if required, verified by a device."""
        allowed = super().has_permission(request)
        if allowed and settings.OTP_REQUIRED:
            return request.user.is_verified()
        return allowed
