package com.voicecampaigns.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Delivers signed callbacks. Never throws and never completes exceptionally: every failure becomes
 * a {@link CallbackResult}.
 */
final class CallbackSender {

  private final HttpClient httpClient;
  private final String authToken;
  private final Duration timeout;
  private final Executor executor;

  CallbackSender(String authToken, Duration timeout, Executor executor) {
    this.authToken = authToken;
    this.timeout = timeout;
    this.executor = executor;
    this.httpClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
  }

  /** Sends {@code params} to {@code url}: as a form body for POST, as query parameters for GET. */
  CompletableFuture<CallbackResult> send(String url, String method, Map<String, String> params) {
    try {
      HttpRequest request = request(url, method, params);
      return httpClient
          .sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .handleAsync(
              (response, error) ->
                  error == null
                      ? CallbackResult.response(response.statusCode(), response.body())
                      : CallbackResult.failure(error),
              executor);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(CallbackResult.failure(e));
    }
  }

  private HttpRequest request(String url, String method, Map<String, String> params) {
    String nonce = PlivoSignatureV3.newNonce();
    String signature = PlivoSignatureV3.headerValue(authToken, method, url, params, nonce);
    String form = formEncode(params);
    boolean get = "GET".equals(method);
    URI target = URI.create(get ? url + (url.contains("?") ? "&" : "?") + form : url);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .header("User-Agent", "PlivoHTTP/1.0 (plivo-simulator)")
            .header(PlivoSignatureV3.SIGNATURE_HEADER, signature)
            .header(PlivoSignatureV3.MA_SIGNATURE_HEADER, signature)
            .header(PlivoSignatureV3.NONCE_HEADER, nonce);
    if (get) {
      return builder.GET().build();
    }
    return builder
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  static String formEncode(Map<String, String> params) {
    StringJoiner form = new StringJoiner("&");
    params.forEach(
        (key, value) ->
            form.add(
                URLEncoder.encode(key, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return form.toString();
  }
}
