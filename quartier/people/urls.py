from django.urls import include, path

from quartier.people import exports, views

app_name = "people"

urlpatterns = [
    path("", views.participant_list, name="list"),
    path("export/<str:file_format>/", exports.participant_export, name="list-export"),
    path("intake/", views.intake, name="intake"),
    path("short-contacts/", views.short_contacts, name="short-contact"),
    path("pick/", views.participant_pick, name="pick"),
    path("<uuid:code>/", views.participant_detail, name="detail"),
    path("<uuid:code>/edit/", views.participant_edit, name="edit"),
    path("<uuid:code>/entry-data/", views.entry_data, name="entry-data"),
    path("<uuid:code>/consents/new/", views.consent_record, name="consent-record"),
    path(
        "<uuid:code>/consents/<int:pk>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    # Data-subject rights and the import live under the same prefix and namespace.
    path("", include("quartier.people.rights_urls")),
    path("", include("quartier.people.import_urls")),
]
