from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "quartier.counselling"
    label = "counselling"
    verbose_name = _("Counselling")
    # Counselling adds to the person's timeline, export, erasure and the participant
    # list (quartier.people.parts); people itself knows nothing of counselling.
    person_parts = ["quartier.counselling.person.CounsellingPart"]

    def ready(self) -> None:
        from quartier.accounts import navigation
        from quartier.accounts.access import roles
        from quartier.accounts.models import Role

        navigation.register(
            navigation.NavItem(
                "counselling:my-cases",
                _("My cases"),
                roles(Role.COUNSELLOR),
                20,
                group=navigation.PEOPLE,
            )
        )
