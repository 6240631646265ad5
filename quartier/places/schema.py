"""Write docs/site-pack.schema.json: `python -m quartier.places.schema`."""

from pathlib import Path

if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartier.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from quartier.places.sitepack import json_schema

    target = Path(__file__).resolve().parents[2] / "docs" / "site-pack.schema.json"
    target.write_text(json_schema(), encoding="utf-8")
