"""home.pdf: what the PDF renderer may read (only the project's own static and media files),
for every PDF the product makes."""

import http.server
import io
import logging
import threading

import pypdf
import pytest

from home import pdf

FONT_PATH = (pdf.FONTS_DIR / "DejaVuSans.ttf").resolve()


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


class TestLinkCallback:
    def test_resolves_the_projects_static_files(self):
        assert pdf.link_callback("/static/pdf/fonts/DejaVuSans.ttf") == str(FONT_PATH)

    def test_resolves_media_files_inside_media_root(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        (tmp_path / "images").mkdir()
        (tmp_path / "images" / "logo.png").write_bytes(b"png")

        assert pdf.link_callback("/media/images/logo.png") == str(tmp_path / "images" / "logo.png")

    @pytest.mark.parametrize(
        "uri",
        [
            "http://example.com/logo.png",
            "https://example.com/logo.png",
            "http://169.254.169.254/latest/meta-data/",
            "//example.com/logo.png",
            "file:///etc/passwd",
            "/etc/passwd",
            "etc/passwd",
            "../config/settings/base.py",
            "/static/../../config/settings/base.py",
            "/static/pdf/../../../config/settings/base.py",
            "/static/does-not-exist.ttf",
            "/media/../config/settings/base.py",
            "/media/../../../etc/passwd",
            "data:image/png;base64,AAAA",
        ],
    )
    def test_refuses_everything_else(self, uri, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.MEDIA_ROOT.mkdir()
        assert pdf.link_callback(uri) is None

    def test_refuses_a_symlink_out_of_media_root(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.MEDIA_ROOT.mkdir()
        (settings.MEDIA_ROOT / "escape.txt").symlink_to("/etc/hostname")

        assert pdf.link_callback("/media/escape.txt") is None


@pytest.fixture
def counting_server():
    """A local web server that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_the_renderer_fetches_no_url_and_reads_no_other_file(counting_server, caplog):
    base, hits = counting_server
    html = f"""<html><head><style>
      @font-face {{ font-family: "Remote"; src: url("{base}/font.ttf"); }}
      @import url("{base}/style.css");
    </style></head><body>
      <img src="{base}/logo.png"><img src="file:///etc/passwd"><img src="/etc/hostname">
      <img src="/static/../../config/settings/base.py">
      <p>Still renders</p></body></html>"""

    with caplog.at_level(logging.WARNING):
        content = pdf.html_to_pdf(html)

    assert hits == []
    assert "Still renders" in pdf_text(content)
    blocked = [r.getMessage() for r in caplog.records if "resource policy" in r.getMessage()]
    assert any("/etc/passwd" in message for message in blocked)
    assert any("/etc/hostname" in message for message in blocked)


def test_reportlab_uses_its_c_accelerator():
    # Without rl_accel (requirements.txt) ReportLab quietly falls back to Python for text
    # widths, number formatting and font checksums, about a tenth slower per certificate.
    import _rl_accel
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str is _rl_accel.fp_str
    assert rl_accel.instanceStringWidthTTF is _rl_accel.instanceStringWidthTTF
