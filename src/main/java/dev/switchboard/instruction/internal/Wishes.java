package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A wish said with the thing first and what is done to it after: "She would like the 'Prospect' tag
 * removed and the tags 'Client' and 'VIP' added", "Maria would like them tagged as 'Senior'", "…
 * would like a task created titled 'X', due in four days". Read as the orders they are: "remove the
 * 'Prospect' tag and add the tags …", "tag them as 'Senior'", "create a task titled 'X', …". The
 * one who wishes ("She", "Maria", "Mr. Okafor") says nothing to do. Asked in the normalisation pass
 * only.
 */
final class Wishes {

  private Wishes() {}

  /** Participles and the verbs they are said for. */
  private static final Map<String, String> DONE =
      Map.ofEntries(
          Map.entry("added", "add"),
          Map.entry("removed", "remove"),
          Map.entry("sent", "send"),
          Map.entry("emailed", "email"),
          Map.entry("created", "create"),
          Map.entry("updated", "update"),
          Map.entry("set", "set"),
          Map.entry("changed", "change"),
          Map.entry("tagged", "tag"),
          Map.entry("handed", "hand"),
          Map.entry("enriched", "enrich"),
          Map.entry("assigned", "assign"),
          Map.entry("invited", "invite"),
          Map.entry("stored", "store"),
          Map.entry("saved", "save"),
          Map.entry("scheduled", "schedule"),
          Map.entry("called", "call"),
          Map.entry("deleted", "delete"));

  /** {@code tokens} with each wish "… would like X done" read as "do X". */
  static List<Token> apply(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 1; i + 1 < out.size(); i++) {
      if (!(out.get(i).isWord("would") && out.get(i + 1).isWord("like"))) {
        continue;
      }
      int start = i;
      while (start > 0 && out.get(start - 1).is(Kind.WORD) && !opens(out.get(start - 1))) {
        start--;
      }
      int end = i + 2;
      while (end < out.size() && !ends(out.get(end))) {
        end++;
      }
      List<Token> orders = orders(out.subList(i + 2, end));
      if (orders == null) {
        continue;
      }
      out.subList(start, end).clear();
      out.addAll(start, orders);
      i = start + orders.size();
    }
    return out;
  }

  private static boolean opens(Token t) {
    return t.isWord("then") || t.isWord("and") || t.isWord("if") || t.isWord("otherwise");
  }

  private static boolean ends(Token t) {
    return t.is(Kind.END) || t.is(Kind.SEMICOLON) || t.is(Kind.EOF);
  }

  /** The wished clause read as orders, or {@code null} when it names nothing done. */
  private static List<Token> orders(List<Token> wish) {
    List<Integer> done = new ArrayList<>();
    for (int k = 1; k < wish.size(); k++) {
      Token t = wish.get(k);
      Token before = wish.get(k - 1);
      if (t.is(Kind.WORD) && DONE.containsKey(t.lower()) && !before.isWord("be")) {
        done.add(k);
      }
    }
    if (done.isEmpty()) {
      return null;
    }
    List<Token> out = new ArrayList<>();
    int from = 0;
    for (int n = 0; n < done.size(); n++) {
      int p = done.get(n);
      // the next wish starts at the first "and" after this participle, or at the next participle
      // when none comes first ("… created titled 'X' assigned to …"); the last runs to the end
      int to = p + 1;
      if (n + 1 == done.size()) {
        to = wish.size();
      } else {
        while (to < done.get(n + 1) && !wish.get(to).isWord("and")) {
          to++;
        }
      }
      if (wish.get(from).isWord("and")) {
        out.add(wish.get(from++));
      }
      Token participle = wish.get(p);
      int at = wish.get(from).start();
      out.add(Token.word(participle.text(), DONE.get(participle.lower()), at, at));
      out.addAll(wish.subList(from, p));
      out.addAll(wish.subList(p + 1, to));
      from = to;
    }
    return out;
  }
}
