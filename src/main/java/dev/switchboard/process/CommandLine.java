package dev.switchboard.process;

import dev.switchboard.agent.Agent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The argv of one run: the agent's template with each argument that is exactly {@link Agent#PROMPT}
 * replaced by the prompt (never a part of an argument, see {@code CommandRules}). {@code display}
 * is the same line for the log, with the prompt shortened and arguments quoted for reading (it is
 * never executed).
 */
record CommandLine(List<String> argv, String display) {

  static final int SHOWN_PROMPT_CHARS = 60;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  CommandLine {
    argv = List.copyOf(argv);
  }

  static CommandLine of(List<String> template, String prompt) {
    String shown = shorten(prompt);
    List<String> argv = new ArrayList<>(template.size());
    List<String> display = new ArrayList<>(template.size());
    for (String arg : template) {
      boolean isPrompt = arg.equals(Agent.PROMPT);
      argv.add(isPrompt ? prompt : arg);
      display.add(quote(isPrompt ? shown : arg));
    }
    return new CommandLine(argv, String.join(" ", display));
  }

  String program() {
    return argv.getFirst();
  }

  static String shorten(String prompt) {
    String oneLine = prompt.strip().replaceAll("\\s+", " ");
    if (oneLine.length() <= SHOWN_PROMPT_CHARS) {
      return oneLine;
    }
    int end = SHOWN_PROMPT_CHARS;
    if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
      end--;
    }
    return oneLine.substring(0, end) + "…";
  }

  private static String quote(String arg) {
    if (PLAIN.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
