package com.voicecampaigns.worker.control;

import com.voicecampaigns.store.control.ControlStore;
import com.voicecampaigns.store.control.DialingControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The global kill switch ({@link ControlStore#dialing()}): while it is off, no worker sends a
 * Make-Call request. Every worker reads it every {@code worker.status-check-interval} (1 s) and
 * checks the value before each call; campaigns keep their leases and resume by themselves once it
 * is switched back on. Calls already placed go on. Operators flip it with {@code
 * ops/scripts/dialing-switch.sh} (see the runbook).
 */
@Component
public class DialingSwitch {

  private static final Logger log = LoggerFactory.getLogger(DialingSwitch.class);

  private final ControlStore controls;
  private volatile boolean enabled = true;

  DialingSwitch(ControlStore controls) {
    this.controls = controls;
    refresh();
  }

  /** The value read last (at most one status-check interval old). */
  public boolean enabled() {
    return enabled;
  }

  /** Reads the switch again. */
  public void refresh() {
    DialingControl control = controls.dialing();
    if (control.enabled() != enabled) {
      if (control.enabled()) {
        log.warn("dialling switched back on");
      } else {
        log.warn(
            "dialling switched off by the kill switch ({})",
            control.reason() == null ? "no reason given" : control.reason());
      }
    }
    enabled = control.enabled();
  }
}
