# Kept equal to pyproject.toml's version (tests/test_package.py checks it): the version Tapback's
# server and every SDK share.
__version__ = "0.15.0"
