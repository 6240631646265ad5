from django.contrib import admin

from quartier.downloads.models import Download


@admin.register(Download)
class DownloadAdmin(admin.ModelAdmin):
    """Operators see what was asked for and why something failed, never the file."""

    list_display = ("label", "kind", "status", "created_at", "expires_at")
    list_filter = ("status", "kind")
    fields = (
        "label",
        "kind",
        "status",
        "progress",
        "created_at",
        "ready_at",
        "expires_at",
        "error",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return Download.objects.with_scopes_disabled()

    def has_add_permission(self, request):
        return False
