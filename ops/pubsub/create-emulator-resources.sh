#!/bin/sh
# Creates the topics and subscriptions of the local stack in the Pub/Sub emulator, the same set
# (names, ack deadlines, dead-letter policies) as the Config Connector manifests in k8s/gcp/pubsub.yaml
# (bin/check-ops compares the two). Idempotent: an existing topic or subscription is left as it is.
#
#   PUBSUB_EMULATOR_HOST=127.0.0.1:8085 GCP_PROJECT_ID=voice-campaigns-local ops/pubsub/create-emulator-resources.sh
#
# The applications would create missing resources themselves with the local profile, but a message
# published before its subscription exists is lost, so the subscriptions are created first.
set -eu

host="${PUBSUB_EMULATOR_HOST:?set PUBSUB_EMULATOR_HOST, e.g. 127.0.0.1:8085}"
project="${GCP_PROJECT_ID:-voice-campaigns-local}"
base="http://${host}/v1/projects/${project}"

# put <path> <json body>: PUT a resource; 200 created, 409 already there, anything else fails.
put() {
  status=$(curl -s -o /tmp/pubsub-init.out -w '%{http_code}' -X PUT \
    -H 'Content-Type: application/json' --data "$2" "${base}/$1")
  case "$status" in
    200) echo "created $1" ;;
    409) echo "exists  $1" ;;
    *) echo "failed  $1: HTTP $status $(cat /tmp/pubsub-init.out)" >&2; exit 1 ;;
  esac
}

topic() {
  put "topics/$1" '{}'
}

# subscription <name> <topic> <ack deadline seconds> <dead-letter topic> <max delivery attempts>
subscription() {
  put "subscriptions/$1" "{\"topic\": \"projects/${project}/topics/$2\", \
\"ackDeadlineSeconds\": $3, \
\"deadLetterPolicy\": {\"deadLetterTopic\": \"projects/${project}/topics/$4\", \"maxDeliveryAttempts\": $5}}"
}

# dead_letter_subscription <name> <dead-letter topic>: keeps dead letters for inspection.
dead_letter_subscription() {
  put "subscriptions/$1" "{\"topic\": \"projects/${project}/topics/$2\", \"ackDeadlineSeconds\": 60}"
}

for t in campaign-scheduler-tick campaign-scheduled campaign-start \
         campaign-scheduler-tick-dead-letter campaign-scheduled-dead-letter campaign-start-dead-letter; do
  topic "$t"
done

# <destination>.<group>: the name the Spring Cloud Stream Pub/Sub binder gives a consumer group.
subscription campaign-scheduler-tick.campaign-dispatcher campaign-scheduler-tick 60 campaign-scheduler-tick-dead-letter 5
subscription campaign-scheduled.campaign-dispatcher campaign-scheduled 60 campaign-scheduled-dead-letter 10
subscription campaign-start.call-worker campaign-start 60 campaign-start-dead-letter 10

dead_letter_subscription campaign-scheduler-tick-dead-letter.inspect campaign-scheduler-tick-dead-letter
dead_letter_subscription campaign-scheduled-dead-letter.inspect campaign-scheduled-dead-letter
dead_letter_subscription campaign-start-dead-letter.inspect campaign-start-dead-letter

echo "Pub/Sub emulator at ${host}, project ${project}: ready"
