package com.voicecampaigns.api.contactlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.voicecampaigns.api.ApiClient.Response;
import com.voicecampaigns.api.ApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** At most {@code api.uploads.max-concurrent-uploads} (2 in the tests) imports run at once. */
class UploadSlotsTests extends ApiTestBase {

  private static final String LISTS = "/api/v1/contact-lists";

  @Autowired MeterRegistry meters;

  @Test
  void anUploadBeyondTheConcurrencyLimitAnswers503WithRetryAfterAndKeepsNothing() {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<CompletableFuture<Response>> held =
        List.of(
            heldUpload("+14155552671", release, clients),
            heldUpload("+14155552672", release, clients));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> activeUploads() == 2);

      Response csv = postCsv("phone\n+14155552673\n");
      Response multipart = postMultipart("phone\n+14155552674\n");

      for (Response refused : List.of(csv, multipart)) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(refused.json().get("type").asString())
            .isEqualTo("https://voice-campaigns.dev/problems/uploads-busy");
      }
      // JSON lists are not uploads: they are bounded by the JSON body limit instead
      assertThat(
              api.post(
                      LISTS,
                      token,
                      java.util.Map.of(
                          "name",
                          "json",
                          "contacts",
                          List.of(java.util.Map.of("phone", "+14155552675"))))
                  .status())
          .isEqualTo(201);
    } finally {
      release.countDown();
      clients.shutdown();
    }
    for (CompletableFuture<Response> upload : held) {
      Response done = upload.join();
      assertThat(done.status()).as(done.toString()).isEqualTo(201);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> activeUploads() == 0);
    assertThat(postCsv("phone\n+14155552676\n").status()).isEqualTo(201);
    assertThat(api.get(LISTS, token).json().get("totalItems").asLong()).isEqualTo(4);
    assertThat(meters.get("api.uploads.refused").counter().count()).isGreaterThanOrEqualTo(2);
  }

  private double activeUploads() {
    return meters.get("api.uploads.active").gauge().value();
  }

  /**
   * A CSV upload whose body stops after its first row until {@code release} opens. (A publisher,
   * not an InputStream: the HTTP client reads a stream ahead and would send nothing meanwhile.)
   */
  private CompletableFuture<Response> heldUpload(
      String phone, CountDownLatch release, ExecutorService clients) {
    var rest = new SubmissionPublisher<ByteBuffer>();
    CompletableFuture.runAsync(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          rest.close();
        },
        clients);
    return CompletableFuture.supplyAsync(
        () ->
            api.send(
                api.request(LISTS + "?name=held", token)
                    .header("Content-Type", "text/csv")
                    .POST(
                        BodyPublishers.concat(
                            BodyPublishers.ofString("phone\n" + phone + "\n"),
                            BodyPublishers.fromPublisher(rest)))),
        clients);
  }

  private Response postCsv(String csv) {
    return api.raw("POST", LISTS + "?name=csv", token, "text/csv", BodyPublishers.ofString(csv));
  }

  private Response postMultipart(String csv) {
    String boundary = "b" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"up.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    return api.raw(
        "POST",
        LISTS,
        token,
        "multipart/form-data; boundary=" + boundary,
        BodyPublishers.ofString(body));
  }
}
