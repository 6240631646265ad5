"""The competences API: each part keeps its own router."""

from ninja import Router

from quartier.competences.employers.api import router as employers_router
from quartier.competences.passport.api import router as passport_router
from quartier.competences.profile.api import router as profile_router

router = Router()
router.add_router("", profile_router)
router.add_router("", employers_router)
router.add_router("", passport_router)
