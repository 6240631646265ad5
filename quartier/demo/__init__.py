"""The demo: made-up organisations, logins, people and two years of work, for `quartier demo`.

Everything here is written through the product's own services. The product never imports
this package (``tests/test_isolation.py`` checks that); tests may.
"""
