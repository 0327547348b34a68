"""The OpenAPI schema is valid, and every documented endpoint answers as documented: the status code is one the
schema lists and the JSON body matches the documented response schema."""

import copy
import re

import jsonschema
import pytest
import yaml
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from actionplans.tests.factories import make_plan, report_status, reporting_round
from api.tests.factories import bearer, token_for
from public.tests.factories import publish_all


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates():
    validate_schema(_schema())  # raises on an invalid OpenAPI 3 document


def test_the_served_schema_is_the_generated_one():
    served = yaml.safe_load(Client().get("/api/v1/schema/").content)
    assert served["openapi"].startswith("3.")
    assert set(served["paths"]) == set(_schema()["paths"])
    assert Client().get("/api/v1/schema/?format=json").json()["info"]["version"] == "1"


def _nullable_to_json_schema(node):
    """OpenAPI 3.0's `nullable: true` in JSON Schema's words (type [..., "null"])."""
    if isinstance(node, dict):
        node = {key: _nullable_to_json_schema(value) for key, value in node.items()}
        if node.pop("nullable", False):
            if "type" in node:
                node["type"] = [node["type"], "null"]
            else:
                node = {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [_nullable_to_json_schema(item) for item in node]
    return node


@pytest.fixture
def data(health, current_term, council_member):
    plan = make_plan(health, current_term)
    initiative = plan.goals.first().initiatives.first()
    closed = reporting_round(current_term.starts_on.replace(month=6), [(initiative, "on_track", 20, "Godt i gang.")])
    report_status(initiative, status="at_risk", progress=25, narrative="Partneren venter.")
    publish_all(plan)
    return {"id": {"/plans/": plan.pk, "/initiatives/": initiative.pk, "/reports/": closed.pk},
            "code": {"/areas/": "sundhed", "/partner-regions/": "shanghai", "/tracks/": "sundhed"},
            "number": {"/purposes/": 1}, "key": token_for(council_member)[1]}


@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "token"])
def test_every_documented_endpoint_answers_as_documented(data, with_token):
    schema = _schema()
    components = _nullable_to_json_schema(copy.deepcopy(schema["components"]))
    headers = bearer(data["key"]) if with_token else {}
    for path, operations in schema["paths"].items():
        documented = operations["get"]["responses"]
        parameter = re.search(r"\{(\w+)\}", path)
        url = path
        if parameter:
            collection = path[len("/api/v1"):path.index("{")]
            url = path.replace(parameter.group(0), str(data[parameter.group(1)][collection]))
        response = Client().get(url, **headers)
        answer = str(response.status_code)
        if answer == "401" and not with_token and "/reports/" in path:
            assert response.json()["detail"]  # reports need a token: documented in the description
            continue
        assert answer in documented, f"GET {url}: {answer} is not documented"
        media = documented[answer].get("content", {}).get("application/json")
        if media:
            body_schema = _nullable_to_json_schema(media["schema"])
            jsonschema.validate(response.json(), {**body_schema, "components": components})
        assert response.json() if "json" in response["Content-Type"] else response.content


def test_the_documentation_is_served_by_the_portal():
    page = Client().get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    script = Client().get("/api/v1/docs/?script=").content.decode()
    assert "/api/v1/schema/" in script
