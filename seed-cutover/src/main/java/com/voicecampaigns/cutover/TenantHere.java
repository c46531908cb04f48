package com.voicecampaigns.cutover;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What one tenant already has here, read once per run through the API: the campaigns imported
 * before (by their {@code imported.source}) and the lists by name, so a second run finds what the
 * first created instead of creating it again.
 */
final class TenantHere {

  /** The name of the list made of a seed list; a second run finds the list by it. */
  static String listName(String seedListId) {
    return "seed list " + seedListId;
  }

  final String clientId;
  final String token;
  private final Map<String, JsonNode> importedBySource = new HashMap<>();
  private final Map<String, JsonNode> listsByName = new HashMap<>();

  private TenantHere(String clientId, String token) {
    this.clientId = clientId;
    this.token = token;
  }

  static TenantHere read(String clientId, String token, CampaignApi api) {
    TenantHere tenant = new TenantHere(clientId, token);
    for (JsonNode campaign : api.all(token, "/api/v1/campaigns")) {
      String source = campaign.path("imported").path("source").asString("");
      if (!source.isEmpty()) {
        tenant.importedBySource.putIfAbsent(source, campaign);
      }
    }
    // newest first: a ready list wins over a broken import of the same name
    for (JsonNode list : api.all(token, "/api/v1/contact-lists")) {
      String name = list.path("name").asString("");
      JsonNode known = tenant.listsByName.get(name);
      if (known == null || (!isReady(known) && isReady(list))) {
        tenant.listsByName.put(name, list);
      }
    }
    return tenant;
  }

  Optional<JsonNode> imported(String source) {
    return Optional.ofNullable(importedBySource.get(source));
  }

  Optional<JsonNode> list(String seedListId) {
    return Optional.ofNullable(listsByName.get(listName(seedListId)));
  }

  void listCreated(String seedListId, JsonNode list) {
    listsByName.put(listName(seedListId), list);
  }

  void imported(String source, JsonNode campaign) {
    importedBySource.put(source, campaign);
  }

  static boolean isReady(JsonNode list) {
    return "ready".equals(list.path("status").asString(""));
  }
}
