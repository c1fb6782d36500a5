from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property

from procura.core.models import TimeStampedModel
from procura.core.money import MoneyField
from procura.core.permissions import ADMIN_ROLE


class Department(TimeStampedModel):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120, unique=True)
    head = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_departments",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


def role_names_of(names: Iterable[str], *, is_superuser: bool) -> frozenset[str]:
    """A user's roles from the names of their groups; a superuser is always an admin."""
    return frozenset({*names, ADMIN_ROLE} if is_superuser else names)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address. Roles are groups (see roles.py)."""

    email = models.EmailField(max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +15125550100")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    manager = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    spending_limit = MoneyField(default=0, help_text="Largest amount this person may approve.")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to the Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "id"]
        constraints = [models.UniqueConstraint(Lower("email"), name="uniq_user_email_ci")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        self._password_removed = False

    def set_unusable_password(self) -> None:
        super().set_unusable_password()
        self._password_removed = True

    @property
    def password_replaced(self) -> bool:
        """A new password, or none at all, was set on this instance and is being saved: every
        path that does so (``set_password`` from an API service, the admin's forms,
        ``manage.py changepassword``, a shell) ends the user's sessions and API tokens on save
        (``procura.accounts.signals``). Rehashing the same password on sign-in is not a change
        (Django clears the mark before that save)."""
        raw_password_set = getattr(self, "_password", None) is not None
        return raw_password_set or getattr(self, "_password_removed", False)

    @cached_property
    def role_names(self) -> frozenset[str]:
        """Uses prefetched groups when the query loaded them. A superuser (``createsuperuser``)
        is an admin whether or not the admin group was given."""
        return role_names_of(
            (group.name for group in self.groups.all()), is_superuser=self.is_superuser
        )

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names.intersection(roles))


class ApiToken(models.Model):
    """A personal token for integrations, sent as ``Authorization: Bearer <token>``.

    Only a SHA-256 digest is stored; the token itself is shown once, when it is created.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, help_text="First characters, to recognise the token.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class SessionEndReason(models.TextChoices):
    LOGOUT = "logout", "Signed out"
    PASSWORD_CHANGED = "password_changed", "Password changed"  # noqa: S105 - a label
    DEACTIVATED = "deactivated", "User deactivated"
    REFRESH_REUSED = "refresh_reused", "A used refresh token was presented again"
    REVOKED = "revoked", "Revoked by an administrator"


class UserSession(models.Model):
    """One signed-in session: the family of refresh tokens rotated from one sign-in and every
    access token they issued, all carrying its id (JWT claim ``sid``). Ending the session
    refuses all of them at once, the access token in the cookie included."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    method = models.CharField(max_length=40, help_text="password, or sso:<provider>")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=SessionEndReason.choices, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "ended_at"])]

    def __str__(self) -> str:
        return f"session {self.id} of user {self.user_id}"


class SignInPolicy(models.Model):
    """How people may sign in, as an administrator set it (one row). Without a row the
    ``PASSWORD_SIGN_IN_ENABLED`` setting decides."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    password_sign_in = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="sign_in_policy_single_row")
        ]

    def __str__(self) -> str:
        return "password sign-in " + ("on" if self.password_sign_in else "off")
