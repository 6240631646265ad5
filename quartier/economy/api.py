from ninja import Router

from quartier.economy.businesses.api import router as businesses_router
from quartier.economy.network.api import router as network_router
from quartier.economy.vacancies.api import router as advice_router

router = Router()
router.add_router("", businesses_router)
router.add_router("", advice_router)
router.add_router("", network_router)
