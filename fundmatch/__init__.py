"""fundmatch: an offline-first recommender and chat assistant for EU funding."""

__version__ = "0.1.0"
