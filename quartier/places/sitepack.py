"""Site packs: everything specific to one city, in one TOML file.

A site pack names the programme, its city, time zone and public-holiday
region, describes the programme in several languages, and lists the
organisations, quarters (with neighbourhoods and postcodes) and contact points
(with opening hours). ``docs/site-pack.md`` documents every field;
``docs/site-pack.schema.json`` is generated from ``SitePackSpec``.

``load_site_pack`` validates the whole file first and then writes everything in
one transaction, so a bad file changes nothing.
"""

import json
import logging
import re
import tomllib
import zoneinfo
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import time
from pathlib import Path
from typing import Annotated, Literal

import holidays
from django.core.exceptions import ValidationError as FieldError
from django.db import models, transaction
from django.utils import timezone, translation
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from quartier.accounts.audit import log_action
from quartier.accounts.models import Organisation
from quartier.database import analyse
from quartier.lib.model_fields import model_field
from quartier.places.models import (
    ContactPoint,
    Neighbourhood,
    OpeningHours,
    Postcode,
    Quarter,
    SitePack,
)

logger = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class SitePackError(Exception):
    """A site pack that cannot be loaded; the message names the file and the problem."""


def _check_language(code: str) -> str:
    if code == "ku":
        raise ValueError(
            "'ku' is ambiguous: use 'kmr' for Kurmanji (Latin script) or 'ckb' for Sorani"
        )
    if not LANGUAGE_CODE.match(code):
        raise ValueError(f"{code!r} is not a language code (2–3 lower-case letters, ISO 639)")
    return code


LanguageCode = Annotated[str, AfterValidator(_check_language)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=50)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Email = Annotated[str, StringConstraints(pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
Website = Annotated[str, StringConstraints(pattern=r"^$|^https?://\S+$", max_length=200)]
Phone = Annotated[str, StringConstraints(pattern=r"^$|^[0-9+()/ \-]+$", max_length=50)]
PostcodeText = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Z -]{1,8}[0-9A-Z]$")]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Translations = dict[LanguageCode, Annotated[str, StringConstraints(min_length=1)]]


def _checked_by(model: type[models.Model], name: str) -> AfterValidator:
    """Validate a translation table with the rules of the model field it is stored in."""
    field = model_field(model, name)

    def check(value: dict[str, str]) -> dict[str, str]:
        # A site pack's messages are for operators, in English like the rest.
        with translation.override("en"):
            try:
                return dict(field.clean(value, None))
            except FieldError as error:
                raise ValueError(" ".join(error.messages)) from None

    return AfterValidator(check)


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HolidayRegionSpec(Spec):
    """Where public holidays are taken from (the `holidays` package's codes)."""

    country: str = Field(description="ISO 3166 country code, e.g. DE.", pattern=r"^[A-Z]{2}$")
    subdivision: str = Field(
        "", description="The country's subdivision code, e.g. SN for Saxony; empty for none."
    )

    @model_validator(mode="after")
    def known_region(self) -> "HolidayRegionSpec":
        try:
            holidays.country_holidays(self.country, subdiv=self.subdivision or None)
        except NotImplementedError as error:
            raise ValueError(f"unknown holiday region: {error}") from None
        return self


class OrganisationSpec(Spec):
    slug: Slug = Field(description="Stable short name, lower case with hyphens.")
    name: Text
    kind: Literal["public", "provider", "counselling", "project", "business"]
    email: Email = ""
    phone: Phone = ""
    website: Website = ""


class NeighbourhoodSpec(Spec):
    slug: Slug
    name: Text
    postcodes: list[PostcodeText] = Field(
        default_factory=list, description="Postcodes counted in this neighbourhood."
    )


class QuarterSpec(Spec):
    slug: Slug
    name: Text
    neighbourhoods: list[NeighbourhoodSpec] = Field(default_factory=list)


class OpeningHoursSpec(Spec):
    day: Literal[WEEKDAYS] = Field(description="Weekday in English, lower case.")  # type: ignore[valid-type]
    opens: ClockTime = Field(description='Local time, "HH:MM".')
    closes: ClockTime = Field(description='Local time, "HH:MM", later than opens.')

    @model_validator(mode="after")
    def opens_before_closes(self) -> "OpeningHoursSpec":
        if self.opens >= self.closes:
            raise ValueError(f"opens ({self.opens}) must be before closes ({self.closes})")
        return self

    @property
    def weekday(self) -> int:
        return WEEKDAYS.index(self.day)


class ContactPointSpec(Spec):
    slug: Slug
    name: Text
    organisation: Slug | None = Field(None, description="Slug of an organisation in this pack.")
    street: Text
    postcode: PostcodeText
    city: Text
    location: OptionalText = Field("", description="Building, floor and room.")
    phone: Phone = ""
    email: Email = ""
    website: Website = ""
    languages: list[LanguageCode] = Field(
        default_factory=list, description="Languages spoken, as ISO 639 codes."
    )
    note: Annotated[Translations, _checked_by(ContactPoint, "note")] = Field(
        default_factory=dict, description="A short note per language, e.g. by appointment."
    )
    opening_hours: list[OpeningHoursSpec] = Field(default_factory=list)


class BrandingSpec(Spec):
    logo: str = Field(
        default="",
        description="The programme's logo, an SVG or PNG file, relative to the pack;"
        " empty for Quartier's own.",
        max_length=500,
    )
    favicon: str = Field(
        default="",
        description="The browser icon, a square SVG or PNG file, relative to the pack;"
        " empty for Quartier's own.",
        max_length=500,
    )


# Images from a pack are served from the site's own address, so they are checked by
# content: a PNG by its signature, an SVG as XML whose root is <svg> and that carries
# no script (an SVG opened on its own runs its scripts).
IMAGE_MAX_BYTES = 200_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_FORBIDDEN = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


def read_image(pack_path: Path, relative: str, field: str) -> tuple[bytes, str]:
    """The bytes and content type of an image named in the pack, or SitePackError."""
    path = pack_path.parent / relative
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SitePackError(
            f"{pack_path}: branding.{field}: cannot read {relative} ({error.strerror})"
        ) from None
    if len(data) > IMAGE_MAX_BYTES:
        raise SitePackError(f"{pack_path}: branding.{field}: {relative} is larger than 200 kB")
    if data.startswith(PNG_SIGNATURE):
        return data, "image/png"
    head = data[:2000].decode("utf-8", errors="replace")
    if re.search(r"<svg[\s>]", head) and not SVG_FORBIDDEN.search(data):
        return data, "image/svg+xml"
    raise SitePackError(
        f"{pack_path}: branding.{field}: {relative} is not a PNG or an SVG without scripts"
    )


class SitePackSpec(Spec):
    """A Quartier site pack."""

    name: Text = Field(description="The programme's name.")
    city: Text
    time_zone: str = Field(description="IANA time zone, e.g. Europe/Berlin.")
    holidays: HolidayRegionSpec
    description: Annotated[Translations, _checked_by(SitePack, "description")] = Field(
        description="What the programme offers, one text per language code."
    )
    organisations: list[OrganisationSpec] = Field(default_factory=list)
    quarters: list[QuarterSpec] = Field(default_factory=list)
    contact_points: list[ContactPointSpec] = Field(default_factory=list)
    branding: BrandingSpec = Field(
        default_factory=lambda: BrandingSpec(),
        description="The programme's logo and browser icon; Quartier's own when left out.",
    )

    @field_validator("time_zone")
    @classmethod
    def known_time_zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value


def cross_check(pack: SitePackSpec) -> list[str]:
    """Problems that span several entries: unknown references, duplicates."""
    problems: list[str] = []

    def duplicates(kind: str, entries: list[tuple[str, str]]) -> None:
        seen: dict[str, str] = {}
        for path, value in entries:
            if value in seen:
                problems.append(f"{path}: duplicate {kind} {value!r} (first at {seen[value]})")
            else:
                seen[value] = path

    duplicates(
        "slug",
        [(f"organisations[{i}].slug", org.slug) for i, org in enumerate(pack.organisations)],
    )
    duplicates("slug", [(f"quarters[{i}].slug", q.slug) for i, q in enumerate(pack.quarters)])
    duplicates(
        "slug",
        [
            (f"quarters[{i}].neighbourhoods[{j}].slug", n.slug)
            for i, q in enumerate(pack.quarters)
            for j, n in enumerate(q.neighbourhoods)
        ],
    )
    duplicates(
        "postcode",
        [
            (f"quarters[{i}].neighbourhoods[{j}].postcodes[{k}]", code)
            for i, q in enumerate(pack.quarters)
            for j, n in enumerate(q.neighbourhoods)
            for k, code in enumerate(n.postcodes)
        ],
    )
    duplicates(
        "slug",
        [(f"contact_points[{i}].slug", cp.slug) for i, cp in enumerate(pack.contact_points)],
    )
    organisations = {org.slug for org in pack.organisations}
    for i, point in enumerate(pack.contact_points):
        if point.organisation is not None and point.organisation not in organisations:
            problems.append(
                f"contact_points[{i}].organisation: unknown organisation {point.organisation!r}"
                " (not listed under [[organisations]])"
            )
    return problems


def _location(error: ErrorDetails) -> str:
    path = ""
    for part in error["loc"]:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def read_site_pack(path: Path | str) -> SitePackSpec:
    """Parse and validate a site pack without touching the database."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SitePackError(f"{path}: cannot read the file ({error.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SitePackError(f"{path}: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends with "(at line N, column M)".
        raise SitePackError(f"{path}: TOML syntax error: {error}") from None
    try:
        pack = SitePackSpec.model_validate(data)
    except ValidationError as error:
        lines = [f"{_location(e)}: {e['msg']}" for e in error.errors(include_url=False)]
        raise SitePackError(f"{path}: invalid site pack:\n  " + "\n  ".join(lines)) from None
    problems = cross_check(pack)
    if problems:
        raise SitePackError(f"{path}: invalid site pack:\n  " + "\n  ".join(problems))
    return pack


@dataclass(frozen=True)
class LoadSummary:
    name: str
    organisations: int
    quarters: int
    neighbourhoods: int
    postcodes: int
    contact_points: int
    opening_hours: int
    removed_contact_points: int
    removed_neighbourhoods: int
    removed_quarters: int

    def as_text(self) -> str:
        return (
            f"Loaded site pack {self.name!r}: {self.organisations} organisations, "
            f"{self.quarters} quarters, {self.neighbourhoods} neighbourhoods, "
            f"{self.postcodes} postcodes, {self.contact_points} contact points, "
            f"{self.opening_hours} opening hours. Removed: {self.removed_contact_points} "
            f"contact points, {self.removed_neighbourhoods} neighbourhoods, "
            f"{self.removed_quarters} quarters no longer in the pack."
        )


def _time(value: str) -> time:
    return time.fromisoformat(value)


def load_site_pack(path: Path | str, actor=None) -> LoadSummary:
    """Validate the site pack at ``path`` and bring the database in line with it.

    Reloading is safe: rows are matched by slug and updated; each contact
    point's opening hours are replaced; contact points, neighbourhoods, quarters
    and postcodes no longer in the pack are removed. Organisations are never
    removed, as users belong to them. Everything happens in one transaction and
    is recorded in the audit log; on any error nothing changes and
    ``SitePackError`` is raised.
    """
    pack = read_site_pack(path)
    logo, logo_type = (
        read_image(Path(path), pack.branding.logo, "logo") if pack.branding.logo else (b"", "")
    )
    favicon, favicon_type = (
        read_image(Path(path), pack.branding.favicon, "favicon")
        if pack.branding.favicon
        else (b"", "")
    )
    with transaction.atomic():
        SitePack.objects.update_or_create(
            id=1,
            defaults={
                "name": pack.name,
                "city": pack.city,
                "time_zone": pack.time_zone,
                "holiday_country": pack.holidays.country,
                "holiday_subdivision": pack.holidays.subdivision,
                "description": pack.description,
                "logo": logo,
                "logo_type": logo_type,
                "favicon": favicon,
                "favicon_type": favicon_type,
                "source": Path(path).name,
                "loaded_at": timezone.now(),
            },
        )
        organisations = {}
        for org in pack.organisations:
            organisations[org.slug], _created = Organisation.objects.update_or_create(
                slug=org.slug,
                defaults={
                    "name": org.name,
                    "kind": org.kind,
                    "email": org.email,
                    "phone": org.phone,
                    "website": org.website,
                },
            )

        neighbourhood_slugs: list[str] = []
        postcodes: list[str] = []
        for quarter_spec in pack.quarters:
            quarter, _created = Quarter.objects.update_or_create(
                slug=quarter_spec.slug, defaults={"name": quarter_spec.name}
            )
            for neighbourhood_spec in quarter_spec.neighbourhoods:
                neighbourhood, _created = Neighbourhood.objects.update_or_create(
                    slug=neighbourhood_spec.slug,
                    defaults={"name": neighbourhood_spec.name, "quarter": quarter},
                )
                neighbourhood_slugs.append(neighbourhood_spec.slug)
                for code in neighbourhood_spec.postcodes:
                    Postcode.objects.update_or_create(
                        code=code, defaults={"neighbourhood": neighbourhood}
                    )
                    postcodes.append(code)
        Postcode.objects.exclude(code__in=postcodes).delete()
        removed = _deleted(Neighbourhood.objects.exclude(slug__in=neighbourhood_slugs))
        removed += _deleted(Quarter.objects.exclude(slug__in=[q.slug for q in pack.quarters]))

        hours: list[OpeningHours] = []
        for spec in pack.contact_points:
            point, _created = ContactPoint.objects.update_or_create(
                slug=spec.slug,
                defaults={
                    "name": spec.name,
                    "organisation": organisations.get(spec.organisation or ""),
                    "street": spec.street,
                    "postcode": spec.postcode,
                    "city": spec.city,
                    "location": spec.location,
                    "phone": spec.phone,
                    "email": spec.email,
                    "website": spec.website,
                    "languages": spec.languages,
                    "note": spec.note,
                },
            )
            hours.extend(
                OpeningHours(
                    contact_point=point,
                    weekday=slot.weekday,
                    opens=_time(slot.opens),
                    closes=_time(slot.closes),
                )
                for slot in spec.opening_hours
            )
        OpeningHours.objects.filter(
            contact_point__slug__in=[cp.slug for cp in pack.contact_points]
        ).delete()
        OpeningHours.objects.bulk_create(hours)
        removed += _deleted(
            ContactPoint.objects.exclude(slug__in=[cp.slug for cp in pack.contact_points])
        )

        summary = LoadSummary(
            name=pack.name,
            organisations=len(pack.organisations),
            quarters=len(pack.quarters),
            neighbourhoods=len(neighbourhood_slugs),
            postcodes=len(postcodes),
            contact_points=len(pack.contact_points),
            opening_hours=len(hours),
            removed_contact_points=removed.get(ContactPoint._meta.label, 0),
            removed_neighbourhoods=removed.get(Neighbourhood._meta.label, 0),
            removed_quarters=removed.get(Quarter._meta.label, 0),
        )
        analyse("places", Organisation)
        log_action(
            "places.sitepack.loaded",
            actor=actor,
            data={"file": Path(path).name, **asdict(summary)},
        )
    logger.info("site pack %s loaded from %s", pack.name, path)
    return summary


def _deleted(queryset) -> Counter[str]:
    """Delete and return the number of rows removed per model label (cascades included)."""
    _total, per_model = queryset.delete()
    return Counter(per_model)


def json_schema() -> str:
    """The JSON Schema of a site pack, as written to docs/site-pack.schema.json."""
    schema = SitePackSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Quartier site pack"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
