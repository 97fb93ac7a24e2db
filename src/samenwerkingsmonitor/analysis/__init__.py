"""Pure computation on domain values (numpy/polars allowed, no I/O)."""
