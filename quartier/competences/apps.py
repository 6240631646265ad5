from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "quartier.competences"
    label = "competences"
    verbose_name = _("Competences")

    def ready(self) -> None:
        from quartier.competences.profile import rights
        from quartier.competences.profile.services import PROFILE_READ
        from quartier.competences.profile.timeline import timeline_entries
        from quartier.people import person_links, timeline

        # The person page links to the profile, shows its events and includes it in
        # the person's export and erasure; people itself knows nothing of competences.
        person_links.register(
            person_links.PersonLink(
                "competences:profile", _("Competence profile"), PROFILE_READ, 30
            )
        )
        timeline.register(timeline_entries)
        rights.register()
        from quartier.competences.employers import setup as employers_setup

        employers_setup.register()  # passports and the employer view (sharing part)
