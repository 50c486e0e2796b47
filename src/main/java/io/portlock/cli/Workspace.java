package io.portlock.cli;

import io.portlock.config.Config;
import io.portlock.config.ConfigLoader;
import io.portlock.config.Diagnostic;
import io.portlock.config.LoadOptions;
import io.portlock.config.PathPolicy;
import io.portlock.domain.FingerprintKey;
import io.portlock.domain.FingerprintsAhead;
import io.portlock.engine.Project;
import io.portlock.plan.Style;
import io.portlock.state.State;
import io.portlock.state.StateStore;
import io.portlock.state.StateStores;
import io.portlock.state.postgres.PostgresStateStore;
import io.portlock.state.postgres.PostgresUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.cli.CommandLine;

/**
 * What most commands start from: the loaded config, the state store beside it, the terminal's
 * style. Resolves the common options once.
 */
final class Workspace {
  static final String DEFAULT_CONFIG = "portlock.yaml";

  final Terminal terminal;
  final Config config;
  final StateStore store;
  final Style style;

  /** {@code PORTLOCK_FINGERPRINT_KEY}, or null when unset. */
  final FingerprintKey key;

  /** What the engine's use cases start from. */
  final Project project;

  private final CompletableFuture<Optional<State>> stateRead;

  private Workspace(
      Terminal terminal,
      Config config,
      StateStore store,
      Style style,
      FingerprintKey key,
      CompletableFuture<Optional<State>> stateRead,
      FingerprintsAhead ahead) {
    this.terminal = terminal;
    this.config = config;
    this.store = store;
    this.style = style;
    this.key = key;
    this.stateRead = stateRead;
    this.project = new Project(config, store, key, terminal.workDir(), ahead);
  }

  /**
   * Loads the config while the state is read on another thread: for a million numbers each takes a
   * good part of a second, and neither needs the other until the plan.
   *
   * @param fingerprints whether the command will fingerprint passcodes: then each group's is
   *     derived ahead, as soon as its passcode and the state's kdf are known
   */
  static Workspace open(CommandLine line, Terminal terminal, boolean fingerprints) {
    return open(line, terminal, fingerprints, DEFAULT_CONFIG);
  }

  /**
   * @param defaultConfig the config to load when {@code -c} is not given, relative to the working
   *     folder: a saved plan's own config, so that {@code apply PLANFILE} needs no -c
   */
  static Workspace open(
      CommandLine line, Terminal terminal, boolean fingerprints, String defaultConfig) {
    Path configFile = configPath(line, terminal, defaultConfig);
    FingerprintKey key = fingerprintKey(terminal);
    List<Path> allowed = allowedRoots(line, terminal);
    FingerprintsAhead ahead =
        fingerprints ? FingerprintsAhead.withKey(key) : FingerprintsAhead.none();
    String url = explicitUrl(line, terminal);
    StateStore file = url == null ? store(line, terminal, configFile) : null;
    CompletableFuture<Optional<State>> stateRead =
        file == null
            ? null
            : CompletableFuture.supplyAsync(
                () -> {
                  // The kdf from the file's head first: the fingerprints start before the rest.
                  if (fingerprints) {
                    file.hint().ifPresent(hint -> ahead.parameters(hint.kdf(), hint.sealed()));
                  }
                  return file.read();
                });
    CompletableFuture<PostgresStateStore.Prefetched> prefetch =
        url == null ? null : prefetch(url, terminal, configFile);
    Config config;
    try {
      config =
          ConfigLoader.load(
              configFile,
              new LoadOptions(terminal.env(), allowed).withPasscodeListener(ahead::passcodes));
    } catch (RuntimeException e) {
      if (stateRead != null) {
        stateRead.cancel(true);
      }
      throw e;
    }
    StateStore store = file;
    if (url != null || (!line.hasOption("state") && config.state().url() != null)) {
      // A database workspace is named from the config's account, so it is chosen after it.
      if (stateRead != null) {
        stateRead.cancel(true);
      }
      StateStore database = databaseStore(line, terminal, config, url);
      store = database;
      stateRead =
          readAhead(prefetch, workspaceName(config), config)
              .orElseGet(() -> CompletableFuture.supplyAsync(database::read));
    }
    if (stateRead != null && fingerprints) {
      // The state's own parameters and seal replace the hint's (a journal may have changed them).
      stateRead.thenAccept(
          state -> state.ifPresentOrElse(s -> ahead.stateRead(s.kdf(), s.seal()), ahead::noState));
    }
    return new Workspace(terminal, config, store, style(line, terminal), key, stateRead, ahead);
  }

  /**
   * Reads the database state while the config loads, before its account (and so the workspace's
   * name) is known: see {@link PostgresStateStore#prefetch}. Any failure here is left to the read
   * that follows, which reports it.
   */
  private static CompletableFuture<PostgresStateStore.Prefetched> prefetch(
      String url, Terminal terminal, Path configFile) {
    return CompletableFuture.supplyAsync(
        () ->
            PostgresStateStore.prefetch(
                PostgresUrl.parse(url, terminal.env().get("PGPASSWORD")),
                configFile.getFileName().toString().replaceFirst("\\.(ya?ml)$", "")));
  }

  /** The read-ahead state of {@code workspace}, if it covers it and no other password applies. */
  private static Optional<CompletableFuture<Optional<State>>> readAhead(
      CompletableFuture<PostgresStateStore.Prefetched> prefetch, String workspace, Config config) {
    if (prefetch == null || config.state().password() != null) {
      return Optional.empty();
    }
    try {
      PostgresStateStore.Prefetched read = prefetch.join();
      return read.covers(workspace)
          ? Optional.of(CompletableFuture.completedFuture(read.stateOf(workspace)))
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // CompletionException: the read that follows reports it
    }
  }

  /**
   * A state URL given outside the config: {@code --state URL}, else {@code PORTLOCK_STATE_URL}
   * (unless {@code --state FILE} is given); null when neither names one.
   */
  static String explicitUrl(CommandLine line, Terminal terminal) {
    String given = line.getOptionValue("state");
    if (given != null) {
      return StateStores.isUrl(given) ? given : null;
    }
    String env = terminal.env().get(STATE_URL_VARIABLE);
    return env == null || env.isEmpty() ? null : env;
  }

  /** The environment variable that names the state's URL when --state does not. */
  static final String STATE_URL_VARIABLE = "PORTLOCK_STATE_URL";

  /**
   * The database store of {@code url} ({@link #explicitUrl}, or the config's {@code state.url} when
   * null), in the config's workspace: {@code state.workspace}, else {@code ACCOUNT/CONFIG NAME}
   * ({@code 9900000/portlock}), never a path, so that every checkout shares it. The password comes
   * from the URL, else {@code state.password}, else {@code PGPASSWORD}.
   */
  static StateStore databaseStore(CommandLine line, Terminal terminal, Config config, String url) {
    String location = url != null ? url : config.state().url();
    String source =
        url == null
            ? config.state().urlSource()
            : line.hasOption("state") ? "--state" : STATE_URL_VARIABLE;
    return databaseStore(
        location, terminal, workspaceName(config), config.state().password(), source);
  }

  /**
   * The database store at {@code url}, workspace {@code workspace}; the password from the URL, else
   * {@code password}, else {@code PGPASSWORD}. A URL that cannot be read is a usage error naming
   * {@code source}, the option or variable it came from.
   */
  static StateStore databaseStore(
      String url, Terminal terminal, String workspace, String password, String source) {
    try {
      return StateStores.forLocation(
          url,
          terminal.workDir(),
          workspace,
          password != null ? password : terminal.env().get("PGPASSWORD"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
  }

  /**
   * The store at {@code location}, for this config: a database URL in this config's workspace, with
   * the password of {@link #databaseStore}; a file path against the working folder.
   *
   * @param option how messages name where the location came from
   */
  StateStore storeAt(String location, String option) {
    String password =
        config.state().password() != null
            ? config.state().password()
            : terminal.env().get("PGPASSWORD");
    try {
      return StateStores.forLocation(location, terminal.workDir(), workspaceName(config), password);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /** {@code state.workspace}, else the account and the config's name without its extension. */
  static String workspaceName(Config config) {
    if (config.state().workspace() != null) {
      return config.state().workspace();
    }
    String name = config.file().getFileName().toString();
    return config.account() + "/" + name.replaceFirst("\\.(ya?ml)$", "");
  }

  /** The fingerprint key from the environment; a key too short to be one is a usage error. */
  static FingerprintKey fingerprintKey(Terminal terminal) {
    try {
      return FingerprintKey.fromEnvironment(terminal.env());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Said once by validate and plan when there is no key: what the files in git are worth. */
  void printKeyNotice() {
    if (key == null) {
      terminal
          .err()
          .println(
              "Note: "
                  + FingerprintKey.VARIABLE
                  + " is not set, so the"
                  + " fingerprints in the state and plan files are only as strong as the passcodes:"
                  + " anyone who can read those files, git history included, can test guesses offline."
                  + " Set it from your CI secret store, then run 'portlock refresh --rekey' once.");
    }
  }

  private static List<Path> allowedRoots(CommandLine line, Terminal terminal) {
    List<Path> allowed = new ArrayList<>();
    for (String dir :
        Optional.ofNullable(line.getOptionValues("allow-read")).orElse(new String[0])) {
      allowed.add(terminal.workDir().resolve(dir).normalize());
    }
    return allowed;
  }

  static Style style(CommandLine line, Terminal terminal) {
    return new Style(!line.hasOption("no-color") && terminal.colorByDefault());
  }

  static Path configPath(CommandLine line, Terminal terminal) {
    return configPath(line, terminal, DEFAULT_CONFIG);
  }

  static Path configPath(CommandLine line, Terminal terminal, String defaultConfig) {
    Path path =
        terminal.workDir().resolve(line.getOptionValue("config", defaultConfig)).normalize();
    if (!Files.exists(path)) {
      throw new UsageException(
          "no config file at "
              + path
              + (line.hasOption("config")
                  ? ""
                  : !defaultConfig.equals(DEFAULT_CONFIG)
                      ? ", the config the plan was made from; run"
                          + " apply in the folder where plan ran, or pass -c/--config FILE"
                      : "; write a portlock.yaml here or pass -c/--config FILE (see examples/)"));
    }
    return path;
  }

  /**
   * The store {@code --state} names: a URL chooses a database store by its scheme; a path (or no
   * {@code --state}) the state file of {@link #statePath}.
   */
  static StateStore store(CommandLine line, Terminal terminal, Path configFile) {
    String given = explicitUrl(line, terminal);
    if (given != null) {
      try {
        return StateStores.forLocation(
            given, terminal.workDir(), null, terminal.env().get("PGPASSWORD"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            (line.hasOption("state") ? "--state" : STATE_URL_VARIABLE) + ": " + e.getMessage());
      }
    }
    return StateStores.forLocation(
        statePath(line, terminal, configFile).toString(), terminal.workDir());
  }

  /**
   * {@code --state}, else {@code <config name>.state.json} beside the config: for the default
   * {@code portlock.yaml} that is {@code portlock.state.json}, and two configs in one folder never
   * share a state by accident. The state's folder obeys the config's folder policy ({@code
   * --allow-read}).
   */
  static Path statePath(CommandLine line, Terminal terminal, Path configFile) {
    if (line.hasOption("state")) {
      Path state = terminal.workDir().resolve(line.getOptionValue("state")).normalize();
      PathPolicy.refusal(configFile, allowedRoots(line, terminal), state)
          .ifPresent(
              why -> {
                throw new UsageException("--state " + why);
              });
      return state;
    }
    String name = configFile.getFileName().toString();
    String stem = name.replaceFirst("\\.(ya?ml)$", "");
    return configFile.toAbsolutePath().resolveSibling(stem + ".state.json");
  }

  /** Prints the config's warnings to stderr ({@code validate} shows them in full). */
  void printWarnings() {
    for (Diagnostic warning : config.warnings()) {
      terminal.err().println(warning);
    }
  }

  /** One line pointing at {@code validate}, so plan and apply output stay readable. */
  void printWarningCount() {
    int count = config.warnings().size();
    if (count > 0) {
      terminal
          .err()
          .println(
              "Warning: "
                  + count
                  + (count == 1 ? " warning" : " warnings")
                  + " in "
                  + displayConfigPath()
                  + "; run 'portlock validate' to see "
                  + (count == 1 ? "it" : "them"));
    }
  }

  /** The recorded state, checked to belong to the config's account. */
  Optional<State> readState() {
    Optional<State> state;
    try {
      state = stateRead.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    state.ifPresent(project::checkAccount);
    return state;
  }

  /** The config path as the user would write it: relative to the working folder when inside. */
  String displayConfigPath() {
    return project.displayConfigPath();
  }
}
