package com.voicecampaigns.worker.control;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The global kill switch: while {@code controls/{_id: "dialing"}} has {@code enabled: false}, no
 * worker sends a Make-Call request. Every worker reads it every {@code
 * worker.status-check-interval} (1 s) and checks the value before each call; campaigns keep their
 * leases and resume by themselves once it is switched back on. Calls already placed go on. Flip it
 * with mongosh:
 *
 * <pre>
 * db.controls.updateOne({_id: "dialing"},
 *   {$set: {enabled: false, reason: "carrier incident", updatedAt: new Date()}}, {upsert: true})
 * db.controls.updateOne({_id: "dialing"}, {$set: {enabled: true, updatedAt: new Date()}})
 * </pre>
 */
@Component
public class DialingSwitch {

  public static final String COLLECTION = "controls";
  public static final String ID = "dialing";
  public static final String ENABLED = "enabled";
  public static final String REASON = "reason";

  private static final Logger log = LoggerFactory.getLogger(DialingSwitch.class);

  private final MongoTemplate mongo;
  private volatile boolean enabled = true;

  DialingSwitch(MongoTemplate mongo) {
    this.mongo = mongo;
    refresh();
  }

  /** The value read last (at most one status-check interval old). */
  public boolean enabled() {
    return enabled;
  }

  /** Reads the switch again; an absent document means dialling is enabled. */
  public void refresh() {
    Document control = mongo.findById(ID, Document.class, COLLECTION);
    boolean now = control == null || !Boolean.FALSE.equals(control.get(ENABLED));
    if (now != enabled) {
      if (now) {
        log.warn("dialling switched back on");
      } else {
        log.warn(
            "dialling switched off by the kill switch ({})",
            control.get(REASON) == null ? "no reason given" : control.get(REASON));
      }
    }
    enabled = now;
  }
}
