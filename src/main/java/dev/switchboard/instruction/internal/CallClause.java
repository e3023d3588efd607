package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import dev.switchboard.plan.ActionType;
import dev.switchboard.plan.Step;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plan's own action names called as functions, as people who read the plan schema write them:
 * {@code send_email(template="Intro")}, {@code add_tag("A", "B")}, {@code handoff(to=@user.ae,
 * message="…")}, {@code create_task(title="Call", due=2d, assignee=@user.sdr)}, {@code
 * update_field(contact.status = "SQL")}. Arguments are named ({@code key=value} or {@code key:
 * value}) or given in the parameters' order; a name the action has no parameter for is refused.
 */
final class CallClause implements Clause.Single {

  private static final Map<String, ActionType> NAMES =
      Map.ofEntries(
          Map.entry("send_email", ActionType.SEND_EMAIL),
          Map.entry("sendemail", ActionType.SEND_EMAIL),
          Map.entry("email", ActionType.SEND_EMAIL),
          Map.entry("add_tag", ActionType.ADD_TAG),
          Map.entry("addtag", ActionType.ADD_TAG),
          Map.entry("add_tags", ActionType.ADD_TAG),
          Map.entry("tag", ActionType.ADD_TAG),
          Map.entry("remove_tag", ActionType.REMOVE_TAG),
          Map.entry("removetag", ActionType.REMOVE_TAG),
          Map.entry("remove_tags", ActionType.REMOVE_TAG),
          Map.entry("untag", ActionType.REMOVE_TAG),
          Map.entry("create_task", ActionType.CREATE_TASK),
          Map.entry("createtask", ActionType.CREATE_TASK),
          Map.entry("task", ActionType.CREATE_TASK),
          Map.entry("web_search", ActionType.WEB_SEARCH),
          Map.entry("websearch", ActionType.WEB_SEARCH),
          Map.entry("handoff", ActionType.HANDOFF),
          Map.entry("hand_off", ActionType.HANDOFF),
          Map.entry("remember", ActionType.REMEMBER),
          Map.entry("update_field", ActionType.UPDATE_FIELD),
          Map.entry("updatefield", ActionType.UPDATE_FIELD),
          Map.entry("enrich_contact", ActionType.ENRICH_CONTACT),
          Map.entry("enrich", ActionType.ENRICH_CONTACT),
          Map.entry("linkedin_invite", ActionType.LINKEDIN_INVITE),
          Map.entry("linkedininvite", ActionType.LINKEDIN_INVITE),
          Map.entry("li_invite", ActionType.LINKEDIN_INVITE),
          Map.entry("linkedin", ActionType.LINKEDIN_INVITE), // "li invite note=…"
          Map.entry("upd", ActionType.UPDATE_FIELD),
          Map.entry("update", ActionType.UPDATE_FIELD),
          Map.entry("wait", ActionType.WAIT));

  /** Words a terse call may put between its name and its arguments ("email tmpl 'X'"). */
  private static final Set<String> NOUNS =
      Set.of("tmpl", "template", "invite", "field", "with", "search");

  /** Each action's parameters in the order positional arguments fill them. */
  private static final Map<ActionType, List<String>> ORDER =
      Map.of(
          ActionType.SEND_EMAIL, List.of("template"),
          ActionType.CREATE_TASK, List.of("title", "dueInDays", "assignee"),
          ActionType.WEB_SEARCH, List.of("query", "maxResults"),
          ActionType.HANDOFF, List.of("to", "message"),
          ActionType.REMEMBER, List.of("key", "value"),
          ActionType.UPDATE_FIELD, List.of("entity", "field", "value"),
          ActionType.ENRICH_CONTACT, List.of("provider"),
          ActionType.LINKEDIN_INVITE, List.of("note"),
          ActionType.WAIT, List.of("duration"));

  /** Other names for a parameter ("due=2d", "max=3", "assignee", "days=5"). */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("due", "dueInDays"),
          Map.entry("due_in_days", "dueInDays"),
          Map.entry("dueindays", "dueInDays"),
          Map.entry("due_in", "dueInDays"),
          Map.entry("owner", "assignee"),
          Map.entry("assign", "assignee"),
          Map.entry("assigned_to", "assignee"),
          Map.entry("max", "maxResults"),
          Map.entry("maxresults", "maxResults"),
          Map.entry("max_results", "maxResults"),
          Map.entry("limit", "maxResults"),
          Map.entry("results", "maxResults"),
          Map.entry("top", "maxResults"),
          Map.entry("user", "to"),
          Map.entry("msg", "message"),
          Map.entry("q", "query"),
          Map.entry("subj", "subject"),
          Map.entry("val", "value"),
          Map.entry("tmpl", "template"),
          Map.entry("dur", "duration"),
          Map.entry("days", "duration"),
          Map.entry("for", "duration"),
          Map.entry("tag", "tags"),
          Map.entry("name", "tags"));

  private static final java.util.regex.Pattern MONEY =
      java.util.regex.Pattern.compile(
          "[$€£]\\s?\\d[\\d.,]*\\s?[kKmM]?|\\d[\\d.,]*\\s?[kKmM]?\\s?[$€£]");

  private record Arg(String name, Object value, int start) {}

  @Override
  public boolean starts(Cursor c) {
    Token name = c.peek();
    Token open = c.peek(1);
    if (!name.is(Kind.WORD) || !NAMES.containsKey(name.lower())) {
      return false;
    }
    boolean call = open.is(Kind.LPAREN) && open.text().equals("(") && open.start() == name.end();
    return call || terse(c); // "wait(3d)", not "wait (about three days)"
  }

  /**
   * "task 'Call' due=1d assignee=@user.ae", "web_search q='…' max=3": the call without its
   * parentheses, its arguments apart by spaces up to the end of the clause, one of them named.
   */
  private static boolean terse(Cursor c) {
    for (int i = c.mark() + 1; !endsTerse(c, i); i++) {
      if (namedAt(c, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsTerse(Cursor c, int i) {
    Token t = c.token(i);
    return switch (t.kind()) {
      case SEMICOLON, END, LIST_MARKER, EOF, DASH, RPAREN, LPAREN, COLON -> true;
      case COMMA -> !namedAt(c, i + 1);
      case SYMBOL -> t.text().equals("|");
      default -> t.isWord("then") || t.isWord("and") || t.isWord("else");
    };
  }

  /** "max=3": a word, and right after it an "=". */
  private static boolean namedAt(Cursor c, int i) {
    Token key = c.token(i);
    if (!key.is(Kind.WORD)) {
      return false; // the text's last token is its end, so a word has one after it
    }
    Token eq = c.token(i + 1);
    return key.is(Kind.WORD)
        && eq.is(Kind.OPERATOR)
        && eq.text().equals("=")
        && eq.start() == key.end();
  }

  @Override
  public Step.Action parseOne(Cursor c) {
    int start = c.mark();
    ActionType type = NAMES.get(c.next().lower());
    List<Arg> args = new ArrayList<>();
    if (c.at(Kind.LPAREN) && c.peek().start() == c.token(start).end()) {
      c.next(); // (
      while (!c.accept(Kind.RPAREN)) {
        if (!args.isEmpty() && !c.accept(Kind.COMMA)) {
          throw c.failureForClause("I can't read this call's arguments: ", start);
        }
        args.add(argument(c, start));
      }
    } else {
      while (c.at(Kind.WORD) && NOUNS.contains(c.peek().lower()) && !namedAt(c, c.mark())) {
        c.next();
      }
      while (!endsTerse(c, c.mark())) {
        c.accept(Kind.COMMA);
        args.add(argument(c, start));
      }
    }
    Map<String, Object> params = new LinkedHashMap<>();
    List<String> order = ORDER.getOrDefault(type, List.of());
    int position = 0;
    for (Arg arg : args) {
      String name = arg.name();
      if (type == ActionType.REMEMBER
          && name != null
          && !ORDER.get(type).contains(name.toLowerCase(Locale.ROOT))) {
        params.put("key", name); // remember fundingHook=@search.results[0].title
        params.put("value", arg.value());
        continue;
      }
      if (name == null && (type == ActionType.ADD_TAG || type == ActionType.REMOVE_TAG)) {
        name = "tags";
      } else if (name == null && arg.value() instanceof Path path) {
        if (type != ActionType.UPDATE_FIELD || position > 0) {
          throw c.failure(
              "What is this argument for? '" + path.text() + "'", arg.start(), c.mark());
        }
        params.put("entity", path.entity()); // update_field(contact.emailStatus, "bounced")
        params.put("field", path.field());
        position = 2;
        continue;
      } else if (name == null && position < order.size()) {
        name = order.get(position++);
      } else if (name == null) {
        throw c.failure(
            "This call has more arguments than " + type.name().toLowerCase(Locale.ROOT) + " takes",
            arg.start(),
            c.mark());
      }
      put(c, type, params, name, arg);
    }
    return new Step.Action(type, params);
  }

  /** A dotted field as an argument ("contact.status"). */
  private record Path(String entity, String field, String text) {

    static Path of(String text) {
      int dot = text.indexOf('.');
      return new Path(
          text.substring(0, dot).toLowerCase(Locale.ROOT), text.substring(dot + 1), text);
    }
  }

  private static Arg argument(Cursor c, int start) {
    int at = c.mark();
    String name = null;
    Token first = c.peek();
    boolean named =
        (first.is(Kind.WORD) || first.is(Kind.PATH))
            && (c.peek(1).is(Kind.COLON)
                || c.peek(1).is(Kind.OPERATOR) && c.peek(1).text().equals("="));
    if (named && first.is(Kind.WORD)) {
      name = first.text(); // as written: a memory key keeps its case
      c.next();
      c.next();
    } else if (named) {
      c.next(); // update_field(contact.status = "SQL"): the field, then its value
      c.next();
      return new Arg("value", List.of(Path.of(first.text()), value(c, start)), at);
    }
    if (name == null && c.at(Kind.PATH)) {
      return new Arg(null, Path.of(c.next().text()), at);
    }
    return new Arg(name, value(c, start), at);
  }

  /** Quoted text, a variable, a duration ("2d"), a number, or unquoted words up to "," or ")". */
  private static Object value(Cursor c, int start) {
    String duration = c.at(Kind.NUMBER) ? Durations.read(c) : null;
    if (duration != null) {
      return duration;
    }
    if (c.at(Kind.QUOTED) && MONEY.matcher(c.peek().text()).matches()) {
      String amount = c.next().text(); // value="$75k": money is a plain number
      BigDecimal number = Values.amount(new Cursor(amount, Tokenizer.tokenize(amount)));
      if (number != null) {
        return Values.plain(number);
      }
    }
    if (c.at(Kind.QUOTED) || c.at(Kind.VARIABLE) || c.at(Kind.NUMBER)) {
      return Values.literal(c);
    }
    if (c.at(Kind.EMAIL)) {
      return c.next().text(); // to=ops@acme.com
    }
    int from = c.mark();
    while ((c.at(Kind.WORD) || c.at(Kind.PATH)) && (c.mark() == from || !namedAt(c, c.mark()))) {
      c.next();
    }
    if (c.mark() == from) {
      throw c.failureForClause("I can't read this call's arguments: ", start);
    }
    return c.text(from, c.mark());
  }

  /** "due=2d", "due=3", "due=tomorrow": a due date in days. */
  private static Object dueDays(Cursor c, Object value, Arg arg) {
    if (value instanceof String written) {
      String s = written.strip().toLowerCase(Locale.ROOT);
      if (s.matches("pt?\\d+[dhm]")) {
        return Durations.days(s.toUpperCase(Locale.ROOT));
      }
      if (s.matches("\\d+ ?(d|days?)")) {
        return Integer.parseInt(s.replaceAll("\\D", "")); // due="2d"
      }
      if (s.equals("tomorrow") || s.equals("tmrw")) {
        return 1;
      }
      if (s.equals("today")) {
        return 0;
      }
      throw c.failure("How many days is '" + written + "'?", arg.start(), c.mark());
    }
    return value;
  }

  private static void put(
      Cursor c, ActionType type, Map<String, Object> params, String written, Arg arg) {
    String lower = written.toLowerCase(Locale.ROOT);
    String name = ALIASES.getOrDefault(lower, lower);
    Object value = arg.value();
    if (value instanceof List<?> pair && pair.getFirst() instanceof Path path) {
      params.put("entity", path.entity());
      params.put("field", path.field());
      value = pair.get(1);
    }
    switch (name) {
      case "tags" -> {
        List<Object> tags = new ArrayList<>();
        if (params.get("tags") instanceof List<?> before) {
          tags.addAll(before);
        }
        tags.add(value);
        params.put("tags", tags);
      }
      case "dueInDays" -> params.put(name, dueDays(c, value, arg));
      case "maxResults" -> params.put(name, value);
      case "duration" ->
          params.put(
              name,
              value instanceof Number days
                  ? "P" + days + "D"
                  : value instanceof String s && !s.startsWith("P") ? s : value);
      case "key" -> params.put(name, String.valueOf(value).replaceFirst("^@memory\\.", ""));
      case "entity" -> params.put(name, String.valueOf(value).toLowerCase(Locale.ROOT));
      default -> {
        if (!ORDER.getOrDefault(type, List.of()).contains(name)
            && !(type == ActionType.SEND_EMAIL
                && List.of("subject", "body", "to").contains(name))) {
          throw c.failure(
              "'" + written + "' is no parameter of " + type.name().toLowerCase(Locale.ROOT),
              arg.start(),
              c.mark());
        }
        params.put(name, value instanceof BigDecimal number ? Values.plain(number) : value);
      }
    }
  }
}
