from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "quartier.economy"
    label = "economy"
    verbose_name = _("Local economy")
    # Founder records and filled vacancies in a person's export and erasure
    # (quartier.people.parts); people knows nothing of the economy.
    person_parts = ["quartier.economy.advice.person.AdvicePart"]

    def ready(self) -> None:
        # The parts import models, so they are imported once the registry is ready.
        from quartier.economy.advice import navigation as advice_navigation
        from quartier.economy.businesses import navigation as businesses_navigation
        from quartier.economy.network import navigation as network_navigation
        from quartier.economy.premises import navigation as premises_navigation
        from quartier.economy.vacancies import navigation as vacancies_navigation

        # Each part adds its pages to the staff navigation.
        businesses_navigation.register()
        vacancies_navigation.register()
        advice_navigation.register()
        premises_navigation.register()
        network_navigation.register()
