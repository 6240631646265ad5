"""The Django admin's app config, pointing at the admin site that asks for the second factor.

Kept apart from `second_factor` because settings load it before any model exists.
"""

from django.contrib.admin.apps import AdminConfig


class QuartierAdminConfig(AdminConfig):
    default_site = "quartier.accounts.second_factor.QuartierAdminSite"
