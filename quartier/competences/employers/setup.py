"""What the employer view adds elsewhere: menu items, a withdrawal hook on the consent to be
shown to employers, a section of the export, and a step of erasure and anonymisation.

``register()`` is called once from ``CompetencesConfig.ready``; people knows nothing of
competences.
"""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.competences.employers import contact_requests, rights, services
from quartier.competences.employers.models import ContactRequest
from quartier.people import consent
from quartier.people import rights as people_rights


def register() -> None:
    consent.register_withdrawal_hook(contact_requests.on_consent_withdrawn)
    people_rights.register_exporter(
        "employer_contact_requests",
        rights.contact_request_rows,
        title=_("Contact requests from employers"),
        labels={
            "employer": _("Employer"),
            "asked_at": _("Asked on"),
            "message": _("Message"),
            "status": _("Status"),
            "answered_at": _("Answered"),
            "answer": _("Answer to the employer"),
        },
        choices={"status": dict(ContactRequest.Status.choices)},
    )
    people_rights.register_eraser("competence_contact_requests", rights.erase)
    people_rights.register_anonymiser("competence_contact_requests", rights.anonymise)
    navigation.register(
        navigation.NavItem("competences:candidate-list", _("Candidates"), services.EMPLOYER, 30)
    )
    navigation.register(
        navigation.NavItem(
            "competences:contact-requests",
            _("Contact requests"),
            contact_requests.ANSWERING,
            40,
        )
    )
