package com.voicecampaigns.worker.plivo;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Turns every Plivo error answer into a {@link PlivoApiException} that keeps the status code. */
final class PlivoErrorInterceptor implements Interceptor {

  private static final long MAX_ERROR_BODY = 4096;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (response.code() < 400) {
      return response;
    }
    try (response) {
      String body = response.peekBody(MAX_ERROR_BODY).string();
      throw new PlivoApiException(response.code(), body);
    }
  }
}
