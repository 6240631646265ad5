"""The default list of sectors; operators edit it afterwards in the admin (/ops/admin/)."""

from django.db import migrations

SECTORS = [
    (
        "culture-creative",
        {
            "de": "Kultur- und Kreativwirtschaft",
            "en": "Culture and creative industries",
            "ru": "Культура и креативная индустрия",
            "vi": "Văn hóa và công nghiệp sáng tạo",
            "ar": "الثقافة والصناعات الإبداعية",
            "kmr": "Çand û pîşesaziya afirîner",
            "uk": "Культура та креативні індустрії",
        },
    ),
    (
        "retail",
        {
            "de": "Einzelhandel",
            "en": "Retail",
            "ru": "Розничная торговля",
            "vi": "Bán lẻ",
            "ar": "تجارة التجزئة",
            "kmr": "Firotina hûrdeyî",
            "uk": "Роздрібна торгівля",
        },
    ),
    (
        "food-retail",
        {
            "de": "Lebensmittelhandel",
            "en": "Food retail",
            "ru": "Продуктовая торговля",
            "vi": "Bán lẻ thực phẩm",
            "ar": "تجارة المواد الغذائية",
            "kmr": "Firotina xwarinê",
            "uk": "Продуктова торгівля",
        },
    ),
    (
        "gastronomy",
        {
            "de": "Gastronomie",
            "en": "Gastronomy",
            "ru": "Общепит",
            "vi": "Nhà hàng và ăn uống",
            "ar": "المطاعم والضيافة",
            "kmr": "Xwaringeh",
            "uk": "Громадське харчування",
        },
    ),
    (
        "crafts",
        {
            "de": "Handwerk",
            "en": "Crafts",
            "ru": "Ремесло",
            "vi": "Thủ công nghiệp",
            "ar": "الحرف اليدوية",
            "kmr": "Pîşesazî û destkarî",
            "uk": "Ремесло",
        },
    ),
    (
        "health",
        {
            "de": "Gesundheit",
            "en": "Health",
            "ru": "Здравоохранение",
            "vi": "Y tế",
            "ar": "الصحة",
            "kmr": "Tenduristî",
            "uk": "Охорона здоров’я",
        },
    ),
    (
        "care",
        {
            "de": "Pflege",
            "en": "Care",
            "ru": "Уход и патронаж",
            "vi": "Chăm sóc điều dưỡng",
            "ar": "الرعاية والتمريض",
            "kmr": "Lênêrîn",
            "uk": "Догляд",
        },
    ),
    (
        "services",
        {
            "de": "Dienstleistungen",
            "en": "Services",
            "ru": "Услуги",
            "vi": "Dịch vụ",
            "ar": "الخدمات",
            "kmr": "Xizmet",
            "uk": "Послуги",
        },
    ),
    (
        "beauty",
        {
            "de": "Friseur und Kosmetik",
            "en": "Hairdressing and beauty",
            "ru": "Парикмахерские и косметика",
            "vi": "Làm tóc và làm đẹp",
            "ar": "الحلاقة والتجميل",
            "kmr": "Porçêker û bedewî",
            "uk": "Перукарні та косметика",
        },
    ),
    (
        "it",
        {
            "de": "IT und Digitales",
            "en": "IT and digital",
            "ru": "ИТ и цифровые услуги",
            "vi": "CNTT và kỹ thuật số",
            "ar": "تكنولوجيا المعلومات والرقمنة",
            "kmr": "IT û dîjîtal",
            "uk": "ІТ та цифрові послуги",
        },
    ),
    (
        "logistics",
        {
            "de": "Logistik",
            "en": "Logistics",
            "ru": "Логистика",
            "vi": "Hậu cần",
            "ar": "الخدمات اللوجستية",
            "kmr": "Lojîstîk",
            "uk": "Логістика",
        },
    ),
]


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("economy", "Sector")
    for position, (slug, names) in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(slug=slug, defaults={"names": names, "position": position})


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial")]

    operations = [migrations.RunPython(add_sectors, migrations.RunPython.noop)]
