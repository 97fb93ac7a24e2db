"""The organisation file: TOML and pydantic schema, messages, the published JSON Schema."""
