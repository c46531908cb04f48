package com.voicecampaigns.benchmark.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A benchmark's CSV file as rows of named columns. The benchmarks write plain CSV: a header line,
 * then values without commas, except that a last column may hold free text with commas.
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  /** The table in {@code file}, or empty when the benchmark that writes it has not run. */
  public static Optional<CsvTable> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      List<String> header = List.of(lines.get(0).split(","));
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] values = line.split(",", header.size());
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < values.length; i++) {
          row.put(header.get(i), values[i].trim());
        }
        rows.add(new Row(row));
      }
      return Optional.of(new CsvTable(file, header, rows));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line of the table. */
  public record Row(Map<String, String> values) {

    public Row {
      values = Map.copyOf(values);
    }

    /** Whether the line has {@code column} (a CSV from before it was added has not). */
    public boolean has(String column) {
      return values.containsKey(column);
    }

    public String text(String column) {
      String value = values.get(column);
      if (value == null) {
        throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
      }
      return value;
    }

    public double number(String column) {
      return Double.parseDouble(text(column));
    }

    public int integer(String column) {
      return (int) Math.round(number(column));
    }
  }
}
