"""An S3-compatible server of the test's own (moto's server mode) on a free loopback port, and
the storage settings that point Django's media at a bucket on it."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import boto3

from procura.core.media_storage import S3_BACKEND, s3_media_options
from procura.core.tests.redis_server import free_port, wait_for_port

START_SECONDS = 30
ACCESS_KEY = "procura-test"
SECRET_KEY = "procura-test-secret"  # noqa: S105 - a throwaway key of a loopback test server
REGION = "us-east-1"


class OwnS3:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, START_SECONDS, "the S3 test server")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_bucket(self, name: str) -> None:
        self.client().create_bucket(Bucket=name)

    def object_names(self, bucket: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, bucket: str, key: str) -> bytes:
        return bytes(self.client().get_object(Bucket=bucket, Key=key)["Body"].read())

    def storages(self, bucket: str, *, static: dict[str, Any]) -> dict[str, Any]:
        """STORAGES with media on ``bucket``, built as production settings build them from
        MEDIA_S3_*, with this server's endpoint and keys."""
        options = s3_media_options(
            bucket=bucket,
            endpoint_url=self.endpoint,
            region=REGION,
            addressing_style="path",
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
        )
        return {"default": {"BACKEND": S3_BACKEND, "OPTIONS": options}, "staticfiles": static}
