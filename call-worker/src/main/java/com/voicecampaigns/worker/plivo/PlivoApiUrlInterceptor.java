package com.voicecampaigns.worker.plivo;

import java.io.IOException;
import java.net.URI;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Points plivo-java at the configured API URL. plivo-java ignores its {@code baseUrl} for voice
 * calls (the voice URLs are static), so the only way in is to rewrite each request's scheme, host,
 * port and path prefix.
 */
final class PlivoApiUrlInterceptor implements Interceptor {

  private static final String PLIVO_PREFIX = "/v1/";

  private final URI apiUrl;

  PlivoApiUrlInterceptor(URI apiUrl) {
    this.apiUrl = apiUrl;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl original = chain.request().url();
    String path = original.encodedPath();
    String base = apiUrl.getPath().endsWith("/") ? apiUrl.getPath() : apiUrl.getPath() + "/";
    String rewrittenPath =
        path.startsWith(PLIVO_PREFIX) ? base + path.substring(PLIVO_PREFIX.length()) : path;
    HttpUrl.Builder url =
        original
            .newBuilder()
            .scheme(apiUrl.getScheme())
            .host(apiUrl.getHost())
            .encodedPath(rewrittenPath);
    url.port(apiUrl.getPort() > 0 ? apiUrl.getPort() : HttpUrl.defaultPort(apiUrl.getScheme()));
    return chain.proceed(chain.request().newBuilder().url(url.build()).build());
  }
}
