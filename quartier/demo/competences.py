"""Competence profiles for most demo participants, from a handful of realistic life stories.

Each story fits the person's community: a Syrian cook whose degree is partly
recognised, a Kurdish carpenter without papers on the validation route, a
Vietnamese nail technician, a Ukrainian teacher who has applied for
recognition, a Russian nurse, Germans back into retail or logistics. The
descriptions are in the person's own language, as a counsellor would take
them down. Everything goes through the real services (audited, versioned).

ESCO concepts are looked up by URI: with the taxonomy loaded (``quartier
load-esco``) the profiles carry occupations and their essential skills; without
it they still have everything else. Seeded and idempotent: people who already
have a profile are left alone.
"""

import io
import random
from dataclasses import dataclass, field
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from quartier.competences.models import CompetenceProfile, SkillSource
from quartier.competences.profile.evidence import attach_evidence
from quartier.competences.profile.experience import add_experience
from quartier.competences.profile.informal import add_informal
from quartier.competences.profile.languages import add_language
from quartier.competences.profile.qualifications import add_qualification
from quartier.competences.profile.services import change_summary
from quartier.competences.profile.skills import add_skills, essential_skills
from quartier.esco.models import Concept
from quartier.people.models import Participant

OCCUPATION = "http://data.europa.eu/esco/occupation/"

COOK = OCCUPATION + "90f75f67-495d-49fa-ab57-2f320e251d7e"
KITCHEN_ASSISTANT = OCCUPATION + "e1cf6897-158d-4b48-a39e-2a3a8cac216c"
CARPENTER = OCCUPATION + "2a22ff9e-de3b-408d-b312-5034896cc4f4"
CABINET_MAKER = OCCUPATION + "e1416610-ad08-4f37-8b46-9f99632a5c0f"
MANICURIST = OCCUPATION + "bced9b86-d4e7-42f8-bb47-acb2001b9bd0"
SALES_ASSISTANT = OCCUPATION + "9ba74e8a-c40c-4228-9998-eb3c7a5c11df"
PRIMARY_TEACHER = OCCUPATION + "03d79393-7b30-4159-945b-01963eddd302"
NURSE = OCCUPATION + "8d3e8aaa-791b-4c75-a465-f3f827028f50"
HEALTHCARE_ASSISTANT = OCCUPATION + "d38c2107-98f2-47b7-8bb4-f69750d51082"
BUILDING_ELECTRICIAN = OCCUPATION + "33960bab-4423-4808-af6c-ec2b485dba41"
WAREHOUSE_WORKER = OCCUPATION + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
HAIRDRESSER = OCCUPATION + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"
TAILOR = OCCUPATION + "978ae3a2-0831-415a-8396-b84dde656fc5"
SOFTWARE_DEVELOPER = OCCUPATION + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"
DOMESTIC_CLEANER = OCCUPATION + "cbad55a4-c7cf-4ab6-9540-eac72b26729b"
CHILD_CARE_WORKER = OCCUPATION + "3413f234-6230-47a8-8cc7-2691fd54ce3a"


@dataclass(frozen=True)
class Story:
    """One life story; ages and years are fitted to the person it is given to."""

    occupation: str
    qualification: dict | None
    experience: list[dict]
    informal: list[dict] = field(default_factory=list)
    other_languages: tuple[str, ...] = ()
    summary: str = ""
    evidence: bool = False


STORIES: dict[str, list[Story]] = {
    "ar": [
        Story(
            COOK,
            {
                "title_original": "شهادة مهنية في فنون الطبخ",
                "title_de": "Berufsabschluss Koch",
                "country": "SY",
                "original_language": "ar",
                "isced_level": "3",
                "field_of_study": "Gastronomie",
                "recognition_status": "partial",
                "competent_body": "IHK FOSA",
                "reference": COOK,
                "reference_occupation_text": "Koch/Köchin",
            },
            [
                {
                    "title": "طباخ في مطعم",
                    "country": "SY",
                    "employer": "مطعم في حلب",
                    "setting": "employment",
                    "years": 9,
                    "description": "عملت طباخاً في مطعم كبير في حلب. حضّرت المشاوي والمقبلات "
                    "والحلويات، وطلبت البضاعة من السوق، ودرّبت العمال الجدد.",
                },
                {
                    "title": "Küchenhilfe",
                    "country": "DE",
                    "employer": "Imbiss in der Eisenbahnstraße",
                    "setting": "employment",
                    "years": 1,
                    "description": "أغسل الخضار وأحضّر الفلافل وأنظف المطبخ.",
                },
            ],
            [
                {
                    "field": "family",
                    "activity": "طبخت كل يوم لعائلة من ثمانية أشخاص خلال سنوات اللجوء.",
                    "competence": "Plant Mahlzeiten für viele Personen mit kleinem Budget.",
                    "self_assessment": 4,
                    "counsellor_assessment": 3,
                    "evidence_level": "observed",
                }
            ],
            ("en",),
            "Erfahrener Koch mit teilweise anerkanntem Abschluss; Anpassungsqualifizierung "
            "in der Gastronomie geplant.",
            evidence=True,
        ),
        Story(
            HAIRDRESSER,
            {
                "title_original": "دبلوم تصفيف الشعر",
                "title_de": "Diplom Friseurin",
                "country": "IQ",
                "original_language": "ar",
                "isced_level": "3",
                "field_of_study": "Friseurhandwerk",
                "recognition_status": "advised",
                "competent_body": "Handwerkskammer zu Leipzig",
                "reference": HAIRDRESSER,
            },
            [
                {
                    "title": "مصففة شعر",
                    "country": "IQ",
                    "employer": "صالون في الموصل",
                    "setting": "self_employment",
                    "years": 6,
                    "description": "كان عندي صالون صغير. قصصت وصبغت الشعر وعملت تسريحات للأعراس.",
                }
            ],
            [
                {
                    "field": "volunteering",
                    "activity": "أساعد النساء الجدد في الحي في المواعيد عند الدوائر.",
                    "competence": "Begleitet andere Frauen zu Behörden und übersetzt.",
                    "self_assessment": 3,
                    "evidence_level": "self_declared",
                }
            ],
        ),
    ],
    "kmr": [
        Story(
            CARPENTER,
            {
                "title_original": "Xebata daristanê (bê belge)",
                "title_de": "Tischler (ohne Nachweis)",
                "country": "SY",
                "original_language": "kmr",
                "isced_level": "2",
                "field_of_study": "Holzverarbeitung",
                "without_papers": True,
                "recognition_status": "not_started",
                "validation_status": "advised",
                "reference": CARPENTER,
                "reference_occupation_text": "Tischler/Tischlerin",
            },
            [
                {
                    "title": "Dartraş",
                    "country": "SY",
                    "employer": "Atolyeya bavê min li Qamişlo",
                    "setting": "family_business",
                    "years": 11,
                    "description": "Min li atolyeya bavê xwe derî, pencere û mobîlya çêkirin. "
                    "Min dar hilbijart, pîvan girt û makîne bi kar anîn.",
                }
            ],
            [
                {
                    "field": "migration",
                    "activity": "Li ser rêya koçberiyê min ji bo koma xwe rê û xwarin "
                    "organîze kir.",
                    "competence": "Organisiert unter Druck und übernimmt Verantwortung "
                    "für eine Gruppe.",
                    "self_assessment": 3,
                    "counsellor_assessment": 3,
                    "evidence_level": "self_declared",
                }
            ],
            ("ar",),
            "Tischler ohne Papiere; Validierungsverfahren nach § 50b BBiG empfohlen.",
        ),
    ],
    "vi": [
        Story(
            MANICURIST,
            None,
            [
                {
                    "title": "Thợ làm móng",
                    "country": "DE",
                    "employer": "Nagelstudio im Allee-Center",
                    "setting": "employment",
                    "years": 5,
                    "description": "Tôi làm móng tay, sơn gel, vẽ móng và chăm sóc khách hàng. "
                    "Tôi cũng sắp xếp lịch hẹn và đặt hàng vật liệu.",
                },
                {
                    "title": "Bán hàng",
                    "country": "VN",
                    "employer": "Cửa hàng của gia đình ở Hải Phòng",
                    "setting": "family_business",
                    "years": 4,
                    "description": "Tôi bán quần áo ở cửa hàng của bố mẹ và tính tiền.",
                },
            ],
            [
                {
                    "field": "family",
                    "activity": "Tôi làm giấy tờ và thuế cho cửa hàng của gia đình.",
                    "competence": "Erledigt Buchhaltung und Schriftverkehr eines Familienbetriebs.",
                    "self_assessment": 2,
                    "counsellor_assessment": 3,
                    "evidence_level": "observed",
                }
            ],
            summary="Nageldesignerin mit Erfahrung im Einzelhandel; "
            "möchte sich selbstständig machen.",
        ),
        Story(
            COOK,
            {
                "title_original": "Trung cấp nấu ăn",
                "title_de": "Fachschulabschluss Koch",
                "country": "VN",
                "original_language": "vi",
                "isced_level": "4",
                "field_of_study": "Gastronomie",
                "recognition_status": "applied",
                "competent_body": "IHK FOSA",
                "reference": COOK,
            },
            [
                {
                    "title": "Đầu bếp",
                    "country": "DE",
                    "employer": "Asia-Imbiss in Volkmarsdorf",
                    "setting": "employment",
                    "years": 7,
                    "description": "Tôi nấu phở, món xào và chuẩn bị nguyên liệu cho cả ngày.",
                }
            ],
        ),
    ],
    "uk": [
        Story(
            PRIMARY_TEACHER,
            {
                "title_original": "Диплом бакалавра. Початкова освіта",
                "title_de": "Bachelor Grundschulpädagogik",
                "country": "UA",
                "original_language": "uk",
                "isced_level": "6",
                "field_of_study": "Grundschulpädagogik",
                "recognition_status": "applied",
                "competent_body": "Landesamt für Schule und Bildung Sachsen",
                "reference": PRIMARY_TEACHER,
            },
            [
                {
                    "title": "Вчителька початкових класів",
                    "country": "UA",
                    "employer": "Школа № 12, Харків",
                    "setting": "employment",
                    "years": 10,
                    "description": "Я навчала дітей 1–4 класів читанню, математиці та "
                    "малюванню, готувала свята та зустрічі з батьками.",
                },
                {
                    "title": "Betreuerin im Hort (ehrenamtlich)",
                    "country": "DE",
                    "employer": "Hort in Reudnitz",
                    "setting": "volunteering",
                    "years": 1,
                    "description": "Допомагаю дітям з домашнім завданням.",
                },
            ],
            [
                {
                    "field": "volunteering",
                    "activity": "Організувала українську суботню школу для дітей у Лейпцигу.",
                    "competence": "Baut ein Bildungsangebot auf und leitet Ehrenamtliche an.",
                    "self_assessment": 4,
                    "counsellor_assessment": 4,
                    "evidence_level": "observed",
                }
            ],
            ("ru", "en"),
            "Grundschullehrerin; Anerkennung beantragt, bis dahin Arbeit im Hort angestrebt.",
            evidence=True,
        ),
        Story(
            SOFTWARE_DEVELOPER,
            {
                "title_original": "Диплом магістра. Комп'ютерні науки",
                "title_de": "Master Informatik",
                "country": "UA",
                "original_language": "uk",
                "isced_level": "7",
                "field_of_study": "Informatik",
                "recognition_status": "not_needed",
            },
            [
                {
                    "title": "Розробник програмного забезпечення",
                    "country": "UA",
                    "employer": "IT-компанія у Львові",
                    "setting": "employment",
                    "years": 6,
                    "description": "Розробляв веб-додатки на Python і JavaScript.",
                }
            ],
            other_languages=("ru", "en"),
        ),
    ],
    "ru": [
        Story(
            NURSE,
            {
                "title_original": "Диплом медицинской сестры",
                "title_de": "Diplom Krankenschwester",
                "country": "RU",
                "original_language": "ru",
                "isced_level": "5",
                "field_of_study": "Krankenpflege",
                "recognition_status": "partial",
                "competent_body": "Landesdirektion Sachsen",
                "reference": NURSE,
                "reference_occupation_text": "Pflegefachfrau/Pflegefachmann",
            },
            [
                {
                    "title": "Медсестра",
                    "country": "RU",
                    "employer": "Городская больница, Омск",
                    "setting": "employment",
                    "years": 12,
                    "description": "Работала медсестрой в хирургии: перевязки, уколы, "
                    "уход за пациентами после операций, документация.",
                },
                {
                    "title": "Pflegehelferin",
                    "country": "DE",
                    "employer": "Pflegeheim in Schönefeld",
                    "setting": "employment",
                    "years": 2,
                    "description": "Помогаю пожилым людям, мою, кормлю, слежу за давлением.",
                },
            ],
            [
                {
                    "field": "care",
                    "activity": "Ухаживала три года за больной матерью дома.",
                    "competence": "Pflegt dauerhaft und organisiert Arzttermine und Medikamente.",
                    "self_assessment": 4,
                    "counsellor_assessment": 4,
                    "evidence_level": "observed",
                }
            ],
            summary="Krankenschwester, teilweise anerkannt; Anpassungslehrgang läuft.",
            evidence=True,
        ),
        Story(
            BUILDING_ELECTRICIAN,
            {
                "title_original": "Диплом электромонтёра",
                "title_de": "Elektromonteur",
                "country": "KZ",
                "original_language": "ru",
                "isced_level": "3",
                "field_of_study": "Elektrotechnik",
                "recognition_status": "not_started",
                "reference": BUILDING_ELECTRICIAN,
            },
            [
                {
                    "title": "Электрик",
                    "country": "KZ",
                    "employer": "Строительная фирма, Караганда",
                    "setting": "employment",
                    "years": 15,
                    "description": "Прокладывал проводку в новых домах, ставил щиты и розетки.",
                }
            ],
        ),
    ],
    "de": [
        Story(
            SALES_ASSISTANT,
            {
                "title_original": "Kauffrau im Einzelhandel",
                "title_de": "Kauffrau im Einzelhandel",
                "country": "DE",
                "original_language": "de",
                "isced_level": "3",
                "field_of_study": "Einzelhandel",
                "recognition_status": "not_needed",
            },
            [
                {
                    "title": "Verkäuferin",
                    "country": "DE",
                    "employer": "Supermarkt in Paunsdorf",
                    "setting": "employment",
                    "years": 8,
                    "description": "Kasse, Warenannahme, Regale einräumen, Frischetheke.",
                }
            ],
            [
                {
                    "field": "volunteering",
                    "activity": "Seit drei Jahren Ausgabe bei der Tafel im Stadtteil.",
                    "competence": "Arbeitet verlässlich im Team und bleibt freundlich unter Druck.",
                    "self_assessment": 3,
                    "counsellor_assessment": 3,
                    "evidence_level": "observed",
                }
            ],
            ("en",),
        ),
        Story(
            WAREHOUSE_WORKER,
            None,
            [
                {
                    "title": "Lagerhelfer",
                    "country": "DE",
                    "employer": "Logistikzentrum am Stadtrand",
                    "setting": "employment",
                    "years": 4,
                    "description": "Kommissionieren mit Handscanner, Staplerschein vorhanden.",
                },
                {
                    "title": "Pflege des Vaters",
                    "country": "DE",
                    "employer": "Zuhause",
                    "setting": "care_work",
                    "years": 2,
                    "description": "Vater nach Schlaganfall versorgt.",
                },
            ],
            [
                {
                    "field": "hobbies",
                    "activity": "Repariert Fahrräder für Nachbarn und Kinder aus dem Haus.",
                    "competence": "Technisches Geschick, findet Fehler selbstständig.",
                    "self_assessment": 3,
                    "evidence_level": "self_declared",
                }
            ],
        ),
    ],
}

GERMAN_LEVELS = ["A2", "B1", "B1", "B2", "C1"]
LEVEL_ORDER = ["A1", "A2", "B1", "B2", "C1", "C2"]
CERTIFICATES = {"A2": "dtz", "B1": "dtz", "B2": "telc", "C1": "goethe"}
SHARE = 0.8  # most, not all, participants have a profile
ESSENTIAL_SKILLS = 6
EVIDENCE_FILES = 6


def _years_back(today: date, years: int, offset: int) -> tuple[date, date | None]:
    """A period of ``years`` that ended ``offset`` years ago (ongoing when offset is 0)."""
    end = None if offset == 0 else date(today.year - offset, today.month, 1)
    return date(today.year - offset - years, today.month, 1), end


def _concepts(uris: list[str]) -> dict[str, Concept]:
    return {concept.uri: concept for concept in Concept.objects.filter(uri__in=uris)}


def _evidence_pdf(title: str) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=f"<h1>{title}</h1><p>Kopie des Zeugnisses (Demo)</p>", encoding="utf-8"
    ).write_pdf()


def _evidence_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 160), "white")
    ImageDraw.Draw(image).rectangle((10, 10, 230, 150), outline="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _story_for(person: Participant, rng: random.Random) -> Story:
    stories = STORIES.get(person.preferred_language) or STORIES["de"]
    return rng.choice(stories)


def _build(person: Participant, story: Story, by, rng: random.Random, concepts, today, files):
    native = person.preferred_language
    german = "native" if native == "de" else rng.choice(GERMAN_LEVELS)
    writing = german if german == "native" else LEVEL_ORDER[max(0, LEVEL_ORDER.index(german) - 1)]
    add_language(
        person,
        by,
        language="de",
        understanding=german,
        speaking=german,
        writing=writing,
        certificate=CERTIFICATES.get(german, "none"),
        certificate_year=today.year - rng.randrange(0, 3) if german in CERTIFICATES else None,
    )
    if native != "de":
        add_language(
            person, by, language=native, understanding="native", speaking="native", writing="native"
        )
    for code in story.other_languages:
        if code not in (native, "de"):
            add_language(
                person, by, language=code, understanding="B2", speaking=rng.choice(["B1", "B2"])
            )
    occupation = concepts.get(story.occupation)
    born = person.date_of_birth or date(1985, 1, 1)
    if story.qualification:
        fields = dict(story.qualification)
        reference = concepts.get(fields.pop("reference", ""))
        fields["reference_occupation"] = reference
        fields["year"] = min(today.year - 1, born.year + 20)
        if fields["recognition_status"] in ("partial", "full", "refused"):
            decided = today.replace(day=1).replace(month=max(1, today.month - rng.randrange(1, 6)))
            # Not before the person was taken in: the timeline runs from the intake.
            fields["recognition_decided_on"] = max(
                decided, timezone.localtime(person.created_at).date()
            )
        qualification = add_qualification(person, by, **fields)
        if story.evidence and files[0] < EVIDENCE_FILES:
            files[0] += 1
            if files[0] % 2:
                data, name = _evidence_pdf(fields["title_de"]), "zeugnis.pdf"
            else:
                data, name = _evidence_png(), "zeugnis-scan.png"
            attach_evidence(qualification, by, SimpleUploadedFile(name, data))
    # The stories list the main experience first and the latest last: lay them out
    # backwards from today, one after the other. Work abroad ended when the person came.
    offset = 0 if story.experience[-1]["country"] == "DE" else rng.randrange(1, 5)
    for index in reversed(range(len(story.experience))):
        item = dict(story.experience[index])
        years = item.pop("years")
        started, ended = _years_back(today, years, offset)
        started = max(started, date(born.year + 17, 1, 1))
        offset += years
        if ended is not None and ended < started:
            continue
        add_experience(
            person,
            by,
            occupation=occupation if index == 0 else None,
            formal=item["setting"] in ("employment", "self_employment"),
            started_on=started,
            ended_on=ended,
            **item,
        )
    if occupation is not None:
        add_skills(person, by, [occupation], source=SkillSource.COUNSELLOR, level="advanced")
        essential = essential_skills(occupation)[:ESSENTIAL_SKILLS]
        if essential:
            add_skills(
                person,
                by,
                essential,
                source=SkillSource.OCCUPATION,
                level=rng.choice(["intermediate", "advanced"]),
                evidence_level="observed",
            )
    for item in story.informal:
        add_informal(person, by, **item)
    if story.summary:
        change_summary(person, by, story.summary)


@transaction.atomic
def create_demo_profiles(participants: list[Participant], counsellor, seed: int = 4) -> int:
    """Build profiles for about four in five of ``participants``; returns how many were made."""
    today = timezone.localdate()
    uris = sorted({s.occupation for stories in STORIES.values() for s in stories})
    uris += sorted(
        {
            s.qualification["reference"]
            for stories in STORIES.values()
            for s in stories
            if s.qualification and s.qualification.get("reference")
        }
    )
    made = 0
    files = [0]
    with scopes_disabled():
        concepts = _concepts(uris)
        have = set(
            CompetenceProfile.objects.filter(
                participant__in=[p.pk for p in participants]
            ).values_list("participant_id", flat=True)
        )
        for person in participants:
            # One generator per person: what one gets does not depend on the others.
            rng = random.Random(f"{seed}-{person.pk}")
            if rng.random() >= SHARE or person.pk in have or person.anonymised_at:
                continue
            story = _story_for(person, rng)
            _build(person, story, counsellor, rng, concepts, today, files)
            made += 1
    return made
