"""Deployment settings: persistent database connections and the Redis cache."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import CacheHandler

from config.settings.base import cache_settings

ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def database_settings(module: str, **env: str) -> dict:
    """DATABASES["default"] as `module` builds it with these environment variables."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CONN_MAX_AGE", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update({"SECRET_KEY": "settings-test", **env})
    script = (
        f"import json, {module} as s; d = s.DATABASES['default']; "
        "print(json.dumps({'age': d['CONN_MAX_AGE'], 'checks': d['CONN_HEALTH_CHECKS']}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_keeps_connections_for_a_minute_with_health_checks():
    assert database_settings("config.settings.production") == {"age": 60, "checks": True}


def test_conn_max_age_comes_from_the_environment():
    assert database_settings("config.settings.production", CONN_MAX_AGE="0")["age"] == 0
    assert database_settings("config.settings.dev", CONN_MAX_AGE="30")["age"] == 30


def test_development_opens_a_connection_per_request_unless_told_otherwise():
    assert database_settings("config.settings.dev") == {"age": 0, "checks": True}


def redis_reachable() -> bool:
    try:
        socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason=f"no Redis on {REDIS_HOST}:{REDIS_PORT}")
def test_the_redis_cache_configuration_works_against_a_real_redis(tmp_path):
    config = cache_settings(f"redis://{REDIS_HOST}:{REDIS_PORT}/14", tmp_path)
    # A prefix of this run's own, so other users of the same Redis are never touched.
    config["default"]["KEY_PREFIX"] = f"settings-test-{uuid.uuid4().hex}"
    cache = CacheHandler(config)["default"]
    try:
        cache.set("greeting", {"text": "hello"}, timeout=30)
        cache.set("counter", 1, timeout=30)

        assert cache.get("greeting") == {"text": "hello"}
        assert cache.incr("counter") == 2
        assert cache.get_many(["greeting", "missing"]) == {"greeting": {"text": "hello"}}
        # One Redis client for the pool, not one built per call (config/redis_cache.py).
        assert cache._cache.get_client() is cache._cache.get_client(write=True)
    finally:
        cache.delete_many(["greeting", "counter"])
        cache.close()


def test_without_redis_the_cache_is_files_under_var_with_room_for_sessions(tmp_path):
    config = cache_settings("", tmp_path)["default"]

    assert config["BACKEND"].endswith("FileBasedCache")
    assert config["LOCATION"] == str(tmp_path / "cache")
    assert config["OPTIONS"]["MAX_ENTRIES"] >= 10_000


def test_media_is_a_shared_directory_unless_told_otherwise():
    from config.settings.base import media_storage

    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_media_in_an_s3_compatible_bucket_is_private_with_signed_expiring_links(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured
    from storages.backends.s3 import S3Storage

    from config.settings.base import media_storage

    environ = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": "learning-media",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
        "AWS_S3_REGION_NAME": "eu-west-2",
    }
    settings = media_storage(environ)
    assert settings["BACKEND"] == "storages.backends.s3.S3Storage"
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    storage = S3Storage(**settings["OPTIONS"])

    url = storage.url("certificates/ABC123.pdf")

    assert url.startswith("https://objects.example.org/learning-media/media/certificates/ABC123.pdf?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    assert storage.default_acl == "private" and storage.file_overwrite is False
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        media_storage({"MEDIA_STORAGE": "s3"})
    with pytest.raises(ImproperlyConfigured, match="filesystem or s3"):
        media_storage({"MEDIA_STORAGE": "ftp"})
