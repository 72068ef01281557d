package org.modelevolution.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * The record of one run of a mining step: what it was asked to do, against which endpoint, when,
 * how much it did, which units failed and why, and which files it read and wrote. It is the
 * audit trail next to a step's output (the outputs themselves stay free of timestamps).
 *
 * @param step the step's name, e.g. {@code hub-catalogue}
 * @param parameters the step's parameters, sorted by name
 * @param endpoint where it mined ({@link org.modelevolution.http.Endpoint#describe()}: never a token)
 * @param startedAt ISO-8601 instant
 * @param finishedAt ISO-8601 instant, or null while running or after a crash
 * @param counts named counts (units done, skipped as already done, failed, rows written, ...)
 * @param errors one line per failed unit: {@code key: message}
 * @param inputs files read
 * @param outputs files written
 */
public record RunManifest(
    String step,
    SortedMap<String, String> parameters,
    String endpoint,
    String startedAt,
    String finishedAt,
    SortedMap<String, Long> counts,
    List<String> errors,
    List<Provenance.FileDigest> inputs,
    List<Provenance.FileDigest> outputs) {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  public void write(Path file) {
    try {
      AtomicFiles.write(file, MAPPER.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run manifest " + file, e);
    }
  }

  public static RunManifest read(Path file) {
    try {
      return MAPPER.readValue(file.toFile(), RunManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run manifest " + file, e);
    }
  }
}
