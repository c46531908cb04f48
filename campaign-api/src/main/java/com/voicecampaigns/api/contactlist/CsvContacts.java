package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.springframework.http.HttpStatus;

/**
 * Reads contacts from a CSV stream one record at a time (RFC 4180: quoted fields, CRLF or LF, a
 * UTF-8 byte-order mark, blank lines skipped). The header names the columns: {@code phone} (or
 * {@code number}, {@code phone_number}), optional {@code name} and {@code timezone}; every other
 * column becomes a variable named by its header. A {@link CsvLimitReader} below the parser bounds
 * fields, lines and columns, so memory stays bounded whatever the upload holds. The do-not-call
 * import reads its numbers with it too (its {@code phone} column).
 */
public final class CsvContacts implements Iterator<ContactRow>, AutoCloseable {

  private static final Set<String> PHONE_HEADERS = Set.of("phone", "number", "phone_number");
  private static final Set<String> TIMEZONE_HEADERS = Set.of("timezone", "time_zone");
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setAllowMissingColumnNames(true)
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
          .setTrim(true)
          .get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final int phoneColumn;
  private final int nameColumn;
  private final int timezoneColumn;
  private final Map<Integer, String> variableColumns = new LinkedHashMap<>();
  private long row;

  private CsvContacts(CSVParser parser, ApiProperties.ContactLists limits) {
    this.parser = parser;
    List<String> headers = parser.getHeaderNames();
    int phone = -1;
    int name = -1;
    int timezone = -1;
    for (int i = 0; i < headers.size(); i++) {
      String header = headers.get(i) == null ? "" : headers.get(i).strip();
      String normalised = header.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      if (header.isEmpty()) {
        continue;
      } else if (phone < 0 && PHONE_HEADERS.contains(normalised)) {
        phone = i;
      } else if (name < 0 && normalised.equals("name")) {
        name = i;
      } else if (timezone < 0 && TIMEZONE_HEADERS.contains(normalised)) {
        timezone = i;
      } else if (header.length() > limits.maxVariableNameLength()) {
        throw invalid(
            "column "
                + (i + 1)
                + " cannot be a variable: its name is longer than "
                + limits.maxVariableNameLength()
                + " characters");
      } else if (ContactRows.isUsableVariableName(header)) {
        variableColumns.put(i, header);
      } else {
        throw invalid("column '" + header + "' cannot be a variable name (no '.', no leading '$')");
      }
    }
    if (variableColumns.size() > limits.maxVariables()) {
      throw invalid(
          "the header has "
              + variableColumns.size()
              + " variable columns; a contact may have at most "
              + limits.maxVariables());
    }
    if (phone < 0) {
      throw invalid("the header row has no phone column (phone, number or phone_number)");
    }
    this.phoneColumn = phone;
    this.nameColumn = name;
    this.timezoneColumn = timezone;
    this.records = parser.iterator();
  }

  /**
   * Opens {@code in} and reads its header; a file without a usable header answers 400, and so does
   * one that goes past a limit of {@code limits}, whenever that is found.
   */
  public static CsvContacts open(InputStream in, ApiProperties.ContactLists limits) {
    try {
      // small buffers: the limit reader sees characters before much more is read ahead
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
      ApiProperties.Csv csv = limits.csv();
      var limited =
          new CsvLimitReader(reader, csv.maxFieldLength(), csv.maxColumns(), csv.maxLineLength());
      return new CsvContacts(CSVParser.parse(limited, FORMAT), limits);
    } catch (IOException
        | UncheckedIOException
        | IllegalArgumentException
        | IllegalStateException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw translate(e);
    }
  }

  @Override
  public ContactRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CSVRecord record = records.next();
    Map<String, String> variables = new LinkedHashMap<>();
    variableColumns.forEach(
        (index, header) -> {
          String value = value(record, index);
          if (value != null && !value.isEmpty()) {
            variables.put(header, value);
          }
        });
    return new ContactRow(
        ++row,
        value(record, phoneColumn),
        value(record, nameColumn),
        value(record, timezoneColumn),
        variables);
  }

  private static String value(CSVRecord record, int column) {
    return column >= 0 && column < record.size() ? record.get(column) : null;
  }

  /**
   * A parse error is the client's (400), an oversized body stays a 413 (its cause is kept), and a
   * broken connection stays an I/O error.
   */
  private static RuntimeException translate(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CsvLimitReader.LimitExceededException limit) {
        return new ApiProblem(
            HttpStatus.BAD_REQUEST,
            ProblemTypes.CSV_LIMIT_EXCEEDED,
            limit.getMessage(),
            Map.of("row", limit.row(), "line", limit.line(), "limit", limit.limit()));
      }
    }
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    if (cause instanceof CSVException
        || cause instanceof IllegalArgumentException
        || cause instanceof IllegalStateException) {
      return invalid("the file is not valid CSV: " + cause.getMessage());
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    return new UncheckedIOException((IOException) e);
  }

  private static ApiProblem invalid(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_CSV, detail, Map.of());
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // the request stream is closed by the container anyway
    }
  }
}
