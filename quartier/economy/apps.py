from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "quartier.economy"
    label = "economy"
    verbose_name = _("Local economy")

    def ready(self) -> None:
        from quartier.accounts import navigation
        from quartier.accounts.access import STAFF, roles
        from quartier.accounts.models import Role

        # Businesses: the register for staff, the own profile for employers.
        navigation.register(navigation.NavItem("economy:business-list", _("Businesses"), STAFF, 40))
        navigation.register(
            navigation.NavItem("economy:my-business", _("My business"), roles(Role.EMPLOYER), 40)
        )

        # Advice: vacancies, consulting, founders, follow-ups; a section on the business page.
        from quartier.economy.advice import navigation as advice_sections

        advice_sections.register()

        # Network: premises and cooperation pages; a section on the business page.
        from quartier.economy.network import navigation as network_sections

        network_sections.register()
