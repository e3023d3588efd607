package dev.switchboard.integration.actions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP peer on a socket that misbehaves: it either greets with {@code 421} or accepts the
 * envelope and then drops the connection in the middle of DATA. Counts the connections it took.
 */
final class FlakySmtpPeer implements AutoCloseable {

  enum Mode {
    BUSY_GREETING,
    DROP_MID_DATA
  }

  private final ServerSocket server;
  private final Mode mode;
  final AtomicInteger connections = new AtomicInteger();

  FlakySmtpPeer(Mode mode) throws IOException {
    this.mode = mode;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "flaky-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        connections.incrementAndGet();
        serve(socket);
      } catch (IOException e) {
        // Closed by the test or by the client: take the next one.
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    if (mode == Mode.BUSY_GREETING) {
      write(out, "421 flaky.test Service not available, try later");
      return;
    }
    write(out, "220 flaky.test ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase();
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        write(out, "250 flaky.test");
      } else if (command.startsWith("MAIL") || command.startsWith("RCPT")) {
        write(out, "250 OK");
      } else if (command.startsWith("DATA")) {
        write(out, "354 go ahead");
        in.readLine();
        return; // hang up mid-DATA
      } else if (command.startsWith("QUIT")) {
        write(out, "221 bye");
        return;
      } else {
        write(out, "250 OK");
      }
    }
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
