package com.voicecampaigns.worker.plivo;

import java.io.IOException;
import okhttp3.Interceptor;

/**
 * Runs the {@link LastCheck} of the request this thread is placing. plivo-java sends each request
 * on the calling thread, so {@link PlivoCalls} hands the check over in a thread-local for the
 * length of one request. Installed with {@code addNetworkInterceptor}, after {@link
 * StaleConnections#network()} and before {@link SendTracker#network()}: it runs once a usable
 * connection is held and nothing of the request is written yet.
 */
final class LastCheckInterceptor implements Interceptor {

  private static final ThreadLocal<LastCheck> CURRENT = new ThreadLocal<>();

  /** Makes {@code check} this thread's last check until the scope is closed. */
  static Scope use(LastCheck check) {
    CURRENT.set(check);
    return CURRENT::remove;
  }

  @Override
  public okhttp3.Response intercept(Chain chain) throws IOException {
    LastCheck check = CURRENT.get();
    if (check != null) {
      boolean allowed;
      try {
        allowed = check.allowsSending();
      } catch (RuntimeException e) {
        throw new RequestWithheldException(e); // a check that failed allows nothing
      }
      if (!allowed) {
        throw new RequestWithheldException(null);
      }
    }
    return chain.proceed(chain.request());
  }

  /** How long a check applies. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** The last check withheld the request: nothing of it was written. */
  static final class RequestWithheldException extends IOException {
    RequestWithheldException(RuntimeException failure) {
      super("withheld by the last check before sending", failure);
    }
  }
}
