"""Repository-level checks: manifests, XML, Python, access rules and the wheel."""

import ast
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from odoo.tests import TransactionCase, tagged

from .conftest import (
    ALL_ADDONS,
    BRIDGE_ADDON,
    DISTRIBUTOR_BRIDGE_ADDON,
    MAIN_ADDONS,
    RECRUITMENT_ADDON,
    ROOT,
    STOCK_BRIDGE_ADDON,
    VISIT_BRIDGE_ADDON,
    tracked_files,
)

EXPECTED_DEPENDS = {
    "b2b_base": {"base"},
    "b2b_xlsx": {"base", "b2b_base"},
    "key_account_management": {
        "crm",
        "sale_management",
        "sale_crm",
        "contacts",
        "b2b_base",
        "b2b_xlsx",
    },
    "channel_credit": {"sale_management", "account", "portal", "b2b_base", "b2b_xlsx"},
    "distributor_management": {"sale_management", "account", "portal", "b2b_base", "b2b_xlsx"},
    "channel_credit_key_account": {"key_account_management", "channel_credit"},
    "channel_credit_distributor": {"distributor_management", "channel_credit"},
    "channel_credit_stock": {"channel_credit", "sale_stock"},
    "distributor_recruitment": {"distributor_management", "crm", "sale_crm"},
    "distributor_key_account": {"distributor_management", "key_account_management"},
}


def read_manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_manifest_is_valid(addon):
    manifest = read_manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "LGPL-3"
    assert set(manifest["depends"]) == EXPECTED_DEPENDS[addon]
    # An app with its own menu; Channel Credit lives in Sales and Invoicing.
    applications = ("key_account_management", "distributor_management")
    assert manifest.get("application", False) is (addon in applications)
    for key in ("data", "demo"):
        for rel in manifest.get(key, []):
            assert (ROOT / addon / rel).is_file(), f"{addon}: {key} file {rel} is missing"
    for rel in ("static/description/icon.png", "static/description/index.html", "i18n/zh_CN.po"):
        assert (ROOT / addon / rel).is_file(), f"{addon}: {rel} is missing"
    assert (ROOT / addon / "i18n" / f"{addon}.pot").is_file()


def version_tuple(version):
    return tuple(int(part) for part in version.split("."))


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_migrations_run_up_to_the_manifest_version(addon):
    """A migration folder above the manifest's version never runs; one with other files than
    Odoo's pre-/post-/end-migration.py does not do what it says."""
    version = version_tuple(read_manifest(addon)["version"])
    folder = ROOT / addon / "migrations"
    for step in sorted(folder.iterdir()) if folder.is_dir() else []:
        assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", step.name), step
        assert version_tuple(step.name) <= version, f"{step} is above {addon}'s version"
        scripts = {f.name for f in step.iterdir() if f.name != "__pycache__"}
        assert scripts and scripts <= {"pre-migration.py", "post-migration.py", "end-migration.py"}


def test_releases_list_names_commits_of_this_history():
    """scripts/upgrade-test updates from the releases listed: each must be a commit here."""
    lines = (ROOT / "scripts" / "releases").read_text(encoding="utf-8").splitlines()
    commits = [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]
    assert len(commits) >= 2
    for commit in commits:
        found = subprocess.run(
            ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], check=False
        )
        assert found.returncode == 0, f"{commit} in scripts/releases is not a commit here"


def test_main_addons_do_not_depend_on_each_other():
    for addon in MAIN_ADDONS:
        others = set(MAIN_ADDONS) - {addon}
        assert not others & set(read_manifest(addon)["depends"])
    assert read_manifest(BRIDGE_ADDON)["auto_install"] is True
    assert read_manifest(STOCK_BRIDGE_ADDON)["auto_install"] is True
    assert read_manifest(DISTRIBUTOR_BRIDGE_ADDON)["auto_install"] is True
    assert read_manifest(RECRUITMENT_ADDON)["auto_install"] is True
    assert read_manifest(VISIT_BRIDGE_ADDON)["auto_install"] is True


def test_every_xml_file_parses():
    files = list(tracked_files(".xml"))
    assert files
    for path in files:
        etree.parse(str(path))


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_each_views_file_holds_its_own_models_records(addon):
    """views/<model>_views.xml and wizards/<model>_views.xml hold the views and actions of
    that model only; the menus file holds menus."""
    for folder in ("views", "wizards"):
        for path in sorted((ROOT / addon / folder).glob("*.xml")):
            root = etree.parse(str(path)).getroot()
            for record in root.iter("record"):
                target = record.find("field[@name='model']")
                if record.get("model") == "ir.actions.act_window":
                    target = record.find("field[@name='res_model']")
                if record.get("model") not in ("ir.ui.view", "ir.actions.act_window"):
                    continue
                assert not path.stem.endswith("_menus"), f"{path.name}: {record.get('id')}"
                model = target.text.replace(".", "_")
                assert path.stem == f"{model}_views", f"{path.name}: {record.get('id')}"


def _model_classes(addon):
    """(file, model, class node) of every model class in an addon's models/ and wizards/."""
    for path in sorted((ROOT / addon).glob("*/*.py")):
        if path.parent.name not in ("models", "wizards"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {
                n.targets[0].id: n.value
                for n in node.body
                if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
            }
            value = attrs.get("_name") or attrs.get("_inherit")
            if isinstance(value, ast.List):
                value = value.elts[0]
            if isinstance(value, ast.Constant):
                yield path, value.value, node


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_a_models_crud_overrides_live_in_one_file(addon):
    """CONTRIBUTING.md: a big model's concerns live in concern files, its create, write, copy
    and unlink overrides in one of them."""
    files = {}
    for path, model, node in _model_classes(addon):
        if any(
            isinstance(n, ast.FunctionDef) and n.name in ("create", "write", "copy", "unlink")
            for n in node.body
        ):
            files.setdefault(model, set()).add(path.name)
    assert {model: names for model, names in files.items() if len(names) > 1} == {}


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_no_model_file_imports_another(addon):
    """CONTRIBUTING.md: what several files share lives in const.py or rules.py, not in one of
    the model, wizard or report files that another imports from."""
    imports = []
    for path in sorted((ROOT / addon).glob("*/*.py")):
        if path.parent.name not in ("models", "wizards", "report") or path.name == "__init__.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                imports.append(f"{path.parent.name}/{path.name}: from .{node.module}")
    assert imports == []


def test_every_python_file_compiles():
    files = list(tracked_files(".py"))
    assert len(files) > 5
    for path in files:
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_views_use_odoo18_syntax():
    for path in tracked_files(".xml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<tree[\s>]|\battrs=|\bstates=", text), path


def test_wheel_contains_both_addons_and_their_data(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("setup.py", *ALL_ADDONS):
        subprocess.run(["cp", "-r", str(ROOT / name), str(src / name)], check=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(tmp_path / "dist"), str(src)],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for addon in ALL_ADDONS:
        prefix = f"odoo/addons/{addon}/"
        manifest = read_manifest(addon)
        expected = {"__init__.py", "__manifest__.py", "i18n/zh_CN.po", f"i18n/{addon}.pot"}
        expected.add("static/description/icon.png")
        expected |= {*manifest.get("data", []), *manifest.get("demo", [])}
        missing = {prefix + rel for rel in expected} - names
        assert not missing, f"wheel lacks {sorted(missing)}"
        assert prefix + "models/__init__.py" in names
    assert not any(n.startswith("odoo/__init__") or n == "odoo/addons/__init__.py" for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert re.search(r"^Requires-Dist: xlsxwriter", text, re.M | re.I)


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_readme_is_generated_from_fragments(addon):
    """README.rst is generated by oca-gen-addon-readme from readme/*.md (CONTRIBUTING.md)."""
    for rel in ("readme/DESCRIPTION.md", "readme/USAGE.md", "README.rst"):
        assert (ROOT / addon / rel).is_file(), f"{addon}: {rel} is missing"
    readme = (ROOT / addon / "README.rst").read_text(encoding="utf-8")
    assert "Generated by oca-gen-addon-readme" in readme, f"{addon}: README.rst not generated"
    assert "!! source digest: sha256:" in readme, f"{addon}: README.rst not generated"


@tagged("post_install", "-at_install", "b2b_repository")
class TestAccessRules(TransactionCase):
    def test_every_model_of_the_addons_has_access_rules(self):
        ours = [
            name
            for name, model in self.env.registry.items()
            if model._original_module in ALL_ADDONS and not model._abstract
        ]
        for name in ours:
            access = self.env["ir.model.access"].search([("model_id.model", "=", name)])
            self.assertTrue(access, f"{name} has no access rules")


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_odoo_runs_every_test_module(addon):
    """Odoo's own runner (--test-enable) only sees the test modules tests/__init__.py imports;
    pytest finds them all by name, so a missing import would hide them from every other CI."""
    tests = ROOT / addon / "tests"
    modules = {path.stem for path in tests.glob("test_*.py")}
    init = (tests / "__init__.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^from \. import (test_\w+)$", init, re.M))
    assert modules, f"{addon} has no tests"
    assert modules <= imported, f"{addon}/tests/__init__.py misses {sorted(modules - imported)}"


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_chinese_translation_covers_every_term(addon):
    import polib

    pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    po = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(ROOT / addon / "i18n" / "zh_CN.po"))
    }
    assert len(pot)
    untranslated = [e.msgid for e in pot if not po.get((e.msgctxt, e.msgid))]
    assert not untranslated, f"{addon}: zh_CN.po lacks {untranslated[:10]}"


def test_pytest_collects_every_addon():
    """CI runs pytest with pyproject.toml's testpaths: an addon missing there has its tests
    silently left out (the distributor addons were, for a stop)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    testpaths = set(config["tool"]["pytest"]["ini_options"]["testpaths"])
    assert set(ALL_ADDONS) <= testpaths, sorted(set(ALL_ADDONS) - testpaths)
