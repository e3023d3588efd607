package dev.switchboard.instruction.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules written as a CRM workflow builder shows them: "Trigger: Find Contacts where …", "Criteria:
 * Contact.LeadScore >= 75", "Action 1: Add Tag 'MQL'". The text is rewritten character for
 * character, so every offset still points into the text as written: a trigger label becomes blank
 * (its search is the first step), a criteria label becomes "If" (its actions follow as a list), an
 * "Action 2:" label becomes the list marker "2.", and a field written in the builder's casing
 * ("Contact.LeadScore", "Deal.Stage") is read in the plan's ("contact.leadScore"), and one whose
 * name is quoted ("contact."status"") without its quotes.
 */
final class WorkflowBlocks {

  private static final Pattern TRIGGER = Pattern.compile("(?im)^[ \\t]*(trigger)[ \\t]*:");
  private static final Pattern CRITERIA = Pattern.compile("(?im)^[ \\t]*(criteria)[ \\t]*:");
  private static final Pattern ACTION =
      Pattern.compile("(?im)^[ \\t]*(action[ \\t]*(\\d{1,3}))[ \\t]*:");
  private static final Pattern ANY_ACTION =
      Pattern.compile("(?im)^[ \\t]*action[ \\t]*\\d{0,3}[ \\t]*:");
  private static final Pattern FIELD = Pattern.compile("\\b(Contact|Deal|Company)\\.([A-Z])");

  /** "Web Search | Query: '…' | MaxResults: 3": a bar between a step's parameters. */
  private static final Pattern BAR = Pattern.compile("(?<=\\S) \\|(?= \\S)");

  private static final char SEPARATOR = '\n';

  private WorkflowBlocks() {}

  /** "set contact."status" = 'SQL'": a field whose name is quoted. */
  private static final Pattern QUOTED_FIELD =
      Pattern.compile("\\b(contact|deal|company)\\.\"([A-Za-z_][A-Za-z0-9_]*)\"");

  static String flatten(String text) {
    Matcher quotedField = QUOTED_FIELD.matcher(text);
    if (quotedField.find()) {
      // the name moves left over its opening quote; the two quotes become spaces after it
      text = quotedField.replaceAll(m -> m.group(1) + "." + m.group(2) + "  ");
    }
    if (!CRITERIA.matcher(text).find()
        && !ANY_ACTION.matcher(text).find()
        && !TRIGGER.matcher(text).find()) {
      return text;
    }
    char[] out = text.toCharArray();
    Matcher trigger = TRIGGER.matcher(text);
    while (trigger.find()) {
      blank(out, trigger.start(1), trigger.end());
    }
    Matcher criteria = CRITERIA.matcher(text);
    while (criteria.find()) {
      blank(out, criteria.start(1), criteria.end(1));
      out[criteria.start(1)] = 'I';
      out[criteria.start(1) + 1] = 'f';
    }
    Matcher action = ACTION.matcher(text);
    while (action.find()) {
      String number = action.group(2);
      blank(out, action.start(1), action.end());
      number.getChars(0, number.length(), out, action.start(1));
      out[action.start(1) + number.length()] = '.';
    }
    Matcher bar = BAR.matcher(text);
    while (bar.find()) {
      if (!quoted(text, bar.start())
          && !text.substring(text.lastIndexOf('\n', bar.start()) + 1)
              .stripLeading()
              .startsWith("|")) {
        out[bar.start() + 1] = SEPARATOR;
      }
    }
    Matcher field = FIELD.matcher(text);
    while (field.find()) {
      if (!quoted(text, field.start())) {
        out[field.start(1)] = Character.toLowerCase(out[field.start(1)]);
        out[field.start(2)] = Character.toLowerCase(out[field.start(2)]);
      }
    }
    return new String(out);
  }

  private static void blank(char[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = ' ';
    }
  }

  /** Whether {@code at} lies inside single or double quotes on its line. */
  private static boolean quoted(String text, int at) {
    int lineStart = text.lastIndexOf('\n', at) + 1;
    int quotes = 0;
    for (int i = lineStart; i < at; i++) {
      char ch = text.charAt(i);
      if (ch == '"' || ch == '\'' && !Emphasis.apostrophe(text, i)) {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }
}
