"""The apps stack one way: an app imports only the apps below it. News travels up through
the signals the lower app defines (e.g. elearning.signals.module_completed)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = [
    "accounts",
    "home",
    "elearning",
    "courses",
    "bookings",
    "programmes",
    "certificates",
    "impact",
]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & set(LAYERS)


def modules_of(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("app", [app for app in LAYERS if (ROOT / app).is_dir()])
def test_an_app_imports_only_the_apps_below_it(app):
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    upward = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) - allowed)
        for path in modules_of(app)
        if imported_apps(path) - allowed
    }
    assert upward == {}
