"""What the appointments part adds to other apps at start-up: navigation and the member
hook. ``LearningConfig.ready`` calls ``register``; what it adds to a person (data rights,
timeline) is in ``person.py``."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import members, navigation
from quartier.learning.appointments import services
from quartier.learning.appointments.access import APPOINTMENT_STAFF


def register() -> None:
    # A member who loses the role loses their availability and feed (accounts knows
    # nothing of appointments).
    members.on_member_removed(services.member_removed)

    navigation.register(
        navigation.NavItem(
            "learning:appointments",
            _("Appointments"),
            APPOINTMENT_STAFF,
            40,
            group=navigation.LEARNING,
        )
    )
    navigation.register(
        navigation.NavItem(
            "learning:visits", _("Visits"), APPOINTMENT_STAFF, 45, group=navigation.LEARNING
        )
    )
