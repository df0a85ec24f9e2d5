"""deploy/k8s checked offline (ADR 0037): the overlays build, every object is valid against its
schema (Kubernetes' own, or its operator's CRD, unknown fields refused), and the manifests agree
with the code: topics and ACLs, settings, hardening, probes and resources, ports, callers."""

from __future__ import annotations

import base64
import copy
import importlib
import json
import re
import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from shomei_devtools.config import service_names
from shomei_devtools.kafka_access import acls, declared_access
from shomei_devtools.paths import project_root
from shomei_devtools.topics import read_topic_file
from shomei_shared.settings import BaseSettings
from shomei_shared.web.edge import EdgeSettings

Manifest = dict[str, Any]
KUBERNETES_VERSION = "1.33"
WEB_PORT = 8000
WORKER_KINDS = {"consumer", "relay", "dispatcher", "deadlines", "reconcile", "jobs"}


def crd_folder() -> Path:
    """The operators' CRDs, beside the project (their README says why they are not in it): at
    `../shared/k8s-crds` from the project root, or, in a clone made elsewhere (a CI checkout in a
    temporary folder), beside the repository it was cloned from."""
    beside = project_root().parent / "shared" / "k8s-crds"
    if beside.is_dir():
        return beside
    origin = subprocess.run(["git", "-C", str(project_root()), "remote", "get-url", "origin"], capture_output=True,
                            text=True, check=False).stdout.strip()
    cloned_from = Path(origin).parent / "shared" / "k8s-crds" if origin.startswith("/") else beside
    if not cloned_from.is_dir():
        raise FileNotFoundError(f"the operators' CRDs are not at {beside} (nor beside the clone's origin {origin!r}): "
                                "see ../shared/k8s-crds/README.md")
    return cloned_from


def _strict(schema: Any) -> Any:
    """An openAPIV3Schema that refuses unknown fields, as the API server prunes them: every object
    with declared properties, unless it keeps unknown fields on purpose, admits nothing else."""
    if isinstance(schema, dict):
        result = {key: _strict(value) for key, value in schema.items()}
        if ("properties" in result and "additionalProperties" not in result
                and not result.get("x-kubernetes-preserve-unknown-fields")):
            result["additionalProperties"] = False
        return result
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


@cache
def crd_schemas() -> dict[tuple[str, str], Any]:
    """(apiVersion, kind) → the strict schema of that custom resource."""
    found = {}
    for path in sorted(crd_folder().glob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if version.get("served", True):
                    found[(f"{group}/{version['name']}", kind)] = _strict(version["schema"]["openAPIV3Schema"])
    return found


def schema_errors(item: Manifest) -> list[str]:
    where = f"{item['kind']}/{item['metadata']['name']}"
    schema = crd_schemas().get((item["apiVersion"], item["kind"]))
    if schema is not None:
        validator = jsonschema.Draft7Validator(schema)
        return [f"{where}: {'.'.join(map(str, error.path))}: {error.message}" for error in validator.iter_errors(item)]
    if "." in item["apiVersion"].split("/")[0] and not item["apiVersion"].split("/")[0].endswith(".k8s.io"):
        return [f"{where}: no CRD for {item['apiVersion']} in {crd_folder()}"]
    try:
        kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return [f"{where}: {'.'.join(map(str, error.path))}: {error.message}"]
    return []


def of_kind(objects: list[Manifest], kind: str) -> list[Manifest]:
    return [item for item in objects if item["kind"] == kind]


def named(objects: list[Manifest], kind: str, name: str) -> Manifest:
    found = [item for item in of_kind(objects, kind) if item["metadata"]["name"] == name]
    assert found, f"no {kind} {name}"
    return found[0]


def service_of(item: Manifest) -> str | None:
    labels = item["spec"]["template"]["metadata"].get("labels", {})
    name: str | None = labels.get("app.kubernetes.io/name")
    return name


def containers(deployment: Manifest) -> Iterator[Manifest]:
    spec = deployment["spec"]["template"]["spec"]
    yield from spec.get("initContainers", [])
    yield from spec["containers"]


def container_env(objects: list[Manifest], container: Manifest) -> dict[str, str]:
    """The container's environment as the kubelet makes it: envFrom first, env after, $(VAR)
    expanded; Secrets' values decoded."""
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            env.update(named(objects, "ConfigMap", source["configMapRef"]["name"]).get("data", {}))
        else:
            data = named(objects, "Secret", source["secretRef"]["name"]).get("data", {})
            env.update({key: base64.b64decode(value).decode() for key, value in data.items()})
    for variable in container.get("env", []):
        if "value" in variable:
            env[variable["name"]] = re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), variable["value"])
        else:
            ref = variable["valueFrom"]["secretKeyRef"]
            env[variable["name"]] = f"<secret {ref['name']}/{ref['key']}>"
    return env


def settings_class(service: str) -> type[BaseSettings]:
    module = importlib.import_module(f"shomei_{service.replace('-', '_')}.settings")
    found = [value for value in vars(module).values() if isinstance(value, type) and issubclass(value, BaseSettings)
             and value.__module__ == module.__name__ and value.service == service]
    assert len(found) == 1, f"{service}: one settings class expected, found {found}"
    return found[0]


def required_variables(cls: type[BaseSettings]) -> set[str]:
    """What a production process of the service cannot do without: its secrets (those with a
    development default too, which production refuses), every address whose default is the
    loopback of a local run, and the browser edge's cookies and shared store."""
    required = set()
    for f in fields(cls):
        if f.name.startswith("kafka_") and not cls.kafka_client:
            continue
        secret_field = f.metadata.get("secret", False)
        if secret_field and (f.metadata.get("required", True) or f.default):
            required.add(f.name)
        if isinstance(f.default, str) and "127.0.0.1" in f.default:
            required.add(f.name)
    if cls.kafka_client:
        required |= {"kafka_security_protocol", "kafka_ca_file", "kafka_username"}
    if issubclass(cls, EdgeSettings):
        required |= {"secure_cookies", "redis_url"}
    if not (project_root() / "services" / cls.service / "migrations").is_dir():
        required.discard("database_url")  # the edge apps hold no data
    return {f"SHOMEI_{name.upper()}" for name in required}


# --- the overlays build and every object is valid ----------------------------------------------

@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_object_is_valid_against_its_schema_with_unknown_fields_refused(
        built: dict[str, list[Manifest]], overlay: str) -> None:
    objects = built[overlay]
    assert len(objects) > 100
    errors = [error for item in objects for error in schema_errors(item)]
    assert errors == []


def test_an_unknown_field_is_refused_in_core_and_custom_resources(prod: list[Manifest]) -> None:
    deployment = copy.deepcopy(named(prod, "Deployment", "identity"))
    deployment["spec"]["template"]["spec"]["containers"][0]["livenessProbes"] = {}
    topic = copy.deepcopy(named(prod, "KafkaTopic", "identity.account"))
    topic["spec"]["partition"] = 3
    assert schema_errors(deployment) and schema_errors(topic)


def test_prod_is_highly_available_and_dev_is_small(built: dict[str, list[Manifest]]) -> None:
    prod, dev = built["prod"], built["dev"]
    assert named(prod, "KafkaNodePool", "brokers")["spec"]["replicas"] == 3
    assert named(prod, "Kafka", "shomei-kafka")["spec"]["kafka"]["config"]["min.insync.replicas"] == 2
    assert named(prod, "Cluster", "shomei-pg")["spec"]["instances"] == 3
    assert all(item["spec"]["replicas"] == 3 for item in of_kind(prod, "KafkaTopic"))
    assert all(named(prod, "HorizontalPodAutoscaler", s)["spec"]["minReplicas"] >= 2 for s in service_names())
    assert all(ingress["spec"].get("tls") for ingress in of_kind(prod, "Ingress"))
    assert of_kind(prod, "PrometheusRule") and not of_kind(dev, "PrometheusRule")
    assert all(item["spec"]["replicas"] == 1 for item in of_kind(dev, "Deployment"))
    assert named(dev, "Cluster", "shomei-pg")["spec"]["instances"] == 1
    # One broker: nothing may ask for more replicas than there are brokers.
    assert named(dev, "KafkaNodePool", "brokers")["spec"]["replicas"] == 1
    assert named(dev, "Kafka", "shomei-kafka")["spec"]["kafka"]["config"]["min.insync.replicas"] == 1
    assert all(item["spec"]["replicas"] == 1 and item["spec"]["config"]["min.insync.replicas"] == 1
               for item in of_kind(dev, "KafkaTopic"))


def secret_names_in(item: Any) -> Iterator[str]:
    """Names of Secrets a custom resource refers to (`passwordSecret`, `credentials`, `*Credentials`…)."""
    if isinstance(item, dict):
        for key, value in item.items():
            if isinstance(value, dict) and "name" in value and (
                    key.endswith(("Secret", "credentials")) or ("key" in value and key != "secretKeyRef")):
                yield value["name"]
            yield from secret_names_in(value)
    elif isinstance(item, list):
        for value in item:
            yield from secret_names_in(value)


def test_secrets_named_in_custom_resources_exist_under_those_names(prod: list[Manifest]) -> None:
    """kustomize adds a hash to generated names and rewrites references in core objects only."""
    made = {item["metadata"]["name"] for item in of_kind(prod, "Secret")}
    named_in = {name for item in prod if "." in item["apiVersion"].split("/")[0]
                and not item["apiVersion"].split("/")[0].endswith(".k8s.io") for name in secret_names_in(item["spec"])}
    assert named_in and named_in <= made


# --- every service has manifests, every process a Deployment -----------------------------------

def test_every_service_has_its_manifests_in_the_base() -> None:
    base = project_root() / "deploy" / "k8s" / "base"
    listed = yaml.safe_load((base / "kustomization.yaml").read_text())["resources"]
    assert sorted(p.name for p in (base / "services").iterdir()) == service_names()
    assert {f"services/{name}" for name in service_names()} <= set(listed)


def procfile_processes() -> dict[str, set[str]]:
    """service → its process kinds in the Procfile (`identity` web, `identity-consumer`, …)."""
    found: dict[str, set[str]] = {name: set() for name in service_names()}
    for line in (project_root() / "Procfile").read_text().splitlines():
        match = re.match(r"([\w-]+): scripts/with-env ([\w-]+) ", line)
        if match and match.group(2) in found:
            process, service = match.groups()
            found[service].add("web" if process == service else process.removeprefix(f"{service}-"))
    return found


def test_every_process_of_the_procfile_has_a_deployment(prod: list[Manifest]) -> None:
    deployed: dict[str, set[str]] = {}
    for item in of_kind(prod, "Deployment"):
        labels = item["spec"]["template"]["metadata"]["labels"]
        deployed.setdefault(labels["app.kubernetes.io/name"], set()).add(labels["app.kubernetes.io/component"])
    assert {name: deployed.get(name) for name in service_names()} == procfile_processes()


# --- Kafka: topics and ACLs from the code ------------------------------------------------------

def test_every_topic_the_code_uses_has_a_kafka_topic_with_its_partitions(prod: list[Manifest]) -> None:
    topics = {item["spec"]["topicName"]: item["spec"] for item in of_kind(prod, "KafkaTopic")}
    declared = {}
    for name in service_names():
        path = project_root() / "services" / name / "topics.txt"
        if path.exists():
            declared.update({spec.name: spec.partitions for spec in read_topic_file(path)})
    used = {topic for access in declared_access() for topic in (*access.produces, *access.reads)}
    assert used <= set(topics)
    assert {name: topics[name]["partitions"] for name in declared} == declared
    assert all(spec["config"]["cleanup.policy"] in {"delete", "compact"} and "retention.ms" in spec["config"]
               for spec in topics.values())


STRIMZI_PATTERN = {"LITERAL": "literal", "PREFIXED": "prefix"}


def test_each_service_has_a_kafka_user_with_exactly_the_declared_acls(prod: list[Manifest]) -> None:
    wanted = set()
    for acl in acls(declared_access()):
        pattern = acl.resource_pattern
        wanted.add((acl.principal.removeprefix("User:"), pattern.resource_type.name.lower(), pattern.resource_name,
                    STRIMZI_PATTERN[pattern.pattern_type.name], acl.operation.name.capitalize()))
    held = set()
    users = of_kind(prod, "KafkaUser")
    assert sorted(user["metadata"]["name"] for user in users) == service_names()
    for user in users:
        assert user["spec"]["authentication"]["type"] == "scram-sha-512"
        for rule in user["spec"]["authorization"]["acls"]:
            resource = rule["resource"]
            held |= {(user["metadata"]["name"], resource["type"], resource["name"], resource["patternType"], operation)
                     for operation in rule["operations"]}
    assert held == wanted


def test_consumers_never_scale_above_the_partitions_of_their_topics(prod: list[Manifest]) -> None:
    partitions = {item["spec"]["topicName"]: item["spec"]["partitions"] for item in of_kind(prod, "KafkaTopic")}
    consumers = {access.service: access.consumes for access in declared_access() if access.consumes}
    for hpa in of_kind(prod, "HorizontalPodAutoscaler"):
        target = named(prod, "Deployment", hpa["spec"]["scaleTargetRef"]["name"])
        labels = target["spec"]["template"]["metadata"]["labels"]
        if labels["app.kubernetes.io/component"] == "consumer":
            most = min(partitions[topic] for topic in consumers[labels["app.kubernetes.io/name"]])
            assert hpa["spec"]["maxReplicas"] <= most, hpa["metadata"]["name"]
    assert {named(prod, "Deployment", hpa["spec"]["scaleTargetRef"]["name"])["spec"]["template"]["metadata"]["labels"]
            ["app.kubernetes.io/component"] for hpa in of_kind(prod, "HorizontalPodAutoscaler")} == {"web", "consumer"}


# --- settings: every required variable is provided, and production settings load ---------------

def test_every_variable_a_service_requires_is_provided_and_its_settings_load(prod: list[Manifest]) -> None:
    for deployment in of_kind(prod, "Deployment"):
        service = service_of(deployment)
        if service not in service_names():
            continue
        cls = settings_class(service)
        for container in containers(deployment):
            env = container_env(prod, container)
            missing = required_variables(cls) - set(env)
            if "SHOMEI_DATABASE_URL" in env or f"SHOMEI_{service.upper().replace('-', '_')}_DATABASE_URL" in env:
                missing.discard("SHOMEI_DATABASE_URL")
            assert not missing, f"{deployment['metadata']['name']}/{container['name']}: {sorted(missing)}"
            assert env["SHOMEI_ENVIRONMENT"] == "production"
            # With real secrets in place of the placeholders, production settings load.
            real = {key: (secrets.token_urlsafe(24) if value in {"change-me", ""} or value.startswith("<secret")
                          else value) for key, value in env.items()}
            real.update({key: "" for key in ("SHOMEI_CALLERS", "SHOMEI_ASSERTION_KEYS", "SHOMEI_TENANT_HOSTS")})
            cls.from_env(env=real)


def test_the_placeholders_are_refused_by_the_services(prod: list[Manifest]) -> None:
    """The base's secrets are placeholders; the services stop rather than run with them."""
    refused = 0
    for deployment in of_kind(prod, "Deployment"):
        service = service_of(deployment)
        if service not in service_names() or deployment["metadata"]["name"] != service:
            continue
        env = container_env(prod, deployment["spec"]["template"]["spec"]["containers"][0])
        with pytest.raises(ValueError, match="set real values"):
            settings_class(service).from_env(env={k: v for k, v in env.items() if not v.startswith("<secret")})
        refused += 1
    assert refused == len(service_names())


# --- hardening, probes, resources ----------------------------------------------------------------

def test_every_container_is_hardened(built: dict[str, list[Manifest]]) -> None:
    for objects in built.values():
        for account in of_kind(objects, "ServiceAccount"):
            assert account["automountServiceAccountToken"] is False, account["metadata"]["name"]
        for deployment in of_kind(objects, "Deployment"):
            pod = deployment["spec"]["template"]["spec"]
            name = deployment["metadata"]["name"]
            assert pod["automountServiceAccountToken"] is False, name
            assert pod["securityContext"]["runAsNonRoot"] is True, name
            assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
            for container in containers(deployment):
                context = container["securityContext"]
                assert context["runAsNonRoot"] is True, name
                assert context["readOnlyRootFilesystem"] is True, name
                assert context["allowPrivilegeEscalation"] is False, name
                assert context["capabilities"] == {"drop": ["ALL"]}, name
                assert context["seccompProfile"] == {"type": "RuntimeDefault"}, name


def test_every_deployment_has_resources_and_its_web_processes_probes(prod: list[Manifest]) -> None:
    for deployment in of_kind(prod, "Deployment"):
        name = deployment["metadata"]["name"]
        for container in containers(deployment):
            for bound in ("requests", "limits"):
                assert set(container["resources"][bound]) >= {"cpu", "memory"}, name
        main = deployment["spec"]["template"]["spec"]["containers"][0]
        component = deployment["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]
        if component in WORKER_KINDS:
            # No endpoint to probe: a worker that fails exits and is restarted (ADR 0037).
            assert "http" not in {port["name"] for port in main.get("ports", [])}, name
            continue
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert probe in main, f"{name}: {probe}"
        if service_of(deployment) in service_names():
            assert main["livenessProbe"]["httpGet"]["path"] == "/healthz", name
            # Readiness asks the dependencies; the kubelet gets a bare answer without a credential
            # (ADR 0040), so a new pod that cannot reach its database never takes traffic.
            assert main["readinessProbe"]["httpGet"]["path"] == "/readyz", name
            assert "httpHeaders" not in main["readinessProbe"]["httpGet"], name


def test_every_service_port_reaches_its_process(prod: list[Manifest]) -> None:
    for service in of_kind(prod, "Service"):
        selector = service["spec"]["selector"]
        pods = [d for d in of_kind(prod, "Deployment")
                if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]
        assert len(pods) == 1, service["metadata"]["name"]
        main = pods[0]["spec"]["template"]["spec"]["containers"][0]
        ports = {port["name"]: port["containerPort"] for port in main["ports"]}
        for port in service["spec"]["ports"]:
            assert port["targetPort"] in ports, service["metadata"]["name"]
            if port["targetPort"] == "http":
                # gunicorn binds the port the Service sends to.
                assert f"0.0.0.0:{ports['http']}" in main["command"], service["metadata"]["name"]


# --- the network: default deny, and each internal call the code makes allowed ------------------

def _selects(policy_peer: Manifest, labels: dict[str, str]) -> bool:
    wanted = policy_peer.get("podSelector", {}).get("matchLabels", {})
    return "namespaceSelector" not in policy_peer and wanted.items() <= labels.items()


def _applies(policy: Manifest, labels: dict[str, str]) -> bool:
    """The policy names these pods in particular (not the namespace-wide ones)."""
    selector = policy["spec"]["podSelector"]
    return bool(selector) and selector.get("matchLabels", {}).items() <= labels.items()


def test_network_policies_deny_by_default_and_allow_each_call_the_code_makes(prod: list[Manifest]) -> None:
    policies = of_kind(prod, "NetworkPolicy")
    deny = named(prod, "NetworkPolicy", "default-deny")["spec"]
    assert deny["podSelector"] == {} and deny["ingress"] == [] and deny["egress"] == []
    calls = set()
    for deployment in of_kind(prod, "Deployment"):
        caller = service_of(deployment)
        if caller not in service_names():
            continue
        env = container_env(prod, deployment["spec"]["template"]["spec"]["containers"][0])
        calls |= {(caller, match.group(1)) for value in env.values()
                  if (match := re.fullmatch(r"http://([a-z-]+)", value))}
    assert calls, "no internal calls found"
    for caller, callee in calls:
        callee_pod = {"app.kubernetes.io/name": callee, "app.kubernetes.io/component": "web"}
        caller_pod = {"app.kubernetes.io/name": caller}
        egress = [rule for p in policies if _applies(p, caller_pod) for rule in p["spec"].get("egress", [])
                  if any(_selects(peer, callee_pod) for peer in rule.get("to", []))]
        ingress = [rule for p in policies if _applies(p, callee_pod) for rule in p["spec"].get("ingress", [])
                   if any(_selects(peer, caller_pod) for peer in rule.get("from", []))]
        assert egress and ingress, f"{caller} → {callee}"
    # and nobody calls a service the code does not call
    allowed = set()
    for policy in policies:
        callee = policy["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/name")
        if policy["metadata"]["name"].endswith("-web-ingress"):
            for rule in policy["spec"]["ingress"]:
                allowed |= {(peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"], callee)
                            for peer in rule["from"] if "podSelector" in peer and "namespaceSelector" not in peer}
    assert allowed == calls


# --- monitoring -----------------------------------------------------------------------------------

def metric_names() -> set[str]:
    """Every metric the code defines (its modules imported, so each registers its collectors)."""
    from prometheus_client import REGISTRY

    for module in ("shomei_shared.metrics", "shomei_notifier.metrics", "shomei_payment.entrypoints.webhooks",
                   "shomei_print_gateway.entrypoints.callbacks", "shomei_print_gateway.metrics"):
        importlib.import_module(module)
    return {sample.name for metric in REGISTRY.collect() for sample in metric.samples} | {
        metric.name for metric in REGISTRY.collect()}


def test_every_alert_reads_metrics_the_code_or_kafka_exporter_defines_and_has_a_playbook(
        prod: list[Manifest]) -> None:
    known = metric_names()
    operations = (project_root() / "docs" / "operations.md").read_text()
    alerts = [rule for item in of_kind(prod, "PrometheusRule") for group in item["spec"]["groups"]
              for rule in group["rules"]]
    assert len(alerts) >= 8
    for rule in alerts:
        used = set(re.findall(r"\bshomei_[a-z_]+", rule["expr"]))
        unknown = {name for name in used if name not in known and re.sub(r"_(total|count|bucket|sum)$", "", name)
                   not in known}
        assert not unknown, f"{rule['alert']}: {unknown}"
        assert f"### {rule['alert']}" in operations, f"no playbook for {rule['alert']}"
        assert rule["annotations"]["runbook_url"].endswith(f"#{rule['alert'].lower()}")


def test_the_dashboard_is_grafana_json_with_a_panel_per_alert_area(prod: list[Manifest]) -> None:
    dashboard = json.loads(named(prod, "ConfigMap", next(
        item["metadata"]["name"] for item in of_kind(prod, "ConfigMap")
        if item["metadata"]["name"].startswith("shomei-grafana-dashboard")))["data"]["shomei.json"])
    expressions = " ".join(target["expr"] for panel in dashboard["panels"] for target in panel["targets"])
    for metric in ("kafka_consumergroup_lag", "shomei_outbox_backlog_events", "dlq", "webhooks_refused",
                   "submission_failures", "delivery_attempts", "shomei_http_request_seconds"):
        assert metric in expressions
