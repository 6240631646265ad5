"""The WSGI application of the load run: the product with the bare pages mounted.

gunicorn imports this module (``bench/load.py`` starts it); the settings are the
production ones, from the environment ``load.py`` passes on.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
# Read by the request handler on every request, so set before the first one.
settings.ROOT_URLCONF = "bare_urls"
