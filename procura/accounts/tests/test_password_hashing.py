"""Production password hashing: Argon2id first, older hashes upgraded on sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password

from procura.accounts.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "procura.accounts.hashers.ProcuraArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]


def test_production_settings_hash_with_argon2id_first():
    from procura import settings as production

    assert production.PASSWORD_HASHERS == PRODUCTION_HASHERS


@pytest.mark.parametrize(
    ("old_hasher", "old_prefix"),
    [
        ("pbkdf2_sha256", "pbkdf2_sha256$"),
        ("argon2", "argon2$argon2id$v=19$m=102400,t=2,p=8$"),
        ("argon2-46MiB", "argon2$argon2id$v=19$m=47104,t=1,p=1$"),
    ],
)
def test_sign_in_upgrades_an_older_hash_to_argon2id(
    settings, make_user, browser, old_hasher, old_prefix
):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = make_user("requester", email="old@example.com")
    if old_hasher == "argon2":
        user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    elif old_hasher == "argon2-46MiB":

        class Earlier(Argon2PasswordHasher):
            time_cost, memory_cost, parallelism = 1, 47104, 1

        user.password = Earlier().encode(PASSWORD, Earlier().salt())
    else:
        user.password = make_password(PASSWORD, hasher=old_hasher)
    user.save(update_fields=["password"])
    assert user.password.startswith(old_prefix)

    response = browser().login("old@example.com")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_wrong_password_on_an_older_hash_changes_nothing(settings, make_user, browser):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = make_user("requester", email="old@example.com")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    before = user.password

    response = browser().login("old@example.com", "not-the-password")

    assert response.status_code in (400, 401)
    user.refresh_from_db()
    assert user.password == before
