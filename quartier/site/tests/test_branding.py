"""The logo and browser icon: Quartier's own, or the site pack's."""

import pytest

from quartier.places.sitepack import SitePackError, load_site_pack
from quartier.places.tests.conftest import SMALL_PACK

pytestmark = pytest.mark.django_db

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10" fill="#c00"/></svg>'
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def pack_with_branding(tmp_path, logo: bytes, favicon: bytes = PNG):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "logo.svg").write_bytes(logo)
    (tmp_path / "images" / "icon.png").write_bytes(favicon)
    path = tmp_path / "pack.toml"
    path.write_text(
        SMALL_PACK + '\n[branding]\nlogo = "images/logo.svg"\nfavicon = "images/icon.png"\n',
        encoding="utf-8",
    )
    return path


def test_without_a_pack_logo_quartier_s_own_is_shown(client):
    assert client.get("/brand/logo")["Location"] == "/static/quartier/logo.svg"
    assert client.get("/brand/favicon")["Location"] == "/static/quartier/favicon.svg"
    assert client.get("/favicon.ico")["Location"] == "/static/quartier/favicon.ico"


def test_the_site_pack_s_logo_and_icon_replace_quartier_s(client, tmp_path):
    load_site_pack(pack_with_branding(tmp_path, LOGO.encode()))
    response = client.get("/brand/logo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == LOGO.encode()
    assert "default-src 'none'" in response["Content-Security-Policy"]
    icon = client.get("/brand/favicon")
    assert (icon["Content-Type"], icon.content) == ("image/png", PNG)


@pytest.mark.parametrize(
    "logo",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b"GIF89a not an svg",
    ],
)
def test_a_logo_that_is_not_a_plain_picture_is_refused(client, tmp_path, logo):
    with pytest.raises(SitePackError, match="branding.logo"):
        load_site_pack(pack_with_branding(tmp_path, logo))
    assert client.get("/brand/logo")["Location"] == "/static/quartier/logo.svg"


@pytest.mark.parametrize("path", ["/de/", "/ar/staff/login/"])
def test_every_page_shows_the_logo_and_names_the_icon(client, path):
    html = client.get(path).content.decode()
    assert '<img src="/brand/logo" alt="Quartier" class="logo">' in html
    assert '<link rel="icon" href="/brand/favicon" type="image/svg+xml">' in html
    assert 'href="/static/quartier/favicon-32.png"' in html
