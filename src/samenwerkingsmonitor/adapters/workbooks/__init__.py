"""Fill-in workbooks written as XLSX (openpyxl) and ODS (odfpy)."""
