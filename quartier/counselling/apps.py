from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "quartier.counselling"
    label = "counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        from quartier.accounts import navigation
        from quartier.accounts.access import roles
        from quartier.accounts.models import Role
        from quartier.counselling import listing, rights
        from quartier.counselling.timeline import timeline_entries
        from quartier.people import timeline

        # Counselling adds to the person's timeline and to their export and
        # erasure; people itself knows nothing of counselling.
        timeline.register(timeline_entries)
        rights.register()
        listing.register()

        navigation.register(
            navigation.NavItem("counselling:my-cases", _("My cases"), roles(Role.COUNSELLOR), 20)
        )
