"""The SVG charts, read back as XML: named for screen readers, inert, mirrored in Arabic."""

import xml.etree.ElementTree as ET

import pytest

from quartier.lib.charts import HIDDEN_MARK, Series, bar_chart, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def texts(root: ET.Element, css: str) -> list[ET.Element]:
    return [t for t in root.iter(f"{SVG}text") if t.get("class") == css]


def shown(element: ET.Element) -> str:
    """A text's visible words (without the tooltip of a trimmed label)."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def every_chart(rtl: bool = False) -> list[str]:
    categories = ["Frauen", "Männer", "Divers"]
    one = [Series("Teilnehmende", [12, None, 4])]
    two = [Series("Eintritte", [12, 2, 4]), Series("Austritte", [5, None, 0])]
    common = {"title": "Teilnehmende", "description": "Nach Geschlecht", "rtl": rtl}
    return [
        bar_chart(chart_id="a", categories=categories, series=one, **common),
        bar_chart(chart_id="b", categories=categories, series=two, **common),
        bar_chart(chart_id="c", categories=categories, series=two, stacked=True, **common),
        bar_chart(chart_id="d", categories=categories, series=one, horizontal=False, **common),
        bar_chart(
            chart_id="e",
            categories=categories,
            series=two,
            horizontal=False,
            stacked=True,
            **common,
        ),
        line_chart(
            chart_id="f", categories=["2026-01", "2026-02", "2026-03"], series=two, **common
        ),
    ]


@pytest.mark.parametrize("rtl", [False, True])
def test_every_chart_is_an_image_named_by_its_title_and_description(rtl):
    for markup in every_chart(rtl):
        root = parse(markup)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and desc is not None
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert (title.text, desc.text) == ("Teilnehmende", "Nach Geschlecht")
        assert root.get("direction") == ("rtl" if rtl else "ltr")


def test_no_chart_runs_or_fetches_anything():
    for markup in every_chart():
        for element in parse(markup).iter():
            assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}image")
            assert f"{SVG}style" != element.tag
            for name in element.attrib:
                assert not name.lower().startswith("on"), name
                assert name not in ("href", "{http://www.w3.org/1999/xlink}href", "style"), name


def test_text_is_escaped():
    markup = bar_chart(
        chart_id="x",
        title='<script>alert("t")</script>',
        description="a & b",
        categories=['<img src=x onerror="1">'],
        series=[Series("s", [3])],
    )
    root = parse(markup)
    assert root.find(f"{SVG}title").text == '<script>alert("t")</script>'
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}img", "script", "img")]


def test_a_hidden_value_is_a_gap_with_the_mark_never_a_zero_bar():
    root = parse(
        bar_chart(
            chart_id="h",
            title="t",
            description="d",
            categories=["A", "B", "C"],
            series=[Series("s", [12, None, 0])],
        )
    )
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    # Only A has a bar: B is hidden, C is a true zero (no width to draw).
    assert len(bars) == 1
    assert [shown(t) for t in texts(root, "value")] == ["12", HIDDEN_MARK, "0"]


def test_a_stack_with_a_hidden_part_ends_with_the_mark_unless_its_total_is_known():
    two = [Series("w", [5, 3]), Series("m", [None, 4])]
    common = {"title": "t", "description": "d", "categories": ["A", "B"], "series": two}
    root = parse(bar_chart(chart_id="s", stacked=True, **common))
    assert [shown(t) for t in texts(root, "value")] == [HIDDEN_MARK, "7"]
    root = parse(bar_chart(chart_id="s", stacked=True, totals=[9, None], **common))
    assert [shown(t) for t in texts(root, "value")] == ["9", HIDDEN_MARK]
    # A's hidden part (9 - 5 = 4, as its table lets anyone work out) is an outline with
    # the mark, never a coloured bar.
    (rest,) = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "hidden-part"]
    (bar,) = [
        r
        for r in root.iter(f"{SVG}rect")
        if r.get("class") == "bar" and r.get("y") == rest.get("y")
    ]
    assert float(rest.get("width")) == pytest.approx(float(bar.get("width")) * 4 / 5, abs=0.2)
    assert rest.get("fill") == "#ffffff"
    assert [shown(t) for t in texts(root, "hidden")] == [HIDDEN_MARK]


def category_xs(root: ET.Element) -> list[float]:
    return [float(t.get("x")) for t in texts(root, "category")]


def test_in_arabic_the_category_axis_runs_from_the_right():
    categories = ["يناير", "فبراير", "مارس"]
    series = [Series("s", [4, 5, 6])]
    for make in (
        lambda rtl: bar_chart(
            chart_id="v",
            title="t",
            description="d",
            categories=categories,
            series=series,
            horizontal=False,
            rtl=rtl,
        ),
        lambda rtl: line_chart(
            chart_id="l", title="t", description="d", categories=categories, series=series, rtl=rtl
        ),
    ):
        ltr, rtl = category_xs(parse(make(False))), category_xs(parse(make(True)))
        assert ltr == sorted(ltr) and rtl == sorted(rtl, reverse=True)
        assert [480 - x for x in ltr] == rtl


def test_in_arabic_horizontal_bars_grow_leftwards_from_labels_on_the_right():
    def chart(rtl: bool) -> ET.Element:
        return parse(
            bar_chart(
                chart_id="h",
                title="t",
                description="d",
                categories=["A"],
                series=[Series("s", [10])],
                rtl=rtl,
            )
        )

    ltr, rtl = chart(False), chart(True)
    bar_ltr = next(r for r in ltr.iter(f"{SVG}rect") if r.get("class") == "bar")
    bar_rtl = next(r for r in rtl.iter(f"{SVG}rect") if r.get("class") == "bar")
    label_ltr, label_rtl = texts(ltr, "category")[0], texts(rtl, "category")[0]
    assert float(label_ltr.get("x")) < float(bar_ltr.get("x"))
    assert float(label_rtl.get("x")) > float(bar_rtl.get("x")) + float(bar_rtl.get("width"))
    # The label's end (its logical end) touches the bars in both directions.
    assert label_ltr.get("text-anchor") == label_rtl.get("text-anchor") == "end"


def test_a_hidden_point_breaks_the_line_and_shows_the_mark():
    root = parse(
        line_chart(
            chart_id="l",
            title="t",
            description="d",
            categories=["1", "2", "3", "4", "5"],
            series=[Series("s", [3, 4, None, 6, 7])],
        )
    )
    lines = list(root.iter(f"{SVG}polyline"))
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    assert [shown(t) for t in texts(root, "hidden")] == [HIDDEN_MARK]


def test_series_differ_by_more_than_colour():
    two = [Series("Eintritte", [12, 2, 4]), Series("Austritte", [5, 1, 0])]
    root = parse(
        line_chart(chart_id="f", title="t", description="d", categories=["1", "2", "3"], series=two)
    )
    lines = list(root.iter(f"{SVG}polyline"))
    assert len({line.get("stroke") for line in lines}) == 2
    assert len({line.get("stroke-dasharray") for line in lines}) == 2


def test_ticks_are_round_and_reach_the_top():
    assert nice_ticks(13) == [0, 5, 10, 15]
    assert nice_ticks(10) == [0, 5, 10]  # not 0, 2.5, 5, 7.5, 10, read as 0, 2, 5, 7, 10
    assert nice_ticks(100) == [0, 25, 50, 75, 100]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(1234)[-1] >= 1234
