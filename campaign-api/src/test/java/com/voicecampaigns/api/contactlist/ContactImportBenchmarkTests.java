package com.voicecampaigns.api.contactlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.voicecampaigns.api.ApiClient;
import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.testsupport.TestInfrastructure;
import com.voicecampaigns.testsupport.benchmark.BenchmarkEnvironment;
import com.voicecampaigns.testsupport.mongo.MongoProcess;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Streams CSV uploads of 100,000 and 1,000,000 rows ({@code -Dbenchmark.import-rows=…}) through the
 * HTTP API and measures rows per second and the API's live heap (used heap right after a full GC,
 * sampled during the import). MongoDB runs in a JVM of its own (mongo-java-server, or MONGODB_URI),
 * so the stored contacts do not count towards the API's heap. Figures go to {@code
 * target/benchmarks/contact-import.txt} and {@code .csv}.
 *
 * <p>{@code ./mvnw -B -pl campaign-api -am verify -Pbenchmarks}
 */
@Tag("benchmark")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "api.security.hmac-secret=" + Tokens.SECRET,
      "api.uploads.max-csv-upload-size=1GB"
    })
class ContactImportBenchmarkTests {

  private static final long MB = 1024 * 1024;
  private static MongoProcess mongo;
  private static final List<String> figures = new ArrayList<>();
  private static final List<Integer> ROWS =
      java.util.Arrays.stream(
              System.getProperty("benchmark.import-rows", "100000,1000000").split(","))
          .map(String::trim)
          .map(Integer::valueOf)
          .toList();
  private static final List<String> csvRows =
      new ArrayList<>(
          List.of(
              "rows,csv_mb,seconds,rows_per_s,live_heap_before_mb,live_heap_max_mb,"
                  + "live_heap_after_mb"));

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.register(registry, ContactImportBenchmarkTests.class);
    String uri = System.getenv("MONGODB_URI");
    if (uri == null || uri.isBlank()) {
      mongo = MongoProcess.start("6g", Path.of("target", "benchmark-mongo.log"));
      uri = mongo.uri();
    }
    String mongoUri = uri;
    registry.add("spring.mongodb.uri", () -> mongoUri);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void importsAMillionRowsInFlatMemory() throws Exception {
    var api = new ApiClient(port);
    String token = new Tokens(Clock.systemUTC()).forTenant("benchmark");
    upload(api, token, 20_000); // warm-up: JIT, binder-free paths, indexes

    List<Figures> all = new ArrayList<>();
    for (int rows : ROWS) {
      all.add(upload(api, token, rows));
    }
    Figures small = all.get(0);
    Figures large = all.get(all.size() - 1);
    all.forEach(f -> figures.add(f.toString()));
    all.forEach(f -> csvRows.add(f.csv()));
    // the live heap during a 1,000,000-row import stays within a few MB of a 100,000-row one
    assertThat(large.maxLiveDuringMb - small.maxLiveDuringMb).isLessThan(64);
  }

  private static Figures upload(ApiClient api, String token, int rows) throws Exception {
    long before = liveHeap();
    AtomicLong maxLive = new AtomicLong(before);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                maxLive.accumulateAndGet(liveHeap(), Math::max);
                sleep(1000);
              }
            });
    var csv = new GeneratedCsv(rows);
    long start = System.nanoTime();
    sampler.start();
    Response response =
        api.send(
            api.request("/api/v1/contact-lists?name=bench-" + rows, token)
                .timeout(Duration.ofMinutes(30))
                .header("Content-Type", "text/csv")
                .POST(BodyPublishers.ofInputStream(() -> csv)));
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    sampler.join();
    long after = liveHeap();

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    long accepted = response.json().get("accepted").asLong();
    assertThat(accepted).isEqualTo(csv.expectedAccepted());
    assertThat(response.json().get("duplicates").asLong()).isEqualTo(csv.expectedDuplicates());
    assertThat(response.json().get("rejected").asLong()).isEqualTo(csv.expectedRejected());
    return new Figures(
        rows, csv.bytes(), seconds, accepted, before / MB, maxLive.get() / MB, after / MB);
  }

  record Figures(
      int rows,
      long bytes,
      double seconds,
      long accepted,
      long liveBeforeMb,
      long maxLiveDuringMb,
      long liveAfterMb) {
    String csv() {
      return String.format(
          Locale.ROOT,
          "%d,%.2f,%.3f,%.1f,%d,%d,%d",
          rows,
          bytes / (double) MB,
          seconds,
          rows / seconds,
          liveBeforeMb,
          maxLiveDuringMb,
          liveAfterMb);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "rows=%,d csv=%.1f MB accepted=%,d time=%.1f s rate=%,.0f rows/s live heap: before=%d MB max during=%d MB after=%d MB",
          rows,
          bytes / (double) MB,
          accepted,
          seconds,
          rows / seconds,
          liveBeforeMb,
          maxLiveDuringMb,
          liveAfterMb);
    }
  }

  @AfterAll
  static void report() throws IOException, InterruptedException {
    String max =
        String.format(
            Locale.ROOT,
            "max heap (-Xmx) %d MB, MongoDB %s",
            Runtime.getRuntime().maxMemory() / MB,
            mongo != null ? "mongo-java-server in its own JVM" : "MONGODB_URI");
    figures.add(max);
    figures.forEach(line -> System.out.println("[benchmark] contact import: " + line));
    Path out = Path.of("target", "benchmarks", "contact-import.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, figures);
    Files.write(out.resolveSibling("contact-import.csv"), csvRows);
    new BenchmarkEnvironment(
            mongo != null
                ? "mongo-java-server in a JVM of its own (MongoProcess)"
                : TestInfrastructure.mongo().description(),
            TestInfrastructure.pubsub().description(),
            java.util.Map.of(
                "rows", ROWS.toString(),
                "max_heap_mib", Long.toString(Runtime.getRuntime().maxMemory() / MB)))
        .write(out.resolveSibling("contact-import.properties"));
    if (mongo != null) {
      mongo.close();
    }
  }

  /** Used heap after a full collection: what the application actually keeps alive. */
  private static long liveHeap() {
    ManagementFactory.getMemoryMXBean().gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The heap sampler's interval: sampling, not waiting for a condition. */
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A CSV generated while it is read, never held in memory: distinct valid numbers, every 100th row
   * repeating the previous number, every 1000th row an invalid number.
   */
  static final class GeneratedCsv extends InputStream {
    private final int rows;
    private int row = -1;
    private byte[] line = "phone,name,timezone,plan,segment\n".getBytes(StandardCharsets.US_ASCII);
    private int position;
    private long bytes;

    GeneratedCsv(int rows) {
      this.rows = rows;
    }

    long expectedRejected() {
      return rows / 1000;
    }

    long expectedDuplicates() {
      long duplicates = 0;
      for (int i = 0; i < rows; i++) {
        if (i % 100 == 99 && i % 1000 != 999 && (i - 1) % 1000 != 999) {
          duplicates++;
        }
      }
      return duplicates;
    }

    long expectedAccepted() {
      return rows - expectedRejected() - expectedDuplicates();
    }

    long bytes() {
      return bytes;
    }

    @Override
    public int read() {
      if (position == line.length && !nextLine()) {
        return -1;
      }
      bytes++;
      return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      int n = 0;
      while (n < length) {
        if (position == line.length && !nextLine()) {
          break;
        }
        int chunk = Math.min(length - n, line.length - position);
        System.arraycopy(line, position, buffer, offset + n, chunk);
        position += chunk;
        n += chunk;
      }
      bytes += n;
      return n == 0 ? -1 : n;
    }

    private boolean nextLine() {
      row++;
      if (row >= rows) {
        return false;
      }
      int number = row % 100 == 99 ? row - 1 : row;
      String phone =
          row % 1000 == 999 ? "not-a-number" : String.format("+1415%07d", 2_000_000 + number);
      line =
          (phone
                  + ",Contact "
                  + row
                  + ",America/Los_Angeles,gold,\"segment "
                  + (row % 7)
                  + "\"\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      position = 0;
      return true;
    }
  }
}
