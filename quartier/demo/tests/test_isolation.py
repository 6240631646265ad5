"""The demo stays out of the product: no product module imports ``quartier.demo``.

Tests may import the demo (its logins and password, its builders); product code may not,
not even inside a function. The check reads the source with ``ast``, so an import that
runs only on some paths is caught too.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # quartier/
DEMO = "quartier.demo"


def is_test_code(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return (
        parts[0] in ("demo", "browser_tests")
        or "tests" in parts
        or path.name == "conftest.py"
        or path.name.startswith("test_")
    )


def product_modules() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py")) if not is_test_code(path)]


def module_name(path: Path) -> str:
    parts = ["quartier", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in ``source``, anywhere in it, relative ones resolved.

    ``from a import b`` counts as importing ``a`` and ``a.b``: ``from quartier import demo``
    imports the demo as much as ``import quartier.demo`` does.
    """
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            anchor = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def imports_demo(name: str) -> bool:
    return name == DEMO or name.startswith(DEMO + ".")


def test_no_product_module_imports_the_demo():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in product_modules()
        for line, name in imported_modules(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
        if imports_demo(name)
    ]
    assert offenders == [], "Product code must not import the demo:\n" + "\n".join(offenders)


def test_the_check_reads_the_product_only():
    names = {module_name(path) for path in product_modules()}
    assert {
        "quartier.settings",
        "quartier.accounts.models",
        "quartier.economy.network.views",
    } <= names
    assert not any(imports_demo(name) or ".tests" in name for name in names)
    assert not any(name.startswith("quartier.browser_tests") for name in names)


def test_the_check_catches_every_kind_of_import():
    source = (
        "import quartier.demo.logins\n"
        "from quartier import demo\n"
        "def later():\n"
        "    from ..demo.programme import create_demo_programme\n"
        "from quartier.demography import census\n"
        "from . import demo\n"
    )
    found = imported_modules(source, "quartier.economy.made_up")
    assert sorted({line for line, name in found if imports_demo(name)}) == [1, 2, 4]
    # In a package's __init__.py, "." is the package itself.
    in_package = imported_modules("from .. import demo\n", "quartier.economy", is_package=True)
    assert (1, "quartier.demo") in in_package
    at_top = imported_modules("from . import demo\n", "quartier", is_package=True)
    assert (1, "quartier.demo") in at_top
