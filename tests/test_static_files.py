"""Production serves static files under content-hashed names (WhiteNoise's compressed
manifest storage), so browsers may keep them for a year and a release never mixes old and new
files. `collectstatic` with that storage fails on a stylesheet that points at a missing file;
this runs it as a release does, with the production settings, in a process of its own (the
production settings module must not leak into the test settings)."""

import json
import os
import subprocess
import sys

from django.conf import settings


def test_collectstatic_with_the_production_settings_hashes_and_compresses_every_file(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "collectstatic-test",
        "STATIC_ROOT": str(tmp_path),
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert finished.returncode == 0, finished.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("css/site.css", "js/site.js", "pdf/fonts/DejaVuSans.ttf"):
        hashed = manifest[name]
        assert hashed != name and hashed.startswith(name.rsplit(".", 1)[0] + ".")
        assert (tmp_path / hashed).is_file()
    assert (tmp_path / (manifest["css/site.css"] + ".gz")).is_file()
