"""Operators' view of the places data. The site pack is the source: edit it, then reload."""

from django.contrib import admin
from django.db import models

from quartier.places.models import (
    ContactPoint,
    Neighbourhood,
    OpeningHours,
    Postcode,
    Quarter,
    SitePack,
)


@admin.register(SitePack)
class SitePackAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "time_zone", "holiday_country", "source", "loaded_at"]


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    extra = 0


@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "quarter"]
    list_select_related = ["quarter"]
    list_filter = ["quarter"]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["code", "neighbourhood"]
    list_select_related = ["neighbourhood"]
    search_fields = ["code"]


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(ContactPoint)
class ContactPointAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "organisation", "street", "postcode"]
    list_select_related = ["organisation"]
    search_fields = ["name", "slug", "street"]
    inlines = [OpeningHoursInline]
    # Say it explicitly: Django 6 changes the default scheme and warns until then.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
