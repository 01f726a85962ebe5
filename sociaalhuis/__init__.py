"""Core of the Sociaal Huis intake and rights desk: services, domain and storage (no Qt)."""

__version__ = "0.1.0"
