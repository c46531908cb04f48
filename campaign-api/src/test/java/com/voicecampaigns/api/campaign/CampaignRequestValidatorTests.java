package com.voicecampaigns.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.contactlist.ContactListLookup;
import com.voicecampaigns.api.contactlist.ContactListLookup.ListState;
import com.voicecampaigns.api.web.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The ws:// switch, which the shared test context (wss:// only) cannot flip. */
class CampaignRequestValidatorTests {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void acceptsWsUrlsOnlyWhenInsecureWebSocketsAreAllowed() {
    var request =
        new CreateCampaignRequest(
            "n",
            "list",
            "+918035735659",
            "ws://127.0.0.1:9000/bot",
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(validator(true).validate("acme", request, NOW).settings().wssUrl())
        .isEqualTo("ws://127.0.0.1:9000/bot");
    ApiProblem refused =
        catchThrowableOfType(
            ApiProblem.class, () -> validator(false).validate("acme", request, NOW));
    assertThat(refused.detail()).startsWith("wssUrl: must be a wss:// URL");
  }

  @Test
  void theLocalProfileAllowsWsUrls() {
    var yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application-local.yml"));

    assertThat(yaml.getObject().getProperty("api.campaigns.allow-insecure-web-socket"))
        .isEqualTo("true");
  }

  private static CampaignRequestValidator validator(boolean allowWs) {
    ContactListLookup lists = mock(ContactListLookup.class);
    when(lists.find("list")).thenReturn(Optional.of(new ListState("list", "acme", "ready", 3)));
    var properties =
        new ApiProperties(
            new ApiProperties.Security(
                null, List.of(), "clientId", "roles", "admin", Duration.ofSeconds(60)),
            new ApiProperties.Cors(List.of()),
            new ApiProperties.Uploads(
                org.springframework.util.unit.DataSize.ofMegabytes(1),
                org.springframework.util.unit.DataSize.ofMegabytes(1),
                2),
            new ApiProperties.ContactLists(
                1000,
                1000,
                null,
                Duration.ofMinutes(15),
                Duration.ofMinutes(1),
                50,
                64,
                1024,
                new ApiProperties.Csv(4096, 64, 65536)),
            new ApiProperties.Campaigns(
                Duration.ofDays(365), allowWs, Duration.ofHours(24), Duration.ZERO),
            new ApiProperties.ProgressStreams(
                10, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(30)));
    return new CampaignRequestValidator(lists, properties);
  }
}
