package com.voicecampaigns.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Error bodies. */
final class HttpErrors {

  private HttpErrors() {}

  /** Plivo's error shape: {@code {"api_id":"…","error":"…"}}. */
  static Map<String, Object> plivoError(String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("api_id", UUID.randomUUID().toString());
    body.put("error", error);
    return body;
  }
}
