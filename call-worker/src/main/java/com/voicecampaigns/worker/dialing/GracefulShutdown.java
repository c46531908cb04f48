package com.voicecampaigns.worker.dialing;

import com.voicecampaigns.worker.lease.StopReason;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown (SIGTERM), first thing when the context closes: while the web server still
 * serves callbacks and the message producers still publish, every session stops taking contacts,
 * finishes the request in flight (if any) and releases its lease with {@code resumeAt = now} plus a
 * hint for the dispatcher. Spring's executors, the Pub/Sub publisher's among them, shut down on
 * this same event, so this listener is ordered first.
 */
@Component
class GracefulShutdown
    implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware, Ordered {

  private final CampaignSessions sessions;
  private ApplicationContext applicationContext;

  GracefulShutdown(CampaignSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (event.getApplicationContext() != applicationContext) {
      return; // a binder's child context
    }
    sessions.stopAll(StopReason.SHUTDOWN);
  }

  @Override
  public void setApplicationContext(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
