package org.modelevolution.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.Map;
import org.modelevolution.io.Sha256;

/** Reads the creation time of each selected repository from {@code selected_{group}_repos.json}. */
final class RepositoryMetadata {
  private RepositoryMetadata() {}

  static Inputs.Parsed<Map<String, Instant>> read(Path file) {
    Map<String, Instant> created = new LinkedHashMap<>(); // file order: the selection order shards merge in
    MessageDigest digest = Sha256.digest();
    try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest);
        JsonParser parser = new JsonFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new StudyDataException(file.getFileName() + ":1:1: not a JSON array of repositories");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        Instant createdAt = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("id".equals(field)) {
            id = parser.getValueAsString();
          } else if ("created_at".equals(field)) {
            createdAt = value == JsonToken.VALUE_NUMBER_INT
                ? Instant.ofEpochMilli(parser.getLongValue())
                : value == JsonToken.VALUE_STRING ? Instant.parse(parser.getText()) : null;
          } else {
            parser.skipChildren();
          }
        }
        if (id != null && createdAt != null) {
          created.put(id, createdAt);
        }
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (JsonProcessingException e) {
      throw new StudyDataException(file.getFileName() + ":" + e.getLocation().getLineNr() + ":"
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return new Inputs.Parsed<>(created, HexFormat.of().formatHex(digest.digest()));
  }
}
