"""The REST API under /api/v1/. Every operation states its access with ``auth=``."""

from ninja import NinjaAPI

from quartier.api.auth import Nobody
from quartier.api.errors import refuse_nul

api = NinjaAPI(
    title="Quartier API",
    version="1.0.0",
    urls_namespace="api",
    auth=Nobody(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
# Before the routers: every operation inherits it.
api.add_decorator(refuse_nul, mode="operation")

api.add_router("/accounts/", "quartier.accounts.api.router")
api.add_router("/places/", "quartier.places.api.router")
api.add_router("/people/", "quartier.people.api.router")
api.add_router("/counselling/", "quartier.counselling.api.router")
api.add_router("/esco/", "quartier.esco.api.router")
api.add_router("/competences/", "quartier.competences.api.router")
api.add_router("/learning/", "quartier.learning.api.router")
api.add_router("/economy/", "quartier.economy.api.router")
api.add_router("/reporting/", "quartier.reporting.api.router")
api.add_router("/reporting/", "quartier.reporting.api_measures.router")
api.add_router("/matching/", "quartier.matching.api.router")
