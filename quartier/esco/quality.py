"""A fixed list of queries with the concepts a good answer contains, shared by the
search-quality test and `bench/esco_search.py`.

A query counts as a hit when one of its expected concepts is among the first five
results. Search queries go through `search.search`; descriptions through
`suggest.suggest` (occupations and skills together).
"""

import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from quartier.esco.search import search
from quartier.esco.suggest import suggest

OCC = "http://data.europa.eu/esco/occupation/"
SKL = "http://data.europa.eu/esco/skill/"

COOK = {OCC + "90f75f67-495d-49fa-ab57-2f320e251d7e"}
KITCHEN = COOK | {
    OCC + "e1cf6897-158d-4b48-a39e-2a3a8cac216c",  # kitchen assistant
    OCC + "f756fdab-7726-4c48-bfcc-94ff8810fc08",  # kitchen porter
}
HAIRDRESSER = {
    OCC + "099c6bb0-22d3-4c5d-8bf5-70910af381ef",
    OCC + "82dea303-26e1-4bbc-a07c-cff3cac6b50e",  # hair stylist
}
CASHIER = {OCC + "2b871272-bd61-4206-bd1a-0b96d7023098"}
SELLER = {
    OCC + "9ba74e8a-c40c-4228-9998-eb3c7a5c11df",  # sales assistant
    OCC + "0b15375e-dfdd-4047-9efb-096e0aaee7d2",  # shop assistant
    OCC + "c822ca35-6c36-4eab-97fa-90f2775091c3",  # market vendor
}
CLEANER = {
    OCC + "cbad55a4-c7cf-4ab6-9540-eac72b26729b",  # domestic cleaner
    OCC + "303a1e34-cb16-4054-b323-81e5eec17397",  # building cleaner
    OCC + "731ecac4-06e8-4ec2-a559-101fecbd9183",  # room attendant
}
ELECTRICIAN = {
    OCC + uuid
    for uuid in (
        "4910419f-b4af-4f59-b544-9dbebc8a74f0",
        "5dbb9cf0-b226-402c-a295-2f42ef05ff8b",
        "33960bab-4423-4808-af6c-ec2b485dba41",
        "5df63943-f1bc-4438-90f1-92768a7a23c8",
        "6656337f-67eb-4f48-b1e4-ecccdfa44dd2",
        "fd86ebe1-bad4-4486-9b76-01a48030e49a",
        "35efc04c-429a-407e-a00a-f07fd03c2743",
    )
}
DRIVER = {
    OCC + "45037d43-a8f5-4f46-b332-b2935bc305f4",  # cargo vehicle driver
    OCC + "0c408028-c48f-4df8-ba5d-c3d3be15f5a2",  # car and van delivery driver
    SKL + "2a82241a-216e-44d8-bb50-6b9a0ef82084",  # drive vehicles
}
SOFTWARE = {OCC + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"}
BAKER = {OCC + "1aadb308-432a-4d01-b54b-b4f7f76dd419"}
FORKLIFT = {
    OCC + "eeac6251-1974-42f5-91ed-513c6c883755",
    SKL + "28cb374e-6261-4133-8371-f9a5470145da",
}
WAREHOUSE = {OCC + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"}
ELDERLY = {
    SKL + "261e740b-d32d-4356-94a8-3ea29128b70b",  # tend to elderly people
    OCC + "d38c2107-98f2-47b7-8bb4-f69750d51082",  # healthcare assistant
    OCC + "1391bdf9-bd61-4fb5-91ca-c29036ab2b60",  # home care aide
}
PAYMENT = {
    SKL + "bdcac0c8-b77a-4640-9eaf-c0cf3efd1e23",
    SKL + "0cb013af-6dd9-4fb2-b34e-63dda1a5cf82",
}
NAILS = {OCC + "bced9b86-d4e7-42f8-bb47-acb2001b9bd0", SKL + "4ff89a5c-b4be-491e-aaa2-3f31fb00a2d5"}
CHILDCARE = {
    OCC + "3413f234-6230-47a8-8cc7-2691fd54ce3a",
    OCC + "3f74aad8-2d60-4be2-b059-8dba5568d530",
    SKL + "f8d4a24c-fb62-444e-9525-7aa5662f440d",  # supervise children
}
TAILOR = {
    OCC + "978ae3a2-0831-415a-8396-b84dde656fc5",
    OCC + "5589e8e0-48d9-4193-8c85-86ba9f17e0e9",
    SKL + "a3ef84f9-c436-437a-bc6f-4956ae13e1eb",  # sew pieces of fabric
}


@dataclass(frozen=True)
class Case:
    language: str
    text: str
    expected: frozenset
    mode: str = "search"  # or "suggest"


def _c(language, text, expected, mode="search"):
    return Case(language, text, frozenset(expected), mode)


CASES = [
    # German: labels, gender forms, umlauts typed without, one typo
    _c("de", "Koch", COOK),
    _c("de", "Friseurin", HAIRDRESSER),
    _c("de", "Baecker", BAKER),
    _c("de", "Elektrikr", ELECTRICIAN),
    _c("de", "Kassiererin", CASHIER),
    _c("de", "Verkäuferin", SELLER),
    _c("de", "Staplerfahrer", FORKLIFT),
    _c("de", "kassieren", PAYMENT),
    _c("de", "Altenpflege", ELDERLY),
    _c("de", "Lagerarbeiter", WAREHOUSE),
    # English
    _c("en", "cashier", CASHIER),
    _c("en", "cook", COOK),
    _c("en", "hairdreser", HAIRDRESSER),
    _c("en", "forklift", FORKLIFT),
    _c("en", "software developer", SOFTWARE),
    _c("en", "cleaner", CLEANER),
    # Arabic
    _c("ar", "طباخ", KITCHEN),
    _c("ar", "مبرمج", SOFTWARE),
    _c("ar", "كهربائي", ELECTRICIAN),
    _c("ar", "بائع", SELLER),
    _c("ar", "سائق", DRIVER),
    # Russian
    _c("ru", "продавец", SELLER),
    _c("ru", "водитель", DRIVER),
    _c("ru", "повар", KITCHEN),
    _c("ru", "кассир", CASHIER),
    # Ukrainian
    _c("uk", "прибиральниця", CLEANER),
    _c("uk", "кухар", KITCHEN),
    _c("uk", "перукар", HAIRDRESSER),
    _c("uk", "електрик", ELECTRICIAN),
    # Vietnamese
    _c("vi", "thợ làm tóc", HAIRDRESSER),
    _c("vi", "thu ngân", CASHIER | PAYMENT),
    _c("vi", "đầu bếp", KITCHEN),
    _c("vi", "thợ điện", ELECTRICIAN),
    # Kurmanji (Latin script; also typed without ş, ê, î)
    _c("kmr", "aşpêj", KITCHEN),
    _c("kmr", "firoşkar", SELLER),
    _c("kmr", "porceker", HAIRDRESSER),
    _c("kmr", "elektrîkçî", ELECTRICIAN),
    _c("kmr", "şofêr", DRIVER),
    # Descriptions in the person's own words (suggest)
    _c(
        "ar",
        "عملت في مطعم لمدة خمس سنوات، كنت أطبخ الأرز واللحم وأنظف المطبخ",
        KITCHEN | {SKL + "f19f0cda-73f4-417e-8ec9-c0cacf5e7149"},  # cook meat dishes
        "suggest",
    ),
    _c("ar", "كنت أعتني بأطفال الجيران بعد المدرسة وأساعدهم في الواجبات", CHILDCARE, "suggest"),
    _c(
        "vi",
        "Tôi đã làm việc trong tiệm làm móng tay, sơn móng và chăm sóc khách hàng",
        NAILS,
        "suggest",
    ),
    _c("vi", "Tôi may quần áo cho gia đình và sửa quần áo cho hàng xóm", TAILOR, "suggest"),
    _c(
        "ru",
        "Я работала кассиром в супермаркете и раскладывала товар на полки",
        CASHIER | PAYMENT | SELLER,
        "suggest",
    ),
    _c("uk", "Я доглядала за бабусею три роки: готувала, прала, давала ліки", ELDERLY, "suggest"),
]


@dataclass
class Outcome:
    hits: dict = field(default_factory=lambda: defaultdict(int))
    totals: dict = field(default_factory=lambda: defaultdict(int))
    latencies: list = field(default_factory=list)
    misses: list = field(default_factory=list)

    @property
    def rate(self) -> float:
        return sum(self.hits.values()) / max(sum(self.totals.values()), 1)

    def rate_of(self, language: str) -> float:
        return self.hits[language] / max(self.totals[language], 1)


def top_uris(case: Case, top: int = 5) -> list[str]:
    if case.mode == "suggest":
        occupations, skills = suggest(case.text, case.language, limit=top)
        return [s.uri for s in occupations + skills]
    return [hit.uri for hit in search(case.text, case.language, limit=top)]


def evaluate(cases=CASES, top: int = 5) -> Outcome:
    outcome = Outcome()
    for case in cases:
        started = time.perf_counter()
        found = top_uris(case, top)
        outcome.latencies.append((case, time.perf_counter() - started))
        outcome.totals[case.language] += 1
        if case.expected & set(found):
            outcome.hits[case.language] += 1
        else:
            outcome.misses.append(case)
    return outcome


# -- the suggestion test set: descriptions in seven languages ------------------------

DESCRIPTIONS = Path(__file__).parent / "tests" / "data" / "descriptions.toml"


@dataclass(frozen=True)
class Description:
    language: str
    text: str
    group: str
    expected: frozenset  # occupation URIs, any of which is a right answer


def load_descriptions(path: Path = DESCRIPTIONS) -> list[Description]:
    """The cases of the test set (see the comment at the top of the file)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    groups = {
        name: frozenset(OCC + uuid for uuid in uuids) for name, uuids in data["groups"].items()
    }
    return [
        Description(case["lang"], case["text"], case["expect"], groups[case["expect"]])
        for case in data["case"]
    ]


@dataclass
class DescriptionOutcome:
    """Top-1 and top-5 hits of the suggested occupations, per language, and the timings."""

    top1: dict = field(default_factory=lambda: defaultdict(int))
    top5: dict = field(default_factory=lambda: defaultdict(int))
    totals: dict = field(default_factory=lambda: defaultdict(int))
    seconds: list = field(default_factory=list)
    misses: list = field(default_factory=list)  # (case, the five occupations suggested)

    def rate(self, hits: dict, language: str | None = None) -> float:
        if language:
            return hits[language] / max(self.totals[language], 1)
        return sum(hits.values()) / max(sum(self.totals.values()), 1)


def evaluate_descriptions(cases: list[Description], suggest_occupations) -> DescriptionOutcome:
    """Run `suggest_occupations(text, language) -> [uri, …]` (best first) over the cases."""
    outcome = DescriptionOutcome()
    for case in cases:
        started = time.perf_counter()
        found = list(suggest_occupations(case.text, case.language))[:5]
        outcome.seconds.append(time.perf_counter() - started)
        outcome.totals[case.language] += 1
        if found[:1] and found[0] in case.expected:
            outcome.top1[case.language] += 1
        if case.expected & set(found):
            outcome.top5[case.language] += 1
        else:
            outcome.misses.append((case, found))
    return outcome
