package io.portlock.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.reader.UnicodeReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the config into SnakeYAML's node tree (which keeps line and column of every value) with
 * limits that stop hostile input: alias bombs, deep nesting, huge files.
 */
final class YamlParser {
  static final int MAX_ALIASES = 50;
  static final int MAX_NESTING = 50;
  static final int MAX_CODE_POINTS = 10 * 1024 * 1024;

  private YamlParser() {}

  /** The document's root node, or null (with a diagnostic) when there is none to read. */
  static Node parse(Path file, Diagnostics diagnostics) {
    try (InputStream in = Files.newInputStream(file);
        Reader reader = new UnicodeReader(in)) {
      // What Yaml.compose does, without the Yaml object: its constructor builds an object
      // constructor and a representer (for loading Java objects and dumping), which portlock never
      // uses.
      LoaderOptions options = loaderOptions();
      Node root =
          new Composer(new ParserImpl(new StreamReader(reader), options), new Resolver(), options)
              .getSingleNode();
      if (root == null) {
        diagnostics.error(
            diagnostics.configFile(),
            1,
            1,
            "the config is empty; expected at least version: 1, account: and groups:");
      }
      return root;
    } catch (IOException e) {
      diagnostics.error(
          diagnostics.configFile(),
          1,
          1,
          "cannot read the config "
              + file.toAbsolutePath().normalize()
              + ": "
              + FileAccess.reason(e));
      return null;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      int column = mark == null ? 1 : mark.getColumn() + 1;
      diagnostics.error(diagnostics.configFile(), line, column, syntaxMessage(e));
      return null;
    } catch (ReaderException e) {
      int[] place = placeOf(file, e.getPosition());
      diagnostics.error(
          diagnostics.configFile(),
          place[0],
          place[1],
          "invalid YAML: the config"
              + " holds the control character U+"
              + String.format("%04X", e.getCodePoint())
              + ", which YAML does not allow; remove it");
      return null;
    } catch (YAMLException e) {
      // Limits (aliases, code points) and decoding problems carry no mark.
      diagnostics.error(diagnostics.configFile(), 1, 1, unmarkedMessage(e));
      return null;
    }
  }

  /** Line and column (1-based) of the code point at {@code position}, found by reading again. */
  private static int[] placeOf(Path file, int position) {
    int line = 1;
    int column = 1;
    try (Reader reader = new UnicodeReader(Files.newInputStream(file))) {
      for (int i = 0; i < position; i++) {
        int c = reader.read();
        if (c < 0) {
          break;
        }
        if (c == '\n') {
          line++;
          column = 1;
        } else if (!Character.isHighSurrogate((char) c)) {
          column++;
        }
      }
    } catch (IOException e) {
      return new int[] {1, 1};
    }
    return new int[] {line, column};
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    // Duplicates are found on the node tree instead, so that all of them are reported with places.
    options.setAllowDuplicateKeys(true);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    return options;
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem().strip();
    StringBuilder message = new StringBuilder("invalid YAML: ").append(problem);
    if (e.getContext() != null && e.getContextMark() != null) {
      message
          .append(" (")
          .append(e.getContext().strip())
          .append(" that starts at line ")
          .append(e.getContextMark().getLine() + 1)
          .append(')');
    }
    return message.append("; fix the YAML syntax").toString();
  }

  private static String unmarkedMessage(YAMLException e) {
    String text = String.valueOf(e.getMessage());
    if (text.startsWith("Number of aliases")) {
      return "the YAML uses more than "
          + MAX_ALIASES
          + " aliases (*name) to lists or mappings,"
          + " which is how \"billion laughs\" attacks blow up memory; portlock refuses it;"
          + " write the values out instead of using aliases";
    }
    if (text.contains("exceeds the limit")) {
      return "the config is larger than "
          + MAX_CODE_POINTS
          + " characters; put long lists of"
          + " numbers in a numbers_file instead";
    }
    if (e.getCause() instanceof CharacterCodingException) {
      return "the config is not UTF-8 text; save it as UTF-8";
    }
    if (text.contains("Nesting Depth exceeded")) {
      return "the YAML is nested more than " + MAX_NESTING + " levels deep; portlock refuses it";
    }
    return "invalid YAML: " + text;
  }
}
