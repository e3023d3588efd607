package dev.switchboard.run;

import dev.switchboard.api.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history list as a file: exactly the rows the list's filters select, all pages, newest first,
 * streamed from a database cursor so memory stays constant however many runs there are.
 */
@Component
class HistoryExport {

  /** The file formats. */
  enum Format {
    CSV("text/csv", "csv"),
    JSON("application/json", "json");

    final String mediaType;
    final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    static Format parse(String value) {
      if (value == null || value.isBlank() || value.equals("csv")) {
        return CSV;
      }
      if (value.equals("json")) {
        return JSON;
      }
      throw ApiException.invalid("format", "format must be csv or json");
    }
  }

  static final List<String> COLUMNS =
      List.of(
          "executionId",
          "agentName",
          "date",
          "status",
          "triggerType",
          "durationMs",
          "contactsProcessed",
          "actionsPerformed",
          "error");

  private static final int FETCH_SIZE = 500;

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final TransactionTemplate readOnly;

  HistoryExport(JdbcTemplate jdbc, JsonMapper json, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.json = json;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** One exported run. */
  record Row(
      UUID executionId,
      String agentName,
      Instant date,
      String status,
      String triggerType,
      Long durationMs,
      int contactsProcessed,
      long actionsPerformed,
      String error) {

    /** The values in column order; null where there is none. */
    List<Object> cells() {
      return Arrays.asList(
          executionId,
          agentName,
          date,
          status,
          triggerType,
          durationMs,
          contactsProcessed,
          actionsPerformed,
          error);
    }
  }

  void write(UUID workspaceId, UUID agentId, HistoryQuery q, Format format, OutputStream out) {
    HistoryQuery.Where where = q.where(JdbcClient.create(jdbc), workspaceId, agentId);
    String sql =
        "select e.id, e.agent_name, e.created_at, e.status, e.trigger_type, e.started_at,"
            + " e.finished_at, e.processed_count, e.summary, e.error from executions e"
            + where.clause()
            + " order by e.created_at desc, e.id";
    // A cursor needs a transaction on PostgreSQL; without one the driver reads every row first.
    readOnly.executeWithoutResult(status -> {
      try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        RowSink sink = format == Format.CSV ? new CsvSink(writer) : new JsonSink(json, writer);
        jdbc.query(
            connection -> {
              var statement = connection.prepareStatement(sql);
              statement.setFetchSize(FETCH_SIZE);
              for (int i = 0; i < where.params().size(); i++) {
                statement.setObject(i + 1, where.params().get(i));
              }
              return statement;
            },
            (ResultSet rs) -> sink.row(row(rs)));
        sink.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private Row row(ResultSet rs) throws SQLException {
    Instant started = ExecutionStore.instant(rs, "started_at");
    Instant finished = ExecutionStore.instant(rs, "finished_at");
    return new Row(
        rs.getObject("id", UUID.class),
        rs.getString("agent_name"),
        ExecutionStore.instant(rs, "created_at"),
        rs.getString("status"),
        rs.getString("trigger_type"),
        started == null || finished == null ? null : Duration.between(started, finished).toMillis(),
        rs.getInt("processed_count"),
        actions(rs.getString("summary")),
        message(rs.getString("error")));
  }

  /** The run's action counters added up (emails sent, tags added …), not the contacts count. */
  private long actions(String summary) {
    if (summary == null) {
      return 0;
    }
    long total = 0;
    for (var counter : json.readTree(summary).properties()) {
      if (!counter.getKey().equals("contactsProcessed") && counter.getValue().isNumber()) {
        total += counter.getValue().asLong();
      }
    }
    return total;
  }

  private String message(String error) {
    if (error == null) {
      return null;
    }
    JsonNode message = json.readTree(error).get("message");
    return message == null || message.isNull() ? null : message.asString();
  }

  /** Where rows go, one at a time. */
  private interface RowSink {
    void row(Row row) throws SQLException;

    void close() throws IOException;
  }

  /** RFC 4180: quoted when needed, CRLF line ends; a cell that could run as a formula gets a '. */
  static final class CsvSink implements RowSink {
    private final Writer out;

    CsvSink(Writer out) throws IOException {
      this.out = out;
      line(List.copyOf(COLUMNS));
    }

    @Override
    public void row(Row row) throws SQLException {
      try {
        line(row.cells());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void line(List<?> cells) throws IOException {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        Object value = cells.get(i);
        out.write(cell(value == null ? "" : String.valueOf(value)));
      }
      out.write("\r\n");
    }

    static String cell(String value) {
      String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
      if (text.indexOf(',') < 0
          && text.indexOf('"') < 0
          && text.indexOf('\r') < 0
          && text.indexOf('\n') < 0) {
        return text;
      }
      return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** A JSON array of objects with the CSV's columns as keys. */
  static final class JsonSink implements RowSink {
    private final JsonGenerator out;

    JsonSink(JsonMapper json, Writer writer) {
      this.out = json.createGenerator(writer);
      out.writeStartArray();
    }

    @Override
    public void row(Row row) {
      out.writeStartObject();
      List<Object> cells = row.cells();
      for (int i = 0; i < COLUMNS.size(); i++) {
        Object cell = cells.get(i);
        out.writeName(COLUMNS.get(i));
        switch (cell) {
          case null -> out.writeNull();
          case Number n -> out.writeNumber(n.longValue());
          default -> out.writeString(String.valueOf(cell));
        }
      }
      out.writeEndObject();
    }

    @Override
    public void close() {
      out.writeEndArray();
      out.flush();
    }
  }
}
