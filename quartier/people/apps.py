from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "quartier.people"
    label = "people"
    verbose_name = _("Participants")
    # What people itself adds to a person (people/parts.py); the feature apps name theirs.
    person_parts = ["quartier.people.person.PeoplePart"]

    def ready(self) -> None:
        from quartier.accounts.navigation import PEOPLE, NavItem, register
        from quartier.people.intake import CASEWORK

        register(NavItem("people:list", _("Participants"), CASEWORK, order=100, group=PEOPLE))
        register(NavItem("people:intake", _("New intake"), CASEWORK, order=110, group=PEOPLE))
        register(
            NavItem("people:import-upload", _("Import a list"), CASEWORK, order=120, group=PEOPLE)
        )
