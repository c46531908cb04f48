package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.store.contact.ContactListDocument;
import com.voicecampaigns.store.contact.ContactStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Removes the remains of imports whose API instance died mid-upload: a list still {@code importing}
 * whose {@code updatedAt} (touched after every batch) is older than {@code
 * api.contact-lists.stale-import-after}. Each list is first claimed with a conditional update, so
 * several API replicas never fight over one.
 */
@Component
class StaleImportCleaner implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(StaleImportCleaner.class);

  private final ContactStore contacts;
  private final ApiProperties.ContactLists settings;
  private final Clock clock;

  StaleImportCleaner(ContactStore contacts, ApiProperties properties, Clock clock) {
    this.contacts = contacts;
    this.settings = properties.contactLists();
    this.clock = clock;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(this::removeStaleImports, settings.staleImportCheck());
  }

  /** Answers how many abandoned imports were removed. */
  int removeStaleImports() {
    Instant cutoff = clock.instant().minus(settings.staleImportAfter());
    int removed = 0;
    while (true) {
      Optional<ContactListDocument> stale = contacts.claimStaleImport(cutoff, clock.instant());
      if (stale.isEmpty()) {
        return removed;
      }
      contacts.delete(stale.get().id());
      log.warn(
          "removed list {} of {}: its import stopped at {}",
          stale.get().id(),
          stale.get().clientId(),
          cutoff);
      removed++;
    }
  }
}
