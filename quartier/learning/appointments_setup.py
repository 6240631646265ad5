"""What the appointments part adds to other apps at start-up: navigation, data rights."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from quartier.accounts import navigation
    from quartier.learning import appointments_rights
    from quartier.learning.appointment_views import APPOINTMENT_STAFF

    # A participant's appointments and visits in their export, erasure and anonymisation.
    appointments_rights.register()

    navigation.register(
        navigation.NavItem("learning:appointments", _("Appointments"), APPOINTMENT_STAFF, 40)
    )
    navigation.register(navigation.NavItem("learning:visits", _("Visits"), APPOINTMENT_STAFF, 45))
