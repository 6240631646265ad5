"""What the employer view adds to the staff navigation; ``register()`` is called once from
``CompetencesConfig.ready``. What it adds to a person is in ``person.py``.
"""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import navigation
from quartier.competences.employers import contact_requests, services


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
