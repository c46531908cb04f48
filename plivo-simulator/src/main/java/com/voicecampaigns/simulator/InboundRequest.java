package com.voicecampaigns.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the handlers see it.
 *
 * @param method the request method
 * @param path the decoded path, without the query
 * @param rawQuery the query string as sent, or null
 * @param headers the first value of each header, names in lower case
 * @param body the body's bytes
 */
record InboundRequest(
    String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

  InboundRequest {
    headers = Map.copyOf(headers);
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Decoded query parameters. */
  Map<String, String> query() {
    return rawQuery == null ? Map.of() : MakeCallRequest.parseForm(rawQuery);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
