# ruff: noqa: E501 (a data table: one skill or occupation per line)
"""The curated skill set for the quarter's sectors and the essential skills of common occupations.

Each skill is picked from ESCO by its official URI. The English preferred label is
ESCO's (the build checks that it starts ESCO's text); the German labels and the
synonyms in both languages were written for this project.
"""

from dataclasses import dataclass

SKILL = "skill/competence"
KNOWLEDGE = "knowledge"
BASE = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"


@dataclass(frozen=True)
class CuratedSkill:
    key: str
    uri: str
    skill_type: str
    en: str
    de: str
    en_synonyms: tuple[str, ...]
    de_synonyms: tuple[str, ...]


def _s(key, uuid, en, de, en_syn="", de_syn="", skill_type=SKILL):
    split = lambda text: tuple(s.strip() for s in text.split(";") if s.strip())  # noqa: E731
    return CuratedSkill(key, BASE + uuid, skill_type, en, de, split(en_syn), split(de_syn))


K = KNOWLEDGE

# fmt: off
CURATED_SKILLS = [
    # gastronomy
    _s("food-hygiene", "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f", "comply with food safety and hygiene", "Lebensmittelsicherheit und Hygiene einhalten", "food hygiene; kitchen hygiene", "Küchenhygiene; Hygienevorschriften beachten"),
    _s("cooking", "f3934441-4bff-4076-9945-e6c51a01c467", "use cooking techniques", "Kochtechniken anwenden", "cooking; cook meals", "kochen; Speisen zubereiten; Garmethoden"),
    _s("food-prep", "4b15a965-9bb4-42f1-8e44-1024aeb0b08c", "use food preparation techniques", "Techniken der Lebensmittelvorbereitung anwenden", "food preparation; chopping and peeling", "Lebensmittel vorbereiten; schneiden und schälen"),
    _s("finishing", "bb84d739-1b06-477b-9195-251650bb3c14", "use culinary finishing techniques", "Speisen anrichten und garnieren", "plating; garnishing", "anrichten; garnieren"),
    _s("reheating", "a02d7f88-a240-4644-911b-169af470be5a", "use reheating techniques", "Speisen regenerieren und aufwärmen", "reheat food; warm up food", "aufwärmen; regenerieren"),
    _s("vegetables", "73b97efd-49fe-49d7-89dd-444f870cd210", "prepare vegetable products", "Gemüse vorbereiten", "prepare vegetables; clean vegetables", "Gemüse putzen; Gemüse schneiden"),
    _s("meat-prep", "23b355ee-94db-4831-b16d-935adc5de1cd", "prepare meat products for use in a dish", "Fleisch für Gerichte vorbereiten", "trim meat; cut meat", "Fleisch zuschneiden; Fleisch parieren"),
    _s("eggs", "fad85f11-e21d-41f4-b221-2f8ab318d4ed", "prepare egg products", "Eierspeisen zubereiten", "egg dishes", "Eier zubereiten"),
    _s("dairy", "1316577b-31f7-437f-97ce-27c408b87a55", "prepare dairy products for use in a dish", "Milchprodukte für Gerichte vorbereiten", "dairy dishes", "Milchspeisen"),
    _s("desserts", "a78b60d6-6cde-4da6-9c48-39bc7396ab16", "prepare desserts", "Desserts zubereiten", "make desserts; sweets", "Nachspeisen; Süßspeisen"),
    _s("dressings", "499ca9ec-801f-48b9-9f33-a4c16eabd835", "prepare salad dressings", "Salatdressings zubereiten", "salad sauces", "Salatsoßen; Dressing"),
    _s("sandwiches", "493a1805-6caa-4cda-8fd3-6495ec8ea451", "prepare sandwiches", "Sandwiches zubereiten", "make sandwiches", "belegte Brötchen; Sandwiches belegen"),
    _s("ready-dishes", "b72395ea-623b-4204-abef-a67592b0781a", "prepare ready-made dishes", "Fertiggerichte zubereiten", "snacks; ready meals", "Snacks; Imbissgerichte"),
    _s("canapes", "1f6b05c1-e314-4ae6-b6ef-d469667e8961", "prepare canapés", "Canapés und Fingerfood zubereiten", "finger food", "Fingerfood; Häppchen"),
    _s("cook-meat", "f19f0cda-73f4-417e-8ec9-c0cacf5e7149", "cook meat dishes", "Fleischgerichte kochen", "meat dishes", "Fleischgerichte zubereiten; braten"),
    _s("cook-fish", "d01ea580-9718-4299-a6fd-08ea6d171a1b", "cook fish", "Fisch zubereiten", "fish dishes", "Fischgerichte"),
    _s("cook-veg", "555d83ff-dbf9-481a-b726-2d502a11904e", "cook vegetable products", "Gemüsegerichte kochen", "vegetarian dishes", "vegetarische Gerichte"),
    _s("cook-sauce", "614478b3-51a2-4a55-b3ef-a932105eaeaf", "cook sauce products", "Soßen und Suppen kochen", "soups; sauces; stocks", "Suppen; Soßen; Brühen"),
    _s("cook-pastry", "15d5041a-4ff3-4527-ba5c-2445a4fd044a", "cook pastry products", "Backwaren und Teigspeisen zubereiten", "pastry", "Gebäck; Teigwaren"),
    _s("cutting-tools", "c42d2a2a-2f55-45ac-beb1-0a8a76412457", "use food cutting tools", "Küchenmesser und Schneidgeräte benutzen", "knife skills", "Messer führen; schneiden"),
    _s("kitchen-equipment", "32adf439-5bbc-4759-8f05-fbaacdac60a6", "handle kitchen equipment", "Küchengeräte bedienen", "use kitchen equipment", "Küchengeräte benutzen; Küchenmaschinen"),
    _s("store-kitchen", "b1c87aa4-f4f8-4ca5-a844-c44516483b29", "store kitchen supplies", "Küchenvorräte lagern", "store food; food storage", "Lebensmittel lagern; Vorratshaltung"),
    _s("receive-kitchen", "341cf309-746c-4437-ad14-e0a0ee13eacc", "receive kitchen supplies", "Warenannahme in der Küche", "check deliveries", "Lieferungen prüfen; Ware annehmen"),
    _s("hygienic-processing", "a34f4fd4-1aff-4941-82d5-542ac94f81c3", "follow hygienic procedures during food processing", "Hygieneverfahren in der Lebensmittelverarbeitung befolgen", "hygiene in food processing", "Hygiene in der Lebensmittelherstellung"),
    _s("haccp", "5ba1d5b9-3f8d-46ca-bf9f-2e9ca65d1350", "apply HACCP", "HACCP anwenden", "HACCP; food safety plan", "HACCP-Konzept; Eigenkontrolle"),
    _s("work-area-clean", "5598739b-6718-4cff-8402-91d7f65b1505", "maintain work area cleanliness", "Arbeitsplatz sauber halten", "keep workplace clean; tidy work area", "Ordnung am Arbeitsplatz; sauberer Arbeitsplatz"),
    _s("clean-kitchen", "9b31016e-c99d-4bd2-a550-d5660dac5041", "clean kitchen equipment", "Küchengeräte reinigen", "wash dishes; dishwashing; clean pots", "Geschirr spülen; abwaschen; Spülküche"),
    _s("greet-guests", "26a6e6d2-1c9a-4d7e-8c04-5ba16d1f53da", "greet guests", "Gäste begrüßen", "welcome guests", "Gäste empfangen"),
    _s("take-orders", "704bed2c-737a-4585-b840-1d28bbcab9b4", "take food and beverage orders from customers", "Bestellungen von Gästen aufnehmen", "take orders", "Bestellung aufnehmen"),
    _s("table-service", "42a6eff0-e9d9-423d-877b-e48fe91ff26f", "serve food in table service", "Speisen am Tisch servieren", "serve food; waiting tables", "servieren; bedienen; kellnern"),
    _s("serve-drinks", "beeaddc7-fe69-4b97-a286-0bd595432eb9", "serve beverages", "Getränke ausschenken", "serve drinks", "Getränke servieren; ausschenken"),
    _s("serve-wine", "44773391-78b7-4500-b421-96a9ca622a99", "serve wines", "Wein servieren", "wine service", "Weinservice"),
    _s("hot-drinks", "e4fb4f26-1c0c-45e4-9250-5be32cee2a48", "prepare hot drinks", "Heißgetränke zubereiten", "make coffee and tea", "Kaffee und Tee kochen"),
    _s("coffee", "a37afd64-1022-48ba-a8e7-e41b29fe056e", "prepare specialised coffee", "Kaffeespezialitäten zubereiten", "barista; espresso; cappuccino", "Barista; Espresso zubereiten"),
    _s("arrange-tables", "906d21c9-7a9c-4919-817d-10676f9ddfe4", "arrange tables", "Tische eindecken und stellen", "set tables; lay tables", "Tische eindecken; eindecken"),
    _s("present-menus", "b7553d1b-31b4-42e6-b6be-2a90189ef7d6", "present menus", "Speisekarte präsentieren", "explain the menu", "Speisekarte erklären"),
    _s("dining-clean", "ea4a7e5e-923d-4a15-ad55-362a3ff41641", "check dining room cleanliness", "Sauberkeit des Gastraums prüfen", "clean dining room", "Gastraum sauber halten"),
    _s("prepare-orders", "24c4beb4-429c-4cd1-b0bd-c04ba4c82e13", "prepare orders", "Bestellungen zusammenstellen", "fulfil orders", "Bestellungen vorbereiten"),
    # food retail and bakery
    _s("bake", "5626b3b1-5415-47f6-acf1-b573d457d180", "bake goods", "Backwaren backen", "baking; bake bread", "backen; Brot backen"),
    _s("knead", "d87653a0-87b0-4c03-a44a-bf0a217431a2", "knead food products", "Teig kneten", "knead dough", "kneten"),
    _s("ovens", "77250067-81bd-4e18-865e-2be6ca26c8a8", "tend bakery ovens", "Backöfen bedienen", "operate bakery ovens", "Backofen bedienen"),
    _s("bakery-products", "50db2b5e-edda-496d-8a6e-aff91dc243d9", "prepare bakery products", "Backwaren herstellen", "bread products; dough", "Brot und Brötchen herstellen; Teig herstellen"),
    _s("mould-dough", "8f96b592-24c4-40c3-bb88-189ae3a1e405", "mould doughs", "Teig formen", "shape dough", "Teiglinge formen"),
    _s("bakery-ingredients", "3fa0a100-66ea-4bb3-a33e-2044d4a43df3", "bakery ingredients", "Backzutaten", "baking ingredients", "Zutaten in der Bäckerei", K),
    _s("food-storage", "b4b3b539-81ae-43aa-a540-0e2ea2c7e802", "food storage", "Lagerung von Lebensmitteln", "storing food", "Lebensmittellagerung", K),
    # retail
    _s("sell", "29a50780-f81b-429c-b410-7f23a492e19d", "sell products", "Waren verkaufen", "selling; sales", "verkaufen; Verkauf"),
    _s("assist-customers", "61970f8b-099c-4e7e-82e0-9ccdced0baf3", "assist customers", "Kundschaft unterstützen", "help customers", "Kunden helfen; Kundenberatung"),
    _s("customer-needs", "68698869-c13c-4563-adc7-118b7644f45d", "identify customer's needs", "Kundenbedürfnisse erkennen", "find out what customers need", "Bedarf ermitteln"),
    _s("customer-relationship", "2239694b-771a-4586-8b54-2794e361a9ae", "maintain relationship with customers", "Kundenbeziehungen pflegen", "customer loyalty", "Stammkunden pflegen"),
    _s("customer-service", "75dfe1ee-5935-42ce-b820-697f827825c3", "maintain customer service", "Kundenservice bieten", "good service", "Kundendienst; Service"),
    _s("customer-service-k", "15a33d76-4640-438d-ae64-fdc0c1d3eebc", "customer service", "Kundenservice", "customer care", "Kundenbetreuung", K),
    _s("complaints", "28d715e3-3e5b-4fb6-8dd2-4be4919c8587", "handle customer complaints", "Reklamationen bearbeiten", "complaints", "Beschwerden bearbeiten; Reklamation"),
    _s("communicate-customers", "0da516ee-e70e-4384-be13-f5ff80be8127", "communicate with customers", "mit Kundschaft kommunizieren", "talk to customers", "Kundengespräche führen"),
    _s("client-orientation", "b7c8f418-08d5-45d6-b697-ab26c6ecbfb4", "ensure client orientation", "kundenorientiert arbeiten", "customer focus", "Kundenorientierung"),
    _s("payments", "bdcac0c8-b77a-4640-9eaf-c0cf3efd1e23", "process payments", "Zahlungen abwickeln", "take payments; card payments", "kassieren; Kartenzahlung"),
    _s("cash-register", "0cb013af-6dd9-4fb2-b34e-63dda1a5cf82", "operate cash register", "Kasse bedienen", "till; checkout; cash point", "Kasse; an der Kasse arbeiten"),
    _s("cash-desk", "3982571a-e9ce-442a-a4a0-fdfc97727091", "manage cash desk", "Kassenbereich führen", "cash desk", "Kassenabrechnung; Kassenabschluss"),
    _s("count-money", "42cad89f-afd4-4418-8439-8ce87eff1f26", "count money", "Geld zählen", "cash counting", "Bargeld zählen"),
    _s("invoices", "e3e42d54-78bd-4337-aa87-bb31a7670c9a", "issue sales invoices", "Rechnungen ausstellen", "invoicing; bills", "Rechnung schreiben"),
    _s("stock-shelves", "7e9daad3-8604-4839-af9b-dc6f8db3ef68", "stock shelves", "Regale auffüllen", "fill shelves; shelf stacking", "Regale einräumen; Ware verräumen"),
    _s("price-accuracy", "a5e51fb1-b3b6-49fd-8deb-f96c4d46da81", "check price accuracy on the shelf", "Preisauszeichnung am Regal prüfen", "price labels", "Preisschilder prüfen"),
    _s("stock-level", "44f6a65f-6be7-4818-9a66-73908797283f", "monitor stock level", "Lagerbestand überwachen", "stock control", "Bestand kontrollieren; Inventur"),
    _s("order-supplies", "210827e3-3129-45a2-8683-70399f3f561f", "order supplies", "Waren bestellen", "ordering", "Nachbestellung; bestellen"),
    _s("shoplifting", "f10cf304-f32c-40ee-97a7-ec8d84d72955", "prevent shoplifting", "Ladendiebstahl verhindern", "loss prevention", "Diebstahl vorbeugen"),
    _s("package-purchases", "bd2f7603-5e58-4d71-8f13-44c632782b02", "package purchases in bags", "Einkäufe einpacken", "bag purchases", "Ware einpacken; eintüten"),
    _s("hair-products-sell", "1def51e9-6fef-4f75-bed9-b4d9e03c1a62", "sell hair products", "Haarpflegeprodukte verkaufen", "sell shampoo", "Haarprodukte verkaufen"),
    # logistics
    _s("forklift", "28cb374e-6261-4133-8371-f9a5470145da", "operate forklift", "Gabelstapler fahren", "forklift driving; forklift", "Stapler fahren; Gabelstaplerschein"),
    _s("load-cargo", "048affec-04db-4bd5-b7a6-c666d16c0fef", "load cargo", "Fracht verladen", "loading; load trucks", "beladen; verladen"),
    _s("unload-cargo", "042f91e3-cccc-4d51-b635-bb14ffe90cfc", "unload cargo", "Fracht entladen", "unloading", "entladen; ausladen"),
    _s("pack-goods", "667cbbaf-f377-46d8-8f2d-1f6d8a55d74a", "pack goods", "Waren verpacken", "packing; packaging", "verpacken; packen"),
    _s("store-goods", "9839e458-9555-45ea-b330-712b0d932acf", "store goods", "Waren einlagern", "storage; warehousing", "einlagern; Lagerung"),
    _s("stack-goods", "3d086228-d7fc-4c23-972a-22b7d44a6173", "stack goods", "Waren stapeln", "stacking; palletising", "stapeln; palettieren"),
    _s("warehouse-materials", "078861f5-b901-48a5-951e-a3ad0a4fa0bd", "operate warehouse materials", "Lagergeräte bedienen", "pallet jack; warehouse equipment", "Hubwagen; Lagertechnik"),
    _s("warehouse-db", "e0ae0101-ab8f-47a2-938b-ab0cc367b3b5", "maintain warehouse database", "Lagerverwaltungssystem pflegen", "warehouse system; scanner", "Lagersoftware; Warenwirtschaft"),
    _s("heavy-weights", "ab2bb44a-3956-4028-8715-8b70b1960b99", "lift heavy weights", "schwere Lasten heben", "heavy lifting; carry heavy loads", "schwer heben; tragen"),
    _s("drive", "2a82241a-216e-44d8-bb50-6b9a0ef82084", "drive vehicles", "Fahrzeuge fahren", "driving; driver's licence", "Auto fahren; Führerschein"),
    _s("traffic-rules", "1efe7dcb-ebdc-4410-bf21-1ebd9e590044", "obey traffic rules", "Verkehrsregeln beachten", "traffic regulations", "Straßenverkehrsordnung"),
    _s("gps", "97fb21db-a4e5-4b03-af21-03b9d510d872", "operate GPS systems", "Navigationsgeräte benutzen", "navigation; sat nav", "Navi; GPS"),
    _s("packages", "e1f2f22f-3248-4eb2-83a6-c6f7c4437c5c", "handle delivered packages", "Pakete annehmen und verteilen", "parcels; parcel delivery", "Pakete zustellen; Paketdienst"),
    _s("verbal-instructions", "fc511e12-fe90-40a0-bec8-227abb5e4255", "follow verbal instructions", "mündliche Anweisungen befolgen", "follow instructions", "Anweisungen umsetzen"),
    _s("written-instructions", "54d68400-9da3-4077-a7ee-52e68b390ef6", "follow written instructions", "schriftliche Anweisungen befolgen", "work to instructions", "nach Anleitung arbeiten"),
    # cleaning and housekeeping
    _s("clean-surfaces", "6ff01827-907d-43d8-b6e4-7162c1cf0aca", "clean surfaces", "Oberflächen reinigen", "wipe; dusting", "putzen; wischen; Staub wischen"),
    _s("clean-glass", "d05ae693-dc7d-4073-8806-2782f117c24a", "clean glass surfaces", "Glasflächen reinigen", "window cleaning; clean windows", "Fenster putzen; Glasreinigung"),
    _s("clean-rooms", "7bb01a18-4637-4535-ba18-258f48f705b8", "clean rooms", "Räume reinigen", "room cleaning; housekeeping", "Zimmer reinigen; Unterhaltsreinigung"),
    _s("clean-public", "52eadbe6-db74-421a-a7f1-356567dc8248", "clean public areas", "öffentliche Bereiche reinigen", "clean offices; janitorial", "Büroreinigung; Treppenhaus reinigen"),
    _s("clean-toilets", "58a15a33-2b41-4a7e-bb8a-777328b5d82a", "clean toilet facilities", "Sanitäranlagen reinigen", "clean bathrooms; toilets", "Toiletten reinigen; Bad putzen"),
    _s("clean-floors", "a2cd3b30-2d6c-473e-a5d4-4e7cb576babe", "clean building floors", "Böden reinigen", "mop floors; floor cleaning", "Boden wischen; Fußboden reinigen"),
    _s("vacuum", "644617c8-fbe6-4755-b7f2-c3a623641e5b", "vacuum surfaces", "Staub saugen", "vacuuming; hoovering", "saugen; Staubsauger"),
    _s("cleaning-duties", "4f1b6304-f54a-42f0-9604-5427a28d240f", "perform cleaning duties", "Reinigungsarbeiten ausführen", "cleaning; cleaning tasks", "Reinigung; sauber machen"),
    _s("cleaning-agents", "51a26193-9abe-4bce-9108-f50835be1c35", "handle chemical cleaning agents", "mit Reinigungsmitteln umgehen", "detergents; cleaning chemicals", "Reinigungsmittel dosieren"),
    _s("floor-machines", "2ed98048-bf2f-47e5-a0de-fd23d6abe2f6", "operate floor cleaning equipment", "Bodenreinigungsmaschinen bedienen", "scrubber; floor machine", "Scheuersaugmaschine"),
    _s("waste", "4aba6668-6118-4953-804b-869cef94422a", "dispose of non-hazardous waste", "Abfall entsorgen", "rubbish disposal; waste disposal", "Müll entsorgen"),
    _s("sort-waste", "110d7aa3-e44e-4cce-a927-8d4de615f3d9", "sort waste", "Abfall trennen", "recycling; waste separation", "Mülltrennung; recyceln"),
    _s("beds", "e0c6fdd1-336a-4e2f-91d1-ab4a2f9c385d", "make the beds", "Betten machen", "bed making; change sheets", "Betten beziehen"),
    _s("laundry", "04838ae5-a737-48a0-a782-3d1b6b6cb75b", "wash the laundry", "Wäsche waschen", "laundry; washing clothes", "waschen; Wäsche"),
    _s("iron", "562b1180-83e7-4041-8468-2f28d03b7893", "iron textiles", "Textilien bügeln", "ironing", "bügeln"),
    _s("linens", "288cca5e-5a5d-491a-b074-bcb31ee9fb7d", "clean household linens", "Haushaltswäsche reinigen", "bedding; household linen", "Bettwäsche; Tischwäsche"),
    _s("hygiene-cleaning", "0162b701-6bb4-400a-b557-7996053d7daf", "maintain personal hygiene standards when cleaning", "persönliche Hygiene bei der Reinigung einhalten", "personal hygiene", "Körperhygiene"),
    # care and childcare
    _s("elderly", "261e740b-d32d-4356-94a8-3ea29128b70b", "tend to elderly people", "ältere Menschen betreuen", "elderly care; look after old people; care for grandparents", "Altenpflege; Senioren betreuen; alte Menschen pflegen"),
    _s("basic-support", "24f980ba-b44f-4739-b563-205104c3190d", "provide basic support to patients", "Patientinnen und Patienten grundpflegerisch unterstützen", "basic care; help with washing and eating", "Grundpflege; beim Waschen und Essen helfen"),
    _s("disability-community", "0f298334-ae4a-4ab7-96c2-0d90d2883768", "assist individuals with disabilities in community activities", "Menschen mit Behinderung bei Aktivitäten begleiten", "disability support", "Assistenz für Menschen mit Behinderung"),
    _s("disability-care", "54411e8e-d62f-46d8-b87b-fce23f8e3bc8", "disability care", "Betreuung von Menschen mit Behinderung", "disability assistance", "Behindertenhilfe", K),
    _s("empathy", "2475cd27-8d6c-4318-a364-21395b23acba", "empathise with the healthcare user", "sich in Pflegebedürftige einfühlen", "empathy; compassion", "Einfühlungsvermögen; Empathie"),
    _s("multicultural-care", "b55f61a4-5f9e-4741-ba95-9ac04b64119b", "work in a multicultural environment in health care", "in multikulturellen Pflegeteams arbeiten", "intercultural care", "kultursensible Pflege"),
    _s("first-aid", "1d21f6ad-340f-45da-a0a3-4e83867f47a6", "provide first aid", "Erste Hilfe leisten", "first aid; CPR", "Erste Hilfe; Wiederbelebung"),
    _s("health-safety", "dcc96a49-0bac-4a9c-8f8e-a32b4e47e6eb", "apply health and safety standards", "Arbeits- und Gesundheitsschutz einhalten", "health and safety; safety rules", "Arbeitsschutz; Sicherheitsvorschriften"),
    _s("supervise-children", "f8d4a24c-fb62-444e-9525-7aa5662f440d", "supervise children", "Kinder beaufsichtigen", "childcare; babysitting; look after children", "Kinderbetreuung; auf Kinder aufpassen; babysitten"),
    _s("children-needs", "beb952e4-8a9c-47af-8a60-c6eb5c5f25bc", "attend to children's basic physical needs", "Kinder versorgen", "feed and change children; nappies", "Kinder füttern und wickeln; wickeln"),
    _s("homework", "12efe5f2-f7ec-4f03-b359-afba5b9f62de", "assist children with homework", "Kinder bei den Hausaufgaben unterstützen", "homework help; tutoring", "Hausaufgabenhilfe; Nachhilfe"),
    _s("youth-activities", "114f2179-b625-4333-b9f9-fe6a846a7c36", "plan youth activities", "Aktivitäten für Jugendliche planen", "youth work; activities for children", "Jugendarbeit; Freizeitangebote"),
    _s("youth-communication", "b5af495b-61f1-4330-9891-dca56d97d714", "communicate with youth", "mit Kindern und Jugendlichen kommunizieren", "talk with young people", "mit Jugendlichen sprechen"),
    _s("youth-positive", "4a874516-eb34-4dc1-833d-864c5a448db2", "support the positiveness of youths", "Kinder und Jugendliche stärken", "encourage young people", "Selbstvertrauen fördern"),
    _s("child-protection", "f2d63656-169c-4110-99fe-33914f902466", "child protection", "Kinderschutz", "safeguarding children", "Kindeswohl", K),
    _s("nursing-principles", "8b3aefd2-5021-418f-b069-828fb7abc598", "nursing principles", "Grundsätze der Pflege", "nursing", "Pflege; Krankenpflege", K),
    # beauty
    _s("wash-hair", "5fce4ae7-bbd6-4d91-9fd9-d7d6b0e6c3da", "wash hair", "Haare waschen", "shampoo", "Haarwäsche"),
    _s("dye-hair", "dbc20527-0852-4dde-a2e9-d25d8356115f", "dye hair", "Haare färben", "colour hair; highlights", "färben; Strähnchen; tönen"),
    _s("style-hair", "0b6c4174-a862-480d-8d55-44f7cf7ac365", "style hair", "Frisuren stylen", "hairstyling; blow-dry", "frisieren; föhnen; Frisur"),
    _s("hair-cutting", "03d8e93a-861a-45d3-a2d6-80781d6af1c9", "hair cutting techniques", "Haarschneidetechniken", "haircut; cut hair; barber", "Haare schneiden; Haarschnitt; Barbier", K),
    _s("nails", "4ff89a5c-b4be-491e-aaa2-3f31fb00a2d5", "decorate nails", "Nägel gestalten", "nail art; manicure; paint nails", "Nageldesign; Maniküre; Nägel lackieren"),
    _s("massage", "2b16031c-6278-4929-adc1-127f40c3c76e", "give massages", "Massagen geben", "massage", "massieren; Massage"),
    _s("cosmetics-advice", "3f43eed7-2424-4322-a065-d84d94685048", "offer cosmetic beauty advice", "Kosmetikberatung geben", "beauty advice; make-up advice", "Schönheitsberatung; Schminkberatung"),
    _s("recommend-cosmetics", "9bc5849d-4337-4163-aefc-89a097b9b1b1", "recommend cosmetics to customers", "Kosmetikprodukte empfehlen", "cosmetics sales", "Kosmetik verkaufen"),
    _s("cosmetics", "7d9d73a8-08df-4624-a5df-95cb220c0736", "cosmetics", "Kosmetik", "make-up; skin care", "Make-up; Hautpflege; schminken", K),
    # crafts and building trades
    _s("paint-surfaces", "b826a56a-811d-477c-b165-271729f644a4", "paint surfaces", "Oberflächen streichen", "painting walls; paint", "streichen; anstreichen; malern"),
    _s("prepare-painting", "7d2a1c45-fae0-4bd6-b570-c668c9d4eda7", "prepare surface for painting", "Untergrund für den Anstrich vorbereiten", "sanding and filling; masking", "spachteln; abkleben; grundieren"),
    _s("wallpaper", "3816bddd-0765-48d6-b972-0f9aa7296a46", "hang wallpaper", "tapezieren", "wallpapering", "Tapete anbringen"),
    _s("plaster", "20f56226-24ed-495f-8bf5-0b2aa6413ba1", "plaster surfaces", "verputzen", "plastering", "Putz auftragen"),
    _s("tiles", "504d99c7-395b-479c-815b-2f77ef769e75", "lay tiles", "Fliesen legen", "tiling", "fliesen; Fliesenleger"),
    _s("sanding", "2aec5bf4-452f-44f1-a9d6-e6db4cd1eb58", "use sanding machines", "Schleifmaschinen benutzen", "sanding", "schleifen"),
    _s("measuring", "b92758d4-4591-4df1-9ceb-f907aa71ebd9", "use measurement instruments", "Messgeräte benutzen", "measuring; tape measure", "messen; Zollstock"),
    _s("hand-tools", "7cd6de25-f691-4aac-81a2-a9d09b004b38", "use hand tools", "Handwerkzeuge benutzen", "tools; hammer and screwdriver", "Werkzeug; handwerkliches Geschick"),
    _s("power-tools", "5bf7f85a-b080-4b27-8ddc-9f62af4643f5", "use power tools", "Elektrowerkzeuge benutzen", "drill; power drill; saw", "Bohrmaschine; Akkuschrauber; Säge"),
    _s("ppe", "c643e59b-d74c-4f44-b76e-6e1d96c05ec4", "use safety equipment in construction", "Schutzausrüstung auf dem Bau tragen", "PPE; protective equipment", "PSA; Schutzkleidung"),
    _s("construction-safety", "86df7af2-f9f3-4c06-a500-7f1fba9e78fe", "follow health and safety procedures in construction", "Arbeitsschutz auf der Baustelle einhalten", "site safety", "Baustellensicherheit"),
    _s("switches", "c3d1ada5-1d97-4a23-be2a-9ff39296775b", "install electric switches", "Lichtschalter installieren", "wiring switches", "Schalter anschließen"),
    _s("sockets", "52d6eb67-56c0-4ad7-b5c2-71e7c2362ece", "install electricity sockets", "Steckdosen installieren", "sockets; electrical installation", "Steckdosen setzen; Elektroinstallation"),
    _s("test-electrical", "3f6dc31c-ceef-4e93-9d8a-b4b862cf9b51", "test electrical equipment", "elektrische Anlagen prüfen", "electrical testing; multimeter", "Messungen an Elektroanlagen"),
    _s("electrical-supplies", "2179e0fd-7431-41a3-bbf4-76451c615ce2", "inspect electrical supplies", "Elektromaterial prüfen", "check cables", "Kabel prüfen"),
    _s("lighting", "6f8d750e-aba4-459c-b4d7-220bddff9f58", "install lighting", "Beleuchtung installieren", "lamps; lights", "Lampen anschließen; Leuchten montieren"),
    _s("repair-wiring", "af1c7b89-679b-4fae-b67c-ed05c669719c", "repair wiring", "Leitungen reparieren", "electrical repairs; cables", "Kabel reparieren"),
    _s("troubleshoot", "334e3e49-fb02-4051-809a-f06adfdc1c40", "troubleshoot", "Fehler suchen und beheben", "troubleshooting; fault finding", "Fehlersuche; Störungen beheben"),
    _s("blueprints", "68b6ef08-d823-489d-a95c-752ae6f6e6a7", "read standard blueprints", "technische Zeichnungen lesen", "read drawings; plans", "Baupläne lesen; Zeichnungen lesen"),
    _s("plans-2d", "dfce2aba-783e-4e17-9c17-e74aca505ec2", "interpret 2D plans", "2D-Pläne lesen", "2D drawings", "Grundriss lesen"),
    _s("join-wood", "2e8e2acf-5d58-4d99-807d-2ed77a6c8b17", "join wood elements", "Holzteile verbinden", "woodworking joints", "Holzverbindungen"),
    _s("sand-wood", "88ea614f-7e96-48fd-bf0b-96bf00bdb098", "sand wood", "Holz schleifen", "wood sanding", "Holz glätten"),
    _s("manipulate-wood", "44e2906f-48f2-48ee-88f8-351ecdb53f18", "manipulate wood", "Holz bearbeiten", "woodwork; carpentry", "Holzarbeiten; schreinern; tischlern"),
    _s("measure-materials", "fe490d6c-851b-44a8-949b-808e24c2cc54", "measure materials", "Material abmessen", "measure", "abmessen"),
    _s("pvc-pipes", "59030382-506d-454d-81cd-787586ffb840", "install PVC piping", "Kunststoffrohre verlegen", "pipes; pipe fitting", "Rohre verlegen"),
    _s("plumbing", "8755734c-2919-41a3-9ca6-1e3d1f169213", "install plumbing systems", "Sanitärleitungen installieren", "plumbing; water pipes", "Sanitärinstallation; Wasserleitungen; Klempnerarbeiten"),
    _s("construction-supplies", "50f2d23c-b3fb-48a5-967b-14fd0a6dd205", "inspect construction supplies", "Baumaterial prüfen", "check materials", "Material kontrollieren"),
    # textiles and tailoring
    _s("sew-fabric", "a3ef84f9-c436-437a-bc6f-4956ae13e1eb", "sew pieces of fabric", "Stoffteile nähen", "sewing; sew", "nähen; Nähmaschine"),
    _s("sew-textiles", "0d207bf2-b0dd-4a36-933f-d2cd3da2933d", "sew textile-based articles", "Textilwaren nähen", "make clothes", "Kleidung nähen"),
    _s("alter-apparel", "7e2f6f05-d6ef-45f3-a33c-5d6d0b07e1cf", "alter wearing apparel", "Kleidung ändern", "alterations; mending", "Änderungsschneiderei; kürzen; flicken"),
    _s("cut-fabrics", "a3b7b8ec-794b-4821-8c6b-465fe2c7a691", "cut fabrics", "Stoffe zuschneiden", "fabric cutting", "zuschneiden"),
    _s("manual-sewing", "477856e7-92e6-43e8-ad67-e2d7129a5188", "use manual sewing techniques", "von Hand nähen", "hand sewing; embroidery", "Handnähen; sticken"),
    _s("manufacture-apparel", "00e895f4-b9d3-4a1a-8c36-baf10fbfb982", "manufacture wearing apparel products", "Bekleidung herstellen", "garment making; tailoring", "Schneiderei; Kleidung anfertigen"),
    # IT
    _s("develop-software", "797a4416-0b8d-44f3-8fcd-eb10bd0be6b4", "develop software prototype", "Software-Prototypen entwickeln", "programming; coding", "programmieren; Software entwickeln"),
    _s("debug", "2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1", "debug software", "Softwarefehler beheben", "debugging; bug fixing", "debuggen; Fehler im Code finden"),
    _s("oop", "5b9cde20-f1b9-4adc-bfb3-dbf70b14138d", "use object-oriented programming", "objektorientiert programmieren", "OOP", "OOP"),
    _s("databases", "4463a721-69f3-413d-8321-43e3af13a4f1", "use databases", "Datenbanken nutzen", "database", "Datenbank"),
    _s("sql", "598de5b0-5b58-4ea7-8058-a4bc4d18c742", "SQL", "SQL", "database queries", "Datenbankabfragen", K),
    _s("javascript", "3cd569a2-4f88-4c1e-9995-8dce8c5e51a7", "JavaScript", "JavaScript", "JS", "JS", K),
    _s("python", "ccd0a1d9-afda-43d9-b901-96344886e14d", "Python (computer programming)", "Python (Programmierung)", "Python", "Python", K),
    _s("java", "19a8293b-8e95-4de3-983f-77484079c389", "Java (computer programming)", "Java (Programmierung)", "Java", "Java", K),
    _s("web-programming", "69bbd53f-fbb0-4476-b4b2-ef7844464e28", "web programming", "Webprogrammierung", "HTML; web development", "Webentwicklung; HTML", K),
    _s("front-end", "c4b1f326-224a-420a-b8b3-814a8f13b6cb", "implement front-end website design", "Website-Frontends umsetzen", "front end; websites", "Webseiten bauen; Frontend"),
    _s("software-design", "3bddfd7c-ab6d-40c2-883d-5e97fb7640ba", "create software design", "Softwareentwurf erstellen", "software architecture", "Softwarearchitektur"),
    _s("user-docs", "385479b7-5da5-4367-9763-0d15b41bb65b", "provide user documentation", "Benutzerdokumentation erstellen", "manuals; documentation", "Anleitungen schreiben; Dokumentation"),
    _s("ict-problems", "9e06bac6-6b91-48ca-8b7d-c1f48cdecd7c", "solve ICT system problems", "IT-Probleme lösen", "IT troubleshooting; fix computers", "Computer reparieren; IT-Störungen beheben"),
    _s("ict-support", "c2296e2e-5fef-4f24-a24f-e5b3792268be", "provide ICT support", "IT-Support leisten", "help desk; IT support", "Helpdesk; IT-Unterstützung"),
    _s("install-software", "c8de8023-ab8a-402b-a828-b2b57cd3b2f7", "install software", "Software installieren", "software installation", "Programme installieren"),
    _s("install-os", "c330db31-7fa9-4a8c-8ad6-baa957bcfed1", "install operating system", "Betriebssysteme installieren", "install Windows; install Linux", "Windows installieren; Linux installieren"),
    _s("maintain-ict", "fbbcb9ab-4b95-4e57-a756-30d08b7da7a5", "maintain ICT system", "IT-Systeme warten", "system administration", "Systemadministration"),
    _s("configure-ict", "b3c8eada-b0a8-4b61-968b-b354fbfb6874", "configure ICT system", "IT-Systeme einrichten", "configure computers; network setup", "Computer einrichten; Netzwerk einrichten"),
    _s("computer-literacy", "d15ce60f-ddab-41ce-ba56-398451b77b60", "have computer literacy", "Computerkenntnisse haben", "computer skills; use a computer", "PC-Kenntnisse; mit dem Computer umgehen"),
    _s("spreadsheets", "1973c966-f236-40c9-b2d4-5d71a89019be", "use spreadsheets software", "Tabellenkalkulation nutzen", "Excel; spreadsheets", "Excel; Tabellen"),
    _s("word-processing", "81633a44-f1db-4a01-a940-804c6905e330", "use word processing software", "Textverarbeitung nutzen", "Word; typing letters", "Word; Briefe schreiben"),
    _s("ms-office", "f683ae1d-cb7c-4aa1-b9fe-205e1bd23535", "use Microsoft Office", "Microsoft Office nutzen", "office software", "Office-Programme"),
    _s("communication-devices", "79c366d4-0316-4838-b72e-c3be4f90fbd3", "use communication devices", "Kommunikationsgeräte nutzen", "phone; radio", "Telefon; Funkgerät"),
    # culture and creative work
    _s("instruments", "8f8a8803-dc72-4488-9991-7c7d373e01fa", "play musical instruments", "Musikinstrumente spielen", "play music; guitar; oud", "musizieren; Gitarre spielen"),
    _s("music-solo", "d7cac6b2-fab5-432a-af1c-23154ea56522", "perform music solo", "solo musizieren", "solo performance", "Soloauftritt"),
    _s("music-ensemble", "79862c50-3b36-4c37-9ff6-669a54fce459", "perform music in ensemble", "im Ensemble musizieren", "band; orchestra", "Band; Orchester; Chor"),
    _s("sing", "e50a68c5-2a5d-4815-8bd1-e4334aed7683", "sing", "singen", "singing; vocals", "Gesang"),
    _s("design-sketches", "fc4fcb4b-993f-4f2c-b158-c2171ec18ed8", "draw design sketches", "Entwurfsskizzen zeichnen", "sketching; drawing", "zeichnen; skizzieren"),
    _s("artwork", "24301020-af48-4532-a1a6-e58567789436", "create artwork", "Kunstwerke schaffen", "art; painting pictures", "Kunst; Bilder malen"),
    _s("digital-images", "5f782745-6382-4873-b415-8fb91c705b03", "create digital images", "digitale Bilder gestalten", "digital art; illustration", "digitale Illustration"),
    _s("edit-photos", "df11ab22-3c40-4dc8-ab0c-e9f41e62449e", "edit photographs", "Fotos bearbeiten", "photo editing; Photoshop", "Bildbearbeitung"),
    _s("graphics", "f058bf62-70d1-4f5e-be2a-8b26fac24a96", "design graphics", "Grafiken gestalten", "graphic design; layout", "Grafikdesign; Layout"),
    _s("decorative-designs", "7655b81b-0fff-4c04-927a-25c6662d31a8", "paint decorative designs", "dekorative Muster malen", "decorative painting", "dekoratives Malen"),
    # transversal and languages
    _s("teams", "60c78287-22eb-4103-9c8c-28deaa460da0", "work in teams", "im Team arbeiten", "teamwork; team player", "Teamarbeit; teamfähig"),
    _s("independent", "c29aa9d2-4da8-4bdd-831c-8d4a2fb51730", "work independently", "selbstständig arbeiten", "autonomous work", "eigenständig arbeiten"),
    _s("time", "d9013e0e-e937-43d5-ab71-0e917ee882b8", "manage time", "Zeit einteilen", "time management; punctuality; meet deadlines", "Zeitmanagement; pünktlich; Termine einhalten"),
    _s("learn", "9bf266a6-188b-4d17-a22f-2f266d76832b", "demonstrate willingness to learn", "Lernbereitschaft zeigen", "eager to learn", "lernbereit; wissbegierig"),
    _s("reliable", "25e16679-a7d0-464d-916c-63210001bbab", "act reliably", "zuverlässig handeln", "reliability; dependable", "Zuverlässigkeit; verlässlich"),
    _s("stress", "7a147904-22b3-498a-b4d9-7bceeb86b45d", "cope with stress", "mit Stress umgehen", "work under pressure", "belastbar; unter Druck arbeiten"),
    _s("change", "49de9958-2aa4-4eef-a89d-fe5d5bcd28c4", "adapt to change", "sich auf Veränderungen einstellen", "flexibility; flexible", "Flexibilität; flexibel"),
    _s("problems", "adc6dc11-3376-467b-96c5-9b0a21edc869", "solve problems", "Probleme lösen", "problem solving", "Problemlösung"),
    _s("manage-team", "cb668e89-6ef5-4ff3-ab4a-506010e7e70b", "manage a team", "ein Team leiten", "team leader; supervise staff", "Teamleitung; Mitarbeitende anleiten"),
    _s("languages", "2de4572a-4724-4f76-afc2-72a568a264ac", "speak different languages", "mehrere Sprachen sprechen", "multilingual; foreign languages", "mehrsprachig; Fremdsprachen"),
    _s("interpret", "aa7062ed-ebfb-4876-8fa5-a7c72c8b6ffb", "translate spoken language", "mündlich übersetzen", "interpreting; translate for others", "dolmetschen; übersetzen; Sprachmittlung"),
    _s("german-speak", "2abb9db5-350c-444c-8292-0e0b2ce00f9a", "interact verbally in German", "sich mündlich auf Deutsch verständigen", "speak German", "Deutsch sprechen"),
    _s("german", "4812a4ea-dc55-4dc6-b9b0-4a59bba2c647", "German", "Deutsch", "German language", "deutsche Sprache", K),
    _s("english", "6d3edede-8951-4621-a835-e04323300fa0", "English", "Englisch", "English language", "englische Sprache", K),
    _s("arabic", "33859d93-987c-4caa-a0a9-6159ea7bbc2a", "Arabic", "Arabisch", "Arabic language", "arabische Sprache", K),
    _s("russian", "6891bbce-20bf-4afc-bd5e-75bdf54c0165", "Russian", "Russisch", "Russian language", "russische Sprache", K),
    _s("ukrainian", "354b948c-7eef-4ebc-bfd6-f60d7d5acb62", "Ukrainian", "Ukrainisch", "Ukrainian language", "ukrainische Sprache", K),
    _s("vietnamese", "bf60009d-8afb-4306-9b0d-cfe2f66ab08f", "Vietnamese", "Vietnamesisch", "Vietnamese language", "vietnamesische Sprache", K),
    _s("turkish", "aa66a033-8522-40e9-a5c0-ff2593e2669c", "Turkish", "Türkisch", "Turkish language", "türkische Sprache", K),
    _s("persian", "58cabf75-2520-4358-a210-2cbc628f4aa2", "Persian", "Persisch", "Farsi; Dari", "Farsi; Dari", K),
]
# fmt: on

# The essential skills of common occupations of the quarter's sectors, chosen from
# the curated set (ESCO's own relations are not available offline).
# fmt: off
ESSENTIAL_SKILLS = {
    OCCUPATION + "90f75f67-495d-49fa-ab57-2f320e251d7e": ["food-hygiene", "cooking", "food-prep", "finishing", "cook-meat", "cook-fish", "cook-veg", "cook-sauce", "cutting-tools", "kitchen-equipment", "store-kitchen", "receive-kitchen", "haccp", "work-area-clean", "teams", "stress"],  # cook
    OCCUPATION + "e1cf6897-158d-4b48-a39e-2a3a8cac216c": ["food-hygiene", "food-prep", "vegetables", "cutting-tools", "kitchen-equipment", "clean-kitchen", "work-area-clean", "store-kitchen", "verbal-instructions", "teams"],  # kitchen assistant
    OCCUPATION + "f756fdab-7726-4c48-bfcc-94ff8810fc08": ["clean-kitchen", "work-area-clean", "food-hygiene", "waste", "cleaning-agents", "receive-kitchen", "verbal-instructions"],  # kitchen porter
    OCCUPATION + "d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471": ["greet-guests", "take-orders", "table-service", "serve-drinks", "serve-wine", "arrange-tables", "present-menus", "payments", "food-hygiene", "customer-service", "complaints", "dining-clean"],  # waiter/waitress
    OCCUPATION + "bf7d8b16-4e2c-48ef-b44e-dc25b2d0ab61": ["coffee", "hot-drinks", "serve-drinks", "payments", "food-hygiene", "greet-guests", "work-area-clean", "customer-service"],  # barista
    OCCUPATION + "2f5e38a0-6578-4665-bdbd-e2ab505be140": ["serve-drinks", "serve-wine", "hot-drinks", "payments", "cash-register", "food-hygiene", "greet-guests", "work-area-clean"],  # bartender
    OCCUPATION + "b4bff870-5c8f-4c33-b07f-f04d79830633": ["food-hygiene", "ready-dishes", "sandwiches", "table-service", "reheating", "payments", "work-area-clean"],  # food service worker
    OCCUPATION + "e982a28b-9de2-460c-b85d-0f65ea0aa3ca": ["food-hygiene", "ready-dishes", "cooking", "payments", "count-money", "greet-guests", "work-area-clean"],  # street food vendor
    OCCUPATION + "1aadb308-432a-4d01-b54b-b4f7f76dd419": ["bake", "knead", "ovens", "bakery-products", "mould-dough", "bakery-ingredients", "food-hygiene", "hygienic-processing", "measure-materials"],  # baker
    OCCUPATION + "2e9c9404-0d86-453c-9001-3a0cd1d1323b": ["sell", "assist-customers", "cash-register", "payments", "food-hygiene", "package-purchases", "stock-shelves"],  # bakery specialised seller
    OCCUPATION + "37c7880e-cfee-4c41-a41b-061682fefde3": ["meat-prep", "cutting-tools", "food-hygiene", "hygienic-processing", "haccp", "food-storage", "sell"],  # butcher
    OCCUPATION + "e11e5be4-49e7-48ac-8e0d-6d3ffd3dbcd0": ["sell", "assist-customers", "customer-needs", "food-hygiene", "food-storage", "payments", "package-purchases"],  # delicatessen specialised seller
    OCCUPATION + "0b15375e-dfdd-4047-9efb-096e0aaee7d2": ["stock-shelves", "assist-customers", "cash-register", "payments", "price-accuracy", "package-purchases", "communicate-customers"],  # shop assistant
    OCCUPATION + "9ba74e8a-c40c-4228-9998-eb3c7a5c11df": ["sell", "assist-customers", "customer-needs", "customer-service", "complaints", "cash-register", "stock-shelves", "price-accuracy", "shoplifting"],  # sales assistant
    OCCUPATION + "2b871272-bd61-4206-bd1a-0b96d7023098": ["cash-register", "payments", "count-money", "cash-desk", "package-purchases", "customer-service", "shoplifting"],  # cashier
    OCCUPATION + "d35f9e79-5778-43b4-8667-0e3ba1fcb19a": ["stock-shelves", "price-accuracy", "stock-level", "heavy-weights", "store-goods", "verbal-instructions"],  # shelf filler
    OCCUPATION + "c822ca35-6c36-4eab-97fa-90f2775091c3": ["sell", "communicate-customers", "payments", "count-money", "package-purchases", "stack-goods"],  # market vendor
    OCCUPATION + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f": ["store-goods", "stack-goods", "load-cargo", "unload-cargo", "pack-goods", "warehouse-materials", "warehouse-db", "heavy-weights", "stock-level"],  # warehouse worker
    OCCUPATION + "cd94def5-3442-4c2e-ae3d-0761a3008bcb": ["prepare-orders", "pack-goods", "warehouse-materials", "warehouse-db", "stack-goods", "written-instructions"],  # warehouse order picker
    OCCUPATION + "eeac6251-1974-42f5-91ed-513c6c883755": ["forklift", "load-cargo", "unload-cargo", "stack-goods", "store-goods", "health-safety"],  # forklift operator
    OCCUPATION + "f5cb9901-86fc-48d0-9cde-667fbe8cef3a": ["pack-goods", "stack-goods", "written-instructions", "heavy-weights"],  # hand packer
    OCCUPATION + "45037d43-a8f5-4f46-b332-b2935bc305f4": ["drive", "traffic-rules", "gps", "load-cargo", "unload-cargo", "packages", "heavy-weights", "time"],  # cargo vehicle driver
    OCCUPATION + "0c408028-c48f-4df8-ba5d-c3d3be15f5a2": ["drive", "traffic-rules", "gps", "packages", "payments", "time", "communicate-customers"],  # car and van delivery driver
    OCCUPATION + "3a959644-beed-4afc-8e57-d5068ae6a43e": ["traffic-rules", "gps", "packages", "time", "communication-devices"],  # bicycle courier
    OCCUPATION + "cbad55a4-c7cf-4ab6-9540-eac72b26729b": ["clean-surfaces", "clean-rooms", "clean-floors", "vacuum", "clean-toilets", "laundry", "iron", "beds", "cleaning-agents", "waste"],  # domestic cleaner
    OCCUPATION + "303a1e34-cb16-4054-b323-81e5eec17397": ["cleaning-duties", "clean-public", "clean-floors", "clean-toilets", "clean-glass", "floor-machines", "cleaning-agents", "sort-waste", "hygiene-cleaning"],  # building cleaner
    OCCUPATION + "731ecac4-06e8-4ec2-a559-101fecbd9183": ["clean-rooms", "beds", "clean-toilets", "vacuum", "linens", "cleaning-agents", "hygiene-cleaning"],  # room attendant
    OCCUPATION + "92cba6b4-8fca-49bb-b68c-45c5096fedc9": ["clean-glass", "cleaning-agents", "health-safety", "hygiene-cleaning"],  # window cleaner
    OCCUPATION + "d38c2107-98f2-47b7-8bb4-f69750d51082": ["basic-support", "elderly", "empathy", "first-aid", "health-safety", "multicultural-care", "nursing-principles", "teams"],  # healthcare assistant
    OCCUPATION + "1391bdf9-bd61-4fb5-91ca-c29036ab2b60": ["elderly", "basic-support", "laundry", "cooking", "clean-rooms", "empathy", "first-aid"],  # home care aide
    OCCUPATION + "8d703e8f-1e57-4246-8a6b-cb87a760d4ab": ["disability-community", "disability-care", "elderly", "empathy", "multicultural-care", "teams"],  # social care worker
    OCCUPATION + "3413f234-6230-47a8-8cc7-2691fd54ce3a": ["supervise-children", "children-needs", "homework", "youth-activities", "youth-communication", "youth-positive", "child-protection", "first-aid"],  # child care worker
    OCCUPATION + "0a5356bc-7f81-4e40-971d-c1dc789c5fb4": ["supervise-children", "children-needs", "homework", "cooking", "laundry", "first-aid"],  # nanny
    OCCUPATION + "099c6bb0-22d3-4c5d-8bf5-70910af381ef": ["hair-cutting", "wash-hair", "dye-hair", "style-hair", "customer-needs", "hair-products-sell", "payments", "health-safety"],  # hairdresser
    OCCUPATION + "55f6380c-7511-4c33-8fc4-c74f10f524fa": ["wash-hair", "dye-hair", "work-area-clean", "greet-guests", "verbal-instructions"],  # hairdresser assistant
    OCCUPATION + "a1e1a788-2352-4172-8fcf-1f985a6968b0": ["cosmetics", "cosmetics-advice", "massage", "recommend-cosmetics", "customer-needs", "health-safety"],  # aesthetician
    OCCUPATION + "bced9b86-d4e7-42f8-bb47-acb2001b9bd0": ["nails", "cosmetics", "recommend-cosmetics", "customer-service", "work-area-clean"],  # manicurist
    OCCUPATION + "f2b15a0e-e65a-438a-affb-29b9d50b77d1": ["develop-software", "debug", "oop", "databases", "sql", "python", "java", "javascript", "software-design", "user-docs", "teams"],  # software developer
    OCCUPATION + "c40a2919-48a9-40ea-b506-1f34f693496d": ["web-programming", "front-end", "javascript", "debug", "databases", "graphics"],  # web developer
    OCCUPATION + "aaeec9a7-dc57-4485-890c-86b3eef735f9": ["ict-support", "ict-problems", "install-software", "communicate-customers", "troubleshoot", "user-docs"],  # ICT help desk agent
    OCCUPATION + "3e7bf729-4442-4b9f-ad5e-83111963795c": ["ict-problems", "install-software", "install-os", "maintain-ict", "configure-ict", "ict-support", "troubleshoot"],  # ICT technician
    OCCUPATION + "5dbb9cf0-b226-402c-a295-2f42ef05ff8b": ["switches", "sockets", "lighting", "test-electrical", "electrical-supplies", "repair-wiring", "troubleshoot", "blueprints", "construction-safety", "hand-tools"],  # domestic electrician
    OCCUPATION + "33960bab-4423-4808-af6c-ec2b485dba41": ["switches", "sockets", "lighting", "test-electrical", "electrical-supplies", "blueprints", "construction-safety", "ppe", "power-tools"],  # building electrician
    OCCUPATION + "15620506-fb5d-49cd-87a2-1c9047fb406a": ["paint-surfaces", "prepare-painting", "wallpaper", "plaster", "sanding", "hand-tools", "ppe", "construction-safety"],  # construction painter
    OCCUPATION + "2a22ff9e-de3b-408d-b312-5034896cc4f4": ["manipulate-wood", "join-wood", "sand-wood", "measuring", "power-tools", "hand-tools", "blueprints", "construction-safety", "ppe"],  # carpenter
    OCCUPATION + "e1416610-ad08-4f37-8b46-9f99632a5c0f": ["manipulate-wood", "join-wood", "sand-wood", "measure-materials", "power-tools", "plans-2d"],  # cabinet maker
    OCCUPATION + "ed3cf43d-c2c1-4c46-82fc-1375e27e0290": ["plumbing", "pvc-pipes", "measuring", "blueprints", "construction-supplies", "power-tools", "construction-safety"],  # plumber
    OCCUPATION + "02447817-ea01-4d8b-b09c-8bc128e447e6": ["tiles", "measuring", "prepare-painting", "hand-tools", "construction-safety", "plans-2d"],  # tile fitter
    OCCUPATION + "978ae3a2-0831-415a-8396-b84dde656fc5": ["sew-fabric", "alter-apparel", "cut-fabrics", "manual-sewing", "manufacture-apparel", "measure-materials", "customer-needs"],  # tailor
    OCCUPATION + "517c01aa-e875-4690-bf38-17307a57eafe": ["sew-fabric", "sew-textiles", "cut-fabrics", "manufacture-apparel", "written-instructions"],  # sewing machinist
    OCCUPATION + "69bcbb0a-8d80-4ecd-b0a4-9adea2a40de2": ["graphics", "design-sketches", "digital-images", "edit-photos", "computer-literacy"],  # graphic designer
    OCCUPATION + "66542dd6-05a6-4d9e-97ff-3f4858c31ff9": ["edit-photos", "digital-images", "communicate-customers", "independent"],  # photographer
    OCCUPATION + "f6803a58-91d9-4251-9a07-09fc387cec16": ["instruments", "music-solo", "music-ensemble", "sing", "stress"],  # musician
    OCCUPATION + "374d925a-107b-4c99-bc8b-75483441f062": ["artwork", "design-sketches", "decorative-designs", "independent"],  # artistic painter
}
# fmt: on
