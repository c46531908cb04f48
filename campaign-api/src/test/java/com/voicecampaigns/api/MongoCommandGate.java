package com.voicecampaigns.api;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Holds one chosen MongoDB command inside the driver, in the thread that sends it, until the test
 * releases it: a request made slow at an exact point (say, right before its insert), without
 * sleeping. Inert until a test arms it with {@link #holdNext}.
 */
public final class MongoCommandGate implements CommandListener {

  private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);
  private final AtomicReference<Hold> armed = new AtomicReference<>();

  /** Holds the next command that matches (the command document as the driver sends it). */
  public Hold holdNext(Predicate<BsonDocument> command) {
    var hold = new Hold(command);
    if (!armed.compareAndSet(null, hold)) {
      throw new IllegalStateException("a hold is already armed");
    }
    return hold;
  }

  /** An {@code insert} into {@code collection} whose first document has {@code field = value}. */
  public static Predicate<BsonDocument> insertInto(
      String collection, String field, BsonValue value) {
    return command ->
        command.isString("insert")
            && command.getString("insert").getValue().equals(collection)
            && command.isArray("documents")
            && !command.getArray("documents").isEmpty()
            && value.equals(command.getArray("documents").get(0).asDocument().get(field));
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    Hold hold = armed.get();
    if (hold != null
        && hold.command.test(event.getCommand())
        && hold.taken.compareAndSet(false, true)) {
      armed.compareAndSet(hold, null);
      hold.reached.countDown();
      try {
        if (!hold.released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("held command never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One armed hold; closing it releases the command (and disarms it if it never came). */
  public final class Hold implements AutoCloseable {

    private final Predicate<BsonDocument> command;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(Predicate<BsonDocument> command) {
      this.command = command;
    }

    /** Waits until the command is being held; fails after {@code timeout}. */
    public void awaitHeld(Duration timeout) throws InterruptedException {
      if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the command to hold was not sent within " + timeout);
      }
    }

    public void release() {
      released.countDown();
    }

    @Override
    public void close() {
      armed.compareAndSet(this, null);
      release();
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Config {

    @Bean
    MongoCommandGate mongoCommandGate() {
      return new MongoCommandGate();
    }

    @Bean
    MongoClientSettingsBuilderCustomizer mongoCommandGateListener(MongoCommandGate gate) {
      return settings -> settings.addCommandListener(gate);
    }
  }
}
