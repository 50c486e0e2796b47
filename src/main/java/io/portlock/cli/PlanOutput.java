package io.portlock.cli;

import io.portlock.files.AtomicFiles;
import io.portlock.files.RegularFiles;
import io.portlock.plan.MarkdownRenderer;
import io.portlock.plan.Plan;
import io.portlock.plan.PlanCodec;
import io.portlock.plan.Style;
import io.portlock.plan.TextRenderer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** Prints a plan in the chosen format and saves plan files. */
final class PlanOutput {
  enum Format {
    TEXT,
    JSON,
    MARKDOWN;

    static Format parse(String value) {
      if (value == null) {
        return TEXT;
      }
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--format takes text, json or markdown but was '" + value + "'");
      }
    }
  }

  private PlanOutput() {}

  static void print(Plan plan, Format format, Style style, Terminal terminal) {
    switch (format) {
      case TEXT -> terminal.out().print(new TextRenderer(style).render(plan));
      case MARKDOWN -> terminal.out().print(new MarkdownRenderer().render(plan));
      case JSON -> {
        try {
          OutputStream out = new BufferedOutputStream(terminal.out(), 1 << 16);
          PlanCodec.write(plan, out);
          out.write('\n');
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Writes the plan file atomically ({@link AtomicFiles}): never half a plan. */
  static void save(Plan plan, Path file, io.portlock.domain.FingerprintKey key) {
    try {
      // A link under the plan's name is refused rather than replaced: it was planted, not saved.
      AtomicFiles.write(
          file,
          out -> {
            PlanCodec.save(plan, out, key);
            out.write('\n');
          });
    } catch (RegularFiles.NotRegularException e) {
      throw new UsageException("cannot write the plan to " + e.getMessage());
    } catch (IOException e) {
      throw new UsageException("cannot write the plan to " + file + ": " + e.getMessage());
    }
  }

  static String asText(Plan plan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      PlanCodec.write(plan, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
