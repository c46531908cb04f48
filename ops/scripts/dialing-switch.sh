#!/bin/sh
# The kill switch: stops every worker from placing new calls within about a second (workers re-read
# controls/{_id: "dialing"} every WORKER_STATUS_CHECK_INTERVAL, 1 s, and check it before each call).
# Calls already connected go on; campaigns keep their leases and resume when it is switched on.
#
#   MONGODB_URI=mongodb+srv://… ops/scripts/dialing-switch.sh off "carrier incident INC-123"
#   MONGODB_URI=mongodb+srv://… ops/scripts/dialing-switch.sh on
#   MONGODB_URI=mongodb+srv://… ops/scripts/dialing-switch.sh status
#
# Needs mongosh. Without a local mongosh, run it in the cluster (docs/runbook.md, "Kill switch").
set -eu

usage() { echo "usage: MONGODB_URI=… $0 off <reason> | on | status" >&2; exit 2; }
[ $# -ge 1 ] || usage
: "${MONGODB_URI:?set MONGODB_URI to the services' database (the mongodb Secret's uri)}"
command -v mongosh >/dev/null || { echo "mongosh not found" >&2; exit 2; }

export DIALING_ACTION="$1" DIALING_REASON="${2:-}" DIALING_BY="${USER:-unknown}@$(hostname)"
case "$1" in
  off) [ -n "$DIALING_REASON" ] || usage ;;
  on | status) ;;
  *) usage ;;
esac

# Values travel as environment variables, never spliced into the script.
exec mongosh "$MONGODB_URI" --quiet --eval '
  const action = process.env.DIALING_ACTION;
  if (action !== "status") {
    const set = {enabled: action === "on", updatedAt: new Date(), updatedBy: process.env.DIALING_BY};
    const update = action === "off"
        ? {$set: Object.assign(set, {reason: process.env.DIALING_REASON})}
        : {$set: set, $unset: {reason: ""}};
    db.controls.updateOne({_id: "dialing"}, update, {upsert: true});
  }
  const control = db.controls.findOne({_id: "dialing"});
  const enabled = control === null || control.enabled !== false;
  print("dialling is " + (enabled ? "ON" : "OFF") + (control ? " " + EJSON.stringify(control) : " (no controls document)"));
'
