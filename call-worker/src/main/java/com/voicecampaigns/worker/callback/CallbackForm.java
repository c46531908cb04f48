package com.voicecampaigns.worker.callback;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The form parameters of a callback's body alone. The servlet API merges the URL's query into the
 * request parameters, but Plivo signs the URL (query included) and the body's parameters apart, and
 * the callback's facts (CallUUID, CallStatus…) are the body's: the worker's own query ({@code
 * ?campaignId=…&callId=…}) only names the call.
 */
final class CallbackForm {

  private CallbackForm() {}

  /**
   * {@code merged} (the servlet's parameters, query values first) without the values that came from
   * {@code rawQuery}; the first remaining value of each name.
   */
  static Map<String, String> bodyOf(MultiValueMap<String, String> merged, String rawQuery) {
    Map<String, List<String>> remaining = new LinkedHashMap<>();
    merged.forEach((name, values) -> remaining.put(name, new ArrayList<>(values)));
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        String[] nameValue = pair.split("=", 2);
        String name = decoded(nameValue[0]);
        String value = nameValue.length < 2 ? "" : decoded(nameValue[1]);
        List<String> values = name == null ? null : remaining.get(name);
        if (values != null && value != null) {
          values.remove(value);
        }
      }
    }
    Map<String, String> body = new LinkedHashMap<>();
    remaining.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            body.put(name, values.get(0));
          }
        });
    return body;
  }

  /** The decoded text, or {@code null} when it is not valid %-encoding. */
  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }
}
