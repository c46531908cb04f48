#!/usr/bin/env python3
"""Checks the rendered Kubernetes overlays and their agreement with the applications' configuration.

    python3 ops/scripts/check-manifests.py --repo . --kubectl kubectl

Renders every overlay under k8s/overlays with `kubectl kustomize`, then checks:
  workloads      every Deployment and StatefulSet container has readiness and liveness probes,
                 CPU and memory requests and limits, runs as non-root with a read-only root
                 filesystem and without privilege escalation; shutdown fits the grace period; the
                 API's /tmp volume holds every multipart upload it may spool at once
  pubsub         (overlays with Config Connector) every consumer binding of the applications has the
                 subscription the binder expects (<destination>.<group>) with an ack deadline, a
                 dead-letter topic and max delivery attempts; every producer destination has a
                 topic; the emulator script creates the same topics and subscriptions; the scheduler
                 job ticks every minute; KEDA watches the worker's subscription
  security       the API's HS256 secret comes only from a Secret defined outside the repository,
                 never a ConfigMap or a generated Secret; the gke profile sets API_SECURITY_AUDIENCES
                 and no HS256 secret; only the local profile turns WORKER_VERIFY_SIGNATURES off
  project        the gke overlay's project id reaches every manifest through its replacements
  alerts         every alert links an existing section of docs/runbook.md
  promql         every dashboard and alert expression parses (promtool check rules)
Prints one line per check and exits non-zero if any failed.
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

APPS = ("campaign-api", "campaign-dispatcher", "call-worker")
WORKLOAD_KINDS = ("Deployment", "StatefulSet")
FAILURES = []
PASSED = []


def fail(check, message):
    FAILURES.append(f"{check}: {message}")


def render(kubectl, overlay):
    result = subprocess.run([kubectl, "kustomize", str(overlay)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {overlay} failed:\n{result.stderr}")
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def by_kind(docs, kind):
    return [d for d in docs if d.get("kind") == kind]


def duration_seconds(text):
    match = re.fullmatch(r"(\d+)(ms|s|m)?", str(text).strip())
    if not match:
        raise ValueError(f"not a duration: {text}")
    value, unit = int(match.group(1)), match.group(2) or "s"
    return {"ms": value / 1000, "s": value, "m": value * 60}[unit]


# --- workloads -------------------------------------------------------------------------------
def check_workloads(overlay, docs, repo):
    check = f"workloads[{overlay}]"
    before = len(FAILURES)
    config = {cm["metadata"]["name"]: cm.get("data", {}) for cm in by_kind(docs, "ConfigMap")}
    for workload in [d for d in docs if d.get("kind") in WORKLOAD_KINDS]:
        name = workload["metadata"]["name"]
        pod = workload["spec"]["template"]["spec"]
        pod_security = pod.get("securityContext", {})
        containers = pod.get("containers", []) + pod.get("initContainers", [])
        for container in containers:
            where = f"{workload['kind']} {name}, container {container['name']}"
            is_init = container in pod.get("initContainers", [])
            if not is_init:
                for probe in ("readinessProbe", "livenessProbe"):
                    if probe not in container:
                        fail(check, f"{where}: no {probe}")
            resources = container.get("resources", {})
            for section in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    if resource not in resources.get(section, {}):
                        fail(check, f"{where}: no {section}.{resource}")
            security = container.get("securityContext", {})
            non_root = security.get("runAsNonRoot", pod_security.get("runAsNonRoot"))
            if non_root is not True:
                fail(check, f"{where}: runAsNonRoot is not true")
            user = security.get("runAsUser", pod_security.get("runAsUser"))
            if user == 0:
                fail(check, f"{where}: runs as uid 0")
            if security.get("readOnlyRootFilesystem") is not True:
                fail(check, f"{where}: readOnlyRootFilesystem is not true")
            if security.get("allowPrivilegeEscalation") is not False:
                fail(check, f"{where}: allowPrivilegeEscalation is not false")
            if "ALL" not in security.get("capabilities", {}).get("drop", []):
                fail(check, f"{where}: capabilities are not all dropped")
        if name in APPS:
            check_shutdown(check, name, pod, config, repo)
        if name == "campaign-api":
            check_upload_spool(check, pod, config)
    if len(FAILURES) == before:
        PASSED.append(check)


def check_shutdown(check, name, pod, config, repo):
    """The grace period covers the preStop pause and the graceful shutdown: one lifecycle phase
    (the web server draining) for every service, two for the worker (draining, then releasing its
    dialling sessions and leases)."""
    container = pod["containers"][0]
    pre_stop = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
    pause = int(pre_stop[1]) if len(pre_stop) == 2 and pre_stop[0] == "sleep" else 0
    phase = 30.0  # Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase
    if name == "call-worker":
        worker_config = next((v for k, v in config.items() if k.startswith("call-worker-config")), {})
        grace = worker_config.get("WORKER_SHUTDOWN_GRACE") or default_of(
            repo / "call-worker/src/main/resources/application.yml",
            ("spring", "lifecycle", "timeout-per-shutdown-phase"),
        )
        phase = duration_seconds(grace)
    phases = 2 if name == "call-worker" else 1
    needed = pause + phases * phase
    period = pod.get("terminationGracePeriodSeconds", 30)
    if period <= needed:
        fail(check, f"{name}: terminationGracePeriodSeconds {period} <= preStop {pause}s + "
                    f"{phases} x {phase:g}s shutdown phase")


def size_bytes(text):
    """Kubernetes quantities (2Gi, 1536Mi) and Spring data sizes (512MB = 512 MiB)."""
    match = re.fullmatch(r"(\d+)\s*(Ki|Mi|Gi|KB|MB|GB|B)?", str(text).strip())
    if not match:
        raise ValueError(f"not a size: {text}")
    unit = {"Ki": 1, "KB": 1, "Mi": 2, "MB": 2, "Gi": 3, "GB": 3}.get(match.group(2) or "B", 0)
    return int(match.group(1)) * 1024 ** unit


def check_upload_spool(check, pod, config):
    """Multipart uploads are spooled to /tmp while they arrive, each up to the CSV upload limit,
    at most API_UPLOADS_MAX_CONCURRENT_UPLOADS at once (ApiProperties' defaults: 512MB, 2): the
    emptyDir must hold them all plus 256 MiB for Tomcat's work directory and the JVM, and the
    container's ephemeral-storage limit must not evict the pod before the emptyDir fills."""
    api_config = next((v for k, v in config.items() if k.startswith("campaign-api-config")), {})
    upload = size_bytes(api_config.get("API_UPLOADS_MAX_CSV_UPLOAD_SIZE", "512MB"))
    concurrent = int(api_config.get("API_UPLOADS_MAX_CONCURRENT_UPLOADS", "2"))
    needed = upload * concurrent + 256 * 1024 ** 2
    tmp = next((v for v in pod.get("volumes", []) if v["name"] == "tmp"), {})
    limit = tmp.get("emptyDir", {}).get("sizeLimit")
    if limit is None or size_bytes(limit) < needed:
        fail(check, f"campaign-api: /tmp sizeLimit {limit} < {concurrent} x {upload >> 20} MiB "
                    f"uploads + 256 MiB")
    storage = pod["containers"][0].get("resources", {}).get("limits", {}).get("ephemeral-storage")
    if storage is None or limit is None or size_bytes(storage) < size_bytes(limit):
        fail(check, f"campaign-api: ephemeral-storage limit {storage} below /tmp sizeLimit {limit}")


def default_of(application_yml, path):
    """The default of a ${VARIABLE:default} placeholder (or the plain value) at path."""
    node = yaml.safe_load(application_yml.read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    match = re.fullmatch(r"\$\{[A-Z0-9_.]+:(.*)\}", str(node))
    return match.group(1) if match else str(node)


# --- security ----------------------------------------------------------------------------------
def container_env(container, configmaps):
    """The container's variables: name -> ("value", text) or ("secret", secret name)."""
    env = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef", {}).get("name")
        for key, value in configmaps.get(ref, {}).items():
            env[key] = ("value", str(value))
    for variable in container.get("env", []):
        secret = variable.get("valueFrom", {}).get("secretKeyRef")
        env[variable["name"]] = (("secret", secret["name"]) if secret
                                 else ("value", str(variable.get("value", ""))))
    return env


def check_security(overlay, docs):
    check = f"security[{overlay}]"
    before = len(FAILURES)
    configmaps = {cm["metadata"]["name"]: cm.get("data", {}) for cm in by_kind(docs, "ConfigMap")}
    generated_secrets = {secret["metadata"]["name"] for secret in by_kind(docs, "Secret")}
    for name, data in configmaps.items():
        if "API_SECURITY_HMAC_SECRET" in data:
            fail(check, f"ConfigMap {name} holds API_SECURITY_HMAC_SECRET: secrets go in a Secret")
    for workload in by_kind(docs, "Deployment"):
        app = workload["metadata"]["name"]
        if app not in APPS:
            continue
        env = container_env(workload["spec"]["template"]["spec"]["containers"][0], configmaps)
        profiles = env.get("SPRING_PROFILES_ACTIVE", ("value", ""))[1].split(",")
        if app == "campaign-api":
            kind, source = env.get("API_SECURITY_HMAC_SECRET", (None, None))
            if "gke" in profiles:
                if kind is not None:
                    fail(check, "campaign-api: the gke profile verifies tokens with the issuer's "
                                "keys; API_SECURITY_HMAC_SECRET must not be set")
                if not env.get("API_SECURITY_AUDIENCES", ("value", ""))[1].strip():
                    fail(check, "campaign-api: the gke profile needs API_SECURITY_AUDIENCES")
            if "local" in profiles and kind != "secret":
                fail(check, "campaign-api: the local profile needs API_SECURITY_HMAC_SECRET from a "
                            "Secret (its default is the published local secret)")
            if kind == "secret" and source in generated_secrets:
                fail(check, f"campaign-api: API_SECURITY_HMAC_SECRET comes from Secret {source}, "
                            f"which the repository defines; create it outside the repository")
        verify = env.get("WORKER_VERIFY_SIGNATURES", ("value", "true"))[1].strip().lower()
        if verify == "false" and "local" not in profiles:
            fail(check, f"{app}: WORKER_VERIFY_SIGNATURES=false outside the local profile")
    if len(FAILURES) == before:
        PASSED.append(check)


# --- Pub/Sub ---------------------------------------------------------------------------------
def bindings(repo):
    """(app, binding name, destination, group or None) of every binding in the applications."""
    found = []
    for app in APPS:
        config = yaml.safe_load((repo / app / "src/main/resources/application.yml").read_text())
        for name, binding in config["spring"]["cloud"]["stream"]["bindings"].items():
            destination = re.sub(r"\$\{[A-Z0-9_]+:(.*)\}", r"\1", str(binding["destination"]))
            found.append((app, name, destination, binding.get("group")))
    return found


def emulator_resources(repo):
    script = (repo / "ops/pubsub/create-emulator-resources.sh").read_text()
    topics = set()
    for line in re.findall(r"^for t in (.*?); do", script, re.S | re.M):
        topics.update(line.replace("\\\n", " ").split())
    subscriptions = {}
    for name, topic in re.findall(r"^(?:dead_letter_)?subscription (\S+) (\S+)", script, re.M):
        subscriptions[name] = topic
    return topics, subscriptions


def check_pubsub(overlay, docs, repo):
    check = f"pubsub[{overlay}]"
    before = len(FAILURES)
    topics = {t["metadata"]["name"]: t["spec"].get("resourceID", t["metadata"]["name"])
              for t in by_kind(docs, "PubSubTopic")}
    subscriptions = {s["spec"].get("resourceID", s["metadata"]["name"]): s
                     for s in by_kind(docs, "PubSubSubscription")}
    for app, name, destination, group in bindings(repo):
        if destination not in topics.values():
            fail(check, f"{app} binding {name}: no PubSubTopic {destination}")
        if not group:
            continue
        expected = f"{destination}.{group}"
        subscription = subscriptions.get(expected)
        if subscription is None:
            fail(check, f"{app} binding {name}: no PubSubSubscription {expected} (the binder's "
                        f"<destination>.<group>)")
            continue
        spec = subscription["spec"]
        if topics.get(spec["topicRef"]["name"]) != destination:
            fail(check, f"subscription {expected} is not on topic {destination}")
        if not 10 <= spec.get("ackDeadlineSeconds", 0) <= 600:
            fail(check, f"subscription {expected}: ackDeadlineSeconds missing or out of 10..600")
        dead_letter = spec.get("deadLetterPolicy", {})
        if dead_letter.get("deadLetterTopicRef", {}).get("name") not in topics:
            fail(check, f"subscription {expected}: no dead-letter topic")
        if not 5 <= dead_letter.get("maxDeliveryAttempts", 0) <= 100:
            fail(check, f"subscription {expected}: maxDeliveryAttempts missing or out of 5..100")
    # every dead-letter topic keeps its messages in a subscription
    for subscription in list(subscriptions.values()):
        dlt = subscription["spec"].get("deadLetterPolicy", {}).get("deadLetterTopicRef", {}).get("name")
        if dlt and not any(s["spec"]["topicRef"]["name"] == dlt for s in subscriptions.values()):
            fail(check, f"dead-letter topic {dlt} has no subscription: its messages would be lost")
    # the emulator of docker-compose gets the same resources
    emulator_topics, emulator_subscriptions = emulator_resources(repo)
    if emulator_topics != set(topics.values()):
        fail(check, f"emulator and Config Connector topics differ: only in the emulator script "
                    f"{sorted(emulator_topics - set(topics.values()))}, only in k8s/gcp "
                    f"{sorted(set(topics.values()) - emulator_topics)}")
    kcc_subscriptions = {name: topics.get(s["spec"]["topicRef"]["name"])
                         for name, s in subscriptions.items()}
    if emulator_subscriptions != kcc_subscriptions:
        only_emulator = sorted(set(emulator_subscriptions.items()) - set(kcc_subscriptions.items()))
        only_kcc = sorted(set(kcc_subscriptions.items()) - set(emulator_subscriptions.items()))
        fail(check, f"emulator and Config Connector subscriptions (name, topic) differ: only in "
                    f"the emulator script {only_emulator}, only in k8s/gcp {only_kcc}")
    # Cloud Scheduler ticks every minute into the dispatcher's tick topic
    tick_topic = next(d for a, n, d, g in bindings(repo) if n == "tick-in-0")
    jobs = by_kind(docs, "CloudSchedulerJob")
    if not any(j["spec"].get("schedule") == "* * * * *"
               and topics.get(j["spec"].get("pubsubTarget", {}).get("topicRef", {}).get("name"))
               == tick_topic for j in jobs):
        fail(check, f"no CloudSchedulerJob publishing to {tick_topic} every minute")
    # KEDA (when present) scales on the worker's subscription
    worker_subscription = next(f"{d}.{g}" for a, n, d, g in bindings(repo)
                               if a == "call-worker" and g)
    for scaled in by_kind(docs, "ScaledObject"):
        names = [t["metadata"].get("subscriptionName", "") for t in scaled["spec"]["triggers"]
                 if t["type"] == "gcp-pubsub"]
        if not names or not all(n.endswith("/subscriptions/" + worker_subscription) for n in names):
            fail(check, f"ScaledObject {scaled['metadata']['name']} does not watch "
                        f"{worker_subscription}: {names}")
    if len(FAILURES) == before:
        PASSED.append(check)


# --- project id --------------------------------------------------------------------------------
def check_project(repo, kubectl):
    check = "project[gke]"
    before = len(FAILURES)
    source = repo / "k8s/overlays/gke/gcp-project.yaml"
    data = yaml.safe_load(source.read_text())["data"]
    project = data["projectId"]
    if data["serviceAccountDomain"] != f"{project}.iam.gserviceaccount.com":
        fail(check, "gcp-project.yaml: serviceAccountDomain does not name projectId")
    if data["workloadIdentityMemberPrefix"] != f"serviceAccount:{project}.svc.id.goog":
        fail(check, "gcp-project.yaml: workloadIdentityMemberPrefix does not name projectId")
    # Render with another project: the original id must not survive anywhere.
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp) / "k8s"
        shutil.copytree(repo / "k8s", copy)
        probe = "check-ops-probe-project"
        moved = copy / "overlays/gke/gcp-project.yaml"
        moved.write_text(moved.read_text().replace(project, probe))
        for overlay in ("gke", "gke-hpa"):
            text = subprocess.run([kubectl, "kustomize", str(copy / "overlays" / overlay)],
                                  capture_output=True, text=True, check=True).stdout
            left = [line.strip() for line in text.splitlines() if project in line]
            if left:
                fail(check, f"{overlay}: project id not replaced in: {left[:5]}")
            if probe not in text:
                fail(check, f"{overlay}: replaced project id not found")
    if len(FAILURES) == before:
        PASSED.append(check)


# --- alerts and PromQL -----------------------------------------------------------------------
def slug(heading):
    return re.sub(r"[^a-z0-9 -]", "", heading.strip().lower()).replace(" ", "-")


def check_alert_links(repo):
    check = "alerts"
    before = len(FAILURES)
    runbook = (repo / "docs/runbook.md").read_text(encoding="utf-8")
    anchors = {slug(h) for h in re.findall(r"^#+ (.+)$", runbook, re.M)}
    for rules_file in sorted((repo / "ops/prometheus/rules").glob("*.yml")):
        for group in yaml.safe_load(rules_file.read_text())["groups"]:
            for rule in group["rules"]:
                if "alert" not in rule:
                    continue
                link = rule.get("annotations", {}).get("runbook", "")
                anchor = link.partition("#")[2]
                if not link.startswith("docs/runbook.md#") or anchor not in anchors:
                    fail(check, f"alert {rule['alert']}: runbook link {link!r} has no section")
    if len(FAILURES) == before:
        PASSED.append(check)


def check_promql(repo, promtool):
    """promtool parses every expression of the dashboard as a recording rule."""
    check = "promql[dashboard]"
    before = len(FAILURES)
    dashboard = json.loads((repo / "ops/grafana/dashboards/voice-campaigns.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    rules = [{"record": f"dashboard:expr_{i}", "expr": e.replace("$__rate_interval", "5m")}
             for i, e in enumerate(exprs)]
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, f)
    result = subprocess.run([promtool, "check", "rules", f.name], capture_output=True, text=True)
    pathlib.Path(f.name).unlink()
    if result.returncode != 0:
        fail(check, result.stdout + result.stderr)
    if not exprs:
        fail(check, "the dashboard has no queries")
    if len(FAILURES) == before:
        PASSED.append(f"{check} ({len(exprs)} queries)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", default=".")
    parser.add_argument("--kubectl", default="kubectl")
    parser.add_argument("--promtool", default="promtool")
    args = parser.parse_args()
    repo = pathlib.Path(args.repo).resolve()
    overlays = sorted(p for p in (repo / "k8s/overlays").iterdir() if p.is_dir())
    for overlay in overlays:
        docs = render(args.kubectl, overlay)
        PASSED.append(f"kustomize[{overlay.name}] ({len(docs)} resources)")
        check_workloads(overlay.name, docs, repo)
        check_security(overlay.name, docs)
        if by_kind(docs, "PubSubSubscription"):
            check_pubsub(overlay.name, docs, repo)
    check_project(repo, args.kubectl)
    check_alert_links(repo)
    check_promql(repo, args.promtool)
    for line in PASSED:
        print(f"  ok    {line}")
    for line in FAILURES:
        print(f"  FAIL  {line}")
    print(f"check-manifests: {len(PASSED)} passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
