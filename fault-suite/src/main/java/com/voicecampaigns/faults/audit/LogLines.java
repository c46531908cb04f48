package com.voicecampaigns.faults.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Lines of the services' logs (the {@code *.log} files of a scenario's directory). */
public final class LogLines {

  private LogLines() {}

  /** How many lines of the {@code *.log} files in {@code dir} match. */
  public static long count(Path dir, Predicate<String> matching) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".log"))
          .mapToLong(file -> countIn(file, matching))
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long countIn(Path file, Predicate<String> matching) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(matching).count();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
