package com.voicecampaigns.worker.plivo;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns every answer but a 2xx into a {@link PlivoApiException} that keeps the status code and
 * {@code Retry-After}: plivo-java never sees a 5xx, so it never re-POSTs to its fallback hosts.
 * Redirects are not followed ({@code followRedirects(false)}): a redirected POST would be a second
 * request.
 */
final class PlivoErrorInterceptor implements Interceptor {

  private static final long MAX_ERROR_BODY = 4096;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      String body = response.peekBody(MAX_ERROR_BODY).string();
      throw new PlivoApiException(response.code(), body, response.header("Retry-After"));
    }
  }
}
