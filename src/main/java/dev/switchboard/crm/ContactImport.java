package dev.switchboard.crm;

import dev.switchboard.api.ApiException;
import dev.switchboard.api.InternalErrors;
import jakarta.annotation.PreDestroy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of contacts, run as a job. The upload is spooled to a temporary file, its header is
 * checked before anything else (a missing email column is a 400), then rows stream through in
 * batches of {@value #BATCH}, one transaction each. A bad row (bad email, duplicate in the file or
 * in the workspace, bytes that are not UTF-8) is skipped with its reason and never stops the good
 * ones. Progress lives in {@code import_jobs}.
 */
@Service
class ContactImport {

  private static final Logger log = LoggerFactory.getLogger(ContactImport.class);
  static final int BATCH = 500;
  static final int MAX_ERRORS = 100;

  /** How long the upload request waits for a small import to finish before answering 202. */
  static final long WAIT_MILLIS = 5_000;

  private static final Map<String, String> HEADERS =
      Map.ofEntries(
          Map.entry("firstname", "firstName"),
          Map.entry("first", "firstName"),
          Map.entry("givenname", "firstName"),
          Map.entry("lastname", "lastName"),
          Map.entry("last", "lastName"),
          Map.entry("surname", "lastName"),
          Map.entry("familyname", "lastName"),
          Map.entry("email", "email"),
          Map.entry("emailaddress", "email"),
          Map.entry("mail", "email"),
          Map.entry("title", "title"),
          Map.entry("jobtitle", "title"),
          Map.entry("position", "title"),
          Map.entry("phone", "phone"),
          Map.entry("phonenumber", "phone"),
          Map.entry("mobile", "phone"),
          Map.entry("city", "city"),
          Map.entry("status", "status"),
          Map.entry("linkedin", "linkedinUrl"),
          Map.entry("linkedinurl", "linkedinUrl"),
          Map.entry("linkedinprofile", "linkedinUrl"),
          Map.entry("company", "company"),
          Map.entry("companyname", "company"),
          Map.entry("organization", "company"),
          Map.entry("tags", "tags"),
          Map.entry("tag", "tags"));
  private static final Map<String, Integer> LIMITS =
      Map.of(
          "firstName", 200,
          "lastName", 200,
          "title", 300,
          "phone", 100,
          "city", 200,
          "status", 100,
          "linkedinUrl", 500,
          "company", 300);

  /** A row that passed the checks, waiting for its batch. */
  private record Row(int number, Map<String, String> values) {}

  /** One job's running counts. */
  private static final class Progress {
    int processed;
    int imported;
    int skipped;
    final List<Map<String, Object>> errors = new ArrayList<>();

    void skip(int row, String message) {
      skipped++;
      if (errors.size() < MAX_ERRORS) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("row", row);
        e.put("message", message);
        errors.add(e);
      }
    }
  }

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate tx;
  private final ContactStore contacts;
  private final Companies companies;
  private final Tags tags;
  private final Outbox outbox;
  private final EventSubjects subjects;
  private final CrmJson json;
  private final Clock clock;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          2, r -> Thread.ofPlatform().name("crm-import-", 0).daemon().unstarted(r));

  ContactImport(
      JdbcClient jdbc,
      JdbcTemplate template,
      TransactionTemplate tx,
      ContactStore contacts,
      Companies companies,
      Tags tags,
      Outbox outbox,
      EventSubjects subjects,
      CrmJson json,
      Clock clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.tx = tx;
    this.contacts = contacts;
    this.companies = companies;
    this.tags = tags;
    this.outbox = outbox;
    this.subjects = subjects;
    this.json = json;
    this.clock = clock;
  }

  @PreDestroy
  void stop() {
    workers.shutdownNow();
  }

  /**
   * Starts importing the spooled file (which the job then owns and deletes); answers the job as
   * soon as it finished, or after {@link #WAIT_MILLIS} with the progress so far.
   */
  Map<String, Object> start(UUID ws, Path file) {
    List<String> columns;
    try (CsvReader reader = reader(file)) {
      List<String> header = reader.next();
      columns = columns(header);
    } catch (IOException | java.io.UncheckedIOException e) {
      delete(file);
      throw ApiException.invalid("file", "Cannot read the file");
    } catch (ApiException e) {
      delete(file);
      throw e;
    }
    UUID jobId = UUID.randomUUID();
    jdbc.sql(
            "insert into import_jobs (id, workspace_id, status, created_at) values (?, ?, 'running', ?)")
        .params(jobId, ws, Rows.utc(clock.instant()))
        .update();
    Future<?> job =
        workers.submit(() -> {
          try {
            run(ws, jobId, file, columns);
          } finally {
            delete(file);
          }
        });
    try {
      job.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Still going: the caller polls GET contacts/import/{jobId}.
    } catch (Exception e) {
      log.warn("Import {} failed", jobId, e);
    }
    return status(ws, jobId).orElseThrow();
  }

  Optional<Map<String, Object>> status(UUID ws, UUID jobId) {
    return jdbc.sql("select * from import_jobs where workspace_id = ? and id = ?")
        .params(ws, jobId)
        .query((rs, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("jobId", jobId.toString());
          m.put("status", rs.getString("status"));
          m.put("processed", rs.getInt("processed"));
          m.put("imported", rs.getInt("imported"));
          m.put("skipped", rs.getInt("skipped"));
          String errors = rs.getString("errors");
          m.put("errors", errors == null ? List.of() : json.any(errors));
          m.put("message", rs.getString("message"));
          return m;
        })
        .optional();
  }

  /** The field each column fills (null for ignored columns); 400 without an email column. */
  static List<String> columns(List<String> header) {
    if (header == null || header.stream().allMatch(String::isBlank)) {
      throw ApiException.invalid("file", "The file is empty: it needs a header row with email");
    }
    List<String> columns = new ArrayList<>();
    for (String h : header) {
      String key = h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      columns.add(HEADERS.get(key));
    }
    if (!columns.contains("email")) {
      throw ApiException.invalid("file", "Missing required column: email");
    }
    return columns;
  }

  private void run(UUID ws, UUID jobId, Path file, List<String> columns) {
    Progress p = new Progress();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> firstRow = new HashMap<>();
    // Ids of companies and tags ("#tag:" keys) met so far, to ask the database once per name.
    Map<String, UUID> companyIds = new HashMap<>();
    try (CsvReader reader = reader(file)) {
      reader.next();
      List<Row> batch = new ArrayList<>(BATCH);
      int number = 1;
      List<String> record;
      while ((record = reader.next()) != null) {
        number++;
        if (record.size() == 1 && record.getFirst().isBlank()) {
          continue;
        }
        p.processed++;
        String problem = null;
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < columns.size() && i < record.size(); i++) {
          String field = columns.get(i);
          String v = record.get(i).strip();
          if (field == null || v.isEmpty()) {
            continue;
          }
          if (v.indexOf('\uFFFD') >= 0 || v.indexOf('\0') >= 0) {
            problem = "Invalid characters in " + field + ": the file is not UTF-8";
          } else if (LIMITS.containsKey(field) && v.length() > LIMITS.get(field)) {
            problem = "Field '" + field + "' is too long (at most " + LIMITS.get(field) + ")";
          }
          values.put(field, v);
        }
        String email = values.get("email");
        if (problem == null && email == null) {
          problem = "Missing email";
        } else if (problem == null && !Body.validEmail(email)) {
          problem = "Invalid email address: " + email;
        } else if (problem == null && reader.truncated()) {
          problem = "A field is longer than " + CsvReader.MAX_FIELD + " characters";
        }
        if (problem == null) {
          String key = email.toLowerCase(Locale.ROOT);
          if (!seen.add(key)) {
            problem =
                "Duplicate email in file: " + email + " (first in row " + firstRow.get(key) + ")";
          } else {
            firstRow.put(key, number);
          }
        }
        if (problem != null) {
          p.skip(number, problem);
          continue;
        }
        batch.add(new Row(number, values));
        if (batch.size() == BATCH) {
          flush(ws, jobId, batch, p, companyIds);
          batch.clear();
        }
      }
      flush(ws, jobId, batch, p, companyIds);
      finish(jobId, p, "completed", null);
      log.info(
          "Import {}: {} rows, {} imported, {} skipped", jobId, p.processed, p.imported, p.skipped);
    } catch (RuntimeException | IOException e) {
      String reason =
          InternalErrors.report(
              log, "Import " + jobId + " failed after " + p.processed + " rows", e);
      finish(jobId, p, "failed", "Import stopped after " + p.processed + " rows: " + reason);
    }
  }

  private void flush(
      UUID ws, UUID jobId, List<Row> batch, Progress p, Map<String, UUID> companyIds) {
    try {
      tx.executeWithoutResult(s -> insert(ws, jobId, batch, p, companyIds, true));
    } catch (DataIntegrityViolationException raced) {
      // Someone added one of these emails meanwhile: go row by row to find it. Companies and tags
      // made in the rolled-back transaction are gone too.
      companyIds.clear();
      for (Row row : batch) {
        try {
          tx.executeWithoutResult(s -> insert(ws, jobId, List.of(row), p, companyIds, false));
        } catch (DataIntegrityViolationException e) {
          p.skip(row.number(), "Email already exists: " + row.values().get("email"));
        }
      }
    }
    progress(jobId, p);
  }

  private void insert(
      UUID ws,
      UUID jobId,
      List<Row> batch,
      Progress p,
      Map<String, UUID> companyIds,
      boolean whole) {
    if (batch.isEmpty()) {
      return;
    }
    Set<String> existing = existing(ws, batch);
    Instant now = clock.instant();
    List<Contact> fresh = new ArrayList<>();
    List<Object[]> tagRows = new ArrayList<>();
    int skipped = 0;
    List<Map<String, Object>> skippedRows = new ArrayList<>();
    for (Row row : batch) {
      Map<String, String> v = row.values();
      String email = v.get("email");
      if (existing.contains(email.toLowerCase(Locale.ROOT))) {
        skipped++;
        skippedRows.add(Map.of("row", row.number(), "message", "Email already exists: " + email));
        continue;
      }
      UUID companyId = null;
      if (v.get("company") != null) {
        String key = v.get("company").toLowerCase(Locale.ROOT);
        companyId = companyIds.get(key);
        if (companyId == null) {
          companyId = companies.findOrCreate(ws, v.get("company"));
          companyIds.put(key, companyId);
        }
      }
      List<String> tagNames =
          v.get("tags") == null
              ? List.of()
              : java.util.Arrays.stream(v.get("tags").split(";"))
                  .map(String::strip)
                  .filter(t -> !t.isEmpty() && t.length() <= 100)
                  .distinct()
                  .toList();
      Contact c =
          new Contact(
              UUID.randomUUID(),
              ws,
              v.get("firstName"),
              v.get("lastName"),
              email,
              v.get("title"),
              v.get("phone"),
              v.get("city"),
              v.get("status"),
              v.get("linkedinUrl"),
              companyId,
              false,
              tagNames,
              Map.of(),
              now,
              now);
      fresh.add(c);
      for (String tag : tagNames) {
        String key = "#tag:" + Tags.key(tag);
        UUID tagId = companyIds.get(key);
        if (tagId == null) {
          tagId = tags.ensure(ws, List.of(tag)).get(Tags.key(tag));
          companyIds.put(key, tagId);
        }
        tagRows.add(new Object[] {c.id(), tagId});
      }
    }
    contacts.insertAll(fresh);
    if (!tagRows.isEmpty()) {
      Rows.batch(template, "insert into contact_tags (contact_id, tag_id) values (?, ?)", tagRows);
    }
    outbox.addAll(ws, CrmEvent.CONTACT_CREATED, subjects.ofContacts(ws, fresh));
    // Counted only once the inserts went through; a failed batch is retried row by row.
    p.imported += fresh.size();
    for (Map<String, Object> s : skippedRows) {
      p.skip((Integer) s.get("row"), (String) s.get("message"));
    }
  }

  /**
   * Emails of the batch that the workspace already has. The workspace is checked in Java so that H2
   * looks the IN list up through the email index instead of scanning the workspace's contacts.
   */
  private Set<String> existing(UUID ws, List<Row> batch) {
    List<Object> params = new ArrayList<>();
    batch.forEach(r -> params.add(r.values().get("email").toLowerCase(Locale.ROOT)));
    Set<String> found = new HashSet<>();
    jdbc.sql(
            "select workspace_id, email_lower from contacts where email_lower in ("
                + String.join(", ", Collections.nCopies(batch.size(), "?"))
                + ")")
        .params(params)
        .query(rs -> {
          if (ws.equals(rs.getObject(1, UUID.class))) {
            found.add(rs.getString(2));
          }
        });
    return found;
  }

  private void progress(UUID jobId, Progress p) {
    jdbc.sql("update import_jobs set processed = ?, imported = ?, skipped = ? where id = ?")
        .params(p.processed, p.imported, p.skipped, jobId)
        .update();
  }

  private void finish(UUID jobId, Progress p, String status, String message) {
    jdbc.sql(
            """
            update import_jobs set status = ?, processed = ?, imported = ?, skipped = ?, errors = ?,
              message = ?, finished_at = ? where id = ?\
            """)
        .params(
            status,
            p.processed,
            p.imported,
            p.skipped,
            json.write(p.errors),
            message,
            Rows.utc(clock.instant()),
            jobId)
        .update();
  }

  /** Bytes that are not UTF-8 become U+FFFD, which marks their row as bad instead of failing. */
  private static CsvReader reader(Path file) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    InputStream in = Files.newInputStream(file);
    return new CsvReader(new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024));
  }

  static Path spool(InputStream body) throws IOException {
    Path file = Files.createTempFile("switchboard-import-", ".csv");
    try (InputStream in = body) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("Could not delete {}", file, e);
    }
  }
}
