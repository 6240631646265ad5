"""The contact requests' part of the data-subject rights (see ``quartier.people.rights``).

Export: one row per employer's request. Erasure and anonymisation cancel the
requests still open. ``setup.register()`` hooks these into ``quartier.people.rights``.
"""

from django_scopes import scopes_disabled

from quartier.competences.employers import contact_requests
from quartier.competences.employers.models import ContactRequest
from quartier.people.models import Participant


def contact_request_rows(participant: Participant) -> list[dict]:
    with scopes_disabled():
        return [
            {
                "employer": item.employer.name,
                "asked_at": item.created_at,
                "message": item.message,
                "status": item.status,
                "answered_at": item.answered_at,
                "answer": item.answer,
            }
            for item in ContactRequest.objects.filter(profile__participant=participant)
            .select_related("employer")
            .order_by("created_at")
        ]


def erase(participant: Participant, by) -> None:
    contact_requests.cancel_open_requests([participant.pk], by, reason="erasure")


def anonymise(participant_ids: list[int]) -> None:
    contact_requests.cancel_open_requests(participant_ids, None, reason="anonymised")
