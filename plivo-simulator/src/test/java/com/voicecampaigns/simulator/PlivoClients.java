package com.voicecampaigns.simulator;

import com.plivo.api.PlivoClient;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Real plivo-java clients aimed at a simulator. plivo-java ignores its base URL for voice calls, so
 * an interceptor rewrites scheme, host and port of every request.
 */
final class PlivoClients {

  private PlivoClients() {}

  static PlivoClient pointedAt(PlivoSimulator simulator) {
    return pointedAt(
        simulator, simulator.authId(), simulator.authToken(), null, Duration.ofSeconds(10));
  }

  /** A client on {@code http} (say, with the worker's {@code retryOnConnectionFailure(false)}). */
  static PlivoClient pointedAt(
      PlivoSimulator simulator, OkHttpClient.Builder http, Duration readTimeout) {
    return pointedAt(simulator, simulator.authId(), simulator.authToken(), null, readTimeout, http);
  }

  /**
   * @param originalUrls if not null, receives every URL plivo-java asked for, before rewriting
   */
  static PlivoClient pointedAt(
      PlivoSimulator simulator,
      String authId,
      String authToken,
      List<String> originalUrls,
      Duration readTimeout) {
    return pointedAt(
        simulator, authId, authToken, originalUrls, readTimeout, new OkHttpClient.Builder());
  }

  private static PlivoClient pointedAt(
      PlivoSimulator simulator,
      String authId,
      String authToken,
      List<String> originalUrls,
      Duration readTimeout,
      OkHttpClient.Builder builder) {
    HttpUrl target = HttpUrl.get(simulator.apiUrl());
    OkHttpClient.Builder http =
        builder
            .readTimeout(readTimeout)
            .addInterceptor(
                chain -> {
                  Request request = chain.request();
                  if (originalUrls != null) {
                    originalUrls.add(request.url().toString());
                  }
                  HttpUrl rewritten =
                      request
                          .url()
                          .newBuilder()
                          .scheme(target.scheme())
                          .host(target.host())
                          .port(target.port())
                          .build();
                  return chain.proceed(request.newBuilder().url(rewritten).build());
                });
    return new PlivoClient(authId, authToken, http);
  }
}
