package dev.switchboard.instruction.internal;

import java.util.List;

/**
 * The tokens of a refused text without what a fallback skipped (a ticket's title and notes, an
 * event clause), and a warning for each skipped part, as written.
 */
record Reread(List<Token> tokens, List<String> warnings) {}
