"""Each organisation's anonymous client-code key and recipe, on the service (issue 18, part 3).

Owns: making an organisation's code key (32 random bytes) the first time one of its devices asks,
at enrolment or at a sync (docs/PROTOCOL.md, "The organisation's code key"), keeping it sealed
under the service's key file (central.security.seal, bound to the organisation's id), handing it
with the recipe to a device, and setting the recipe while no key exists yet.
Must never write the key in clear to the database, a log line, an error or the audit log, and
never change a key or a recipe once made (every person would get a new code); the rules of
codes themselves are protocol.client_codes'.
"""

import logging
import secrets
import uuid

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from central import security
from central.models import Organisation
from protocol.client_codes import DEFAULT_RECIPE, KEY_BYTES, Recipe, recipe_from_json
from protocol.messages import ClientCodeKey

log = logging.getLogger(__name__)
PURPOSE = "client code key"  # the sealing purpose

_org = Organisation.__table__


class RecipeFixed(Exception):
    """The organisation's devices already have a key and recipe: changing it would change every code."""


def _recipe(stored: object) -> Recipe:
    return DEFAULT_RECIPE if stored is None else recipe_from_json(stored)


def issue(connection: Connection, key: bytes, organisation_id: uuid.UUID) -> ClientCodeKey | None:
    """The organisation's key and recipe for one of its devices, the key made on first use.

    None (and one log line, without a secret) when the stored key was sealed under another key
    file: the device is then told it has no key, and IT restores the deployment's key file.
    """
    row = connection.execute(
        select(_org.c.code_key_sealed, _org.c.code_recipe).where(_org.c.id == organisation_id)
    ).one()
    sealed, recipe = row.code_key_sealed, row.code_recipe
    if sealed is None:
        fresh = security.seal(key, PURPOSE, secrets.token_bytes(KEY_BYTES), organisation_id.bytes)
        # Set only if still unset: two devices enrolling at once on two API processes both read
        # None, and the second's key must lose, so both devices get the same key.
        connection.execute(
            update(_org)
            .where(_org.c.id == organisation_id, _org.c.code_key_sealed.is_(None))
            .values(code_key_sealed=fresh)
        )
        sealed = connection.execute(select(_org.c.code_key_sealed).where(_org.c.id == organisation_id)).scalar_one()
    secret = security.unseal(key, PURPOSE, sealed, organisation_id.bytes)
    if secret is None:
        log.error(
            "organisation %s: its client-code key was sealed under another key file; restore this "
            "deployment's key file (devices get no code key until then)",
            organisation_id,
        )
        return None
    return ClientCodeKey(key=secret.hex(), recipe=_recipe(recipe).as_json())


def set_recipe(session: Session, organisation: Organisation, recipe: Recipe) -> None:
    """Configure the organisation's recipe; refused once its key exists (see RecipeFixed)."""
    if organisation.code_key_sealed is not None:
        raise RecipeFixed(
            f"organisation {organisation.name}: its devices already make codes with the current recipe; "
            "a new recipe would give every person a new code"
        )
    organisation.code_recipe = recipe.as_json()
    session.flush()


def recipe_of(organisation: Organisation) -> Recipe:
    return _recipe(organisation.code_recipe)


def key_exists(organisation: Organisation) -> bool:
    return organisation.code_key_sealed is not None
