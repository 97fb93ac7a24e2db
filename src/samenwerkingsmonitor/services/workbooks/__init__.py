"""Fill-in workbooks (`template`): the expected rows, lists and texts of an XLSX or ODS file."""
