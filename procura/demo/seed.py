"""The demo data set: an ordered registry of seed steps.

Each step is a function ``seed(ctx: SeedContext) -> None`` in ``procura/demo/<domain>.py`` that
creates what is missing and leaves what exists alone, so ``manage.py seed_demo`` can run any
number of times. A domain adds its demo data with one line in ``SEED_STEPS``; steps run in that
order, so a later step may rely on an earlier one (orders need partners and products).
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.module_loading import import_string

logger = logging.getLogger("procura.demo")


@dataclass(frozen=True)
class SeedStep:
    name: str
    function: str  # dotted path to ``seed(ctx)``, imported when the step runs
    description: str


SEED_STEPS: tuple[SeedStep, ...] = (
    SeedStep("accounts", "procura.demo.accounts.seed", "departments and one user per role"),
    SeedStep("partners", "procura.demo.partners.seed", "suppliers, plants, customers, carriers"),
    SeedStep("catalog", "procura.demo.catalog.seed", "categories, taxes, products, supplier items"),
    SeedStep(
        "inventory", "procura.demo.inventory.seed", "cold stores, opening stock, reorder rules"
    ),
    SeedStep(
        "sales", "procura.demo.sales.seed", "orders in every state, invoices, payments, portal"
    ),
    SeedStep(
        "procurement",
        "procura.demo.procurement.seed",
        "approval rules, requests, orders, receipts, invoices, payments",
    ),
    SeedStep("trade", "procura.demo.trade.seed", "lots, catch weight, credit note, recall, deal"),
    SeedStep("buying", "procura.demo.buying.seed", "exchange rates, budgets, an RFQ in euros"),
    SeedStep(
        "history",
        "procura.demo.history.seed",
        "a year of purchases, receipts, supplier invoices, payments and sales",
    ),
)


class Output(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class SeedContext:
    """What a step gets: somewhere to report progress and a tally of what it created."""

    stdout: Output = field(default_factory=lambda: sys.stdout)
    verbosity: int = 1
    created: Counter[str] = field(default_factory=Counter)

    def log(self, message: str) -> None:
        logger.debug(message)
        if self.verbosity > 1:
            self.stdout.write(f"  {message}\n")

    def record_created(self, kind: str, count: int = 1) -> None:
        self.created[kind] += count


def step_function(step: SeedStep) -> Callable[[SeedContext], None]:
    function: Callable[[SeedContext], None] = import_string(step.function)
    return function


def run_seed(ctx: SeedContext, *, only: set[str] | None = None) -> Counter[str]:
    """Run the registered steps in order; returns how many of each kind were created."""
    unknown = (only or set()) - {step.name for step in SEED_STEPS}
    if unknown:
        raise ValueError(f"Unknown seed steps: {', '.join(sorted(unknown))}")
    for step in SEED_STEPS:
        if only and step.name not in only:
            continue
        before = sum(ctx.created.values())
        step_function(step)(ctx)
        made = sum(ctx.created.values()) - before
        if ctx.verbosity:
            ctx.stdout.write(f"{step.name}: {step.description} ({made} created)\n")
    return ctx.created
