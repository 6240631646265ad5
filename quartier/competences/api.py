from ninja import Router

from quartier.competences.profile_api import router as profile_router
from quartier.competences.sharing_api import router as sharing_router

router = Router()
router.add_router("", profile_router)
router.add_router("", sharing_router)
