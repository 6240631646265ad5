"""The cooperation network as a picture: nodes, edges and a deterministic circular layout.

The page draws it as server-rendered SVG and shows the same data as a table.
Up to ``MAX_NODES`` parties each party is a node, placed on a circle grouped by
sector (organisations of the programme form their own group). Beyond that the
picture would be unreadable, so each sector becomes one node and the edges count
the relations between sectors by kind.
"""

import math
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from quartier.economy.models import Cooperation, CooperationKind

MAX_NODES = 120
ORGANISATIONS = "_organisations"
NO_SECTOR = "_none"

# Kinds are told apart by colour AND dash pattern, so the picture does not rely on colour.
KIND_STYLES = {
    CooperationKind.SUPPLIER: ("#1f5f9e", ""),
    CooperationKind.JOINT_EVENT: ("#b35806", "8 4"),
    CooperationKind.SHARED_STAFF: ("#2d7d46", "2 3"),
    CooperationKind.MENTORING: ("#7b3294", "10 3 2 3"),
    CooperationKind.TRAINING_ALLIANCE: ("#a50026", "14 4"),
    CooperationKind.NEIGHBOURS: ("#00727a", "4 2"),
    CooperationKind.OTHER: ("#555555", "1 4"),
}
KIND_ORDER = [kind.value for kind in CooperationKind]
GROUPED_COLOUR = "#4a5360"


@dataclass
class Node:
    key: str
    label: str
    group: str
    group_label: str
    url: str | None = None
    weight: int = 0  # relations (or, grouped, parties) it stands for
    x: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"
    rotate: float = 0.0  # degrees, about the label's point
    r: float = 4.0


@dataclass
class Edge:
    source: Node
    target: Node
    kind: str
    kind_label: str
    colour: str
    dash: str
    count: int = 1
    cooperation: dict | None = None  # the relation's row (one party to one party)
    by_kind: list[tuple[str, int]] = field(default_factory=list)  # grouped: (kind, count)
    summary: str = ""  # grouped: the non-zero counts by kind in words
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    width: float = 1.5
    loop: bool = False  # both ends in the same node (grouped: within one sector)
    loop_r: float = 0.0


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    grouped: bool
    size: int
    relations: int
    legend: list[dict] = field(default_factory=list)

    @property
    def parties(self) -> int:
        return sum(node.weight for node in self.nodes) if self.grouped else len(self.nodes)


def business_url_pattern() -> str | None:
    """The business page's address with ``SLUG`` for the slug, once the register has one."""
    try:
        return reverse("economy:business-detail", kwargs={"slug": "SLUG"})
    except NoReverseMatch:
        return None


def with_parties(queryset: QuerySet[Cooperation]) -> QuerySet[Cooperation]:
    """The relations with both parties and the businesses' sectors: one query."""
    return queryset.select_related(
        "business_a__sector", "business_b__sector", "organisation_a", "organisation_b"
    ).order_by("since", "id")


PARTY_FIELDS = [
    f"{prefix}_{side}{suffix}"
    for side in ("a", "b")
    for prefix, suffix in (
        ("business", "_id"),
        ("business", "__name"),
        ("business", "__slug"),
        ("business", "__sector_id"),
        ("organisation", "_id"),
        ("organisation", "__name"),
    )
]


def relation_rows(queryset: QuerySet[Cooperation]) -> list[dict]:
    """What the picture needs of each relation, as plain rows: one query, no model instances
    (the page stays fast with thousands of relations)."""
    return list(
        queryset.order_by("since", "id").values(
            "id", "kind", "since", "until", "note", *PARTY_FIELDS
        )
    )


def _group_rank(sector_order: dict[str, int], group: str) -> int:
    if group == ORGANISATIONS:
        return -1
    return sector_order.get(group, len(sector_order))


def build_network(rows: list[dict], sectors: list, max_nodes: int | None = None) -> Network:
    """Nodes and edges of the relations ``rows`` (from ``relation_rows``), laid out on a circle.

    ``sectors`` in their order give the groups. More than ``max_nodes`` (default
    ``MAX_NODES``) parties are grouped by sector: one line per pair of sectors, counting
    the relations between them by kind.
    """
    max_nodes = MAX_NODES if max_nodes is None else max_nodes
    by_id = {sector.pk: (sector.slug, sector.name()) for sector in sectors}
    sector_order = {sector.slug: index for index, sector in enumerate(sectors)}
    url_pattern = business_url_pattern()
    organisations_label, no_sector_label = _("Organisations"), _("No sector")
    parties: dict[str, Node] = {}
    pairs = []
    for row in rows:
        ends = []
        for side in ("a", "b"):
            business_id = row[f"business_{side}_id"]
            key = f"b{business_id}" if business_id else f"o{row[f'organisation_{side}_id']}"
            node = parties.get(key)
            if node is None:
                if business_id:
                    group, group_label = by_id.get(
                        row[f"business_{side}__sector_id"], (NO_SECTOR, no_sector_label)
                    )
                    slug = row[f"business_{side}__slug"]
                    node = Node(
                        key=key,
                        label=row[f"business_{side}__name"],
                        group=group,
                        group_label=group_label,
                        url=url_pattern.replace("SLUG", slug) if url_pattern else None,
                    )
                else:
                    node = Node(
                        key=key,
                        label=row[f"organisation_{side}__name"],
                        group=ORGANISATIONS,
                        group_label=organisations_label,
                    )
                parties[key] = node
            node.weight += 1
            ends.append(node)
        pairs.append((row, ends[0], ends[1]))

    labels = {code: str(label) for code, label in CooperationKind.choices}
    grouped = len(parties) > max_nodes
    if not grouped:
        nodes = sorted(
            parties.values(),
            key=lambda n: (_group_rank(sector_order, n.group), n.label.casefold(), n.key),
        )
        edges = [
            Edge(a, b, row["kind"], labels[row["kind"]], *KIND_STYLES[row["kind"]], cooperation=row)
            for row, a, b in pairs
        ]
    else:
        groups: dict[str, Node] = {}
        for party in parties.values():
            group = groups.setdefault(
                party.group, Node(party.group, party.group_label, party.group, party.group_label)
            )
            group.weight += 1
        nodes = sorted(groups.values(), key=lambda n: (_group_rank(sector_order, n.group), n.key))
        counted: dict[tuple[str, str], list[int]] = {}
        for row, a, b in pairs:
            group_ends = sorted((a.group, b.group), key=lambda g: (_group_rank(sector_order, g), g))
            numbers = counted.setdefault((group_ends[0], group_ends[1]), [0] * len(KIND_ORDER))
            numbers[KIND_ORDER.index(row["kind"])] += 1
        edges = []
        for (group_a, group_b), numbers in sorted(
            counted.items(),
            key=lambda item: tuple((_group_rank(sector_order, g), g) for g in item[0]),
        ):
            edge = Edge(
                groups[group_a], groups[group_b], "", "", GROUPED_COLOUR, "", count=sum(numbers)
            )
            edge.by_kind = [
                (labels[kind], number) for kind, number in zip(KIND_ORDER, numbers, strict=True)
            ]
            edge.summary = ", ".join(
                f"{label} {number}" for label, number in edge.by_kind if number
            )
            edges.append(edge)
    network = Network(nodes, edges, grouped, 0, len(rows))
    _lay_out(network)
    network.legend = [
        {"kind": kind.value, "label": str(kind.label), "colour": colour, "dash": dash}
        for kind, (colour, dash) in KIND_STYLES.items()
    ]
    return network


def _lay_out(network: Network) -> None:
    """Place nodes evenly on a circle, a gap between groups; labels point outwards."""
    nodes = network.nodes
    count = len(nodes)
    gaps = sum(1 for i in range(1, count) if nodes[i].group != nodes[i - 1].group)
    slots = max(count + gaps, 1)
    radius = max(140.0, slots * 16 / (2 * math.pi))
    if network.grouped:
        radius = max(radius, 220.0)
    margin = 200.0
    centre = radius + margin
    network.size = round(2 * centre)
    slot = 0
    for index, node in enumerate(nodes):
        if index and node.group != nodes[index - 1].group:
            slot += 1
        angle = 2 * math.pi * slot / slots - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        if network.grouped:
            node.r = round(min(8 + math.sqrt(node.weight) * 1.5, 40), 1)
        else:
            node.r = round(4 + min(node.weight, 10) * 0.5, 1)
        node.x, node.y = round(centre + radius * cos, 1), round(centre + radius * sin, 1)
        node.label_x = round(centre + (radius + node.r + 6) * cos, 1)
        node.label_y = round(centre + (radius + node.r + 6) * sin, 1)
        # Labels point outwards along the radius, so neighbours do not overlap; on the
        # left half they are turned round to stay readable.
        degrees = math.degrees(angle)
        if cos >= -1e-9:
            node.anchor, node.rotate = "start", round(degrees, 1)
        else:
            node.anchor, node.rotate = "end", round(degrees + 180, 1)
        slot += 1
    most = max((edge.count for edge in network.edges), default=1)
    for edge in network.edges:
        if edge.source is edge.target:
            # A loop inside the circle next to its node, one ring per kind.
            edge.loop = True
            edge.loop_r = edge.source.r + 6 + 3 * (KIND_ORDER.index(edge.kind) if edge.kind else 0)
            dx, dy = centre - edge.source.x, centre - edge.source.y
            length = math.hypot(dx, dy) or 1.0
            edge.x1 = round(edge.source.x + dx / length * edge.loop_r, 1)
            edge.y1 = round(edge.source.y + dy / length * edge.loop_r, 1)
            if network.grouped:
                edge.width = round(1 + 7 * edge.count / most, 1)
            continue
        # Relations of different kinds between the same two nodes lie side by side.
        offset = (KIND_ORDER.index(edge.kind) - 3) * 1.5 if edge.kind else 0.0
        dx, dy = edge.target.x - edge.source.x, edge.target.y - edge.source.y
        length = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / length * offset, dx / length * offset
        edge.x1, edge.y1 = round(edge.source.x + ox, 1), round(edge.source.y + oy, 1)
        edge.x2, edge.y2 = round(edge.target.x + ox, 1), round(edge.target.y + oy, 1)
        if network.grouped:
            edge.width = round(1 + 7 * edge.count / most, 1)
