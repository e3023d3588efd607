package dev.switchboard.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Column conversions shared by the CRM's SQL. */
public final class Rows {

  private Rows() {}

  public static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static String str(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * A batch insert that binds every value with {@code setObject}, nulls included: Spring's own null
   * binding asks the driver for parameter metadata, a round trip per null per row.
   */
  static void batch(
      org.springframework.jdbc.core.JdbcTemplate jdbc, String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        sql,
        new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
          @Override
          public void setValues(java.sql.PreparedStatement ps, int i) throws SQLException {
            Object[] row = rows.get(i);
            for (int c = 0; c < row.length; c++) {
              ps.setObject(c + 1, row[c]);
            }
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
  }
}
