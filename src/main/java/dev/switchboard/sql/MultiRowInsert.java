package dev.switchboard.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Rows written as one statement per {@link #ROWS_PER_STATEMENT}: {@code head}, then the row's
 * placeholders once per row, comma-separated, then {@code tail}. A group of rows costs the database
 * one statement instead of one per row, on H2 and PostgreSQL alike.
 */
public final class MultiRowInsert {

  /** Rows per statement: far below both drivers' parameter limits for rows of a dozen columns. */
  public static final int ROWS_PER_STATEMENT = 500;

  private MultiRowInsert() {}

  /**
   * Writes {@code rows}.
   *
   * @param head the statement up to the first row ("insert into t (a, b) values ")
   * @param row one row's placeholders ("(?, ?)"), as many as each row has values
   * @param tail what follows the last row (empty, or ") as v (a, b) join …")
   */
  public static void insert(
      JdbcOperations jdbc, String head, String row, String tail, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      List<Object> params = new ArrayList<>();
      chunk.forEach(values -> Collections.addAll(params, values));
      jdbc.update(
          head + String.join(", ", Collections.nCopies(chunk.size(), row)) + tail,
          params.toArray());
    }
  }
}
