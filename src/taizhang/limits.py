"""Limits on input, in a module of their own so the readers need not import the settings."""
from __future__ import annotations

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger inputs are refused: no policy document is this big
SOFFICE_TIMEOUT = 60.0  # seconds LibreOffice may take to turn one .doc/.wps into .docx
OCR_MAX_PAGES = 50  # scanned pages OCR'd in one file (about 5–15 s each on one core)
OCR_MAX_PIXELS = 60_000_000  # one picture or page, decoded (A3 at 300 dpi is 17.4 million)
OFD_MAX_PAGES = 2000  # pages of one OFD read (its parts are bounded by the zip limits too)
