"""No two project modules import each other, directly or around a circle.

A cycle is what pushed imports into function bodies (a service and its tasks, a page and
the parts it shows); with none, every module can import at the top. grimp (the graph
import-linter checks its contracts on) sees imports anywhere in a module, in functions
too. Tests, migrations and the demo are left out: they only import the product.
"""

import grimp
import pytest

LEFT_OUT = ("tests", "browser_tests", "migrations", "demo", "conftest")


def is_product(module: str) -> bool:
    parts = module.split(".")
    return not any(part in LEFT_OUT or part.startswith("test_") for part in parts)


def import_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("quartier", cache_dir=None)
    modules = {module for module in graph.modules if is_product(module)}
    return {module: graph.find_modules_directly_imported_by(module) & modules for module in modules}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other (strongly connected, more than one)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        # Tarjan's algorithm, iterative: the import graph is deep enough for recursion limits.
        work = [(module, iter(sorted(graph[module])))]
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        while work:
            current, imported = work[-1]
            for other in imported:
                if other not in index:
                    index[other] = low[other] = len(index)
                    stack.append(other)
                    on_stack.add(other)
                    work.append((other, iter(sorted(graph[other]))))
                    break
                if other in on_stack:
                    low[current] = min(low[current], index[other])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[current])
                if low[current] == index[current]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == current:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_project_modules_import_each_other_in_a_circle():
    found = cycles(import_graph())
    assert found == [], "Import cycles:\n" + "\n".join(" <-> ".join(group) for group in found)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"a"}}, []),
    ],
)
def test_the_check_finds_circles_of_any_length(graph, expected):
    assert cycles(graph) == expected


def test_the_graph_holds_the_product_and_not_its_tests():
    graph = import_graph()
    assert "quartier.people.rights" in graph
    assert "quartier.accounts.models" in graph["quartier.people.models"]
    assert not any(not is_product(module) for module in graph)
