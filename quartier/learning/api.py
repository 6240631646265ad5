from ninja import Router

from quartier.learning.appointments.api import router as appointments_router
from quartier.learning.offers.api import router as offers_router

router = Router()
router.add_router("", offers_router)
router.add_router("", appointments_router)
