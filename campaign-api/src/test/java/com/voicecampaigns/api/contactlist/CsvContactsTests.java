package com.voicecampaigns.api.contactlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.ProblemTypes;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reader's limits, on streams generated while they are read. */
class CsvContactsTests {

  private static final long MB = 1024 * 1024;

  static ApiProperties.ContactLists limits(int maxFieldLength, int maxColumns, int maxLine) {
    return new ApiProperties.ContactLists(
        1000,
        1000,
        null,
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        50,
        64,
        1024,
        new ApiProperties.Csv(maxFieldLength, maxColumns, maxLine));
  }

  @Test
  void refusesAQuotedCellOf500MegabytesAfterReadingOnlyItsStart() {
    var cell = new HugeCell("phone,name,note\n+14155552671,Ada,x\n+14155552672,Bob,x\n", 500 * MB);

    ApiProblem problem = readAll(cell, limits(4096, 64, 65536));

    assertThat(problem.status().value()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo(ProblemTypes.CSV_LIMIT_EXCEEDED);
    assertThat(problem.properties())
        .containsEntry("row", 3L)
        .containsEntry("line", 4L)
        .containsEntry("limit", "maxFieldLength");
    assertThat(problem.detail()).startsWith("row 3 (line 4): a field is longer than 4096");
    // the reader stopped within its buffers: nothing near the cell's size was read or held
    assertThat(cell.bytesRead()).isLessThan(MB);
  }

  @Test
  void refusesALineOverTheLimitEvenWhenEveryFieldIsShort() {
    String row = "+14155552671" + ",abcdefghij".repeat(20) + "\n";
    ApiProblem problem =
        readAll(stream("phone" + ",v".repeat(20) + "\n" + row), limits(4096, 64, 100));

    assertThat(problem.properties())
        .containsEntry("row", 1L)
        .containsEntry("limit", "maxLineLength");
  }

  @Test
  void refusesTooManyColumnsInTheHeaderOrInARow() {
    ApiProblem header = readAll(stream("phone,a,b,c,d\n+14155552671\n"), limits(4096, 4, 65536));
    ApiProblem row = readAll(stream("phone,a\n\n+14155552671,1,2,3,4\n"), limits(4096, 4, 65536));

    assertThat(header.properties()).containsEntry("row", 0L).containsEntry("limit", "maxColumns");
    assertThat(header.detail()).startsWith("the header row (line 1)");
    assertThat(row.properties())
        .containsEntry("row", 1L)
        .containsEntry("line", 3L)
        .containsEntry("limit", "maxColumns");
  }

  @Test
  void countsQuotedLineBreaksCommasAndEscapedQuotesIntoTheirField() {
    String csv =
        "phone,note,height\n"
            + "+14155552671,\"a,b\r\n\"\"c\"\"\",5'10\"\n" // 7 characters counted in the note
            + "+14155552672,short,6'1\"\n";
    List<ContactRow> rows = new ArrayList<>();
    try (CsvContacts contacts = CsvContacts.open(stream(csv), limits(12, 3, 65536))) {
      contacts.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).variables()).containsEntry("note", "a,b\r\n\"c\"");
    assertThat(rows.get(1).variables()).containsEntry("height", "6'1\"");

    ApiProblem tooLong =
        readAll(
            stream("phone,note\n+14155552671,\"abcdef,\r\n\"\"ghij\"\"\"\n"), limits(12, 3, 65536));
    assertThat(tooLong.properties()).containsEntry("row", 1L).containsEntry("line", 3L);
  }

  @Test
  void refusesAHeaderWithMoreVariableColumnsOrLongerNamesThanAContactMayHave() {
    StringBuilder header = new StringBuilder("phone,name,timezone");
    for (int i = 0; i < 51; i++) {
      header.append(",v").append(i);
    }
    ApiProblem many = readAll(stream(header + "\n"), limits(4096, 64, 65536));
    ApiProblem longName =
        readAll(stream("phone," + "n".repeat(65) + "\n+14155552671,1\n"), limits(4096, 64, 65536));

    assertThat(many.type()).isEqualTo(ProblemTypes.INVALID_CSV);
    assertThat(many.detail()).contains("51 variable columns").contains("at most 50");
    assertThat(longName.type()).isEqualTo(ProblemTypes.INVALID_CSV);
    assertThat(longName.detail()).contains("column 2").contains("longer than 64 characters");
  }

  private static ApiProblem readAll(InputStream in, ApiProperties.ContactLists limits) {
    return catchThrowableOfType(
        ApiProblem.class,
        () -> {
          try (CsvContacts contacts = CsvContacts.open(in, limits)) {
            contacts.forEachRemaining(row -> {});
          }
        });
  }

  private static InputStream stream(String csv) {
    return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code prefix}, then one quoted cell of {@code size} bytes, made up while it is read. */
  static final class HugeCell extends InputStream {
    private final InputStream prefix;
    private final long size;
    private long cellBytes;
    private long read;

    HugeCell(String prefix, long size) {
      this.prefix =
          new SequenceInputStream(
              Collections.enumeration(
                  List.of(
                      new ByteArrayInputStream(prefix.getBytes(StandardCharsets.UTF_8)),
                      new ByteArrayInputStream("+14155552673,Cy,\"".getBytes()))));
      this.size = size;
    }

    long bytesRead() {
      return read;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      try {
        int n = prefix.read(buffer, offset, length);
        if (n > 0) {
          read += n;
          return n;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      if (cellBytes >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - cellBytes);
      java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
      cellBytes += n;
      read += n;
      return n;
    }
  }
}
