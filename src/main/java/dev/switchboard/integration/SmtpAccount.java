package dev.switchboard.integration;

/** The SMTP settings of a workspace; {@link #toString()} hides the password. */
public record SmtpAccount(
    String host, int port, String username, String password, String from, boolean startTls) {

  public static SmtpAccount of(Integration email) {
    Object port = email.settings().get("port");
    return new SmtpAccount(
        email.text("host"),
        port instanceof Number n ? n.intValue() : 587,
        email.text("username"),
        email.secret(),
        email.text("from"),
        Boolean.TRUE.equals(email.settings().get("startTls")));
  }

  boolean authenticates() {
    return username != null && !username.isBlank();
  }

  @Override
  public String toString() {
    return "SmtpAccount[" + username + "@" + host + ":" + port + ", from=" + from + "]";
  }
}
