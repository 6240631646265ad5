from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "quartier.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from quartier.accounts import navigation, start

        navigation.register_core_items()
        # The start page's role panels; the apps add their numbers to them.
        start.register_core_panels()
