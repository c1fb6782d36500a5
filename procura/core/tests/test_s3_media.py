"""Media on a real S3-compatible server (moto's server mode on loopback, through boto3 and
django-storages): uploads land in the bucket, downloads and OCR read them back, readiness checks
the bucket, and backups carry the bucket's objects into a restore."""

from __future__ import annotations

import hashlib
import tarfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from procura.core.tests.redis_server import free_port
from procura.core.tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY, OwnS3
from procura.core.tests.test_backup import _archive_in, _run
from procura.core.tests.test_production_settings import run_production
from procura.documents.models import Document, DocumentStatus
from procura.documents.tests.factories import sample_bytes, sample_truth, upload

URL = "/api/v1/documents/"


@dataclass
class Bucket:
    server: OwnS3
    name: str

    def object_keys(self) -> list[str]:
        return self.server.object_names(self.name)

    def read(self, key: str) -> bytes:
        return self.server.read(self.name, key)


@pytest.fixture(scope="module")
def s3_server() -> Iterator[OwnS3]:
    server = OwnS3()
    server.start()
    yield server
    server.stop()


def _new_bucket(server: OwnS3) -> Bucket:
    bucket = Bucket(server=server, name=f"procura-media-{uuid.uuid4().hex[:12]}")
    server.create_bucket(bucket.name)
    return bucket


def _use(bucket: Bucket, settings) -> None:
    settings.STORAGES = bucket.server.storages(
        bucket.name, static=django_settings.STORAGES["staticfiles"]
    )


@pytest.fixture
def s3_media(s3_server: OwnS3, settings) -> Bucket:
    """This test's media on a new, empty bucket."""
    bucket = _new_bucket(s3_server)
    _use(bucket, settings)
    return bucket


def test_a_scanned_invoice_is_stored_in_the_bucket_read_back_and_read_by_ocr(
    s3_media, client_as, django_capture_on_commit_callbacks
):
    client = client_as("finance")
    data = sample_bytes("compact-scan.png")
    truth = sample_truth()["compact-scan.png"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload("scan.png", data)}, format="multipart")

    assert response.status_code == 202
    document = Document.objects.get(pk=response.json()["id"])
    digest = hashlib.sha256(data).hexdigest()
    assert s3_media.object_keys() == [f"documents/{digest[:2]}/{digest}.png"]
    assert s3_media.read(document.file.name) == data
    detail = client.get(f"{URL}{document.pk}/").json()
    assert detail["status"] == DocumentStatus.PROCESSED
    assert detail["used_ocr"] is True
    assert detail["extraction"]["fields"]["total"]["value"] == truth["total"]
    download = client.get(f"{URL}{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data


def test_a_document_whose_object_is_gone_from_the_bucket_answers_404_on_download(
    s3_media, client_as, django_capture_on_commit_callbacks
):
    client = client_as("finance")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {"file": upload("classic.pdf", sample_bytes("classic.pdf"))}, format="multipart"
        )
    document = Document.objects.get(pk=response.json()["id"])
    s3_media.server.client().delete_object(Bucket=s3_media.name, Key=document.file.name)

    download = client.get(f"{URL}{document.pk}/download/")

    assert download.status_code == 404
    assert download["Content-Type"].startswith("application/problem+json")


def test_readiness_writes_and_reads_the_bucket_and_reports_it_down(s3_media, client_as, settings):
    staff = client_as("admin", is_staff=True)
    settings.HEALTH_DEADLINE_SECONDS = 10  # a loaded machine may take over a second for the probe

    storage = {c["name"]: c for c in staff.get("/api/health/ready/").json()["checks"]}["storage"]

    assert storage["ok"] is True
    assert storage["detail"] == "S3Storage"
    assert s3_media.object_keys() == []  # the probe object is removed again

    gone = OwnS3()
    gone.port = free_port()  # nothing listens there: the object store is down
    settings.STORAGES = gone.storages(s3_media.name, static=settings.STORAGES["staticfiles"])
    response = staff.get("/api/health/ready/")

    assert response.status_code == 503
    assert "storage" in response.json()["failing"]


def test_production_settings_put_media_on_the_configured_bucket(s3_server):
    bucket = _new_bucket(s3_server)
    code = (
        "import django; django.setup()\n"
        "from django.core.files.base import ContentFile\n"
        "from django.core.files.storage import default_storage as s\n"
        "name = s.save('probe/hello.txt', ContentFile(b'hello'))\n"
        "print(type(s._wrapped).__name__, name, s.open(name).read().decode())\n"
    )

    result = run_production(
        ["-c", code],
        MEDIA_STORAGE="storages.backends.s3.S3Storage",
        MEDIA_S3_BUCKET=bucket.name,
        MEDIA_S3_ENDPOINT_URL=s3_server.endpoint,
        MEDIA_S3_REGION=REGION,
        MEDIA_S3_PREFIX="procura",
        MEDIA_S3_ADDRESSING_STYLE="path",
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "probe/hello.txt", "hello"]
    assert bucket.object_keys() == ["procura/probe/hello.txt"]


@pytest.mark.postgres
@pytest.mark.skipif(not django_settings.IS_POSTGRES, reason="needs PostgreSQL")
def test_a_backup_carries_the_bucket_and_restore_fills_an_empty_bucket(
    s3_server, settings, empty_database, client_as, tmp_path
):
    source = _new_bucket(s3_server)
    _use(source, settings)
    client = client_as("finance")
    for name in ("classic.pdf", "compact-scan.png"):
        client.post(URL, {"file": upload(name, sample_bytes(name))}, format="multipart")
    originals = {key: source.read(key) for key in source.object_keys()}
    assert len(originals) == 2

    _run("backup", "--dir", str(tmp_path / "backups"))

    archive = _archive_in(tmp_path / "backups")
    with tarfile.open(archive) as outer:
        member = next(m for m in outer.getmembers() if m.name.endswith("media.tar"))
        media = outer.extractfile(member)
        assert media is not None
        with tarfile.open(fileobj=media) as inner:
            assert sorted(inner.getnames()) == sorted(f"media/{key}" for key in originals)
    target = _new_bucket(s3_server)
    _use(target, settings)

    output = _run("restore", str(archive), "--database-url", empty_database.url(), "--no-verify")

    assert "2 media files" in output
    assert "table fingerprints match" in output
    assert {key: target.read(key) for key in target.object_keys()} == originals


@pytest.mark.postgres
@pytest.mark.skipif(not django_settings.IS_POSTGRES, reason="needs PostgreSQL")
def test_a_backup_without_media_leaves_the_bucket_out(s3_media, make_user, tmp_path):
    make_user("admin")
    s3_media.server.client().put_object(Bucket=s3_media.name, Key="documents/a.pdf", Body=b"x")

    _run("backup", "--dir", str(tmp_path), "--no-media")

    with tarfile.open(_archive_in(tmp_path)) as outer:
        names = {Path(name).name: name for name in outer.getnames()}
        media = outer.extractfile(names["media.tar"])
        assert media is not None
        with tarfile.open(fileobj=media) as inner:
            assert inner.getnames() == []
