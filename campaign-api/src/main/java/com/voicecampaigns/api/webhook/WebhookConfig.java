package com.voicecampaigns.api.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF policy and the HTTP client of the deliveries, from {@link WebhookProperties}. */
@Configuration(proxyBeanMethods = false)
class WebhookConfig {

  @Bean
  WebhookTargets webhookTargets(WebhookProperties properties) {
    return new WebhookTargets(
        properties.allowPrivateTargets(), properties.allowHttp(), WebhookTargets.Resolver.SYSTEM);
  }

  @Bean
  DeliveryClient webhookDeliveryClient(WebhookTargets targets, WebhookProperties properties) {
    return new DeliveryClient(targets, properties);
  }
}
