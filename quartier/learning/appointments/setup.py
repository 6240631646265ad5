"""What the appointments part adds to other apps at start-up: navigation and the member
hook. ``LearningConfig.ready`` calls ``register``; what it adds to a person (data rights,
timeline) is in ``person.py``."""

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from quartier.accounts import members, navigation, start
from quartier.learning.appointments import services
from quartier.learning.appointments.access import APPOINTMENT_STAFF
from quartier.learning.appointments.filters import OPEN, TODAY, AppointmentFilter
from quartier.learning.models import Appointment


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
    # The start page's number of the appointment list (accounts.start).
    start.contribute(
        start.COUNSELLOR,
        start.Number(
            "appointments-today",
            _("Appointments today"),
            "learning:appointments",
            APPOINTMENT_STAFF,
            _todays_appointments,
            query={"status": OPEN, "day": TODAY},
            order=50,
        ),
    )


def _todays_appointments(user) -> int:
    """What the appointment list shows with ``?status=open&day=today`` (its FilterSet)."""
    data = QueryDict(f"status={OPEN}&day={TODAY}")
    rows = AppointmentFilter(data, queryset=Appointment.objects.all(), points=[], to_reassign=[])
    return rows.qs.count()
