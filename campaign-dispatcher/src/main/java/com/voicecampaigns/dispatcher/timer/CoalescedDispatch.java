package com.voicecampaigns.dispatcher.timer;

import com.voicecampaigns.dispatcher.DispatcherProperties;
import com.voicecampaigns.dispatcher.claim.DueCampaignDispatcher;
import com.voicecampaigns.dispatcher.metrics.StartTrigger;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * What a timer does when its campaign is due: a batch pass over everything due, on the timer's
 * thread. Campaigns are often scheduled at the same round minute, so hundreds of timers fire at
 * once; the first runs the pass, which claims them all in batches, and the others only ask it to
 * look once more instead of claiming one campaign each.
 */
@Component
class CoalescedDispatch {

  private final DueCampaignDispatcher dispatcher;
  private final DispatcherProperties properties;
  private final Clock clock;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  CoalescedDispatch(
      DueCampaignDispatcher dispatcher, DispatcherProperties properties, Clock clock) {
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.clock = clock;
  }

  void dispatchDueNow() {
    requested.set(true);
    // whoever holds "running" passes again while requests arrive, so none is lost
    while (requested.get() && running.compareAndSet(false, true)) {
      try {
        while (requested.getAndSet(false)) {
          dispatcher.dispatchDue(clock.instant().plus(properties.tickBudget()), StartTrigger.TIMER);
        }
      } finally {
        running.set(false);
      }
    }
  }
}
