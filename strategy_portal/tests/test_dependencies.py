"""The code depends one way (README, "How the code is layered"): this test fails when an import breaks it."""

import ast
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
# Bottom to top. Each package may import the ones named here, and nothing else of ours.
ALLOWED = {
    "common": set(),
    "audit": {"common"},
    "strategy": {"common"},
    "accounts": {"common", "audit", "strategy"},
    "partners": {"common", "audit", "strategy", "accounts"},
    "actionplans": {"common", "audit", "strategy", "accounts"},
    "public": {"common", "audit", "strategy", "accounts", "partners", "actionplans"},
    "api": {"common", "audit", "strategy", "accounts", "partners", "actionplans", "public"},
    "strategy_portal": {"common", "audit", "strategy", "accounts", "partners", "actionplans", "public", "api"},
}
# The one two-way pair the domain needs, each way through one named entry point: initiatives name partner
# regions, tracks, offices and partner organisations (partners.models), and partner pages read initiatives and
# their roll-ups (actionplans.rollup).
ENTRY_POINTS = {
    ("actionplans", "partners.models"): {"PartnerRegion", "StrategicTrack", "Office", "Organisation"},
    ("partners", "actionplans"): {"rollup"},
    ("partners", "actionplans.rollup"): None,
}
MODEL_REFERENCE = re.compile(r"^(" + "|".join(ALLOWED) + r")\.[A-Z]\w*$")


def _imports(path: Path):
    """(module, names) for each import of ours in a file, lazy ones inside functions included; and the apps
    named by string model references ("partners.StrategicTrack")."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, set()
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and MODEL_REFERENCE.match(node.value):
            app, name = node.value.split(".")
            yield f"{app}.models", {name}


def _source_files(package: str):
    for path in sorted((PROJECT / package).rglob("*.py")):
        parts = path.relative_to(PROJECT).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def test_packages_depend_one_way():
    broken = []
    for package, allowed in ALLOWED.items():
        for path in _source_files(package):
            for module, names in _imports(path):
                target = module.split(".")[0]
                if target not in ALLOWED or target == package or target in allowed:
                    continue
                if (package, module) in ENTRY_POINTS:
                    entry = ENTRY_POINTS[(package, module)]
                    if entry is None or names <= entry:
                        continue
                broken.append(f"{path.relative_to(PROJECT)} imports {module} {sorted(names)}")
    assert not broken, "\n".join(broken)


def test_tests_import_no_other_apps_test_modules():
    """Shared test helpers live in common.testing and the apps' factories, not in conftest or test modules."""
    broken = []
    for path in sorted(PROJECT.glob("*/tests/*.py")):
        own = path.relative_to(PROJECT).parts[0]
        for module, _names in _imports(path):
            parts = module.split(".")
            if module == "conftest" or (len(parts) >= 3 and parts[1] == "tests" and parts[0] != own
                                        and (parts[2] == "conftest" or parts[2].startswith("test_"))):
                broken.append(f"{path.relative_to(PROJECT)} imports {module}")
    assert not broken, "\n".join(broken)


def test_the_check_sees_a_broken_import(tmp_path, monkeypatch):
    """The checks above read real files: one that imports upward is found."""
    monkeypatch.setattr(sys.modules[__name__], "PROJECT", tmp_path)
    (tmp_path / "strategy").mkdir()
    (tmp_path / "strategy" / "models.py").write_text("from partners.models import PartnerRegion\n")
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "services.py").write_text("def f():\n    from accounts.roles import Role\n")
    (tmp_path / "partners" / "tests").mkdir(parents=True)
    (tmp_path / "partners" / "tests" / "test_x.py").write_text("from actionplans.tests.conftest import make_plan\n")
    try:
        test_packages_depend_one_way()
    except AssertionError as error:
        assert "strategy/models.py imports partners.models" in str(error)
        assert "audit/services.py imports accounts.roles" in str(error)
    else:
        raise AssertionError("an upward import went unnoticed")
    try:
        test_tests_import_no_other_apps_test_modules()
    except AssertionError as error:
        assert "partners/tests/test_x.py imports actionplans.tests.conftest" in str(error)
    else:
        raise AssertionError("a test importing another app's conftest went unnoticed")
