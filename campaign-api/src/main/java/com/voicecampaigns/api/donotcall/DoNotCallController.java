package com.voicecampaigns.api.donotcall;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
// produces: an Accept header the answer cannot meet is refused (406) before anything is stored
@RequestMapping(value = DoNotCallController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Do-not-call list",
    description =
        "The tenant's suppression list: a number on it is never dialled for the tenant, checked"
            + " by the worker right before each call; such a contact ends suppressed.")
class DoNotCallController {

  static final String PATH = "/api/v1/do-not-call";
  private static final String TEXT_CSV = "text/csv";

  private final DoNotCallService numbers;

  DoNotCallController(DoNotCallService numbers) {
    this.numbers = numbers;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Add numbers",
      description =
          "{\"numbers\":[…]}, 1 to 10,000, normalised to E.164; numbers already on the list count"
              + " as duplicates; one invalid number refuses the request (400, numbers[i]).")
  DoNotCallReport add(Caller caller, @RequestBody DoNotCallRequest request) {
    return numbers.add(caller, request);
  }

  @PostMapping(consumes = TEXT_CSV)
  @Operation(
      summary = "Import numbers from a CSV body (column phone, number or phone_number)",
      description =
          "Streamed with the contact lists' CSV limits; rows with an invalid number are reported;"
              + " an upload that fails adds nothing.")
  DoNotCallReport importCsv(Caller caller, HttpServletRequest request) throws IOException {
    try (InputStream csv = request.getInputStream()) {
      return numbers.importCsv(caller, csv);
    }
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Import numbers from an uploaded CSV file (part 'file')")
  DoNotCallReport importUpload(Caller caller, @RequestPart("file") MultipartFile file)
      throws IOException {
    try (InputStream csv = file.getInputStream()) {
      return numbers.importCsv(caller, csv);
    }
  }

  @GetMapping
  @Operation(summary = "The caller's do-not-call list, in number order")
  PageView<DoNotCallView> page(
      Caller caller,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return numbers.page(caller, Paging.of(page, size));
  }

  @GetMapping("/{phone}")
  @Operation(summary = "Whether a number is on the list (404 when it is not)")
  DoNotCallView get(Caller caller, @PathVariable String phone) {
    return numbers.get(caller, phone);
  }

  @DeleteMapping("/{phone}")
  @Operation(summary = "Take a number off the list; it may be dialled again (404 when absent)")
  ResponseEntity<Void> remove(Caller caller, @PathVariable String phone) {
    numbers.remove(caller, phone);
    return ResponseEntity.noContent().build();
  }
}
