from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "quartier.competences"
    label = "competences"
    verbose_name = _("Competences")
    # What each part adds to a person: links, timeline entries, export sections, erasure
    # steps, a withdrawal hook (quartier.people.parts; people knows nothing of competences).
    person_parts = [
        "quartier.competences.profile.person.ProfilePart",
        "quartier.competences.passport.person.PassportPart",
        "quartier.competences.employers.person.EmployersPart",
    ]

    def ready(self) -> None:
        # The employer view adds its menu items to the navigation of accounts. Imported
        # here: the part's modules need the models loaded.
        from quartier.competences.employers import setup as employers_setup

        employers_setup.register()
