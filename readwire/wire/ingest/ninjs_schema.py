"""Which ninjs an item is, and what the IPTC schema of that version says about it.

The schemas (1.6, 2.2, 3.1) ship in ``readwire/wire/schemas``; each is compiled once, on first use,
with the JSON Schema draft it declares. No remote ``$ref`` is ever fetched.
"""

from __future__ import annotations

import json
import re
from itertools import islice
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
# major version -> (schema version, file)
SCHEMAS = {
    1: ("1.6", "ninjs-schema_1.6.json"),
    2: ("2.2", "ninjs-schema_2.2.json"),
    3: ("3.1", "ninjs-schema_3.1.json"),
}
MAX_SCHEMA_WARNINGS = 10

_V1_KEYS = {"headline", "byline", "subject", "person", "place", "organisation", "genre", "event", "object"}
_V1_KEYS |= {"infosource", "trustindicator", "$standard", "mimetype", "charcount", "wordcount"}
_LOWER_KEYS = {"versioncreated", "firstcreated", "contentcreated", "pubstatus", "copyrightholder", "embargoed"}
_LOWER_KEYS |= {"copyrightnotice", "usageterms", "ednote", "representationtype", "rightsinfo", "digitalsourcetype"}
_V2_KEYS = {"altids", "trustindicators", "infosources"}
_V23_KEYS = {"headlines", "bodies", "descriptions", "people", "places", "organisations", "subjects", "events"}
_V23_KEYS |= {"objects", "by", "genres", "standard"}
_V3_KEYS = {"versionCreated", "firstCreated", "contentCreated", "embargoedUntil", "pubStatus", "copyrightHolder"}
_V3_KEYS |= {"copyrightNotice", "usageTerms", "edNote", "altIds", "trustIndicators", "infoSources", "rightsInfo"}
_V3_KEYS |= {"digitalSourceType", "representationType", "eventDetails", "plannedCoverage"}

_validators: dict[int, Any] = {}


def schema_problems(obj: dict, major: int = 3) -> list[str]:
    """The ninjs schema's complaints about ``obj``, in words a person can act on (empty when valid)."""
    label = SCHEMAS[major][0]
    errors = list(islice(validator(major).iter_errors(obj), 50))
    problems = [f"ninjs {label} schema: {_describe(error)}" for error in errors[:MAX_SCHEMA_WARNINGS]]
    if len(errors) > MAX_SCHEMA_WARNINGS:
        more = "more than 40" if len(errors) == 50 else str(len(errors) - MAX_SCHEMA_WARNINGS)
        problems.append(f"ninjs {label} schema: {more} further complaints not listed")
    return problems


def validator(major: int):
    if major not in _validators:
        schema = json.loads((SCHEMA_DIR / SCHEMAS[major][1]).read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(schema)
        # Never fetch a remote $ref (3.1 points places at geojson.org): treat it as "anything goes".
        registry: Registry = Registry(retrieve=lambda uri: DRAFT202012.create_resource({}))  # type: ignore[call-arg]
        _validators[major] = cls(schema, registry=registry)
    return _validators[major]


def detect_major(obj: dict, warnings: list[str]) -> int:
    """The ninjs major version (1, 2 or 3) of an item: what its standard object declares, else what its keys
    look like (1.x ``headline``/``body_*``, 2.x lowercase ``versioncreated``, 3.x camelCase ``versionCreated``)."""
    for key in ("$standard", "standard"):
        standard = obj.get(key)
        if isinstance(standard, dict):
            name, declared = standard.get("name"), standard.get("version")
            if isinstance(name, str) and name.strip().lower() != "ninjs":
                warnings.append(f"the item declares the standard {name!r}; read as ninjs")
            if isinstance(declared, int | float | str) and not isinstance(declared, bool):
                match = re.match(r"\s*(\d{1,4})", str(declared))
                major = int(match.group(1)) if match else 0
                if major in SCHEMAS:
                    return major
                warnings.append(f"ninjs version {str(declared)[:20]!r} is not one Readwire knows; read as ninjs 3.1")
                return 3
    scores = {1: 0, 2: 0, 3: 0}
    for key, value in obj.items():
        if key in _V1_KEYS or key.startswith(("body_", "description_", "headline_")):
            scores[1] += 1
        if key in _LOWER_KEYS:
            scores[1] += 1
            scores[2] += 1
        if key in _V2_KEYS:
            scores[2] += 1
        if key in _V23_KEYS:
            scores[2] += 1
            scores[3] += 1
        if key in _V3_KEYS:
            scores[3] += 1
        if key in ("renditions", "associations", "altids") and isinstance(value, dict):
            scores[1] += 1
        if key in ("headlines", "bodies", "descriptions", "renditions") and isinstance(value, list):
            for part in value:
                if isinstance(part, dict):
                    scores[3] += "contentType" in part
                    scores[2] += "contenttype" in part
    # On a tie the newest version wins: it is what agencies are moving to.
    return max((3, 2, 1), key=lambda major: scores[major])


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(part) for part in error.absolute_path)
    subject = where or "the item"
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "required" and isinstance(instance, dict):
        missing = [name for name in expected if name not in instance]
        text = ", ".join(f"'{name}'" for name in missing)
        return f"{text} {'is' if len(missing) == 1 else 'are'} missing" + (f" in {where}" if where else "")
    if kind in ("additionalProperties", "unevaluatedProperties"):
        fields = _unexpected_fields(error.message)
        return shorten(f"{fields} {'is not a field' if ', ' not in fields else 'are not fields'} of the schema") + (
            f" (in {where})" if where else ""
        )
    if kind == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{subject} should be {wanted}, not {json_type(instance)}"
    if kind == "enum":
        return f"{subject} {shorten(repr(instance), 40)} is not one of {', '.join(map(str, expected))}"
    if kind in ("oneOf", "anyOf"):
        return f"{subject} does not match any of the forms the schema allows"
    if kind in ("minimum", "maximum"):
        bound = "below the minimum" if kind == "minimum" else "above the maximum"
        return f"{subject} {shorten(repr(instance), 40)} is {bound} {expected}"
    return shorten(f"{subject}: {error.message}")


def _unexpected_fields(message: str) -> str:
    # jsonschema says "... not allowed ('a', 'b' were unexpected)" or "'a', 'b' do not match any of the regexes".
    for ending in (" was unexpected)", " were unexpected)"):
        if message.endswith(ending):
            return message[message.find("(") + 1 : -len(ending)]
    for verb in (" does not match", " do not match"):
        if verb in message:
            return message[: message.find(verb)]
    return "some"


def shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
