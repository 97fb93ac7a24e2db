"""Writers of measurement exports: CSV, XLSX and ODS that the import reads back unchanged."""
