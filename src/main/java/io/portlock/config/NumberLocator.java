package io.portlock.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Finds where given numbers were written in a group's sources by reading them again. Places are not
 * kept while loading because a million of them would cost far more memory than the numbers; they
 * are needed only for the few numbers a diagnostic is about.
 */
final class NumberLocator implements NumberEntry.Sink {
  private final long[] wanted;
  private final Place[][] places;
  private Path currentFile;

  private NumberLocator(long[] wanted, int perNumber) {
    this.wanted = wanted;
    this.places = new Place[wanted.length][perNumber];
  }

  /**
   * The first {@code perNumber} places of each of the {@code wanted} numbers (sorted ascending) in
   * the group's sources, in the order the sources were written; a slot stays null if not found.
   */
  static Place[][] locate(GroupNumbers group, long[] wanted, int perNumber) {
    return locate(group.sources(), wanted, perNumber);
  }

  static Place[][] locate(
      java.util.List<GroupNumbers.Source> sources, long[] wanted, int perNumber) {
    NumberLocator locator = new NumberLocator(wanted, perNumber);
    for (GroupNumbers.Source source : sources) {
      locator.scan(source);
    }
    return locator.places;
  }

  private void scan(GroupNumbers.Source source) {
    NumberEntry.Errors ignore = (line, column, message) -> {};
    currentFile = source.display();
    if (source instanceof GroupNumbers.Source.File file) {
      try {
        NumbersFileReader.read(file.real(), this, ignore);
      } catch (IOException e) {
        // Read fine a moment ago; if it now fails, the place is simply not shown.
      }
    } else if (source instanceof GroupNumbers.Source.Inline inline) {
      for (Node item : inline.list().getValue()) {
        if (item instanceof ScalarNode scalar && (Nodes.isString(item) || Nodes.isInt(item))) {
          try {
            NumberEntry.parse(
                scalar.getValue(),
                item.getStartMark().getLine() + 1,
                item.getStartMark().getColumn() + 1,
                this);
          } catch (IllegalArgumentException e) {
            // Reported while loading.
          }
        }
      }
    }
  }

  @Override
  public void entry(long first, long last, int line, int column) {
    int i = Arrays.binarySearch(wanted, first);
    if (i < 0) {
      i = -i - 1;
    }
    for (; i < wanted.length && wanted[i] <= last; i++) {
      Place[] slots = places[i];
      for (int slot = 0; slot < slots.length; slot++) {
        if (slots[slot] == null) {
          slots[slot] = new Place(currentFile, line, column);
          break;
        }
      }
    }
  }
}
