package com.voicecampaigns.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;

/** Small helpers around {@link HttpExchange}. */
final class HttpExchanges {

  private HttpExchanges() {}

  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      return body.readAllBytes();
    }
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static void sendJson(HttpExchange exchange, int status, ObjectMapper mapper, Object value)
      throws IOException {
    send(exchange, status, "application/json", mapper.writeValueAsBytes(value));
  }

  /** Plivo's error shape: {@code {"api_id":"…","error":"…"}}. */
  static Map<String, Object> plivoError(String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("api_id", UUID.randomUUID().toString());
    body.put("error", error);
    return body;
  }

  /** Decoded query parameters of the request URI. */
  static Map<String, String> query(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    return query == null ? Map.of() : MakeCallRequest.parseForm(query);
  }
}
