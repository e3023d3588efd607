package dev.switchboard.crm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by commas, quoted with {@code "}, a doubled quote
 * inside quotes is a quote, line breaks inside quotes belong to the field, records end with CRLF or
 * LF. Holds one record in memory at a time. A leading byte-order mark is dropped.
 */
final class CsvReader implements AutoCloseable {

  /** Longest field accepted; a longer one is cut, so a runaway quote cannot eat the heap. */
  static final int MAX_FIELD = 100_000;

  private final Reader in;
  private int peeked = -2;
  private boolean first = true;
  private boolean truncated;

  CsvReader(Reader in) {
    this.in = in;
  }

  /** The next record's fields, or null at the end of the input. */
  List<String> next() {
    truncated = false;
    int c = read();
    if (first) {
      first = false;
      if (c == '\uFEFF') {
        c = read();
      }
    }
    if (c == -1) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          fields.add(field.toString());
          return fields;
        }
        if (c == '"') {
          int n = read();
          if (n == '"') {
            append(field, '"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          append(field, (char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n' || c == -1) {
        if (c == '\r') {
          int n = read();
          if (n != '\n') {
            peeked = n;
          }
        }
        fields.add(field.toString());
        return fields;
      } else if (c == '"' && field.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else {
        append(field, (char) c);
      }
      c = read();
    }
  }

  /** Whether the last record had a field cut at {@link #MAX_FIELD}. */
  boolean truncated() {
    return truncated;
  }

  private void append(StringBuilder field, char c) {
    if (field.length() < MAX_FIELD) {
      field.append(c);
    } else {
      truncated = true;
    }
  }

  private int read() {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    try {
      return in.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
