from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "quartier.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from quartier.accounts import navigation

        navigation.register_core_items()
