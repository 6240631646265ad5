"""What the employer view adds to the staff navigation; ``register()`` is called once from
``CompetencesConfig.ready``. What it adds to a person is in ``person.py``.
"""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation, start
from quartier.competences.employers import contact_requests, services
from quartier.competences.employers.filters import LIVE_REQUESTS, ContactRequestFilter
from quartier.competences.employers.models import ContactRequest


def register() -> None:
    navigation.register(
        navigation.NavItem(
            "competences:candidate-list",
            _("Candidates"),
            services.EMPLOYER,
            30,
            group=navigation.PEOPLE,
        )
    )
    navigation.register(
        navigation.NavItem(
            "competences:contact-requests",
            _("Contact requests"),
            contact_requests.ANSWERING,
            40,
            group=navigation.PEOPLE,
        )
    )
    # The start page's numbers of the contact requests (accounts.start).
    register_start_numbers()


def _requests_count(status: str):
    """Requests the counsellors' list shows with ``?status=status`` (its FilterSet)."""

    def count(user) -> int:
        data = QueryDict(f"status={status}")
        everything = contact_requests.requests_to_answer(user, ContactRequest.Status.values)
        return ContactRequestFilter(data, queryset=everything).qs.count()

    return count


def register_start_numbers() -> None:
    start.contribute(
        start.COUNSELLOR,
        start.Number(
            "contact-requests-open",
            _("Open contact requests from employers"),
            "competences:contact-requests",
            contact_requests.ANSWERING,
            _requests_count(ContactRequest.Status.OPEN),
            query={"status": ContactRequest.Status.OPEN},
            order=40,
        ),
    )
    start.contribute(
        start.LEAD,
        start.Number(
            "contact-requests-unanswered",
            _("Contact requests not answered yet"),
            "competences:contact-requests",
            contact_requests.ANSWERING,
            _requests_count(LIVE_REQUESTS),
            query={"status": LIVE_REQUESTS},
            order=30,
        ),
    )
