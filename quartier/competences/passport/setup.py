"""What the passport adds to the person: a section of the export and a step of erasure and
anonymisation.

``register()`` is called once from ``CompetencesConfig.ready``; people knows nothing of
competences.
"""

from django.utils.translation import gettext_lazy as _

from quartier.competences.passport import rights
from quartier.people import rights as people_rights


def register() -> None:
    people_rights.register_exporter(
        "competence_passports",
        rights.passport_rows,
        title=_("Competence passports"),
        labels={
            "issued_at": _("Issued"),
            "verification_code": _("Verification code"),
            "languages": _("Languages"),
            "profile_version": _("Profile version"),
            "file_deleted": _("File deleted"),
        },
    )
    people_rights.register_eraser("competence_passports", rights.erase)
    people_rights.register_anonymiser("competence_passports", rights.anonymise)
