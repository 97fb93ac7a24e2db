"""The backup container: a zip file with a manifest and one member per table."""
