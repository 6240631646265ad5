from ninja import Router

from quartier.competences.employers.api import router as sharing_router
from quartier.competences.profile.api import router as profile_router

router = Router()
router.add_router("", profile_router)
router.add_router("", sharing_router)
