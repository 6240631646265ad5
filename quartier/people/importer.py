"""Importing participant lists from CSV or Excel through the generic import (``quartier.imports``).

A row becomes a new participant (``intake.take_in``) or changes the one with
the same name and date of birth in the same organisation and project
(``intake.change_participant``). Empty cells never overwrite what is recorded.
"""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.access import roles
from quartier.accounts.models import Organisation, Role
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
    read_choice,
    read_date,
    read_email,
    read_list,
    read_phone,
    read_text,
)
from quartier.imports.forms import MappingForm, UploadForm
from quartier.lib.countries import COUNTRIES, STATELESS
from quartier.lib.languages import OTHER_LANGUAGES
from quartier.lib.search import search_key
from quartier.lib.widgets import DateInput
from quartier.people.intake import change_participant, take_in
from quartier.people.models import ContactChannel, Gender, Participant, Project
from quartier.places.models import Postcode

IMPORTERS = roles(Role.COUNSELLOR, Role.LEARNING_COORDINATOR, Role.PROJECT_LEAD)
OLDEST_BIRTH_DATE = date(1900, 1, 1)
# Birth dates per query when matching rows to people already recorded.
MATCH_BATCH = 500
PROGRESS_EVERY = 50

FIELDS = (
    Field(
        "given_name",
        _("Given name"),
        ("Vorname", "Vornamen", "Rufname", "first name", "forename", "given names"),
        required=True,
    ),
    Field(
        "family_name",
        _("Family name"),
        ("Nachname", "Familienname", "Name", "Zuname", "last name", "surname", "family"),
        required=True,
    ),
    Field(
        "name_latin",
        _("Name in Latin letters"),
        ("Name lateinisch", "Name in lateinischer Schrift", "Umschrift", "transliteration"),
    ),
    Field(
        "date_of_birth",
        _("Date of birth"),
        ("Geburtsdatum", "geboren", "geboren am", "Geburtstag", "geb", "geb am", "birth date"),
        required=True,
    ),
    Field("gender", _("Gender"), ("Geschlecht", "sex")),
    Field("email", _("E-mail"), ("E-Mail", "Mail", "E-Mail-Adresse", "email address")),
    Field(
        "phone",
        _("Phone"),
        ("Telefon", "Tel", "Telefonnummer", "Handy", "Mobil", "Mobilnummer", "telephone", "mobile"),
    ),
    Field(
        "preferred_channel",
        _("Preferred contact"),
        ("Kontaktweg", "bevorzugter Kontakt", "Kontakt per", "contact channel"),
    ),
    Field(
        "street",
        _("Street and number"),
        ("Straße", "Str", "Straße und Hausnummer", "Adresse", "Anschrift", "address"),
    ),
    Field(
        "postcode",
        _("Postcode"),
        ("PLZ", "Postleitzahl", "post code", "postal code", "zip", "zip code"),
    ),
    Field("city", _("City"), ("Ort", "Wohnort", "Stadt", "town")),
    Field(
        "languages",
        _("Languages spoken"),
        ("Sprachen", "Sprachkenntnisse", "gesprochene Sprachen", "languages"),
    ),
    Field(
        "preferred_language",
        _("Preferred language"),
        ("Sprache", "bevorzugte Sprache", "Muttersprache", "Erstsprache", "language"),
    ),
    Field(
        "citizenships",
        _("Citizenships"),
        (
            "Staatsangehörigkeit",
            "Staatsangehoerigkeit",
            "Staatsangehörigkeiten",
            "Staatsbürgerschaft",
            "Nationalität",
            "citizenship",
            "nationality",
        ),
    ),
    Field(
        "entry_date",
        _("Date of entry"),
        ("Eintrittsdatum", "Eintritt", "Eintritt am", "Aufnahme", "Aufnahmedatum", "entry date"),
    ),
)

PERSON_FIELDS = [f.name for f in FIELDS if f.name != "entry_date"]
LIST_FIELDS = ("languages", "citizenships")
TEXT_LENGTHS = {
    name: Participant._meta.get_field(name).max_length
    for name in ("given_name", "family_name", "name_latin", "street", "city")
}

GENDER_WORDS = {
    "f": Gender.WOMAN,
    "weiblich": Gender.WOMAN,
    "Frau": Gender.WOMAN,
    "female": Gender.WOMAN,
    "männlich": Gender.MAN,
    "maennlich": Gender.MAN,
    "Mann": Gender.MAN,
    "male": Gender.MAN,
    "divers": Gender.NON_BINARY,
    "diverse": Gender.NON_BINARY,
    "nichtbinär": Gender.NON_BINARY,
    "nicht binär": Gender.NON_BINARY,
    "non-binary": Gender.NON_BINARY,
    "nonbinary": Gender.NON_BINARY,
    "keine Angabe": Gender.NO_ANSWER,
    "k.A.": Gender.NO_ANSWER,
    "no answer": Gender.NO_ANSWER,
    "prefer not to say": Gender.NO_ANSWER,
}
CHANNEL_WORDS = {
    "persönlich": ContactChannel.IN_PERSON,
    "Telefon": ContactChannel.PHONE,
    "E-Mail": ContactChannel.EMAIL,
    "Mail": ContactChannel.EMAIL,
    "Brief": ContactChannel.POST,
    "Post": ContactChannel.POST,
    "WhatsApp": ContactChannel.MESSENGER,
    "Signal": ContactChannel.MESSENGER,
    "Telegram": ContactChannel.MESSENGER,
}
LANGUAGE_WORDS = {
    "Deutsch": "de",
    "Englisch": "en",
    "Russisch": "ru",
    "Vietnamesisch": "vi",
    "Arabisch": "ar",
    "Ukrainisch": "uk",
    "Kurdisch": "kmr",
    "Kurdish": "kmr",
    "Kurmanci": "kmr",
    "Kurmanji": "kmr",
    "Kurmancî": "kmr",
    "Sorani": "ckb",
    "Türkisch": "tr",
    "Persisch": "fa",
    "Farsi": "fa",
    "Polnisch": "pl",
    "Rumänisch": "ro",
    "Bulgarisch": "bg",
    "Französisch": "fr",
    "Spanisch": "es",
    "Italienisch": "it",
    "Albanisch": "sq",
    "Serbisch": "sr",
    "Tigrinya": "ti",
    "Somali": "so",
}
# Spreadsheets often say "deutsch" rather than "Deutschland".
COUNTRY_WORDS = {
    "staatenlos": STATELESS,
    "stateless": STATELESS,
    "deutsch": "DE",
    "Deutschland": "DE",
    "German": "DE",
    "russisch": "RU",
    "Russland": "RU",
    "Russian": "RU",
    "ukrainisch": "UA",
    "Ukrainian": "UA",
    "syrisch": "SY",
    "Syrien": "SY",
    "Syrian": "SY",
    "vietnamesisch": "VN",
    "Viet Nam": "VN",
    "Vietnamese": "VN",
    "afghanisch": "AF",
    "Afghan": "AF",
    "irakisch": "IQ",
    "Irak": "IQ",
    "Iraqi": "IQ",
    "iranisch": "IR",
    "Iranian": "IR",
    "türkisch": "TR",
    "Türkei": "TR",
    "Turkey": "TR",
    "Turkish": "TR",
    "polnisch": "PL",
    "Polen": "PL",
    "Polish": "PL",
    "rumänisch": "RO",
    "Rumänien": "RO",
    "Romanian": "RO",
    "bulgarisch": "BG",
    "Bulgarien": "BG",
    "Bulgarian": "BG",
    "eritreisch": "ER",
    "Eritrean": "ER",
    "somalisch": "SO",
    "Somali": "SO",
    "kasachisch": "KZ",
    "Kasachstan": "KZ",
    "moldauisch": "MD",
    "Moldau": "MD",
    "Moldawien": "MD",
    "belarussisch": "BY",
    "Weißrussland": "BY",
    "georgisch": "GE",
    "Georgien": "GE",
    "libanesisch": "LB",
    "Libanon": "LB",
    "palästinensisch": "PS",
    "Palästina": "PS",
    "Palestine": "PS",
    "ägyptisch": "EG",
    "Ägypten": "EG",
    "marokkanisch": "MA",
    "Marokko": "MA",
    "tunesisch": "TN",
    "Tunesien": "TN",
    "italienisch": "IT",
    "Italien": "IT",
    "griechisch": "GR",
    "Griechenland": "GR",
    "ungarisch": "HU",
    "Ungarn": "HU",
    "tschechisch": "CZ",
    "Tschechien": "CZ",
    "kosovarisch": "XK",
    "albanisch": "AL",
    "Albanien": "AL",
    "serbisch": "RS",
    "Serbien": "RS",
    "indisch": "IN",
    "Indien": "IN",
    "pakistanisch": "PK",
    "chinesisch": "CN",
    "österreichisch": "AT",
    "Österreich": "AT",
    "niederländisch": "NL",
    "Niederlande": "NL",
    "französisch": "FR",
    "Frankreich": "FR",
    "spanisch": "ES",
    "Spanien": "ES",
    "jemenitisch": "YE",
    "Jemen": "YE",
    "äthiopisch": "ET",
    "Äthiopien": "ET",
    "nigerianisch": "NG",
    "guineisch": "GN",
}

MESSAGES: dict[str, Any] = {
    "birth_future": _("“%(value)s” lies in the future; check the date of birth."),
    "birth_old": _("“%(value)s” is before 1900; check the year of birth."),
    "entry_future": _("“%(value)s” lies in the future; the date of entry cannot."),
    "entry_outside_project": _("“%(value)s” lies outside the project's run."),
    "stateless_and_other": _("A stateless person has no other citizenship: “%(value)s”."),
    "channel_needs_email": _("“%(value)s” as way of contact needs an e-mail address."),
    "channel_needs_phone": _("“%(value)s” as way of contact needs a phone number."),
    "channel_needs_address": _("“%(value)s” as way of contact needs street and postcode."),
    "same_person": _("The same person as in row %(value)s."),
    "several_matches": _(
        "%(value)s participants in this project have this name and date of birth; "
        "change them by hand."
    ),
    "postcode_unknown": _(
        "No quarter is known for postcode “%(value)s”; the person counts outside the quarters."
    ),
    "language": _("“%(value)s” is not a language Quartier knows; use its name or code (ru)."),
    "country": _("“%(value)s” is not a country Quartier knows; use its name or code (SY)."),
}


class ParticipantUploadForm(UploadForm):
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.all(),
        empty_label=None,
        help_text=_("The participants are taken into this project."),
    )

    def options(self) -> dict[str, Any]:
        return {"project": self.cleaned_data["project"].pk}


class ParticipantMappingForm(MappingForm):
    entry_date = forms.DateField(
        label=_("Date of entry for rows without one"),
        required=False,
        widget=DateInput(),
        help_text=_("New participants whose row has no date of entry joined on this day."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        known = self.job.options.get("entry_date")
        self.fields["entry_date"].initial = known or timezone.localdate()

    def clean(self) -> dict:
        data = super().clean()
        entry_date = data.get("entry_date")
        if entry_date is None and "entry_date" not in self.mapping():
            self.add_error("entry_date", _("Give a date of entry, or choose a column that has it."))
        elif entry_date is not None:
            project = Project.objects.get(pk=self.job.options["project"])
            if entry_date > timezone.localdate():
                self.add_error("entry_date", _("The date of entry cannot be in the future."))
            elif not project.starts_on <= entry_date <= project.ends_on:
                self.add_error(
                    "entry_date",
                    _("The project runs from %(start)s to %(end)s; the date must lie within.")
                    % {"start": project.starts_on, "end": project.ends_on},
                )
        return data

    def options(self) -> dict[str, Any]:
        entry_date = self.cleaned_data.get("entry_date")
        return {"entry_date": entry_date.isoformat() if entry_date else None}


class ParticipantImporter(Importer):
    kind = "people.participants"
    title = _("Import participants")
    what = _("participants")
    audit_prefix = "people.import"
    access = IMPORTERS
    fills = ("people",)
    fields = FIELDS
    messages = MESSAGES
    template_dir = "people/import"
    url_names = {
        "upload": "people:import-upload",
        "mapping": "people:import-mapping",
        "preview": "people:import-preview",
        "write": "people:import-write",
        "status": "people:import-status",
        "done": "people:list",
    }
    upload_form = ParticipantUploadForm
    mapping_form = ParticipantMappingForm

    def plan(self, job, rows: list[SourceRow]) -> list[RowPlan]:
        project = Project.objects.get(pk=job.options["project"])
        default_entry = job.options.get("entry_date")
        readers = _Readers(project, default_entry and date.fromisoformat(default_entry))
        plans = [readers.read(row) for row in rows]
        _flag_repeats(plans)
        entry_column = (rows[0].column("entry_date") if rows else "") or str(_("Date of entry"))
        self._match(job, project, plans, entry_column)
        return plans

    def _match(self, job, project: Project, plans: list[RowPlan], entry_column: str) -> None:
        """Find the people already recorded, set-wise: one query per MATCH_BATCH birth dates."""
        births = sorted({plan.values["date_of_birth"] for plan in plans if plan.action != ERROR})
        known: dict[tuple[str, date], list[Participant]] = {}
        for start in range(0, len(births), MATCH_BATCH):
            for person in Participant.objects.filter(
                organisation_id=job.organisation_id,
                project=project,
                anonymised_at=None,
                date_of_birth__in=births[start : start + MATCH_BATCH],
            ):
                key = (search_key(person.given_name, person.family_name), person.date_of_birth)
                known.setdefault(key, []).append(person)
        for plan in plans:
            if plan.action == ERROR:
                continue
            matches = known.get(_key(plan.values), [])
            if len(matches) > 1:
                plan.fail("several_matches", value=str(len(matches)))
            elif matches:
                _plan_update(plan, matches[0])
            else:
                _plan_create(plan, entry_column)

    def write(self, job, plans: list[RowPlan], by, progress: Progress) -> dict[str, int]:
        organisation = Organisation.objects.get(pk=job.organisation_id)
        project = Project.objects.get(pk=job.options["project"])
        targets = Participant.objects.in_bulk(
            [plan.target for plan in plans if plan.action == UPDATE]
        )
        written = {"created": 0, "updated": 0, "unchanged": 0}
        for done, plan in enumerate(plans, start=1):
            if plan.action == CREATE:
                values = dict(plan.values)
                entry_date = values.pop("entry_date")
                take_in(organisation, project, by, entry_date, **values)
                written["created"] += 1
            elif plan.action == UPDATE:
                change_participant(targets[plan.target], by, **plan.values)
                written["updated"] += 1
            else:
                written["unchanged"] += 1
            if done % PROGRESS_EVERY == 0:
                progress(done)
        return written


def _key(values: dict[str, Any]) -> tuple[str, date]:
    return (search_key(values["given_name"], values["family_name"]), values["date_of_birth"])


def _flag_repeats(plans: list[RowPlan]) -> None:
    first_row: dict[tuple[str, date], int] = {}
    for plan in plans:
        if plan.action == ERROR:
            continue
        key = _key(plan.values)
        if key in first_row:
            plan.fail("same_person", value=str(first_row[key]))
        else:
            first_row[key] = plan.number


def _plan_create(plan: RowPlan, entry_column: str) -> None:
    values = plan.values
    if values.get("entry_date") is None:
        plan.fail("required", entry_column)
        return
    if values.get("preferred_language") and values["preferred_language"] not in values.get(
        "languages", []
    ):
        values["languages"] = [values["preferred_language"], *values.get("languages", [])]
    plan.action = CREATE


def _plan_update(plan: RowPlan, person: Participant) -> None:
    """Only the filled cells that differ from the record change it.

    The name found the person, so it is kept as recorded ("GRÖSSE" does not
    overwrite "Größe"); the date of entry belongs to the entry data, kept too.
    """
    kept = ("entry_date", "given_name", "family_name")
    values = {k: v for k, v in plan.values.items() if k not in kept}
    preferred = values.get("preferred_language")
    spoken = values.get("languages", person.languages)
    if preferred and preferred not in spoken:
        values["languages"] = [preferred, *spoken]
    changes = {}
    for name, value in values.items():
        current = getattr(person, name)
        same = set(current) == set(value) if name in LIST_FIELDS else current == value
        if not same:
            changes[name] = value
    plan.target = person.pk
    plan.values = changes
    plan.changes = [name for name in PERSON_FIELDS if name in changes]
    plan.action = UPDATE if changes else UNCHANGED


class _Readers:
    """Turns the cells of a row into participant values, naming each bad cell."""

    def __init__(self, project: Project, default_entry: date | None) -> None:
        self.project = project
        self.default_entry = default_entry
        self.today = timezone.localdate()
        self.genders = choice_synonyms(Gender.choices, GENDER_WORDS)
        self.channels = choice_synonyms(ContactChannel.choices, CHANNEL_WORDS)
        from django.conf import settings

        self.languages = choice_synonyms([*settings.LANGUAGES, *OTHER_LANGUAGES], LANGUAGE_WORDS)
        self.countries = choice_synonyms([*COUNTRIES, (STATELESS, _("Stateless"))], COUNTRY_WORDS)
        # One query: the postcodes the site pack knows, to mend "4315" from a number cell.
        self.postcodes = set(Postcode.objects.values_list("code", flat=True))

    def read(self, row: SourceRow) -> RowPlan:
        plan = RowPlan(number=row.number, label=f"{row.get('given_name')} {row.get('family_name')}")
        values: dict[str, Any] = {}
        for name in ("given_name", "family_name", "date_of_birth"):
            if not row.get(name).strip():
                plan.fail("required", row.column(name) or str(self._label(name)))
        for name, cell in row.cells.items():
            if not cell.strip() or name not in READERS:
                continue
            try:
                values[name] = READERS[name](self, cell)
            except CellProblem as problem:
                plan.fail(problem.code, row.column(name), cell)
        self._check_dates(plan, row, values)
        self._check_contact(plan, row, values)
        values.setdefault("entry_date", self.default_entry)
        if values.get("postcode") and self.postcodes and values["postcode"] not in self.postcodes:
            plan.warn("postcode_unknown", row.column("postcode"), values["postcode"])
        plan.values = values
        return plan

    @staticmethod
    def _label(name: str):
        return next(f.label for f in FIELDS if f.name == name)

    def _check_dates(self, plan: RowPlan, row: SourceRow, values: dict[str, Any]) -> None:
        born = values.get("date_of_birth")
        if born and born > self.today:
            plan.fail("birth_future", row.column("date_of_birth"), row.get("date_of_birth"))
        elif born and born < OLDEST_BIRTH_DATE:
            plan.fail("birth_old", row.column("date_of_birth"), row.get("date_of_birth"))
        entry = values.get("entry_date")
        if entry and entry > self.today:
            plan.fail("entry_future", row.column("entry_date"), row.get("entry_date"))
        elif entry and not self.project.starts_on <= entry <= self.project.ends_on:
            plan.fail("entry_outside_project", row.column("entry_date"), row.get("entry_date"))
        citizenships = values.get("citizenships", [])
        if STATELESS in citizenships and len(citizenships) > 1:
            plan.fail("stateless_and_other", row.column("citizenships"), row.get("citizenships"))

    def _check_contact(self, plan: RowPlan, row: SourceRow, values: dict[str, Any]) -> None:
        # Checked against the row alone: a list that names the channel names its details.
        channel = values.get("preferred_channel")
        column, cell = row.column("preferred_channel"), row.get("preferred_channel")
        if channel == ContactChannel.EMAIL and not values.get("email"):
            plan.fail("channel_needs_email", column, cell)
        phone_channels = (ContactChannel.PHONE, ContactChannel.SMS, ContactChannel.MESSENGER)
        if channel in phone_channels and not values.get("phone"):
            plan.fail("channel_needs_phone", column, cell)
        if channel == ContactChannel.POST and not (values.get("street") and values.get("postcode")):
            plan.fail("channel_needs_address", column, cell)

    # Readers for READERS below.

    def postcode(self, cell: str) -> str:
        code = "".join(cell.split())
        if len(code) > Participant._meta.get_field("postcode").max_length:
            raise CellProblem("too_long")
        # A number cell loses the leading zero of "04315"; mend it when the padded code is known.
        if code.isdigit() and code not in self.postcodes and "0" + code in self.postcodes:
            code = "0" + code
        return code

    def language(self, cell: str) -> str:
        try:
            return read_choice(cell, self.languages)
        except CellProblem:
            raise CellProblem("language") from None

    def language_list(self, cell: str) -> list[str]:
        try:
            return read_list(cell, self.languages)
        except CellProblem:
            raise CellProblem("language") from None

    def country_list(self, cell: str) -> list[str]:
        try:
            return read_list(cell, self.countries)
        except CellProblem:
            raise CellProblem("country") from None


READERS = {
    "given_name": lambda r, cell: read_text(cell, TEXT_LENGTHS["given_name"]),
    "family_name": lambda r, cell: read_text(cell, TEXT_LENGTHS["family_name"]),
    "name_latin": lambda r, cell: read_text(cell, TEXT_LENGTHS["name_latin"]),
    "date_of_birth": lambda r, cell: read_date(cell),
    "gender": lambda r, cell: read_choice(cell, r.genders),
    "email": lambda r, cell: read_email(cell, Participant._meta.get_field("email").max_length),
    "phone": lambda r, cell: read_phone(cell, Participant._meta.get_field("phone").max_length),
    "preferred_channel": lambda r, cell: read_choice(cell, r.channels),
    "street": lambda r, cell: read_text(cell, TEXT_LENGTHS["street"]),
    "postcode": _Readers.postcode,
    "city": lambda r, cell: read_text(cell, TEXT_LENGTHS["city"]),
    "languages": _Readers.language_list,
    "preferred_language": _Readers.language,
    "citizenships": _Readers.country_list,
    "entry_date": lambda r, cell: read_date(cell),
}

PARTICIPANTS = register(ParticipantImporter())
