package com.voicecampaigns.api.contactlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voicecampaigns.api.ApiSlice;
import com.voicecampaigns.api.Tokens;
import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.ApiProblem;
import com.voicecampaigns.api.web.Paging;
import com.voicecampaigns.api.web.ProblemTypes;
import com.voicecampaigns.testsupport.MutableClock;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The contact-list routes alone, the service behind them mocked: which upload goes where, and the
 * errors of paging, media types and deletion. The imports themselves are {@link
 * ContactListApiTests}'.
 */
@WebMvcTest(ContactListController.class)
@ApiSlice
class ContactListControllerSliceTests {

  static final String LIST = "6650f0c2a1b2c3d4e5f60719";

  @Autowired MockMvcTester mvc;
  @Autowired MutableClock clock;
  @MockitoBean ContactListService lists;

  String token;

  @BeforeEach
  void token() {
    token = "Bearer " + new Tokens(clock).forTenant("acme");
  }

  @Test
  void aCsvBodyIsImportedUnderTheNameOfTheQuery() {
    when(lists.createFromCsv(any(Caller.class), eq("march"), any(InputStream.class)))
        .thenReturn(report());

    var response =
        mvc.post()
            .uri("/api/v1/contact-lists?name=march")
            .header("Authorization", token)
            .contentType("text/csv")
            .content("phone\n+14155552671\n")
            .exchange();

    assertThat(response).hasStatus(HttpStatus.CREATED);
    assertThat(response).hasHeader("Location", "/api/v1/contact-lists/" + LIST);
    assertThat(response).bodyJson().extractingPath("$.accepted").isEqualTo(1);
  }

  @Test
  void anUploadedFileIsNamedAfterItsFileNameUnlessANameIsGiven() {
    when(lists.createFromCsv(any(Caller.class), any(), any(InputStream.class)))
        .thenReturn(report());
    var file =
        new MockMultipartFile("file", "april.csv", "text/csv", "phone\n+1415555\n".getBytes());

    assertThat(
            mvc.post()
                .uri("/api/v1/contact-lists")
                .header("Authorization", token)
                .multipart()
                .file(file))
        .hasStatus(HttpStatus.CREATED);

    ArgumentCaptor<String> name = ArgumentCaptor.forClass(String.class);
    verify(lists).createFromCsv(any(Caller.class), name.capture(), any(InputStream.class));
    assertThat(name.getValue()).isEqualTo("april");
  }

  @Test
  void anotherMediaTypeIs415AndReachesNoService() {
    var response =
        mvc.post()
            .uri("/api/v1/contact-lists")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_XML)
            .content("<list/>")
            .exchange();

    assertThat(response).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(response)
        .bodyJson()
        .extractingPath("$.type")
        .isEqualTo(ProblemTypes.UNSUPPORTED_MEDIA_TYPE.toString());
    verifyNoInteractions(lists);
  }

  @Test
  void aPageOutOfRangeIs400BeforeAnyQuery() {
    var response =
        mvc.get()
            .uri("/api/v1/contact-lists?page=0&size=201")
            .header("Authorization", token)
            .exchange();

    assertThat(response).hasStatus(HttpStatus.BAD_REQUEST);
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.type").isEqualTo(ProblemTypes.VALIDATION.toString());
    json.extractingPath("$.errors[0].field").isEqualTo("size");
    verifyNoInteractions(lists);
  }

  @Test
  void aListInUseIs409WithTheCampaignsUsingIt() {
    org.mockito.Mockito.doThrow(
            ApiProblem.conflict(
                ProblemTypes.LIST_IN_USE,
                "the list is used by campaigns that are not finished",
                Map.of("campaignIds", List.of("c1"))))
        .when(lists)
        .delete(any(Caller.class), eq(LIST));

    var response =
        mvc.delete().uri("/api/v1/contact-lists/" + LIST).header("Authorization", token).exchange();

    assertThat(response).hasStatus(HttpStatus.CONFLICT);
    var json = assertThat(response).bodyJson();
    json.extractingPath("$.type").isEqualTo(ProblemTypes.LIST_IN_USE.toString());
    json.extractingPath("$.campaignIds").isEqualTo(List.of("c1"));
  }

  @Test
  void aDeletedListAnswers204() {
    assertThat(mvc.delete().uri("/api/v1/contact-lists/" + LIST).header("Authorization", token))
        .hasStatus(HttpStatus.NO_CONTENT);
    verify(lists).delete(any(Caller.class), eq(LIST));
  }

  @Test
  void pagingIsReadFromTheQuery() {
    when(lists.page(any(Caller.class), eq(new Paging(2, 5))))
        .thenReturn(com.voicecampaigns.api.web.PageView.of(List.of(), new Paging(2, 5), 11));

    var response =
        mvc.get()
            .uri("/api/v1/contact-lists?page=2&size=5")
            .header("Authorization", token)
            .exchange();

    assertThat(response).hasStatusOk();
    assertThat(response).bodyJson().extractingPath("$.totalPages").isEqualTo(3);
  }

  private ImportReport report() {
    return new ImportReport(LIST, "march", "ready", 1, 0, 0, List.of(), false, clock.instant());
  }
}
