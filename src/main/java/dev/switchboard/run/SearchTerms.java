package dev.switchboard.run;

import static dev.switchboard.run.ExecutionStore.utc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The whole words history search finds by index at any age (table {@code execution_search_terms}):
 * e-mail addresses anywhere in a run's trigger context or steps, the values of its tag and template
 * fields, and the names of the contacts it names. Substring search reads only a run's newest
 * neighbours ({@link HistoryQuery}), so these keep an old run findable by the address it emailed.
 */
@Component
class SearchTerms {

  /** Terms kept per write: 50 contacts give about 150; the bound keeps a write small. */
  static final int MAX_TERMS = 300;

  static final int MAX_LENGTH = 200;

  private static final Pattern EMAIL =
      Pattern.compile("[\\p{Alnum}._%+'-]+@[\\p{Alnum}-]+(?:\\.[\\p{Alnum}-]+)+");

  /** Fields whose whole value is a term: a tag's or a template's name. */
  private static final Set<String> NAMED = Set.of("tag", "tags", "template", "templateName");

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  SearchTerms(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** The form a term is stored and looked up in. */
  static String normalise(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }

  /** A new run's terms, from what it was triggered with. */
  void admitted(Execution run) {
    insert(run, of(run.triggerContext().wire()));
  }

  /** The terms of a run's steps so far that are not stored yet (a run leaves running often). */
  void stepped(Execution run, List<Map<String, Object>> steps) {
    Set<String> terms = of(steps);
    if (terms.isEmpty()) {
      return;
    }
    terms.removeAll(
        jdbc.sql("select term from execution_search_terms where execution_id = ?")
            .param(run.id())
            .query(String.class)
            .list());
    insert(run, terms);
  }

  private void insert(Execution run, Set<String> terms) {
    if (terms.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (String term : terms) {
      rows.add(new Object[] {run.id(), run.workspaceId(), term, utc(run.createdAt())});
    }
    template.batchUpdate(
        "insert into execution_search_terms (execution_id, workspace_id, term, created_at)"
            + " values (?, ?, ?, ?)",
        rows);
  }

  /** The terms in a JSON-like value (maps, lists, strings), at most {@link #MAX_TERMS}. */
  static Set<String> of(Object value) {
    Set<String> out = new LinkedHashSet<>();
    collect(null, value, out);
    return out;
  }

  private static void collect(String key, Object value, Set<String> out) {
    switch (value) {
      case Map<?, ?> map -> {
        names(map, out);
        map.forEach((k, v) -> collect(String.valueOf(k), v, out));
      }
      case List<?> list -> list.forEach(v -> collect(key, v, out));
      case String text -> {
        if (NAMED.contains(key)) {
          add(text, out);
        }
        // Most values hold no address: the pattern's scan of each was a tenth of a drain's
        // finisher.
        if (text.indexOf('@') >= 0) {
          Matcher email = EMAIL.matcher(text);
          while (email.find()) {
            add(email.group(), out);
          }
        }
      }
      case null, default -> {}
    }
  }

  /** A contact's first and last name, each and together ("john", "smith", "john smith"). */
  private static void names(Map<?, ?> map, Set<String> out) {
    String first = map.get("firstName") instanceof String s ? s : null;
    String last = map.get("lastName") instanceof String s ? s : null;
    if (first != null) {
      add(first, out);
    }
    if (last != null) {
      add(last, out);
    }
    if (first != null && last != null) {
      add(first + " " + last, out);
    }
  }

  private static void add(String text, Set<String> out) {
    String term = normalise(text);
    if (!term.isEmpty() && term.length() <= MAX_LENGTH && out.size() < MAX_TERMS) {
      out.add(term);
    }
  }
}
