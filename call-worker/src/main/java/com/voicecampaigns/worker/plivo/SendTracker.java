package com.voicecampaigns.worker.plivo;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Tells a Make-Call request that failed before any byte of it left from one that may have reached
 * Plivo. OkHttp runs network interceptors once it holds a connection, right before it writes the
 * request; so a failure seen by the {@link #application} interceptor before the {@link #network}
 * one ran is a connection that was never made (refused, unreachable, unknown host, connect or TLS
 * timeout), raised as {@link RequestNotSentException}. Any later failure may have placed a call.
 */
final class SendTracker {

  private SendTracker() {}

  /** Installed with {@code addInterceptor}, after {@link PlivoErrorInterceptor}. */
  static Interceptor application() {
    return chain -> {
      Progress progress = new Progress();
      Request tagged = chain.request().newBuilder().tag(Progress.class, progress).build();
      try {
        return chain.proceed(tagged);
      } catch (IOException e) {
        if (progress.writing || e instanceof LastCheckInterceptor.RequestWithheldException) {
          throw e;
        }
        throw new RequestNotSentException(e);
      }
    };
  }

  /** Installed with {@code addNetworkInterceptor}. */
  static Interceptor network() {
    return chain -> {
      Progress progress = chain.request().tag(Progress.class);
      if (progress != null) {
        progress.writing = true;
      }
      return chain.proceed(chain.request());
    };
  }

  /** Whether OkHttp got as far as writing the request. */
  private static final class Progress {
    private volatile boolean writing;
  }
}
