from ninja import Router, Schema

from quartier.accounts.access import SIGNED_IN
from quartier.accounts.models import Membership
from quartier.api.auth import TokenAccess
from quartier.api.errors import errors

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    organisation: str
    organisation_name: str
    role: str


class MeOut(Schema):
    id: str
    email: str
    name: str
    language: str
    memberships: list[MembershipOut]


@router.get(
    "/me",
    response={200: MeOut, **errors(401)},
    auth=TokenAccess(SIGNED_IN),
    summary="The current user",
)
def me(request):
    user = request.auth
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    return {
        "id": str(user.public_id),
        "email": user.email,
        "name": user.name,
        "language": user.language,
        "memberships": [
            {
                "organisation": m.organisation.slug,
                "organisation_name": m.organisation.name,
                "role": m.role,
            }
            for m in memberships
        ],
    }
