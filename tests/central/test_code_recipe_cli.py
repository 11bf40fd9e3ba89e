"""`prossimo-central org code-recipe`: an organisation's own client-code recipe travels to its
devices with the key, and is refused once a device has it (every code would change)."""

import json
from pathlib import Path

import pytest

from desktop.store.profile import Profile
from desktop.sync.engine import enrol
from protocol.client_codes import DEFAULT_RECIPE, make_code
from tests.central.test_admin_cli import PASSWORD, run
from tests.service_process import clean_environment, running_service

RECIPE = {
    "inputs": [{"name": "father_first_name", "kind": "letters", "take": 3}, {"name": "birth_year", "kind": "year"}]
}


@pytest.fixture()
def org(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    assert run(url, "init").returncode == 0
    assert run(url, "org", "add", "Cooperativa Lodi").returncode == 0
    assert run(url, "team", "add", "Cooperativa Lodi", "Strada").returncode == 0
    return url


def test_a_configured_recipe_reaches_the_device_and_is_then_fixed(org: str, tmp_path: Path) -> None:
    shown = run(org, "org", "code-recipe", "Cooperativa Lodi")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == {
        **DEFAULT_RECIPE.as_json(),
        "possible_codes": DEFAULT_RECIPE.possible_codes(),
        "key_issued": False,
    }
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"inputs": [{"name": "birth_year", "kind": "year"}, {"name": "birth_year", "kind": "day"}]})
    )
    refused = run(org, "org", "code-recipe", "Cooperativa Lodi", "--set", str(bad))
    assert refused.returncode == 2
    assert "recipe.inputs.1.name: used twice in the recipe; nothing was changed" in refused.stderr
    good = tmp_path / "recipe.json"
    good.write_text(json.dumps(RECIPE))
    changed = run(org, "org", "code-recipe", "Cooperativa Lodi", "--set", str(good))
    assert changed.returncode == 0, changed.stderr
    assert (
        json.loads(changed.stdout)["possible_codes"] == 26**3 * 127
        or json.loads(changed.stdout)["inputs"] == RECIPE["inputs"]
    )

    added = run(
        org, "operator", "add", "--user", "anna", "--team", "Cooperativa Lodi/Strada", PROSSIMO_NEW_PASSWORD=PASSWORD
    )
    assert added.returncode == 0, added.stderr
    with running_service(org, env=clean_environment()) as service:
        profile = Profile.create(tmp_path / "device", "a long device passphrase")
        store = profile.open("a long device passphrase")
        try:
            enrol(profile, store, service.url, "anna", PASSWORD, device_name="laptop")
            codes = store.call(lambda s: s.replica.code_key())
        finally:
            store.close()
    assert codes.recipe.as_json() == RECIPE
    assert make_code(codes.key, codes.recipe, {"father_first_name": "Marco", "birth_year": 1970})

    fixed = run(org, "org", "code-recipe", "Cooperativa Lodi", "--set", str(good))
    assert (
        fixed.returncode == 2 and "a new recipe would give every person a new code; nothing was changed" in fixed.stderr
    )
    assert json.loads(run(org, "org", "code-recipe", "Cooperativa Lodi").stdout)["key_issued"] is True
