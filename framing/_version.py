"""The installed version (a module of its own so that submodules need not import the package)."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("framing")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"
