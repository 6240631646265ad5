"""The business register: who may read and edit which business, writing businesses and
their contact persons.

Businesses are shared programme-wide: every staff member reads the register, business
advisors and project leads edit it, and an employer edits only the business whose
login organisation is their own. Contact persons are personal data: every read and
write of them is audited.
"""

from anyascii import anyascii
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quartier.accounts.access import EMPLOYER, STAFF, roles, roles_of
from quartier.accounts.audit import log_action
from quartier.accounts.models import STAFF_ROLES, Organisation, Role
from quartier.economy.models import Business, ContactPerson, size_class_for
from quartier.lib.languages import LANGUAGE_CODES
from quartier.places.directory import locate_postcode

EDITOR_ROLES = (Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)
EDITORS = roles(*EDITOR_ROLES)
READERS = STAFF
# Who may open the edit form of a business: editors for any, employers for their own.
PROFILE_EDITORS = roles(*EDITOR_ROLES, Role.EMPLOYER)
# Everyone who works with the register: in whose name their audit entries go.
REGISTER_USERS = roles(*STAFF_ROLES, Role.EMPLOYER)

# Fields an employer may not change on its own business.
EDITOR_ONLY_FIELDS = ("organisation", "slug")

# Fields written by save_business (the form's and the API's).
FIELDS = (
    "name",
    "slug",
    "organisation",
    "legal_form",
    "sector",
    "staff_count",
    "size_class",
    "street",
    "house_number",
    "postcode",
    "city",
    "languages",
    "migrant_economy",
    "founded",
    "status",
    "website",
    "social_media",
    "opening_hours",
    "trains",
    "trainer_aptitude_holder",
    "interest_in_hiring",
    "interest_in_training",
    "listed_publicly",
    "listed_since",
)


def is_editor(user) -> bool:
    return bool(roles_of(user) & set(EDITOR_ROLES))


def editable_businesses(user) -> QuerySet[Business]:
    """The businesses ``user`` may edit: all for editors, their own for employers."""
    if is_editor(user):
        return Business.objects.all()
    return Business.objects.filter(
        organisation_id__in=EMPLOYER.organisations(user), organisation__isnull=False
    )


def get_business(slug: str, queryset: QuerySet[Business] | None = None) -> Business:
    queryset = Business.objects.all() if queryset is None else queryset
    business = queryset.select_related("sector", "neighbourhood__quarter").filter(slug=slug).first()
    if business is None:
        raise Http404
    return business


def get_editable_business(user, slug: str) -> Business:
    """The business for its edit form; 404 for another business's employer."""
    return get_business(slug, editable_businesses(user))


def supported_sme_model():
    """The model whose rows make a business a supported SME (an on-site consultation)."""
    try:
        return apps.get_model("economy", "Consultation")
    except LookupError:
        return None


def with_supported(queryset: QuerySet[Business]) -> QuerySet[Business]:
    """Annotate ``supported``: the business was itself advised on site (any organisation's
    consultation; only the fact, never the notes)."""
    model = supported_sme_model()
    if model is None:
        return queryset
    consultations = (
        model.objects.with_scopes_disabled()
        if hasattr(model.objects, "with_scopes_disabled")
        else model.objects
    )
    return queryset.annotate(supported=Exists(consultations.filter(business=OuterRef("pk"))))


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(anyascii(name))[:70].strip("-") or "betrieb"
    others = Business.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _derive(business: Business) -> None:
    """Size class from the number of staff; neighbourhood from the postcode."""
    if business.staff_count is not None:
        business.size_class = size_class_for(business.staff_count)
    business.postcode = (business.postcode or "").strip()
    if business.postcode:
        _quarter, business.neighbourhood = locate_postcode(business.postcode)
    else:
        business.neighbourhood = None
    if business.listed_publicly and business.listed_since is None:
        business.listed_since = timezone.localdate()
    if not business.listed_publicly:
        business.listed_since = None


def _check_lists(business: Business) -> None:
    """Languages by known code; social media as platform → web address."""
    unknown = [code for code in business.languages or [] if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    if not isinstance(business.social_media, dict):
        raise ValidationError({"social_media": _("Give one web address per platform.")})
    for platform, url in business.social_media.items():
        try:
            URLValidator()(url)
        except ValidationError:
            raise ValidationError(
                {
                    "social_media": _("“%(url)s” for %(platform)s is not a web address.")
                    % {"url": url, "platform": platform}
                }
            ) from None


def _value(business: Business, name: str):
    return getattr(business, f"{name}_id" if name in ("organisation", "sector") else name)


@transaction.atomic
def save_business(business: Business | None, values: dict, by) -> Business:
    """Create (``business`` None) or update a business from checked ``values``.

    An employer may only change its own business, and never its login organisation
    or short name. Raises ValidationError with translated messages; nothing is saved then.
    """
    creating = business is None
    if creating and not is_editor(by):
        raise ValidationError(_("Only business advisors and project leads add businesses."))
    if business is not None and not editable_businesses(by).filter(pk=business.pk).exists():
        raise Http404
    business = business or Business()
    editor = is_editor(by)
    before = {} if creating else {name: _value(business, name) for name in FIELDS}
    for name, value in values.items():
        if name not in FIELDS:
            continue
        if name in EDITOR_ONLY_FIELDS and not editor:
            continue
        setattr(business, name, value)
    _check_lists(business)
    if not business.slug:
        business.slug = unique_slug(business.name, business.pk)
    _derive(business)
    business.full_clean()
    business.save()
    changed = sorted(
        name for name in FIELDS if creating or before.get(name) != _value(business, name)
    )
    log_action(
        "economy.business.created" if creating else "economy.business.updated",
        by,
        business,
        {"slug": business.slug, "fields": changed},
        organisation=_actor_org(by),
    )
    return business


# -- Contact persons (personal data) --------------------------------------------


def contacts_of(business: Business, reader) -> list[ContactPerson]:
    """The business's contact persons; the read is audited. One query (plus the audit)."""
    contacts = list(business.contacts.all())
    if contacts:
        log_action(
            "economy.contact.viewed",
            reader,
            business,
            {"contacts": [contact.pk for contact in contacts]},
            organisation=_actor_org(reader),
        )
    return contacts


def _actor_org(user):
    """Audit entries about shared businesses go to the acting user's organisation (the
    first where they work with the register)."""
    ids = REGISTER_USERS.organisations(user)
    return Organisation.objects.filter(pk=ids[0]).first() if ids else None


CONTACT_FIELDS = ("name", "role", "phone", "email", "languages")


@transaction.atomic
def save_contact(business: Business, contact: ContactPerson | None, values: dict, by):
    if not editable_businesses(by).filter(pk=business.pk).exists():
        raise Http404
    creating = contact is None
    contact = contact or ContactPerson(business=business)
    if contact.business_id != business.pk:
        raise Http404
    for name in CONTACT_FIELDS:
        if name in values:
            setattr(contact, name, values[name] if values[name] is not None else "")
    if not (contact.name or "").strip():
        raise ValidationError({"name": _("Give the contact person's name.")})
    contact.full_clean()
    contact.save()
    log_action(
        "economy.contact.added" if creating else "economy.contact.changed",
        by,
        contact,
        {"business": business.slug},
        organisation=_actor_org(by),
    )
    return contact


@transaction.atomic
def remove_contact(contact: ContactPerson, by) -> None:
    if not editable_businesses(by).filter(pk=contact.business_id).exists():
        raise Http404
    log_action(
        "economy.contact.removed",
        by,
        contact,
        {"business": contact.business.slug},
        organisation=_actor_org(by),
    )
    contact.delete()
