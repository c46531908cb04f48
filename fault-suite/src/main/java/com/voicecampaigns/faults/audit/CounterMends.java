package com.voicecampaigns.faults.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How often the workers mended a campaign's progress counters from a recount when a session ended,
 * read from their logs. A mend makes the audit's recount pass although the counters had drifted, so
 * the suite counts them and fails a scenario in which no process was harmed and one happened.
 */
public final class CounterMends {

  /** What {@code SessionTeardown} logs when it mends. */
  static final String MARK = "progress counters were ";

  private CounterMends() {}

  /** The mends logged in the {@code *.log} files of {@code dir}. */
  public static long in(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".log"))
          .mapToLong(CounterMends::count)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long count(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(line -> line.contains(MARK) && line.contains(": mended")).count();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
