package com.voicecampaigns.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error from outside Spring MVC (servlet filters, the security chain) in the shape the
 * route expects: problem details on the resource API, {@code {"status":…,"message":…}} on the
 * seed's {@code /plivo/*} routes.
 */
@Component
public class ErrorResponses {

  /** Path prefix of the seed-compatible routes, whose errors keep the seed's shape. */
  public static final String SEED_PREFIX = "/plivo/";

  private final JsonMapper json;

  ErrorResponses(JsonMapper json) {
    this.json = json;
  }

  public static boolean isSeedRoute(HttpServletRequest request) {
    return request.getRequestURI().startsWith(SEED_PREFIX);
  }

  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      URI type,
      String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    MediaType contentType;
    if (isSeedRoute(request)) {
      body.put("status", status.value());
      body.put("message", detail);
      contentType = MediaType.APPLICATION_JSON;
    } else {
      body.put("type", type.toString());
      body.put("title", status.getReasonPhrase());
      body.put("status", status.value());
      body.put("detail", detail);
      body.put("instance", request.getRequestURI());
      contentType = MediaType.APPLICATION_PROBLEM_JSON;
    }
    response.setStatus(status.value());
    response.setContentType(contentType.toString());
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), body);
  }
}
