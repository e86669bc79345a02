"""DESIGN.md §5: the core runs without Qt. Imported in a fresh interpreter so nothing else loads Qt first."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import schooldesk

CORE = ("domain", "db", "services", "imports", "exports")
PACKAGE = Path(schooldesk.__file__).parent


def _core_modules() -> list[str]:
    modules = []
    for layer in CORE:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            if any(part.endswith("migrations") for part in path.parts):
                continue  # run by Alembic, not imported
            dotted = path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
            modules.append(dotted.removesuffix(".__init__"))
    return modules


def test_core_imports_no_qt() -> None:
    modules = _core_modules()
    assert len(modules) > 15
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"core layers loaded Qt: {done.stdout}"


def test_ui_is_the_only_layer_that_imports_pyside() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for layer in CORE
        for path in (PACKAGE / layer).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_ui_builds_no_queries() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if any(word in path.read_text(encoding="utf-8") for word in ("sqlalchemy", "select(", "session."))
    ]
    assert offenders == []


def test_the_readme_links_only_to_files_a_clone_has() -> None:
    """A link or path to a design file outside the repository is dead for everyone who clones it."""
    import re

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    links = {target for target in re.findall(r"\]\(([^)#\s]+)", readme) if not target.startswith("http")}
    assert links and not [target for target in links if not (root / target).exists()]
    assert "../" not in readme  # nothing the clone does not contain


ROOT = PACKAGE.parent


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts: the layers with the command line on top, a Qt-free core, a pure
    domain, no SQLAlchemy in the UI. Run in a fresh interpreter in the checkout, as `lint-imports` would be."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
                               "sys.exit(lint_imports(no_cache=True, no_logo=True))"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "4 kept, 0 broken" in done.stdout  # every contract was read and checked


def test_no_module_imports_itself_round_a_circle() -> None:
    """No import circle between the package's modules (those under TYPE_CHECKING aside): a newcomer can read
    any module knowing only what lies below it."""
    import grimp

    graph = grimp.build_graph("schooldesk", exclude_type_checking_imports=True, cache_dir=None)
    circles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                circles.add(tuple(sorted((module, imported))))
    assert not circles, sorted(circles)[:10]
