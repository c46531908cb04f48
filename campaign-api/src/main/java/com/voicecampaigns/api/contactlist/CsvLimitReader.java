package com.voicecampaigns.api.contactlist;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Sits below the CSV parser and refuses a field, a record or a column count over the limits before
 * the parser buffers it: Commons CSV keeps a whole field in memory, so one quoted cell of 500 MB
 * would otherwise take the heap. It follows RFC 4180 as Commons CSV reads it: a quote opens a
 * quoted field only as a field's first character, {@code ""} inside one is a quote, line breaks
 * inside one belong to the field, and empty lines are not records.
 */
final class CsvLimitReader extends FilterReader {

  /**
   * A limit that a CSV upload went past; {@code row} counts data rows as the import report does.
   */
  static final class LimitExceededException extends IOException {
    private final long row;
    private final long line;
    private final String limit;

    LimitExceededException(long row, long line, String limit, String detail) {
      super(detail);
      this.row = row;
      this.line = line;
      this.limit = limit;
    }

    /** 1-based data row (the header is row 0), blank lines not counted. */
    long row() {
      return row;
    }

    /** 1-based physical line of the file. */
    long line() {
      return line;
    }

    /** The property name of the limit, e.g. {@code maxFieldLength}. */
    String limit() {
      return limit;
    }
  }

  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  private final int maxFieldLength;
  private final int maxColumns;
  private final int maxLineLength;

  private State state = State.FIELD_START;
  private boolean afterCarriageReturn;
  private long record; // records completed so far, blank lines excluded: the current row number
  private long line = 1;
  private int recordLength;
  private int fieldLength;
  private int columns = 1;

  CsvLimitReader(Reader in, int maxFieldLength, int maxColumns, int maxLineLength) {
    super(in);
    this.maxFieldLength = maxFieldLength;
    this.maxColumns = maxColumns;
    this.maxLineLength = maxLineLength;
  }

  @Override
  public int read() throws IOException {
    int c = in.read();
    if (c >= 0) {
      accept((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      accept(buffer[offset + i]);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void accept(char c) throws LimitExceededException {
    boolean crlf = afterCarriageReturn && c == '\n';
    afterCarriageReturn = c == '\r';
    if (crlf) {
      return; // the second half of a CRLF already ended the line
    }
    boolean lineBreak = c == '\n' || c == '\r';
    if (lineBreak) {
      line++;
    }
    switch (state) {
      case FIELD_START, UNQUOTED, QUOTE_IN_QUOTED -> {
        if (lineBreak) {
          endRecord();
          return;
        }
        if (c == ',') {
          endField();
          return;
        }
        if (state == State.FIELD_START && c == '"') {
          state = State.QUOTED;
        } else if (state == State.QUOTE_IN_QUOTED && c == '"') {
          state = State.QUOTED; // an escaped quote
          fieldLength++;
        } else {
          state = State.UNQUOTED; // text after a closing quote is the parser's error to report
          fieldLength++;
        }
      }
      case QUOTED -> {
        if (c == '"') {
          state = State.QUOTE_IN_QUOTED;
        } else {
          fieldLength++;
        }
      }
    }
    recordLength++;
    check();
  }

  private void endField() throws LimitExceededException {
    recordLength++;
    columns++;
    fieldLength = 0;
    state = State.FIELD_START;
    check();
  }

  private void endRecord() {
    if (recordLength > 0) {
      record++;
    }
    recordLength = 0;
    fieldLength = 0;
    columns = 1;
    state = State.FIELD_START;
  }

  private void check() throws LimitExceededException {
    if (fieldLength > maxFieldLength) {
      throw exceeded("maxFieldLength", "a field is longer than " + maxFieldLength + " characters");
    }
    if (columns > maxColumns) {
      throw exceeded("maxColumns", "a line has more than " + maxColumns + " columns");
    }
    if (recordLength > maxLineLength) {
      throw exceeded("maxLineLength", "a line is longer than " + maxLineLength + " characters");
    }
  }

  private LimitExceededException exceeded(String limit, String what) {
    String where = record == 0 ? "the header row" : "row " + record;
    return new LimitExceededException(record, line, limit, where + " (line " + line + "): " + what);
  }
}
