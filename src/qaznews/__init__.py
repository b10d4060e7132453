"""qaznews: news intelligence for Kazakhstan."""

__version__ = "0.1.0"
