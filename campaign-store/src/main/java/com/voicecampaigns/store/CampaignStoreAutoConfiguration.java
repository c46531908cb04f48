package com.voicecampaigns.store;

import com.voicecampaigns.store.call.CallAttemptReads;
import com.voicecampaigns.store.call.CallAttemptRedials;
import com.voicecampaigns.store.call.CallAttemptStore;
import com.voicecampaigns.store.campaign.CampaignCounters;
import com.voicecampaigns.store.campaign.CampaignEnds;
import com.voicecampaigns.store.campaign.CampaignLeases;
import com.voicecampaigns.store.campaign.CampaignReads;
import com.voicecampaigns.store.campaign.CampaignStore;
import com.voicecampaigns.store.campaign.IdempotencyClaims;
import com.voicecampaigns.store.contact.ContactStore;
import com.voicecampaigns.store.control.ControlStore;
import com.voicecampaigns.store.mapping.StoreConversions;
import com.voicecampaigns.store.pacing.PacingStore;
import com.voicecampaigns.store.pacing.RateDemands;
import com.voicecampaigns.store.suppression.DoNotCallStore;
import com.voicecampaigns.store.webhook.WebhookDeliveries;
import com.voicecampaigns.store.webhook.WebhookEndpointStore;
import com.voicecampaigns.store.webhook.WebhookOutbox;
import com.voicecampaigns.store.webhook.WebhookSources;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * The store's beans for every service that depends on this module, on top of Spring Boot's MongoDB
 * auto-configuration: the driver's timeouts, the conversions of the store's records, a converter
 * that writes no {@code _class} hint (every collection maps to one record, so none is needed), the
 * stores, and the indexes.
 */
@AutoConfiguration(before = DataMongoAutoConfiguration.class)
@EnableConfigurationProperties(MongoTimeouts.class)
public class CampaignStoreAutoConfiguration {

  /**
   * The driver's connect, socket and server-selection timeouts ({@code MONGODB_CONNECT_TIMEOUT},
   * {@code MONGODB_SOCKET_TIMEOUT}, {@code MONGODB_SERVER_SELECTION_TIMEOUT}), so no thread of any
   * service waits for MongoDB forever.
   */
  @Bean
  MongoClientSettingsBuilderCustomizer mongoTimeouts(
      MongoTimeouts timeouts, MongoConnectionDetails connection) {
    return settings -> timeouts.applyTo(settings, connection.getConnectionString());
  }

  @Bean
  MongoCustomConversions mongoCustomConversions() {
    return StoreConversions.conversions();
  }

  @Bean
  @ConditionalOnMissingBean(MongoConverter.class)
  MappingMongoConverter mappingMongoConverter(
      MongoDatabaseFactory factory,
      MongoMappingContext context,
      MongoCustomConversions conversions) {
    MappingMongoConverter converter =
        new MappingMongoConverter(new DefaultDbRefResolver(factory), context);
    converter.setCustomConversions(conversions);
    converter.setTypeMapper(new DefaultMongoTypeMapper(null));
    return converter;
  }

  @Bean
  StoreIndexes storeIndexes(MongoOperations mongo) {
    return new StoreIndexes(mongo);
  }

  @Bean
  CampaignStore campaignStore(MongoOperations mongo) {
    return new CampaignStore(mongo);
  }

  @Bean
  CampaignLeases campaignLeases(MongoOperations mongo) {
    return new CampaignLeases(mongo);
  }

  @Bean
  CampaignCounters campaignCounters(MongoOperations mongo, CallAttemptReads calls) {
    return new CampaignCounters(mongo, calls);
  }

  @Bean
  CampaignEnds campaignEnds(MongoOperations mongo, CallAttemptStore attempts) {
    return new CampaignEnds(mongo, attempts);
  }

  @Bean
  DoNotCallStore doNotCallStore(MongoOperations mongo) {
    return new DoNotCallStore(mongo);
  }

  @Bean
  CampaignReads campaignReads(MongoOperations mongo) {
    return new CampaignReads(mongo);
  }

  @Bean
  CallAttemptStore callAttemptStore(MongoOperations mongo) {
    return new CallAttemptStore(mongo);
  }

  @Bean
  CallAttemptRedials callAttemptRedials(MongoOperations mongo, CallAttemptStore attempts) {
    return new CallAttemptRedials(mongo, attempts);
  }

  @Bean
  CallAttemptReads callAttemptReads(MongoOperations mongo) {
    return new CallAttemptReads(mongo);
  }

  @Bean
  ContactStore contactStore(MongoOperations mongo) {
    return new ContactStore(mongo);
  }

  @Bean
  ControlStore controlStore(MongoOperations mongo) {
    return new ControlStore(mongo);
  }

  @Bean
  PacingStore pacingStore(MongoOperations mongo) {
    return new PacingStore(mongo);
  }

  @Bean
  RateDemands rateDemands(MongoOperations mongo) {
    return new RateDemands(mongo);
  }

  @Bean
  IdempotencyClaims idempotencyClaims(MongoOperations mongo) {
    return new IdempotencyClaims(mongo);
  }

  @Bean
  WebhookEndpointStore webhookEndpointStore(MongoOperations mongo) {
    return new WebhookEndpointStore(mongo);
  }

  @Bean
  WebhookOutbox webhookOutbox(MongoOperations mongo) {
    return new WebhookOutbox(mongo);
  }

  @Bean
  WebhookDeliveries webhookDeliveries(MongoOperations mongo) {
    return new WebhookDeliveries(mongo);
  }

  @Bean
  WebhookSources webhookSources(MongoOperations mongo) {
    return new WebhookSources(mongo);
  }
}
