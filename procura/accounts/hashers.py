"""Password hashing: Argon2id with OWASP's recommended cost for a web sign-in.

Django's stock parameters (100 MiB, two passes, eight lanes) take about half a second per check
on a two-core server, which every sign-in pays. OWASP's first recommended setting (46 MiB, one
pass, one lane) keeps Argon2id's memory hardness at about a tenth of a second. Hashes made with
other parameters still verify and are rehashed with these on the next successful sign-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class ProcuraArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 1
    memory_cost = 47104  # KiB (46 MiB)
    parallelism = 1
