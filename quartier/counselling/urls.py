from django.urls import path

from quartier.counselling import exports, views

app_name = "counselling"

urlpatterns = [
    path("", views.my_cases, name="my-cases"),
    path("export/<str:file_format>/", exports.case_export, name="cases-export"),
    path("people/<uuid:code>/open/", views.case_open, name="case-open"),
    path("<uuid:code>/", views.case_detail, name="case-detail"),
    path("<uuid:code>/status/", views.case_status, name="case-status"),
    path("<uuid:code>/contacts/add/", views.contact_add, name="contact-add"),
    path("<uuid:code>/goals/add/", views.goal_add, name="goal-add"),
    path("<uuid:code>/goals/<int:pk>/", views.goal_status, name="goal-status"),
    path("<uuid:code>/referrals/add/", views.referral_add, name="referral-add"),
    path(
        "<uuid:code>/referrals/<int:pk>/outcome/",
        views.referral_outcome,
        name="referral-outcome",
    ),
    path("<uuid:code>/exit/", views.exit_record, name="exit"),
    path("<uuid:code>/follow-up/", views.follow_up, name="follow-up"),
    path("<uuid:code>/share/", views.case_share, name="case-share"),
    path("<uuid:code>/shares/<int:pk>/end/", views.share_end, name="share-end"),
]
