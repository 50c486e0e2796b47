package io.portlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema and the loader agree: on the examples, and on good and bad configs. */
class SchemaTest {
  private static final Path SCHEMA = Path.of("schema/portlock.schema.json");
  private static final Path RESOURCES = Path.of("src/test/resources/config");
  private static final LoadOptions ENVIRONMENT =
      new LoadOptions(
          Map.of(
              "PORTLOCK_HQ_PASSCODE", "hq2024a",
              "PORTLOCK_SALES_PASSCODE", "s4les",
              "PORTLOCK_SUPPORT_PASSCODE", "supp0rt",
              "PORTLOCK_LAB_PASSCODE", "lab123",
              "PORTLOCK_ACCOUNT_PASSCODE", "acct2024x",
              "HQ_PASSCODE", "hq2024a",
              "HQ", "hq2024a"),
          List.of());
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonSchema schema;

  @BeforeAll
  static void readSchema() throws IOException {
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  static Stream<Path> examples() throws IOException {
    return yamlFilesUnder(Path.of("examples"));
  }

  static Stream<Path> goodConfigs() throws IOException {
    return yamlFilesUnder(RESOURCES.resolve("good"));
  }

  static Stream<Path> badConfigs() throws IOException {
    return yamlFilesUnder(RESOURCES.resolve("bad"));
  }

  private static Stream<Path> yamlFilesUnder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).as("YAML files under " + folder).isNotEmpty();
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsValidForTheSchemaAndLoads(Path example) throws IOException {
    assertThat(validate(example)).isEmpty();
    assertThat(ConfigLoader.load(example, ENVIRONMENT).groups()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("goodConfigs")
  void goodConfigIsAcceptedByTheSchemaAndTheLoader(Path config) throws IOException {
    assertThat(validate(config)).isEmpty();
    assertThat(ConfigLoader.load(config, ENVIRONMENT).groups()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("badConfigs")
  void badConfigIsRejectedByTheSchemaAndTheLoader(Path config) throws IOException {
    assertThat(validate(config)).as("schema errors").isNotEmpty();
    String expected = Files.readAllLines(config).get(0).replaceFirst("^# expect: ", "");
    assertThatThrownBy(() -> ConfigLoader.load(config, ENVIRONMENT))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.diagnostics())
                    .filteredOn(d -> d.severity() == Diagnostic.Severity.ERROR)
                    .extracting(Diagnostic::message)
                    .anySatisfy(message -> assertThat(message).contains(expected)));
  }

  private static Set<ValidationMessage> validate(Path yaml) throws IOException {
    JsonNode document = YAML.readTree(yaml.toFile());
    return schema.validate(document);
  }
}
