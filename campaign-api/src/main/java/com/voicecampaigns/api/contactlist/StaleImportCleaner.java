package com.voicecampaigns.api.contactlist;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.model.contact.ContactFields;
import java.time.Clock;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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

  private final MongoTemplate mongo;
  private final ApiProperties.ContactLists settings;
  private final Clock clock;

  StaleImportCleaner(MongoTemplate mongo, ApiProperties properties, Clock clock) {
    this.mongo = mongo;
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
      ContactList stale =
          mongo.findAndModify(
              Query.query(
                  where(ContactFields.STATUS)
                      .is(ContactFields.LIST_IMPORTING)
                      .and(ContactFields.UPDATED_AT)
                      .lt(cutoff)),
              new Update()
                  .set(ContactFields.STATUS, ContactFields.LIST_DELETING)
                  .set(ContactFields.UPDATED_AT, clock.instant()),
              FindAndModifyOptions.options().returnNew(true),
              ContactList.class);
      if (stale == null) {
        return removed;
      }
      mongo.remove(
          Query.query(where(ContactFields.LIST_ID).is(stale.id())),
          ContactFields.CONTACT_COLLECTION);
      mongo.remove(
          Query.query(where(ContactFields.ID).is(new ObjectId(stale.id()))), ContactList.class);
      log.warn(
          "removed list {} of {}: its import stopped at {}", stale.id(), stale.clientId(), cutoff);
      removed++;
    }
  }
}
