package org.modelevolution.formats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared, labelled corpus ({@code ../shared/formats-corpus}); tests skip when it is absent. */
final class Corpus {
  /** One row of labels.csv. */
  record Label(String path, String format, String studyLabel, String pickleGlobals) {}

  private Corpus() {}

  static Path root() {
    String shared = System.getProperty("shared.dir", "../../shared");
    Path root = Path.of(shared, "formats-corpus");
    assumeTrue(Files.isRegularFile(root.resolve("labels.csv")), "formats corpus not found at " + root);
    return root;
  }

  static List<Label> labels() throws IOException {
    Path root = root();
    List<Label> labels = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows =
        mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(root.resolve("labels.csv").toFile())) {
      while (rows.hasNext()) {
        Map<String, String> r = rows.next();
        labels.add(new Label(r.get("path"), r.get("format"), r.get("study_label"), r.get("pickle_globals")));
      }
    }
    return labels;
  }
}
