"""Importing business lists from CSV or Excel through the generic import (``quartier.imports``).

A row changes the business with the same short name (slug column), else the one with the
same name and address (street, house number, postcode), else it adds a new business.
Sectors are read by name in any language or by short name; the postcode gives the
neighbourhood. Empty cells never overwrite what is recorded. Every row is written through
``businesses.register.save_business``, all or nothing.
"""

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from quartier.accounts.access import roles
from quartier.accounts.models import Role
from quartier.economy.businesses.register import save_business
from quartier.economy.models import Business, LegalForm, Sector
from quartier.imports.base import (
    CREATE,
    ERROR,
    UNCHANGED,
    UPDATE,
    Field,
    Importer,
    Progress,
    RowPlan,
    SourceRow,
    register,
)
from quartier.imports.cells import (
    CellProblem,
    choice_synonyms,
    normalise,
    read_choice,
    read_date,
    read_list,
    read_text,
)
from quartier.imports.forms import MappingForm, UploadForm
from quartier.lib.languages import OTHER_LANGUAGES
from quartier.lib.model_fields import max_length
from quartier.places.models import Postcode

SLUG = re.compile(r"^[-a-z0-9_]+$")
IMPORTERS = roles(Role.BUSINESS_ADVISOR, Role.PROJECT_LEAD)
PROGRESS_EVERY = 50

FIELDS = (
    Field("name", _("Name"), ("Name", "Firma", "Betrieb", "Unternehmen", "business"), True),
    Field("slug", _("Short name"), ("Kurzname", "Kennung", "slug", "short name")),
    Field("legal_form", _("Legal form"), ("Rechtsform", "legal form")),
    Field("sector", _("Sector"), ("Branche", "Sektor", "Wirtschaftszweig", "industry")),
    Field("staff_count", _("Number of staff"), ("Beschäftigte", "Mitarbeitende", "Mitarbeiter")),
    Field("street", _("Street"), ("Straße", "Strasse", "Str")),
    Field("house_number", _("House number"), ("Hausnummer", "Nr", "Hausnr", "number")),
    Field("postcode", _("Postcode"), ("PLZ", "Postleitzahl", "post code", "zip")),
    Field("city", _("City"), ("Ort", "Stadt", "town")),
    Field("languages", _("Languages spoken"), ("Sprachen", "languages")),
    Field("founded", _("Founded"), ("Gründung", "gegründet", "Gründungsdatum", "founded")),
    Field("status", _("Status"), ("Status", "Stand")),
    Field("website", _("Website"), ("Webseite", "Internet", "Homepage", "web")),
    Field("opening_hours", _("Opening hours"), ("Öffnungszeiten", "opening hours")),
    Field("trains", _("Trains apprentices"), ("Ausbildungsbetrieb", "bildet aus", "trains")),
    Field(
        "interest_in_hiring",
        _("Interested in hiring"),
        ("Einstellungsinteresse", "sucht Personal", "hiring"),
    ),
    Field(
        "interest_in_training",
        _("Interested in training"),
        ("Ausbildungsinteresse", "training interest"),
    ),
)

TEXT_LENGTHS = {
    name: max_length(Business, name)
    for name in ("name", "street", "house_number", "postcode", "city", "slug")
}
YES_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
NO_WORDS = {"nein", "n", "no", "0", "false", "falsch", ""}
LEGAL_WORDS = {
    "Einzelunternehmen": LegalForm.SOLE_TRADER,
    "Einzelunternehmer": LegalForm.SOLE_TRADER,
    "Einzelunternehmerin": LegalForm.SOLE_TRADER,
    "GbR": LegalForm.GBR,
    "UG": LegalForm.UG,
    "UG (haftungsbeschränkt)": LegalForm.UG,
    "GmbH": LegalForm.GMBH,
    "e.K.": LegalForm.EK,
    "eK": LegalForm.EK,
    "eG": LegalForm.EG,
    "e.G.": LegalForm.EG,
    "e.V.": LegalForm.EV,
    "eV": LegalForm.EV,
    "Verein": LegalForm.EV,
    "sonstige": LegalForm.OTHER,
}
STATUS_WORDS = {
    "geplant": Business.Status.PLANNED,
    "in Gründung": Business.Status.FOUNDING,
    "Gründung": Business.Status.FOUNDING,
    "aktiv": Business.Status.ACTIVE,
    "geöffnet": Business.Status.ACTIVE,
    "geschlossen": Business.Status.CLOSED,
    "aufgegeben": Business.Status.CLOSED,
}
LANGUAGE_WORDS = {
    "Deutsch": "de",
    "Englisch": "en",
    "Russisch": "ru",
    "Vietnamesisch": "vi",
    "Arabisch": "ar",
    "Ukrainisch": "uk",
    "Kurdisch": "kmr",
    "Kurmanji": "kmr",
    "Türkisch": "tr",
    "Persisch": "fa",
    "Farsi": "fa",
    "Polnisch": "pl",
    "Rumänisch": "ro",
    "Bulgarisch": "bg",
    "Französisch": "fr",
    "Spanisch": "es",
    "Italienisch": "it",
    "Chinesisch": "zh",
}

MESSAGES: dict[str, Any] = {
    "sector": _("“%(value)s” is not a sector Quartier knows; use its name in any language."),
    "yes_no": _("“%(value)s” is neither yes nor no."),
    "number": _("“%(value)s” is not a whole number."),
    "language": _("“%(value)s” is not a language Quartier knows; use its name or code (ar)."),
    "website": _("“%(value)s” is not a web address; write it as https://…"),
    "postcode_unknown": _(
        "No neighbourhood is known for postcode “%(value)s”; the business counts outside the "
        "quarters."
    ),
    "same_business": _("The same business as in row %(value)s."),
    "several_matches": _(
        "%(value)s businesses have this name and address; give the short name to choose one."
    ),
    "slug": _("“%(value)s” is not a short name; use letters, digits and hyphens only."),
}


class BusinessUploadForm(UploadForm):
    pass


class BusinessMappingForm(MappingForm):
    pass


def _key(name: str, street: str, house_number: str, postcode: str) -> tuple[str, ...]:
    return tuple(normalise(part or "") for part in (name, street, house_number, postcode))


class BusinessImporter(Importer):
    kind = "economy.businesses"
    title = _("Import businesses")
    what = _("businesses")
    audit_prefix = "economy.import"
    access = IMPORTERS
    fills = ("economy",)
    fields = FIELDS
    messages = MESSAGES
    template_dir = "economy/businesses/import"
    url_names = {
        "upload": "economy:business-import-upload",
        "mapping": "economy:business-import-mapping",
        "preview": "economy:business-import-preview",
        "write": "economy:business-import-write",
        "status": "economy:business-import-status",
        "done": "economy:business-list",
    }
    upload_form = BusinessUploadForm
    mapping_form = BusinessMappingForm

    def plan(self, job, rows: list[SourceRow]) -> list[RowPlan]:
        readers = _Readers()
        plans = [readers.read(row) for row in rows]
        # Two queries: every business's matching keys; then nothing per row.
        by_slug: dict[str, int] = {}
        by_key: dict[tuple[str, ...], list[int]] = {}
        for pk, slug, name, street, number, postcode in Business.objects.values_list(
            "pk", "slug", "name", "street", "house_number", "postcode"
        ):
            by_slug[slug] = pk
            by_key.setdefault(_key(name, street, number, postcode), []).append(pk)
        seen: dict[tuple[str, ...], int] = {}
        matched_ids = set()
        for plan in plans:
            if plan.action == ERROR:
                continue
            values = plan.values
            key = _key(
                values.get("name", ""),
                values.get("street", ""),
                values.get("house_number", ""),
                values.get("postcode", ""),
            )
            identity = ("slug", values["slug"]) if values.get("slug") else key
            if identity in seen:
                plan.fail("same_business", value=str(seen[identity]))
                continue
            seen[identity] = plan.number
            if values.get("slug") and values["slug"] in by_slug:
                plan.target = by_slug[values["slug"]]
            elif by_key.get(key):
                if len(by_key[key]) > 1:
                    plan.fail("several_matches", value=str(len(by_key[key])))
                    continue
                plan.target = by_key[key][0]
            if plan.target:
                matched_ids.add(plan.target)
        current = Business.objects.in_bulk(matched_ids)
        for plan in plans:
            if plan.action == ERROR:
                continue
            if plan.target is None:
                plan.action = CREATE
                continue
            business = current[plan.target]
            changes = {
                name: value
                for name, value in plan.values.items()
                if name != "slug" and _current(business, name) != value
            }
            plan.values = changes
            plan.changes = [f.name for f in FIELDS if f.name in changes]
            plan.action = UPDATE if changes else UNCHANGED
        return plans

    def write(self, job, plans: list[RowPlan], by, progress: Progress) -> dict[str, int]:
        targets = Business.objects.in_bulk([plan.target for plan in plans if plan.action == UPDATE])
        sectors = Sector.objects.in_bulk(
            {plan.values["sector"] for plan in plans if plan.values.get("sector")}
        )
        written = {"created": 0, "updated": 0, "unchanged": 0}
        for done, plan in enumerate(plans, start=1):
            values = dict(plan.values)
            if values.get("sector"):
                values["sector"] = sectors[values["sector"]]
            if plan.action in (CREATE, UPDATE):
                try:
                    save_business(
                        targets[plan.target] if plan.action == UPDATE else None, values, by
                    )
                except ValidationError as error:
                    # Checked in the plan; a business saved meanwhile can still clash.
                    raise ValueError(f"row {plan.number}: {'; '.join(error.messages)}") from None
                written["created" if plan.action == CREATE else "updated"] += 1
            else:
                written["unchanged"] += 1
            if done % PROGRESS_EVERY == 0:
                progress(done)
        return written


def _current(business: Business, name: str):
    if name == "sector":
        return business.sector_id
    if name == "languages":
        return business.languages
    return getattr(business, name)


def _read_bool(cell: str) -> bool:
    word = normalise(cell)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellProblem("yes_no")


def _read_int(cell: str) -> int:
    text = cell.strip().replace(".", "").replace(" ", "")
    if text.endswith(",0"):
        text = text[:-2]
    if not text.isdigit():
        raise CellProblem("number")
    return int(text)


def _read_website(cell: str) -> str:
    text = cell.strip()
    if "://" not in text:
        text = f"https://{text}"
    try:
        return forms.URLField(assume_scheme="https").clean(text)
    except forms.ValidationError:
        raise CellProblem("website") from None


class _Readers:
    """Turns the cells of a row into business values, naming each bad cell."""

    def __init__(self) -> None:
        self.sectors: dict[str, int] = {}
        for sector in Sector.objects.all():  # one query
            for text in [sector.slug, *sector.names.values()]:
                self.sectors.setdefault(normalise(text), sector.pk)
        self.legal_forms = choice_synonyms(LegalForm.choices, LEGAL_WORDS)
        self.statuses = choice_synonyms(Business.Status.choices, STATUS_WORDS)
        self.languages = choice_synonyms([*settings.LANGUAGES, *OTHER_LANGUAGES], LANGUAGE_WORDS)
        self.postcodes = set(Postcode.objects.values_list("code", flat=True))  # one query

    def read(self, row: SourceRow) -> RowPlan:
        plan = RowPlan(number=row.number, label=row.get("name").strip())
        if not row.get("name").strip():
            plan.fail("required", row.column("name") or str(_("Name")))
        values: dict[str, Any] = {}
        for name, cell in row.cells.items():
            if not cell.strip():
                continue
            try:
                values[name] = self.cell(name, cell)
            except CellProblem as problem:
                code = (
                    "language" if name == "languages" and problem.code == "choice" else problem.code
                )
                plan.fail(code, row.column(name), cell)
        postcode = values.get("postcode")
        if postcode and len(postcode) == 4 and postcode.isdigit():
            values["postcode"] = postcode = f"0{postcode}"  # a number cell lost its zero
        if postcode and self.postcodes and postcode not in self.postcodes:
            plan.warn("postcode_unknown", row.column("postcode"), postcode)
        plan.values = values
        return plan

    def cell(self, name: str, cell: str):
        if name in TEXT_LENGTHS:
            text = read_text(cell, TEXT_LENGTHS[name])
            if name == "slug":
                text = text.lower()
                if not SLUG.match(text):
                    raise CellProblem("slug")
            return text
        if name == "sector":
            pk = self.sectors.get(normalise(cell))
            if pk is None:
                raise CellProblem("sector")
            return pk
        if name == "legal_form":
            return read_choice(cell, self.legal_forms)
        if name == "status":
            return read_choice(cell, self.statuses)
        if name == "languages":
            return read_list(cell, self.languages)
        if name == "founded":
            return read_date(cell)
        if name == "staff_count":
            return _read_int(cell)
        if name == "website":
            return _read_website(cell)
        if name == "opening_hours":
            return cell.strip()
        if name in ("trains", "interest_in_hiring", "interest_in_training"):
            return _read_bool(cell)
        return cell.strip()


BUSINESSES = register(BusinessImporter())
