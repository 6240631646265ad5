from ninja import Router

from quartier.economy.businesses.api import router as businesses_router
from quartier.economy.network.api import router as network_router
from quartier.economy.premises.api import router as premises_router
from quartier.economy.vacancies.api import router as vacancies_router

router = Router()
router.add_router("", businesses_router)
router.add_router("", vacancies_router)
router.add_router("", premises_router)
router.add_router("", network_router)
