"""Operators' view of the economy's reference lists: sectors and the funding catalogue."""

from django.contrib import admin

from quartier.economy.models import FundingProgramme, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "position"]
    list_editable = ["position"]
    ordering = ["position", "slug"]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind"]
    list_filter = ["kind"]
