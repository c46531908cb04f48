package com.voicecampaigns.simulator;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a keep-alive connection that carried no request for the idle timeout, as an HTTP/1.1
 * server such as Node.js ({@code keepAliveTimeout}, 5 s) does: counted from the connection's
 * opening or its last response, never while a request is being answered. A client that then reuses
 * the pooled connection finds it closed. One instance per connection, on its event loop.
 */
final class IdleConnectionCloser extends ChannelDuplexHandler {

  /** Fired at every connection when the idle timeout changes. */
  static final Object TIMEOUT_CHANGED = new Object();

  private final Connections connections;
  private int inFlight;
  private ScheduledFuture<?> closer;

  IdleConnectionCloser(Connections connections) {
    this.connections = connections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    connections.opened();
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    connections.closed();
    super.channelInactive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == TIMEOUT_CHANGED) {
      disarm();
      arm(ctx);
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      inFlight++;
      disarm();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof LastHttpContent) {
      ChannelPromise written = promise.unvoid();
      written.addListener(
          done -> {
            inFlight--;
            arm(ctx);
          });
      super.write(ctx, msg, written);
      return;
    }
    super.write(ctx, msg, promise);
  }

  private void arm(ChannelHandlerContext ctx) {
    Duration timeout = connections.idleTimeout();
    if (inFlight > 0 || timeout.isZero() || !ctx.channel().isActive()) {
      return;
    }
    disarm();
    closer =
        ctx.executor()
            .schedule(
                () -> {
                  if (inFlight == 0 && ctx.channel().isActive()) {
                    connections.closedIdle();
                    ctx.close();
                  }
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (closer != null) {
      closer.cancel(false);
      closer = null;
    }
  }
}
