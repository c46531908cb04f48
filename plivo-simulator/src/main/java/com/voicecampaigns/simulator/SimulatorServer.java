package com.voicecampaigns.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server under the simulator (Netty): keep-alive connections, an idle timeout that
 * closes them like a real server does, and handlers that may answer later without holding a thread.
 * Every request goes to one {@code handler}.
 */
final class SimulatorServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
  private static final int MAX_BODY = 1 << 20;

  /** Whether a server ran once in this JVM ({@link #warmUpOnce}). */
  private static final AtomicBoolean warm = new AtomicBoolean();

  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ChannelGroup channels;
  private final Channel channel;

  private SimulatorServer(
      EventLoopGroup boss, EventLoopGroup io, ChannelGroup channels, Channel channel) {
    this.boss = boss;
    this.io = io;
    this.channels = channels;
    this.channel = channel;
  }

  /**
   * Binds and starts serving.
   *
   * @throws SimulatorStartException when the address cannot be bound (e.g. the port is in use)
   */
  static SimulatorServer start(
      String host, int port, int threads, Connections connections, Consumer<Exchange> handler) {
    warmUpOnce();
    return serve(host, port, threads, connections, handler);
  }

  /**
   * Serves one request on a throwaway server the first time a server starts in this JVM, so that
   * class loading does not fall on the first real requests: a cold simulator stamped its first
   * Make-Call requests about 140 ms late, enough to make a client that paces correctly look over
   * its calls-per-second limit. Best effort: a failure only leaves the code cold.
   */
  private static void warmUpOnce() {
    if (!warm.compareAndSet(false, true)) {
      return;
    }
    byte[] request =
        ("POST /v1/warm-up HTTP/1.1\r\nHost: warm-up\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
            .getBytes(StandardCharsets.US_ASCII);
    try (SimulatorServer server =
            serve(
                "127.0.0.1",
                0,
                1,
                new Connections(Duration.ZERO),
                exchange -> exchange.respond(200, "text/plain", new byte[0]));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(request);
      socket.getInputStream().readAllBytes();
    } catch (IOException | RuntimeException e) {
      log.debug("warming up the server code failed; it stays cold", e);
    }
  }

  private static SimulatorServer serve(
      String host, int port, int threads, Connections connections, Consumer<Exchange> handler) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // requests are handled on the event loops: the work is short, and waits are scheduled
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    connections.onChange(
        () ->
            channels.forEach(
                channel ->
                    channel
                        .pipeline()
                        .fireUserEventTriggered(IdleConnectionCloser.TIMEOUT_CHANGED)));
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, io)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_BODY))
                        .addLast(new IdleConnectionCloser(connections))
                        .addLast(new Dispatcher(handler));
                  }
                });
    try {
      Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
      // Netty starts an event loop's thread with its first connection; start them all now, so the
      // first requests' arrival times are not late by a thread start
      io.forEach(loop -> loop.submit(() -> {}).syncUninterruptibly());
      return new SimulatorServer(boss, io, channels, channel);
    } catch (Exception e) {
      stop(boss, io);
      if (e instanceof BindException) {
        throw new SimulatorStartException("port " + port + " on " + host + " is already in use", e);
      }
      throw new SimulatorStartException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops listening at once (the port is free on return) and drops open connections. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    stop(boss, io);
  }

  private static void stop(EventLoopGroup boss, EventLoopGroup io) {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    io.terminationFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
  }

  /** Turns each aggregated request into an {@link Exchange} for the handler. */
  private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final Consumer<Exchange> handler;

    Dispatcher(Consumer<Exchange> handler) {
      this.handler = handler;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      int query = request.uri().indexOf('?');
      Map<String, String> headers = new HashMap<>();
      request
          .headers()
          .forEach(
              header ->
                  headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
      Exchange exchange =
          new Exchange(
              ctx,
              new InboundRequest(
                  request.method().name(),
                  uri.path(),
                  query < 0 ? null : request.uri().substring(query + 1),
                  headers,
                  ByteBufUtil.getBytes(request.content())));
      try {
        handler.accept(exchange);
      } catch (RuntimeException e) {
        log.warn("request {} {} failed", request.method(), request.uri(), e);
        exchange.respond(
            500,
            "application/json",
            "{\"error\":\"simulator error\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // typically a client that went away while its answer was pending
      log.debug("connection error: {}", cause.toString());
      ctx.close();
    }
  }
}
