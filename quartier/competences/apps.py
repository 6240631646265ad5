from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "quartier.competences"
    label = "competences"
    verbose_name = _("Competences")

    def ready(self) -> None:
        # Each part adds its links, timeline entries, export sections, erasure steps and
        # menu items to the registries of people and accounts (which know nothing of
        # competences). Imported here: the parts' modules need the models loaded.
        from quartier.competences.employers import setup as employers_setup
        from quartier.competences.passport import setup as passport_setup
        from quartier.competences.profile import setup as profile_setup

        profile_setup.register()
        passport_setup.register()
        employers_setup.register()
