"""The cooperation network as a picture: nodes, edges and a deterministic circular layout.

The page draws it as server-rendered SVG and shows the same data as a table.
Up to ``MAX_NODES`` parties each party is a node, placed on a circle grouped by
sector (organisations of the programme form their own group). Beyond that the
picture would be unreadable, so each sector becomes one node and the edges count
the relations between sectors by kind.
"""

import math
from collections import defaultdict
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
    cooperation: Cooperation | None = None
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


def business_url(business) -> str | None:
    """The business page, once the business register has one."""
    try:
        return reverse("economy:business-detail", kwargs={"slug": business.slug})
    except NoReverseMatch:
        return None


def with_parties(queryset: QuerySet[Cooperation]) -> QuerySet[Cooperation]:
    """The relations with both parties and the businesses' sectors: one query."""
    return queryset.select_related(
        "business_a__sector", "business_b__sector", "organisation_a", "organisation_b"
    ).order_by("since", "id")


def _party_node(cooperation: Cooperation, side: str) -> Node:
    business = getattr(cooperation, f"business_{side}")
    if business is not None:
        sector = business.sector
        return Node(
            key=f"b{business.pk}",
            label=business.name,
            group=sector.slug if sector else NO_SECTOR,
            group_label=sector.name() if sector else _("No sector"),
            url=business_url(business),
        )
    organisation = getattr(cooperation, f"organisation_{side}")
    return Node(
        key=f"o{organisation.pk}",
        label=organisation.name,
        group=ORGANISATIONS,
        group_label=_("Organisations"),
    )


def _group_rank(sector_order: dict[str, int], group: str) -> int:
    if group == ORGANISATIONS:
        return -1
    return sector_order.get(group, len(sector_order))


def build_network(
    relations: list[Cooperation], sector_order: dict[str, int], max_nodes: int | None = None
) -> Network:
    """Nodes and edges of ``relations`` (parties already loaded), laid out on a circle.

    More than ``max_nodes`` (default ``MAX_NODES``) parties are grouped by sector.
    """
    max_nodes = MAX_NODES if max_nodes is None else max_nodes
    parties: dict[str, Node] = {}
    pairs = []
    for cooperation in relations:
        ends = []
        for side in ("a", "b"):
            node = _party_node(cooperation, side)
            node = parties.setdefault(node.key, node)
            node.weight += 1
            ends.append(node)
        pairs.append((cooperation, ends[0], ends[1]))

    def style(kind: str) -> tuple[str, str]:
        return KIND_STYLES[CooperationKind(kind)]

    labels = dict(CooperationKind.choices)
    grouped = len(parties) > max_nodes
    if not grouped:
        nodes = sorted(
            parties.values(),
            key=lambda n: (_group_rank(sector_order, n.group), n.label.casefold(), n.key),
        )
        edges = [
            Edge(a, b, c.kind, str(labels[c.kind]), *style(c.kind), cooperation=c)
            for c, a, b in pairs
        ]
    else:
        groups: dict[str, Node] = {}
        for party in parties.values():
            group = groups.setdefault(
                party.group, Node(party.group, party.group_label, party.group, party.group_label)
            )
            group.weight += 1
        nodes = sorted(groups.values(), key=lambda n: (_group_rank(sector_order, n.group), n.key))
        counted: dict[tuple[str, str, str], int] = defaultdict(int)
        for cooperation, a, b in pairs:
            ends = sorted((a.group, b.group), key=lambda g: _group_rank(sector_order, g))
            counted[(ends[0], ends[1], cooperation.kind)] += 1
        edges = [
            Edge(groups[a], groups[b], kind, str(labels[kind]), *style(kind), count=count)
            for (a, b, kind), count in sorted(
                counted.items(),
                key=lambda item: (
                    _group_rank(sector_order, item[0][0]),
                    _group_rank(sector_order, item[0][1]),
                    KIND_ORDER.index(item[0][2]),
                ),
            )
        ]
    network = Network(nodes, edges, grouped, 0, len(relations))
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
        node.label_y = round(centre + (radius + node.r + 6) * sin + 4, 1)
        node.anchor = "start" if cos >= -1e-9 else "end"
        slot += 1
    most = max((edge.count for edge in network.edges), default=1)
    for edge in network.edges:
        if edge.source is edge.target:
            # A loop inside the circle next to its node, one ring per kind.
            edge.loop = True
            edge.loop_r = edge.source.r + 6 + 3 * KIND_ORDER.index(edge.kind)
            dx, dy = centre - edge.source.x, centre - edge.source.y
            length = math.hypot(dx, dy) or 1.0
            edge.x1 = round(edge.source.x + dx / length * edge.loop_r, 1)
            edge.y1 = round(edge.source.y + dy / length * edge.loop_r, 1)
            if network.grouped:
                edge.width = round(1 + 7 * edge.count / most, 1)
            continue
        # Relations of different kinds between the same two nodes lie side by side.
        offset = (KIND_ORDER.index(edge.kind) - 3) * 1.5
        dx, dy = edge.target.x - edge.source.x, edge.target.y - edge.source.y
        length = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / length * offset, dx / length * offset
        edge.x1, edge.y1 = round(edge.source.x + ox, 1), round(edge.source.y + oy, 1)
        edge.x2, edge.y2 = round(edge.target.x + ox, 1), round(edge.target.y + oy, 1)
        if network.grouped:
            edge.width = round(1 + 7 * edge.count / most, 1)
