"""Media on S3-compatible object storage (AWS S3, MinIO, Ceph, Garage...) through
django-storages and boto3: the storage options built from MEDIA_S3_* settings."""

from __future__ import annotations

from typing import Any

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_media_options(
    *,
    bucket: str,
    endpoint_url: str | None = None,
    region: str | None = None,
    prefix: str = "",
    addressing_style: str = "auto",
    access_key: str | None = None,
    secret_key: str | None = None,
) -> dict[str, Any]:
    """Private objects (no ACL; downloads stream through the API, signed URLs expire in five
    minutes), never overwritten. Without ``access_key`` the usual AWS chain supplies the
    credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or an instance role).
    ``addressing_style="path"`` for servers without per-bucket host names (MinIO, Ceph)."""
    from botocore.config import Config

    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "location": prefix,
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        # A stalled object store fails in seconds (an OCR task then retries); nothing hangs.
        "client_config": Config(
            s3={"addressing_style": addressing_style},
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return options
