from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Enrol a TOTP device (an authenticator app) for a staff account and print the otpauth:// "
        "address to add to the app. The device is confirmed at once: run this only with the person present."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator app", help="A name for the device.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the account's other TOTP devices (a lost phone)."
        )

    def handle(self, *args, username, name, replace, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no account named {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username!r} is not staff; only staff sign in to the admin.")
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"Add this to the authenticator app of {username} (it is shown this once):")
        self.stdout.write(device.config_url)
        self.stdout.write(f"or enter the key by hand: {b32encode(device.bin_key).decode()}")
