"""What the appointments part adds to other apps at start-up: navigation, data rights,
timeline. ``LearningConfig.ready`` calls ``register``."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import members, navigation
from quartier.learning.appointments import rights, services
from quartier.learning.appointments import timeline as appointments_timeline
from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.people import timeline


def register() -> None:
    # A participant's appointments and visits in their export, erasure and anonymisation.
    rights.register()
    # A member who loses the role loses their availability and feed (accounts knows
    # nothing of appointments).
    members.on_member_removed(services.member_removed)
    # Appointments and visits appear on the person page; people knows nothing of them.
    timeline.register(appointments_timeline.timeline_entries)

    navigation.register(
        navigation.NavItem("learning:appointments", _("Appointments"), APPOINTMENT_STAFF, 40)
    )
    navigation.register(navigation.NavItem("learning:visits", _("Visits"), APPOINTMENT_STAFF, 45))
