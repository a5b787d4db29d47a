"""The handbook's words in each language: gettext catalogues read with Babel, and Chinese or English numbers and dates."""
