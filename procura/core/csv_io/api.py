"""What an import endpoint validates and answers."""

from __future__ import annotations

from rest_framework import serializers

from procura.core.serializers import ProcuraSerializer


class ImportQuerySerializer(ProcuraSerializer):
    dry_run = serializers.BooleanField(
        default=True, help_text="true: only check and report; false: write (all rows or none)."
    )


class ImportUploadSerializer(ProcuraSerializer):
    file = serializers.FileField(help_text="CSV, UTF-8, comma or semicolon separated.")


class ImportRowErrorSerializer(ProcuraSerializer):
    line = serializers.IntegerField(help_text="Line of the file; the header is line 1.")
    field = serializers.CharField()
    message = serializers.CharField()


class ImportReportSerializer(ProcuraSerializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = ImportRowErrorSerializer(many=True)  # type: ignore[assignment]
