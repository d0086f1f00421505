"""The API reference page: the OpenAPI schema rendered as plain HTML, with no external assets.

Swagger UI and Redoc load their JavaScript from a CDN unless drf-spectacular-sidecar is
installed; this page needs nothing beyond the site's own stylesheet, so it works offline and under
a strict Content-Security-Policy. The machine-readable schema is at ``/api/v1/schema/``.
"""

from __future__ import annotations

import json
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.template import engines
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _ref_name(schema: dict | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            return " or ".join(filter(None, (_ref_name(part) for part in schema[combined])))
    if schema.get("type") == "array" and "items" in schema:
        return f"list of {_ref_name(schema['items'])}"
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"] if v is not None)
    if "properties" in schema:
        return "object (" + ", ".join(schema["properties"]) + ")"
    return schema.get("format") or schema.get("type", "")


def _body(content: dict | None) -> str:
    if not content:
        return ""
    media, spec = next(iter(content.items()))
    name = _ref_name(spec.get("schema"))
    return f"{name} ({media})" if name else media


def _operations(schema: dict) -> dict[str, list[dict]]:
    by_tag: dict[str, list[dict]] = {}
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            by_tag.setdefault((operation.get("tags") or ["api"])[0], []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation.get("operationId", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                            "type": _ref_name(p.get("schema")),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "request": _body((operation.get("requestBody") or {}).get("content")),
                    "responses": [
                        {
                            "code": code,
                            "description": response.get("description", ""),
                            "body": _body(response.get("content")),
                        }
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return dict(sorted(by_tag.items()))


def _components(schema: dict) -> list[dict]:
    rows = []
    for name, spec in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(spec.get("required", []))
        fields = [
            {
                "name": field,
                "type": _ref_name(value),
                "read_only": value.get("readOnly", False),
                "required": field in required,
                "description": value.get("description", ""),
            }
            for field, value in spec.get("properties", {}).items()
        ]
        enum = ", ".join(json.dumps(v) for v in spec.get("enum", []) if v is not None)
        rows.append({"name": name, "fields": fields, "enum": enum, "doc": spec.get("description")})
    return rows


def api_docs(request: HttpRequest) -> HttpResponse:
    schema = _schema()
    context = {
        "info": schema["info"],
        "operations": _operations(schema),
        "components": _components(schema),
    }
    return HttpResponse(_template().render(context, request))


@cache
def _template():
    return engines["django"].from_string(TEMPLATE)


TEMPLATE = """{% extends "base.html" %}{% load i18n %}
{% block title %}{% translate "API reference" %} - {{ block.super }}{% endblock %}
{% block content %}
<h1 class="ecl-u-type-heading-1">{{ info.title }} {{ info.version }}</h1>
<p>{% blocktranslate %}How to get a token, the error format and worked examples are in the
API guide (docs/api.md). The machine-readable OpenAPI 3 schema is at{% endblocktranslate %}
<a class="ecl-link" href="{% url 'api:schema' %}">{% url 'api:schema' %}</a>
(<a class="ecl-link" href="{% url 'api:schema' %}?format=json">JSON</a>).</p>
<nav aria-label="{% translate 'Collections' %}"><ul class="ecl-unordered-list">
{% for tag in operations %}<li class="ecl-unordered-list__item">
<a class="ecl-link" href="#tag-{{ tag }}">{{ tag }}</a></li>{% endfor %}
<li class="ecl-unordered-list__item">
<a class="ecl-link" href="#schemas">{% translate "Schemas" %}</a></li>
</ul></nav>
{% for tag, items in operations.items %}
<h2 class="ecl-u-type-heading-2" id="tag-{{ tag }}">{{ tag }}</h2>
{% for op in items %}
<section class="ecl-u-mb-l" id="{{ op.id }}">
<h3 class="ecl-u-type-heading-4"><code>{{ op.method }} {{ op.path }}</code></h3>
{% if op.description %}<p>{{ op.description|linebreaksbr }}</p>{% endif %}
{% if op.parameters %}
<table class="ecl-table"><caption class="ecl-table__caption">{% translate "Parameters" %}</caption>
<thead class="ecl-table__head"><tr class="ecl-table__row">
<th scope="col" class="ecl-table__header">{% translate "name" %}</th>
<th scope="col" class="ecl-table__header">{% translate "in" %}</th>
<th scope="col" class="ecl-table__header">{% translate "type" %}</th>
<th scope="col" class="ecl-table__header">{% translate "description" %}</th></tr></thead>
<tbody class="ecl-table__body">{% for p in op.parameters %}<tr class="ecl-table__row">
<td class="ecl-table__cell"><code>{{ p.name }}</code>{% if p.required %} *{% endif %}</td>
<td class="ecl-table__cell">{{ p.in }}</td><td class="ecl-table__cell">{{ p.type }}</td>
<td class="ecl-table__cell">{{ p.description }}</td></tr>{% endfor %}</tbody></table>
{% endif %}
{% if op.request %}<p>{% translate "Request body" %}: <code>{{ op.request }}</code></p>{% endif %}
<ul class="ecl-unordered-list">{% for r in op.responses %}
<li class="ecl-unordered-list__item"><strong>{{ r.code }}</strong> {{ r.description }}
{% if r.body %}<code>{{ r.body }}</code>{% endif %}</li>{% endfor %}</ul>
</section>
{% endfor %}{% endfor %}
<h2 class="ecl-u-type-heading-2" id="schemas">{% translate "Schemas" %}</h2>
{% for c in components %}
<section class="ecl-u-mb-l" id="schema-{{ c.name }}">
<h3 class="ecl-u-type-heading-4"><code>{{ c.name }}</code></h3>
{% if c.doc %}<p>{{ c.doc|linebreaksbr }}</p>{% endif %}
{% if c.enum %}<p>{% translate "One of" %}: <code>{{ c.enum }}</code></p>{% endif %}
{% if c.fields %}<ul class="ecl-unordered-list">{% for f in c.fields %}
<li class="ecl-unordered-list__item"><code>{{ f.name }}</code>{% if f.required %} *{% endif %}:
{{ f.type }}{% if f.read_only %} ({% translate "read-only" %}){% endif %}
{% if f.description %} - {{ f.description }}{% endif %}</li>{% endfor %}</ul>{% endif %}
</section>
{% endfor %}
{% endblock %}
"""
