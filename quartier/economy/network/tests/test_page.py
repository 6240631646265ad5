"""The network page: accessible server-rendered SVG, the same data as a table, filters, counts."""

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from anyascii import anyascii
from django.urls import reverse
from django.utils.text import slugify

from quartier.economy.models import Business, Sector
from quartier.economy.network import graph as network_graph
from quartier.economy.network.cooperation import record_cooperation

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def make_business(name: str, sector: str = "gastronomy") -> Business:
    return Business.objects.create(
        name=name, slug=slugify(anyascii(name)), sector=Sector.objects.get(slug=sector)
    )


@pytest.fixture
def relations(home_org, other_org):
    café, shop, studio = (
        make_business("Café Morgen"),
        make_business("Laden & Co", "retail"),
        make_business("Atelier Ost", "culture-creative"),
    )
    record_cooperation(café, shop, "supplier", date(2024, 3, 1), None)
    record_cooperation(café, shop, "event", date(2024, 6, 1), None, until=date(2024, 6, 2))
    record_cooperation(studio, home_org, "mentoring", date(2025, 1, 15), None)
    record_cooperation(shop, other_org, "neighbours", date(2025, 2, 1), None)
    return café, shop, studio


def svg_of(html: str) -> ET.Element:
    match = re.search(r"<svg class=\"network\".*?</svg>", html, re.S)
    assert match, "no network picture"
    return ET.fromstring(match.group(0))


def table_rows(html: str) -> list[list[str]]:
    table = html.split('<table class="network-table">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_network_is_an_accessible_picture_with_the_same_data_as_the_table(
    client, personas, relations, django_assert_num_queries
):
    café, shop, studio = relations
    client.force_login(personas["counsellor"])
    url = reverse("economy:network")
    # session, user, memberships, sectors, the relations with both parties and
    # sectors, the counts per period (one aggregate)
    with django_assert_num_queries(6):
        response = client.get(url)
    html = response.content.decode()
    svg = svg_of(html)
    # Drawn one by one, the picture is a group of links (links may not sit inside an img).
    assert svg.get("role") == "group"
    assert svg.get("aria-labelledby") == "network-title"
    assert svg.find(f"{SVG}title").text == "Cooperation network"
    assert "4 relations among 5 businesses and organisations" in svg.find(f"{SVG}desc").text
    nodes = svg.findall(".//*[@class='node']")
    edges = [e for e in svg.iter() if (e.get("class") or "").startswith("edge ")]
    assert len(nodes) == 5
    assert len(edges) == 4
    rows = table_rows(html)
    assert len(rows) == len(edges)
    # Every node and edge says what it is; businesses link to their page.
    titles = [node.find(f"{SVG}title").text for node in nodes]
    assert "Laden & Co (Retail): 3 relations" in titles
    assert "Beratung Ost (Organisations): 1 relation" in titles
    business_links = {node.get("href") for node in nodes if node.tag == f"{SVG}a"}
    assert len(business_links) == 3
    assert {e.get("data-kind") for e in edges} == {"supplier", "event", "mentoring", "neighbours"}
    assert rows[0][:3] == ["Café Morgen (Gastronomy)", "Laden &amp; Co (Retail)", "Supplier"]
    # The legend names every kind in words.
    assert "Neighbours&#x27; initiative" in html.split('class="network-legend"', 1)[1]


def test_the_layout_is_deterministic(client, personas, relations):
    client.force_login(personas["advisor"])
    first = client.get(reverse("economy:network")).content.decode()
    second = client.get(reverse("economy:network")).content.decode()
    assert re.search(r"<svg class=\"network\".*?</svg>", first, re.S).group(0) == re.search(
        r"<svg class=\"network\".*?</svg>", second, re.S
    ).group(0)


def test_the_network_filters_by_kind_sector_and_period(client, personas, relations):
    client.force_login(personas["advisor"])
    url = reverse("economy:network")
    rows = table_rows(client.get(url, {"kind": "mentoring"}).content.decode())
    assert [row[:3] for row in rows] == [
        [
            "Atelier Ost (Culture and creative industries)",
            "Beratung Ost (Organisations)",
            "Mentoring",
        ]
    ]
    rows = table_rows(client.get(url, {"sector": "retail"}).content.decode())
    assert len(rows) == 3
    rows = table_rows(
        client.get(url, {"start": "2024-07-01", "end": "2024-12-31"}).content.decode()
    )
    assert [row[2] for row in rows] == ["Supplier"]
    html = client.get(url, {"start": "2025-01-01", "end": "2024-01-01"}).content.decode()
    assert "The end of the period lies before its start." in html


def test_the_counts_table_shows_relations_active_per_period(client, personas, relations):
    client.force_login(personas["viewer"])
    html = client.get(
        reverse("economy:network"), {"start": "2024-01-01", "end": "2025-03-31", "by": "year"}
    ).content.decode()
    counts = html.split('<table class="network-counts">', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">2024</th><th scope="col">2025</th>' in counts
    assert '<th scope="row">Supplier</th><td>1</td><td>1</td>' in counts
    assert '<th scope="row">All kinds</th><td>2</td><td>3</td>' in counts


def test_many_parties_are_grouped_by_sector(client, personas, relations, monkeypatch):
    monkeypatch.setattr(network_graph, "MAX_NODES", 3)
    client.force_login(personas["lead"])
    html = client.get(reverse("economy:network")).content.decode()
    svg = svg_of(html)
    nodes = svg.findall(".//*[@class='node']")
    # Organisations, gastronomy, retail, culture: one node each.
    assert sorted(node.get("data-key") for node in nodes) == [
        "_organisations",
        "culture-creative",
        "gastronomy",
        "retail",
    ]
    edges = [e for e in svg.iter() if (e.get("class") or "").startswith("edge ")]
    rows = table_rows(html)
    # One line per pair of sectors: café–shop (two kinds), studio–lead org, shop–other org.
    assert len(edges) == len(rows) == 3
    assert sum(int(row[2]) for row in rows) == 4
    # Sector, sector, relations, then one column per kind (supplier, joint event, …).
    assert ["Retail", "Gastronomy", "2", "1", "1", "0", "0", "0", "0", "0"] in rows
    titles = [edge.find(f"{SVG}title").text for edge in edges]
    assert "Retail – Gastronomy: 2 relations (Supplier 1, Joint event 1)" in titles
    assert svg.get("data-grouped") == "yes"
    assert svg.get("role") == "img"  # no links in the grouped picture
    assert svg.get("aria-labelledby") == "network-title network-desc"


def test_no_relations_no_picture(client, personas):
    client.force_login(personas["advisor"])
    html = client.get(reverse("economy:network")).content.decode()
    assert "No relations match these filters." in html
    assert '<svg class="network"' not in html


@pytest.mark.parametrize("persona", ["resident", "employer", "no_role"])
def test_the_network_refuses_who_is_not_staff(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(reverse("economy:network")).status_code == 403
    assert client.get(reverse("economy:cooperations")).status_code == 403


def test_anonymous_visitors_must_sign_in_for_the_network(client):
    response = client.get(reverse("economy:network"))
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_coordinates_are_not_localised_in_german(client, personas, relations):
    client.force_login(personas["advisor"])
    html = client.get("/de/staff/economy/network/").content.decode()
    svg = svg_of(html)
    numbers = [svg.get("width")] + [
        element.get(name)
        for element in svg.iter()
        for name in ("cx", "cy", "r", "x1", "y1", "x2", "y2", "x", "y", "stroke-width")
        if element.get(name) is not None
    ]
    assert numbers and all(re.fullmatch(r"\d+(\.\d+)?", number) for number in numbers), numbers


def test_bad_network_filters_are_ignored_with_a_message(client, personas, relations):
    client.force_login(personas["advisor"])
    url = reverse("economy:network")
    everything = table_rows(client.get(url).content.decode())
    response = client.get(url, {"sector": "no-such-sector", "by": "century", "start": "soon"})
    assert response.status_code == 200
    assert table_rows(response.content.decode()) == everything
    assert "Select a valid choice." in response.content.decode()
    # A reversed period is left out; the kind still applies.
    html = client.get(
        url, {"kind": "mentoring", "start": "2025-01-01", "end": "2024-01-01"}
    ).content.decode()
    assert "The end of the period lies before its start." in html
    assert [row[2] for row in table_rows(html)] == ["Mentoring"]
