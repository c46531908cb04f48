package com.voicecampaigns.dispatcher.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} for one-shot tasks that runs them only when a test says which instant it
 * is, on the test's thread.
 */
public final class ManualTaskScheduler implements TaskScheduler {

  private final List<Task> tasks = new ArrayList<>();

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable runnable, Instant startTime) {
    Task task = new Task(runnable, startTime);
    tasks.add(task);
    return task;
  }

  /** Runs, in time order, every task due at {@code now}, including tasks they schedule. */
  public int runDue(Instant now) {
    int ran = 0;
    Task next;
    while ((next = takeNext(now)) != null) {
      next.runnable.run();
      if (++ran > 10_000) {
        throw new IllegalStateException("tasks keep re-scheduling themselves at " + now);
      }
    }
    return ran;
  }

  /**
   * Runs the tasks waiting now, whatever their time, as timer threads that wake early would; tasks
   * they schedule wait for a later call.
   */
  public int fireWaitingEarly() {
    List<Task> waiting;
    synchronized (this) {
      waiting = tasks.stream().filter(Task::waiting).toList();
      waiting.forEach(task -> task.done = true);
      tasks.removeAll(waiting);
    }
    waiting.forEach(task -> task.runnable.run());
    return waiting.size();
  }

  /** Fire times of the tasks still waiting (not run, not cancelled). */
  public synchronized List<Instant> pending() {
    return tasks.stream().filter(Task::waiting).map(task -> task.at).sorted().toList();
  }

  public synchronized void clear() {
    tasks.clear();
  }

  private synchronized Task takeNext(Instant now) {
    Task next =
        tasks.stream()
            .filter(task -> task.waiting() && !task.at.isAfter(now))
            .min(Comparator.comparing(task -> task.at))
            .orElse(null);
    if (next != null) {
      next.done = true;
      tasks.remove(next);
    }
    return next;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant start, Duration period) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant start, Duration delay) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
    throw new UnsupportedOperationException("one-shot tasks only");
  }

  private static final class Task implements ScheduledFuture<Object> {
    private final Runnable runnable;
    private final Instant at;
    private volatile boolean cancelled;
    private volatile boolean done;

    Task(Runnable runnable, Instant at) {
      this.runnable = runnable;
      this.at = at;
    }

    boolean waiting() {
      return !cancelled && !done;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (done) {
        return false;
      }
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(Instant.now(), at));
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
