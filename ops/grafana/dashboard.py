#!/usr/bin/env python3
"""Writes the Grafana dashboard ops/grafana/dashboards/voice-campaigns.json from the panel list below.

    python3 ops/grafana/dashboard.py           # rewrite the JSON
    python3 ops/grafana/dashboard.py --check   # fail if the committed JSON is not what this writes

Edit the panels here, not the JSON. Queries use the agreed Prometheus metric names (docs/runbook.md,
"Metrics"); the system test MetricsSystemTests reads the JSON and checks that every service metric it
names is exposed.
"""
import json
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parent / "dashboards" / "voice-campaigns.json"
DS = {"type": "prometheus", "uid": "${datasource}"}


def target(expr, legend, ref):
    return {"datasource": DS, "expr": expr, "legendFormat": legend, "refId": ref, "range": True}


def timeseries(title, description, unit, queries, stack=False):
    return {
        "type": "timeseries",
        "title": title,
        "description": description,
        "datasource": DS,
        "fieldConfig": {
            "defaults": {
                "unit": unit,
                "min": 0,
                "custom": {
                    "drawStyle": "line",
                    "lineWidth": 1,
                    "fillOpacity": 10,
                    "stacking": {"mode": "normal" if stack else "none", "group": "A"},
                },
            },
            "overrides": [],
        },
        "options": {
            "legend": {"displayMode": "table", "placement": "bottom", "calcs": ["lastNotNull", "max"]},
            "tooltip": {"mode": "multi", "sort": "desc"},
        },
        "targets": [target(e, l, chr(ord("A") + i)) for i, (e, l) in enumerate(queries)],
    }


def stat(title, description, unit, expr, thresholds):
    steps = [{"color": "green", "value": None}] + [
        {"color": color, "value": value} for value, color in thresholds
    ]
    return {
        "type": "stat",
        "title": title,
        "description": description,
        "datasource": DS,
        "fieldConfig": {
            "defaults": {"unit": unit, "thresholds": {"mode": "absolute", "steps": steps}},
            "overrides": [],
        },
        "options": {
            "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
            "colorMode": "background",
            "graphMode": "area",
            "textMode": "auto",
        },
        "targets": [target(expr, title, "A")],
    }


def row(title):
    return {"type": "row", "title": title, "collapsed": False, "panels": []}


RATE = "$__rate_interval"

ROWS = [
    (
        "Overview",
        [
            stat(
                "Worker pods",
                "call-worker pods reporting metrics.",
                "none",
                'count(process_uptime_seconds{application="call-worker"})',
                [],
            ),
            stat(
                "Campaign slots taken",
                "Campaigns held by workers / the fleet's capacity (worker_campaigns_active / "
                "worker_campaigns_capacity). At 100% new campaigns wait: alert CallWorkersAtCapacity.",
                "percentunit",
                "sum(worker_campaigns_active) / sum(worker_campaigns_capacity)",
                [(0.8, "orange"), (1, "red")],
            ),
            stat(
                "Active calls",
                "Calls in progress on all workers.",
                "none",
                "sum(worker_calls_active)",
                [],
            ),
            stat(
                "Since the last tick",
                "Age of the freshest scheduler tick any dispatcher saw. Over 3 minutes: alert "
                "SchedulerTickMissing.",
                "s",
                "min(dispatcher_tick_age_seconds)",
                [(90, "orange"), (180, "red")],
            ),
            stat(
                "Due backlog",
                "Scheduled campaigns past their start time, counted after each dispatch pass.",
                "none",
                "max(dispatcher_due_backlog)",
                [(1, "orange"), (100, "red")],
            ),
            stat(
                "Start lag p99 (5m)",
                "99th percentile of how late campaigns started. Over 5 s: alert CampaignStartLagHigh.",
                "s",
                "histogram_quantile(0.99, sum by (le) (rate(dispatcher_start_lag_seconds_bucket[5m])))",
                [(2, "orange"), (5, "red")],
            ),
        ],
    ),
    (
        "Dispatch",
        [
            timeseries(
                "Campaigns started per minute",
                "First claims of scheduled campaigns, by what found them: a tick, a CampaignScheduled "
                "event, or a timer armed for the scheduled time.",
                "none",
                [
                    (
                        f"sum by (trigger) (rate(dispatcher_campaigns_started_total[{RATE}])) * 60",
                        "{{trigger}}",
                    ),
                    (
                        f"sum by (reason) (rate(dispatcher_campaigns_recovered_total[{RATE}])) * 60",
                        "recovered: {{reason}}",
                    ),
                ],
                stack=True,
            ),
            timeseries(
                "Start lag percentiles",
                "startedAt - scheduledTime of first claims (dispatcher_start_lag_seconds histogram).",
                "s",
                [
                    (
                        f"histogram_quantile({q}, sum by (le) "
                        f"(rate(dispatcher_start_lag_seconds_bucket[{RATE}])))",
                        f"p{int(q * 100)}",
                    )
                    for q in (0.5, 0.9, 0.99)
                ],
            ),
            timeseries(
                "Due backlog and ticks",
                "Due campaigns left after each pass; scheduler ticks received per minute.",
                "none",
                [
                    ("max(dispatcher_due_backlog)", "due backlog"),
                    (f"sum(rate(dispatcher_ticks_total[{RATE}])) * 60", "ticks / min"),
                ],
            ),
            timeseries(
                "Claims and publishes",
                "Duration of claiming and publishing one batch; CampaignStart publishes refused.",
                "s",
                [
                    (
                        f"sum(rate(dispatcher_claim_batch_seconds_sum[{RATE}])) "
                        f"/ sum(rate(dispatcher_claim_batch_seconds_count[{RATE}]))",
                        "mean claim batch",
                    ),
                    (
                        f"sum(increase(dispatcher_start_publish_failures_total[{RATE}]))",
                        "publish failures",
                    ),
                ],
            ),
        ],
    ),
    (
        "Calls",
        [
            timeseries(
                "Calls placed and answered per minute",
                "Make Call requests Plivo accepted, and calls the callee answered.",
                "none",
                [
                    (f"sum(rate(worker_calls_placed_total[{RATE}])) * 60", "placed"),
                    (f"sum(rate(worker_calls_answered_total[{RATE}])) * 60", "answered"),
                ],
            ),
            timeseries(
                "Calls failed by reason per minute",
                "Calls that could not be placed or failed, by reason (plivo-4xx, plivo-5xx, "
                "plivo-429, timeout, auth, …).",
                "none",
                [
                    (
                        f"sum by (reason) (rate(worker_calls_failed_total[{RATE}])) * 60",
                        "{{reason}}",
                    )
                ],
                stack=True,
            ),
            timeseries(
                "Calls ended by outcome per minute",
                "Final statuses of call attempts (completed, busy, no-answer, failed, …).",
                "none",
                [
                    (
                        f"sum by (outcome) (rate(worker_calls_ended_total[{RATE}])) * 60",
                        "{{outcome}}",
                    )
                ],
                stack=True,
            ),
            timeseries(
                "Active calls",
                "Calls in progress, per worker pod.",
                "none",
                [("sum by (instance) (worker_calls_active)", "{{instance}}")],
                stack=True,
            ),
        ],
    ),
    (
        "Plivo",
        [
            timeseries(
                "Plivo request latency",
                "Make Call request duration (worker_plivo_requests_seconds histogram).",
                "s",
                [
                    (
                        f"histogram_quantile({q}, sum by (le) "
                        f"(rate(worker_plivo_requests_seconds_bucket[{RATE}])))",
                        f"p{int(q * 100)}",
                    )
                    for q in (0.5, 0.9, 0.99)
                ],
            ),
            timeseries(
                "Plivo responses by status per minute",
                "HTTP status of Make Call requests (\"timeout\" when none came). 429 means the "
                "account's rate limit was hit: alert PlivoRateLimited.",
                "none",
                [
                    (
                        f"sum by (status) (rate(worker_plivo_requests_seconds_count[{RATE}])) * 60",
                        "{{status}}",
                    )
                ],
                stack=True,
            ),
            timeseries(
                "Plivo 429s per minute",
                "Requests Plivo rate-limited.",
                "none",
                [
                    (
                        f'sum(rate(worker_plivo_requests_seconds_count{{status="429"}}[{RATE}])) * 60',
                        "429",
                    )
                ],
            ),
            timeseries(
                "Pacing wait",
                "Mean time a call waited for the account's calls-per-second budget.",
                "s",
                [
                    (
                        f"sum(rate(worker_pacing_wait_seconds_sum[{RATE}])) "
                        f"/ sum(rate(worker_pacing_wait_seconds_count[{RATE}]))",
                        "mean wait",
                    )
                ],
            ),
        ],
    ),
    (
        "Workers",
        [
            timeseries(
                "Worker pods",
                "call-worker pods reporting metrics (KEDA/HPA scaling).",
                "none",
                [('count(process_uptime_seconds{application="call-worker"})', "pods")],
            ),
            timeseries(
                "Campaigns held vs capacity",
                "Campaigns the workers hold leases on, against the campaigns they may hold.",
                "none",
                [
                    ("sum(worker_campaigns_active)", "active"),
                    ("sum(worker_campaigns_capacity)", "capacity"),
                ],
            ),
            timeseries(
                "Lease takeovers per minute",
                "Campaigns taken over from a worker whose lease expired (a crash or a stall).",
                "none",
                [(f"sum(rate(worker_lease_takeovers_total[{RATE}])) * 60", "takeovers")],
            ),
            timeseries(
                "API: campaigns created and events per minute",
                "Campaigns accepted by the API; CampaignScheduled events published or failed.",
                "none",
                [
                    # The meter api.campaigns.created: Prometheus reserves the _created suffix, so
                    # Micrometer exposes it as api_campaigns_total (not api_campaigns_created_total).
                    (f"sum(rate(api_campaigns_total[{RATE}])) * 60", "created"),
                    (
                        f"sum by (outcome) (rate(api_campaign_events_total[{RATE}])) * 60",
                        "events {{outcome}}",
                    ),
                ],
            ),
        ],
    ),
    (
        "Pub/Sub (GKE, stackdriver exporter)",
        [
            timeseries(
                "Subscription backlog",
                "Undelivered messages per subscription, from Cloud Monitoring through the "
                "stackdriver exporter (absent in docker-compose).",
                "none",
                [
                    (
                        "max by (subscription_id) "
                        "(stackdriver_pubsub_subscription_pubsub_googleapis_com_subscription_num_undelivered_messages)",
                        "{{subscription_id}}",
                    )
                ],
            ),
            timeseries(
                "Dead-lettered messages",
                "Messages Pub/Sub moved to a dead-letter topic: alert PubSubMessagesDeadLettered.",
                "none",
                [
                    (
                        "max by (subscription_id) "
                        "(stackdriver_pubsub_subscription_pubsub_googleapis_com_subscription_dead_letter_message_count)",
                        "{{subscription_id}}",
                    )
                ],
            ),
        ],
    ),
]


def dashboard():
    panels, panel_id, y = [], 1, 0
    for title, members in ROWS:
        r = row(title)
        r.update(id=panel_id, gridPos={"h": 1, "w": 24, "x": 0, "y": y})
        panels.append(r)
        panel_id, y = panel_id + 1, y + 1
        stats = all(p["type"] == "stat" for p in members)
        width, height = (4, 4) if stats else (12, 8)
        for i, panel in enumerate(members):
            panel.update(
                id=panel_id,
                gridPos={"h": height, "w": width, "x": (i * width) % 24, "y": y + (i * width) // 24 * height},
            )
            panels.append(panel)
            panel_id += 1
        y += ((len(members) * width + 23) // 24) * height
    return {
        "uid": "voice-campaigns",
        "title": "Voice campaigns",
        "description": "Campaign dispatch, calls, Plivo and call workers. See docs/runbook.md.",
        "tags": ["voice-campaigns"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "refresh": "30s",
        "time": {"from": "now-3h", "to": "now"},
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "label": "Prometheus",
                    "type": "datasource",
                    "query": "prometheus",
                    "current": {},
                    "hide": 0,
                }
            ]
        },
        "annotations": {"list": []},
        "links": [],
        "panels": panels,
    }


def render():
    return json.dumps(dashboard(), indent=2, ensure_ascii=False) + "\n"


def main(argv):
    text = render()
    if "--check" in argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is stale: run python3 ops/grafana/dashboard.py", file=sys.stderr)
            return 1
        print(f"{OUT.name}: up to date ({len(dashboard()['panels'])} panels)")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
