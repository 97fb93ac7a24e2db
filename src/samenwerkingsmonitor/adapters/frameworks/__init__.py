"""Framework files: TOML in, domain Framework out, with a JSON Schema and located messages."""
