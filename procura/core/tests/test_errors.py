from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from procura.core.errors import Conflict, flatten_errors, problem_exception_handler
from procura.core.money import line_amount, round_money, to_decimal


def test_nested_validation_errors_flatten_to_dotted_paths():
    detail = {
        "title": ["This field is required."],
        "items": [{}, {"quantity": ["Must be positive."]}],
        "non_field_errors": ["Totals do not add up."],
    }

    assert flatten_errors(detail) == {
        "title": ["This field is required."],
        "items.1.quantity": ["Must be positive."],
        "non_field_errors": ["Totals do not add up."],
    }


def test_domain_error_becomes_problem_json_with_its_status_code_and_data():
    response = problem_exception_handler(
        Conflict("Only 3 on hand.", code="insufficient_stock", data={"available": "3.000"}), {}
    )

    assert response.status_code == 409
    assert (
        response["Content-Type"].startswith("application/problem+json")
        or response.content_type == "application/problem+json"
    )
    assert response.data["code"] == "insufficient_stock"
    assert response.data["type"] == "urn:procura:problem:insufficient_stock"
    assert response.data["available"] == "3.000"
    assert response.data["detail"] == "Only 3 on hand."


def test_django_validation_error_is_a_400_with_field_messages():
    response = problem_exception_handler(DjangoValidationError({"sku": ["Already used."]}), {})

    assert response.status_code == 400
    assert response.data["errors"] == {"sku": ["Already used."]}


def test_drf_validation_error_detail_names_the_field():
    response = problem_exception_handler(
        serializers.ValidationError({"email": ["Enter a valid e-mail."]}), {}
    )

    assert response.status_code == 400
    assert response.data["detail"] == "email: Enter a valid e-mail."


def test_unexpected_exception_is_a_500_problem_without_a_trace():
    response = problem_exception_handler(ZeroDivisionError("secret internals"), {})

    assert response.status_code == 500
    assert "secret" not in str(response.data)


def test_money_rounds_half_up_and_refuses_floats():
    assert round_money("2.345") == Decimal("2.35")
    assert round_money("-2.345") == Decimal("-2.35")
    assert line_amount(Decimal("3"), Decimal("0.3333")) == Decimal("1.00")
    assert line_amount(Decimal("10"), Decimal("9.99"), Decimal("15")) == Decimal("84.92")
    with pytest.raises(TypeError):
        to_decimal(0.1)  # type: ignore[arg-type]
