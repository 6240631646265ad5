# The site pack fixtures of the places app, shared with the home page tests.
from quartier.places.tests.conftest import write_pack  # noqa: F401
