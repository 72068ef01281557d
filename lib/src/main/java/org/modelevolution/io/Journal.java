package org.modelevolution.io;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checkpoint of a resumable step: an append-only file of finished units of work, one JSON
 * line each ({@code {"key": ..., "value": ...}}), forced to disk after every unit.
 *
 * <p>A step asks {@link #isDone} before doing a unit and calls {@link #record} when it has
 * finished it. After a crash, reopening the journal yields exactly the units that were finished:
 * a torn last line (the process died while writing it) is cut off, and a unit recorded twice
 * (finished again after a crash before the first line was flushed) keeps its last value. So a
 * restarted step repeats at most the unit it was in, never loses one, and never duplicates one;
 * its final output is written from {@link #entries()}, sorted by key.
 *
 * @param <T> the value recorded per unit, any type Jackson can map (records included)
 */
public final class Journal<T> implements Closeable {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).findAndAddModules().build();

  private final Path file;
  private final JavaType type;
  private final SortedMap<String, T> entries = new TreeMap<>();
  private final FileChannel channel;

  private Journal(Path file, JavaType type) throws IOException {
    this.file = file;
    this.type = type;
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long validLength = load();
    channel.truncate(validLength);
    channel.position(validLength);
  }

  public static <T> Journal<T> open(Path file, Class<T> valueType) {
    return open(file, MAPPER.getTypeFactory().constructType(valueType));
  }

  public static <T> Journal<T> open(Path file, JavaType valueType) {
    try {
      return new Journal<>(file, valueType);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open journal " + file, e);
    }
  }

  public boolean isDone(String key) {
    return entries.containsKey(key);
  }

  public Optional<T> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public int size() {
    return entries.size();
  }

  /** The finished units, sorted by key. */
  public SortedMap<String, T> entries() {
    return Collections.unmodifiableSortedMap(entries);
  }

  /** Records a finished unit durably before returning. */
  public synchronized void record(String key, T value) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("key", key);
    line.set("value", MAPPER.valueToTree(value));
    try {
      byte[] bytes = (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to journal " + file, e);
    }
    entries.put(key, value);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close journal " + file, e);
    }
  }

  /** Reads complete lines; returns the byte length of the valid prefix. */
  private long load() throws IOException {
    byte[] content = Files.readAllBytes(file);
    long valid = 0;
    int lineStart = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] != '\n') {
        continue;
      }
      String line = new String(content, lineStart, i - lineStart, StandardCharsets.UTF_8);
      if (!parse(line)) {
        break;
      }
      lineStart = i + 1;
      valid = lineStart;
    }
    return valid;
  }

  private boolean parse(String line) {
    try {
      JsonNode node = MAPPER.readTree(line);
      if (node == null || !node.hasNonNull("key") || !node.has("value")) {
        return false;
      }
      T value = MAPPER.convertValue(node.get("value"), type);
      entries.put(node.get("key").asText(), value);
      return true;
    } catch (IOException | IllegalArgumentException corrupt) {
      return false;
    }
  }
}
