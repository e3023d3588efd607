package dev.switchboard.instruction.internal;

import dev.switchboard.instruction.internal.Token.Kind;
import java.util.List;

/** Who a task or a hand-off goes to: a variable ({@code @user.salesRep}), an address, "the rep". */
final class Users {

  private static final List<Phrase> SALES_REP =
      Phrase.all(
          "(the|their|our|my|a|an|his|her) [assigned|account|contact 's] [sales] (rep|representative"
              + "|salesperson|sales person)",
          "sales (rep|representative)");
  private static final List<Phrase> ACCOUNT_EXEC =
      Phrase.all("[the|their|our|an|a] (account executive|account exec|ae)");

  private Users() {}

  /** Reads a user at the cursor; {@code null} (cursor unmoved) when there is none. */
  static String read(Cursor c) {
    if ((c.at(Kind.VARIABLE) && c.peek().lower().startsWith("@user.")) || c.at(Kind.EMAIL)) {
      return c.next().text();
    }
    if (c.acceptFirst(SALES_REP) >= 0) {
      return "@user.salesRep";
    }
    if (c.acceptFirst(ACCOUNT_EXEC) >= 0) {
      return "@user.accountExec";
    }
    return null;
  }
}
