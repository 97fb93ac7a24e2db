"""The JSON Schema we publish for a TOML file format (organisation file, framework file):
generated from its pydantic models and kept in src/samenwerkingsmonitor/schemas/, where editors
find it through the `#:schema` line; a test in each capability checks that it is current."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://samenwerkingsmonitor.nl/schemas/"


class TomlJsonSchema(GenerateJsonSchema):
    """TOML has no null: an optional key is simply left out, so drop the null branch."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        result = super().default_schema(schema)
        if result.get("default", 0) is None:
            del result["default"]
        return result


@dataclass(frozen=True)
class PublishedSchema:
    """One published schema: `file` in schemas/, generated from `model`."""

    file: str
    model: type[BaseModel]
    generator: type[GenerateJsonSchema] = TomlJsonSchema
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. a title

    @property
    def id(self) -> str:
        return SCHEMA_BASE + self.file

    def generated(self) -> dict[str, Any]:
        schema = self.model.model_json_schema(schema_generator=self.generator)
        return {"$schema": SCHEMA_DIALECT, "$id": self.id, **self.extra, **schema}

    def text(self) -> str:
        return json.dumps(self.generated(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def published_text(self) -> str:
        path = resources.files("samenwerkingsmonitor") / "schemas" / self.file
        return path.read_text(encoding="utf-8")

    def write(self, folder: Path) -> Path:
        target = folder / self.file
        target.write_text(self.text(), encoding="utf-8")
        return target
