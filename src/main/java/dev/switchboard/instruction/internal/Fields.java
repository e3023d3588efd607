package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Field names as people say them ("job title", "lead score", "deal size", "industry") and the
 * plan's names for them ({@code contact.title}, {@code contact.leadScore}, {@code deal.value},
 * {@code company.industry}).
 */
final class Fields {

  /** A field of an entity; {@code entity} is contact, deal, company or a variable root. */
  record Ref(String entity, String name) {

    /** The name conditions use: {@code contact.title}. */
    String qualified() {
      return entity + "." + name;
    }

    /**
     * The name search filters use: bare for the contact's fields and its company's ("industry is
     * 'Retail'": the search reads a bare company field through the contact's company), qualified
     * otherwise and for the company's name, which the contact's own name would shadow.
     */
    String forSearch() {
      return entity.equals("contact") || entity.equals("company") && !name.equals("name")
          ? name
          : qualified();
    }
  }

  private record Entry(Phrase phrase, String entity, String name) {}

  private static final List<Entry> KNOWN = new ArrayList<>();

  static {
    known(
        "contact",
        "title",
        "job title",
        "title",
        "role",
        "job role",
        "position",
        "job",
        "designation");
    known("contact", "firstName", "first name", "firstname", "given name");
    known("contact", "lastName", "last name", "lastname", "surname", "family name");
    known("contact", "email", "email address", "e mail address", "email", "e mail", "mail");
    known("contact", "phone", "phone number", "mobile number", "telephone number", "phone");
    known("contact", "phone", "mobile", "telephone", "cell");
    known("contact", "city", "city", "town", "location");
    known("contact", "country", "country");
    known("contact", "status", "lead status", "contact status", "status");
    known("contact", "leadScore", "lead score", "leadscore", "score");
    known("contact", "linkedinUrl", "linkedin profile url", "linkedin url", "linkedin profile");
    known("contact", "linkedinUrl", "linkedin link", "linkedin page", "linkedin");
    known("contact", "tags", "tags", "tag");
    known("contact", "createdAt", "creation date", "created date", "date created", "created at");
    known("contact", "updatedAt", "updated at", "last updated", "update date");
    known("contact", "replied", "replied", "reply status");
    known("contact", "source", "lead source", "source");
    known("company", "industry", "company industry", "industry", "sector", "vertical");
    known("company", "size", "company size", "employee count", "number of employees");
    known("company", "size", "headcount", "employees", "team size", "size");
    known("company", "domain", "company domain", "domain", "website", "web site");
    known("company", "name", "company name", "company");
    known("deal", "value", "deal value", "deal size", "deal amount", "deal worth", "value");
    known("deal", "value", "amount", "worth", "size", "val", "amt");
    known("deal", "stage", "deal stage", "pipeline stage", "stage");
    known("deal", "name", "deal name");
  }

  private static final Phrase DETERMINER = Phrase.of("[the|their|his|her|its|this|that|a|an]");
  private static final Phrase CONTACT_OWNER =
      Phrase.of("(contact|lead|prospect|person|contacts) ['s]");
  private static final Phrase THEIR = Phrase.of("(their|his|her)");
  private static final Phrase DEAL = Phrase.of("(deal|opportunity|deals) ['s]");
  private static final Phrase COMPANY =
      Phrase.of("(company|organization|organisation|account|companies|co|acct) ['s]");
  private static final Phrase FIELD_WORD = Phrase.of("[custom] (field|property|attribute)");
  private static final Phrase FIELD_LEAD =
      Phrase.of("([the] " + Phrase.ROLE + " 's|[the] (field|property)|the|their|his|her)");

  /** Fields that hold numbers: "the deal is big" compares nothing that a run could check. */
  private static final java.util.Set<String> NUMERIC =
      java.util.Set.of("deal.value", "contact.leadScore", "company.size");

  private Fields() {}

  static boolean isNumeric(String qualified) {
    return NUMERIC.contains(qualified);
  }

  private static void known(String entity, String name, String... phrases) {
    for (String p : phrases) {
      KNOWN.add(new Entry(Phrase.of(p), entity, name));
    }
    KNOWN.sort((a, b) -> Integer.compare(words(b), words(a)));
  }

  private static int words(Entry e) {
    return e.phrase().toString().split(" ").length;
  }

  /**
   * Reads a field reference: {@code contact.title}, {@code @deal.value}, "the contact's title",
   * "their lead score", "the deal value", "industry", "the deal's 'priority' field", a camelCase
   * custom field. Returns {@code null} with the cursor unmoved when there is none.
   */
  static Ref read(Cursor c) {
    int mark = c.mark();
    Token t = c.peek();
    if (t.is(Kind.PATH) || (t.is(Kind.VARIABLE) && t.text().indexOf('.') > 0)) {
      c.next();
      String path = t.is(Kind.VARIABLE) ? t.text().substring(1) : t.text();
      int dot = path.indexOf('.');
      return new Ref(path.substring(0, dot).toLowerCase(Locale.ROOT), path.substring(dot + 1));
    }
    if (c.accept(FIELD_LEAD) && c.at(Kind.PATH)) {
      return read(c); // "if the field contact.phone does not exist", "if the contact.role is …"
    }
    c.reset(mark);
    Ref glossed = glossed(c);
    if (glossed != null) {
      return glossed;
    }
    c.accept(DETERMINER);
    String entity = null;
    if (c.accept(CONTACT_OWNER) || c.accept(THEIR)) {
      entity = "contact";
    } else if (c.accept(DEAL)) {
      entity = "deal";
    } else if (c.accept(COMPANY)) {
      entity = "company";
    }
    Ref ref = named(c, entity);
    if (ref == null && "deal".equals(entity)) {
      ref = new Ref("deal", "value");
    }
    if (ref != null) {
      // "the lead score of the contact": "lead" named the contact already, "of the contact" agrees
      int before = c.mark();
      Ref of = ofEntity(c, ref);
      if (entity == null || of.entity().equals(ref.entity())) {
        ref = of;
      } else {
        c.reset(before);
      }
    }
    if (ref == null) {
      c.reset(mark);
    }
    return ref;
  }

  /**
   * "the gift (deal value)", "the package (deal.value)": a trade's own word for the thing, with the
   * field it is in brackets after it; {@code null} with the cursor unmoved when there is none.
   */
  private static Ref glossed(Cursor c) {
    int mark = c.mark();
    c.accept(DETERMINER);
    for (int words = 0; words < 3 && c.at(Kind.WORD) && !isStopWord(c.peek()); words++) {
      c.next();
    }
    if (c.mark() > mark && c.at(Kind.LPAREN)) {
      c.next();
      Ref inside = read(c);
      if (inside != null && c.at(Kind.RPAREN)) {
        c.next();
        return inside;
      }
    }
    c.reset(mark);
    return null;
  }

  /** "the status of the contact", "the value of the deal", "industry of company". */
  private static Ref ofEntity(Cursor c, Ref ref) {
    int mark = c.mark();
    if (!c.acceptWord("of")) {
      return ref;
    }
    c.accept(DETERMINER);
    if (c.accept(CONTACT_OWNER)) {
      return new Ref("contact", ref.name());
    }
    if (c.accept(DEAL)) {
      return new Ref("deal", ref.name());
    }
    if (c.accept(COMPANY)) {
      return new Ref("company", ref.name());
    }
    c.reset(mark);
    return ref;
  }

  /** The field name after an optional entity word. */
  private static Ref named(Cursor c, String entity) {
    int mark = c.mark();
    if (c.at(Kind.QUOTED)) {
      String name = c.next().text().trim();
      c.accept(FIELD_WORD);
      return new Ref(entity == null ? "contact" : entity, name);
    }
    if (c.accept(FIELD_WORD) && c.at(Kind.QUOTED)) {
      return new Ref(entity == null ? "contact" : entity, c.next().text().trim());
    }
    c.reset(mark);
    for (Entry e : KNOWN) {
      if (c.at(e.phrase()) && compatible(entity, e)) {
        c.accept(e.phrase());
        c.accept(FIELD_WORD);
        return new Ref(e.entity(), e.name());
      }
    }
    Token t = c.peek();
    if (t.is(Kind.WORD)
        && (isIdentifierLike(t.text()) || entity != null)
        && !isStopWord(t)
        && !WordTypos.isSlip(t.lower())) { // "deal valu" is no field: a slip of "value"
      c.next();
      c.accept(FIELD_WORD);
      return new Ref(entity == null ? "contact" : entity, t.text());
    }
    return null;
  }

  /**
   * A known field, or in a search filter a contact's custom field named in plain words before its
   * comparison: "whose health score is below 40" ({@code healthScore}), "where plan is 'Business'"
   * ({@code plan}), compared with a quoted value or a number; {@code null} (cursor unmoved) when
   * neither is here.
   */
  static Ref readInFilter(Cursor c) {
    Ref known = read(c);
    if (known != null) {
      return known;
    }
    int mark = c.mark();
    c.accept(DETERMINER);
    int from = c.mark();
    boolean comparison = c.atAnyWord("no", "not", "but") || Relation.read(c) != null;
    c.reset(from);
    if (comparison) {
      c.reset(mark); // "… but no more than 75" bounds the field before it
      return null;
    }
    for (int words = 1; words <= 2; words++) {
      c.reset(from);
      StringBuilder name = new StringBuilder();
      boolean plain = true;
      for (int i = 0; i < words && plain; i++) {
        Token t = c.peek();
        plain =
            t.is(Kind.WORD) && t.text().equals(t.lower()) && !isStopWord(t) && !Steps.startsStep(c);
        if (plain) {
          name.append(
              i == 0
                  ? t.lower()
                  : Character.toUpperCase(t.lower().charAt(0)) + t.lower().substring(1));
          c.next();
        }
      }
      int after = c.mark();
      boolean compared =
          plain
              && (c.acceptWord("between") || Relation.read(c) != null)
              && (c.at(Kind.QUOTED) || c.at(Kind.NUMBER)); // "where vibes are good" is no field
      c.reset(after);
      if (compared) {
        return new Ref("contact", name.toString());
      }
    }
    c.reset(mark);
    return null;
  }

  /** After "the deal's" only deal fields; after "their" contact fields and their company's. */
  private static boolean compatible(String entity, Entry e) {
    if (entity == null || entity.equals(e.entity())) {
      return true;
    }
    return entity.equals("contact") && e.entity().equals("company");
  }

  /** camelCase or snake_case words name custom fields without further ado. */
  static boolean isIdentifierLike(String word) {
    if (word.indexOf('_') > 0) {
      return true;
    }
    for (int i = 1; i < word.length(); i++) {
      if (Character.isUpperCase(word.charAt(i)) && Character.isLowerCase(word.charAt(0))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> STOP =
      Set.of(
          "is",
          "are",
          "was",
          "does",
          "do",
          "has",
          "have",
          "not",
          "contains",
          "equals",
          "exists",
          "and",
          "or",
          "to",
          "of",
          "with",
          "as",
          "from",
          "in",
          "on");

  private static boolean isStopWord(Token t) {
    return STOP.contains(t.lower());
  }
}
