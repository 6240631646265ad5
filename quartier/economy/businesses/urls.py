from django.urls import path

from quartier.economy.businesses import exports, picker, views

# Under /<lang>/staff/economy/ in the "economy" namespace.
urlpatterns = [
    path("businesses/", views.business_list, name="business-list"),
    path("businesses/export/<str:file_format>/", exports.business_export, name="business-export"),
    path("businesses/new/", views.business_create, name="business-create"),
    path("businesses/pick/", picker.business_pick, name="business-pick"),
    path("businesses/import/", views.import_upload, name="business-import-upload"),
    path(
        "businesses/import/<uuid:code>/columns/",
        views.import_mapping,
        name="business-import-mapping",
    ),
    path(
        "businesses/import/<uuid:code>/",
        views.import_preview,
        name="business-import-preview",
    ),
    path(
        "businesses/import/<uuid:code>/write/",
        views.import_write,
        name="business-import-write",
    ),
    path(
        "businesses/import/<uuid:code>/status/",
        views.import_status,
        name="business-import-status",
    ),
    path("businesses/<slug:slug>/", views.business_detail, name="business-detail"),
    path("businesses/<slug:slug>/edit/", views.business_edit, name="business-edit"),
    path("businesses/<slug:slug>/contacts/new/", views.contact_add, name="contact-add"),
    path("businesses/<slug:slug>/contacts/<int:pk>/", views.contact_edit, name="contact-edit"),
    path(
        "businesses/<slug:slug>/contacts/<int:pk>/remove/",
        views.contact_remove,
        name="contact-remove",
    ),
    path("businesses/<slug:slug>/training-path/", views.training_path, name="training-path"),
    path("my-business/", views.my_business, name="my-business"),
    path("alliances/", views.alliance_list, name="alliance-list"),
    path("alliances/new/", views.alliance_create, name="alliance-create"),
    path("alliances/<int:pk>/", views.alliance_detail, name="alliance-detail"),
    path(
        "alliances/<int:pk>/parts/<int:part>/remove/",
        views.alliance_part_remove,
        name="alliance-part-remove",
    ),
]
