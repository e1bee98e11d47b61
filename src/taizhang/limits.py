"""Limits on input, in a module of their own so the readers need not import the settings."""
from __future__ import annotations

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger inputs are refused: no policy document is this big
