package com.voicecampaigns.store.control;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Operator controls, collection {@code controls}, flipped with mongosh (see the runbook and {@code
 * ops/scripts/dialing-switch.sh}):
 *
 * <pre>
 * db.controls.updateOne({_id: "dialing"},
 *   {$set: {enabled: false, reason: "carrier incident", updatedAt: new Date()}}, {upsert: true})
 * db.controls.updateOne({_id: "dialing"}, {$set: {enabled: true, updatedAt: new Date()}})
 * </pre>
 */
public class ControlStore {

  public static final String COLLECTION = "controls";
  public static final String DIALING = "dialing";
  public static final String ENABLED = "enabled";
  public static final String REASON = "reason";

  private final MongoOperations mongo;

  public ControlStore(MongoOperations mongo) {
    this.mongo = mongo;
  }

  /** The kill switch as stored now; anything but {@code enabled: false} means enabled. */
  public DialingControl dialing() {
    Document control = mongo.findById(DIALING, Document.class, COLLECTION);
    if (control == null) {
      return DialingControl.ENABLED;
    }
    Object reason = control.get(REASON);
    return new DialingControl(
        !Boolean.FALSE.equals(control.get(ENABLED)), reason == null ? null : reason.toString());
  }
}
