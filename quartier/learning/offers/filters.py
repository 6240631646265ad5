"""The public calendar's and the coordinators' date list's filters (django-filter)."""

from datetime import date, datetime, time, timedelta

import django_filters
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartier.learning.models import (
    Attendance,
    Audience,
    Offer,
    OfferDate,
    OfferKind,
    Registration,
    RegistrationStatus,
)
from quartier.learning.offers.forms import LANGUAGE_CHOICES
from quartier.places.models import Quarter


class CalendarFilter(django_filters.FilterSet):
    """Kind, a language of instruction, quarter and audience; every field optional, and an
    unknown value is ignored (the other fields still apply)."""

    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("offer", "Kind"), choices=OfferKind.choices, empty_label=_("All kinds")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        method="filter_language",
        choices=LANGUAGE_CHOICES,
        empty_label=_("All languages"),
    )
    quarter = django_filters.ChoiceFilter(
        label=_("Quarter"), field_name="quarter__slug", empty_label=_("All quarters")
    )
    audience = django_filters.ChoiceFilter(
        label=_("For"),
        method="filter_audience",
        choices=Audience.choices,
        empty_label=_("All audiences"),
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["quarter"].extra["choices"] = list(
            Quarter.objects.order_by("name").values_list("slug", "name")
        )

    def filter_language(self, offers, name, value):
        # The codes are a JSON list: the quoted code matches one whole entry.
        return offers.filter(languages__icontains=f'"{value}"')

    def filter_audience(self, offers, name, value):
        # An offer for everyone is also for each audience.
        return offers.filter(Q(audience=value) | Q(audience=Audience.EVERYONE))


THIS_WEEK = "this"
NEXT_WEEK = "next"
FREE_PLACES = "free"
WAITING_LIST = "waiting"
CHECK_IN = "check-in"


def week_start(today: date) -> datetime:
    """Monday 00:00 of today's week, in the programme's time zone."""
    return timezone.make_aware(datetime.combine(today - timedelta(days=today.weekday()), time()))


def with_registrations(dates: QuerySet[OfferDate]) -> QuerySet[OfferDate]:
    """Annotate each date with its offer's confirmed and waiting registrations: two
    subqueries in the one query (capacity and waiting lists are the offer's)."""
    registrations = Registration.objects.with_scopes_disabled().filter(offer=OuterRef("offer"))

    def counted(status: str) -> Coalesce:
        per_offer = (
            registrations.filter(status=status)
            .order_by()
            .values("offer")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(per_offer), 0)

    return dates.annotate(
        confirmed_count=counted(RegistrationStatus.CONFIRMED),
        waiting_count=counted(RegistrationStatus.WAITING),
    )


class OfferDateFilter(django_filters.FilterSet):
    """The coordinators' dates: this week's (or next week's), and those that need
    something — free places to fill, a waiting list to work, a check-in still to record
    (a date of the week that has begun, with people registered and no attendance)."""

    week = django_filters.ChoiceFilter(
        label=_("Week"),
        method="filter_week",
        choices=[(THIS_WEEK, _("This week")), (NEXT_WEEK, _("Next week"))],
        empty_label=None,
    )
    need = django_filters.ChoiceFilter(
        label=_("Needs"),
        method="filter_need",
        choices=[
            (FREE_PLACES, _("Free places")),
            (WAITING_LIST, _("A waiting list")),
            (CHECK_IN, _("Check-in to record")),
        ],
        empty_label=_("Anything or nothing"),
    )

    class Meta:
        model = OfferDate
        fields: list[str] = []

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        data.setdefault("week", THIS_WEEK)
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        dates = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("week"):
            # A week that is not offered shows this week, never every date.
            dates = self.filter_week(dates, "week", THIS_WEEK)
        return dates

    def filter_week(self, dates, name, value):
        start = week_start(timezone.localdate())
        if value == NEXT_WEEK:
            start += timedelta(days=7)
        return dates.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=7))

    def filter_need(self, dates, name, value):
        if value == FREE_PLACES:
            return dates.filter(
                Q(offer__capacity__isnull=True) | Q(offer__capacity__gt=F("confirmed_count"))
            )
        if value == WAITING_LIST:
            return dates.filter(waiting_count__gt=0)
        if value == CHECK_IN:
            recorded = Attendance.objects.with_scopes_disabled().filter(date=OuterRef("pk"))
            return dates.filter(starts_at__lt=timezone.now(), confirmed_count__gt=0).exclude(
                Exists(recorded)
            )
        return dates
