package com.voicecampaigns.simulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.ObjectMapper;

/**
 * One request and its single answer: a response, or the connection closed without one. Answers may
 * come later than the request's handler returns ({@link #after}), so that waiting never holds a
 * thread.
 */
final class Exchange {

  private final ChannelHandlerContext ctx;
  private final InboundRequest request;
  private final AtomicBoolean answered = new AtomicBoolean();

  Exchange(ChannelHandlerContext ctx, InboundRequest request) {
    this.ctx = ctx;
    this.request = request;
  }

  InboundRequest request() {
    return request;
  }

  /**
   * Sends the response (keep-alive, with a Content-Length).
   *
   * @return completes with true once written, false when the client had gone
   */
  CompletableFuture<Boolean> respond(int status, String contentType, byte[] body) {
    CompletableFuture<Boolean> written = new CompletableFuture<>();
    if (!answered.compareAndSet(false, true)) {
      written.complete(false);
      return written;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(response)
        .addListener((ChannelFutureListener) future -> written.complete(future.isSuccess()));
    return written;
  }

  CompletableFuture<Boolean> respondJson(int status, ObjectMapper mapper, Object body) {
    return respond(status, "application/json", mapper.writeValueAsBytes(body));
  }

  /** Closes the connection without an answer: the client sees the stream end. */
  void drop() {
    if (answered.compareAndSet(false, true)) {
      ctx.channel().close();
    }
  }

  /** Runs {@code step} after {@code delay}, on this connection's executor; at once when zero. */
  void after(Duration delay, Runnable step) {
    if (delay.isZero()) {
      step.run();
      return;
    }
    ctx.executor().schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean answered() {
    return answered.get();
  }
}
