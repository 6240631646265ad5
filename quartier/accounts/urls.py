from django.urls import path

from quartier.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/code/", views.login_otp, name="login-otp"),
    path("logout/", views.logout, name="logout"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("password-reset/done/", views.password_reset_complete, name="password-reset-complete"),
    path("", views.dashboard, name="dashboard"),
    path("settings/", views.account_settings, name="settings"),
    path("settings/two-factor/", views.otp_setup, name="otp-setup"),
    path("settings/two-factor/off/", views.otp_disable, name="otp-disable"),
    path("settings/tokens/", views.api_tokens, name="api-tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("audit/", views.audit_log, name="audit-log"),
    path("members/", views.member_list, name="members"),
    path("members/<int:pk>/remove/", views.member_remove, name="member-remove"),
]
