package com.voicecampaigns.api.contactlist;

import com.voicecampaigns.api.security.Caller;
import com.voicecampaigns.api.web.PageView;
import com.voicecampaigns.api.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
@RequestMapping(value = "/api/v1/contact-lists", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contact lists")
class ContactListController {

  private static final String TEXT_CSV = "text/csv";

  private final ContactListService lists;

  ContactListController(ContactListService lists) {
    this.lists = lists;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create a list from JSON contacts")
  ResponseEntity<ImportReport> createFromJson(
      Caller caller, @RequestBody ContactListRequest request) {
    return created(lists.createFromJson(caller, request));
  }

  @PostMapping(consumes = TEXT_CSV)
  @Operation(summary = "Create a list from a CSV body; the list's name is a query parameter")
  ResponseEntity<ImportReport> createFromCsv(
      Caller caller, @RequestParam(required = false) String name, HttpServletRequest request)
      throws IOException {
    try (InputStream csv = request.getInputStream()) {
      return created(lists.createFromCsv(caller, name, csv));
    }
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Create a list from an uploaded CSV file (part 'file'; optional 'name')")
  ResponseEntity<ImportReport> createFromUpload(
      Caller caller,
      @RequestPart("file") MultipartFile file,
      @RequestParam(required = false) String name)
      throws IOException {
    String listName = name != null ? name : baseName(file.getOriginalFilename());
    try (InputStream csv = file.getInputStream()) {
      return created(lists.createFromCsv(caller, listName, csv));
    }
  }

  @GetMapping
  @Operation(summary = "The caller's lists, newest first")
  PageView<ContactListView> page(
      Caller caller,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return lists.page(caller, Paging.of(page, size));
  }

  @GetMapping("/{id}")
  ContactListView get(Caller caller, @PathVariable String id) {
    return lists.get(caller, id);
  }

  @GetMapping("/{id}/contacts")
  @Operation(summary = "A list's contacts in id order (the order campaigns call them)")
  PageView<ContactView> contacts(
      Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return lists.contacts(caller, id, Paging.of(page, size));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a list; refused with 409 while an unfinished campaign uses it")
  ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
    lists.delete(caller, id);
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<ImportReport> created(ImportReport report) {
    return ResponseEntity.created(URI.create("/api/v1/contact-lists/" + report.id())).body(report);
  }

  private static String baseName(String filename) {
    if (filename == null || filename.isBlank()) {
      return null;
    }
    int dot = filename.lastIndexOf('.');
    return dot > 0 ? filename.substring(0, dot) : filename;
  }
}
