from ninja import Router

from quartier.economy.advice_api import router as advice_router
from quartier.economy.businesses_api import router as businesses_router
from quartier.economy.network_api import router as network_router

router = Router()
router.add_router("", businesses_router)
router.add_router("", advice_router)
router.add_router("", network_router)
