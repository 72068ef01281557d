package org.modelevolution.study;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.modelevolution.io.Sha256;

/**
 * A CSV reader for the study's biggest files (the recent commit log is 604 MB, most of it the
 * {@code all_files_in_tree} field): the file is memory-mapped and each record is handed over as
 * byte ranges, so a consumer can scan a long field in place instead of decoding it into a
 * String. Same dialect as {@link CsvColumns} (header row, RFC 4180 quotes, fields spanning lines).
 * Files of 2 GiB or more are not mapped; callers fall back to {@link CsvColumns}.
 */
final class MappedCsv {
  static final long MAX_MAPPED = Integer.MAX_VALUE - 8L;

  /** One record: field {@code i} spans bytes {@code [start(i), end(i))} of the buffer, quotes removed. */
  static final class Record {
    final MappedByteBuffer buffer;
    final int[] start;
    final int[] end;
    final boolean[] escaped;
    int count;

    Record(MappedByteBuffer buffer, int columns) {
      this.buffer = buffer;
      this.start = new int[columns];
      this.end = new int[columns];
      this.escaped = new boolean[columns];
    }

    /** The field decoded as UTF-8, with doubled quotes undone. */
    String string(int field) {
      int length = end[field] - start[field];
      byte[] bytes = new byte[length];
      buffer.get(start[field], bytes, 0, length);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return escaped[field] ? text.replace("\"\"", "\"") : text;
    }

    byte byteAt(int index) {
      return buffer.get(index);
    }
  }

  /** Receives each record; the record object is reused, so copy what must outlive the call. */
  interface Consumer {
    void accept(Record record, int[] columnIndex);
  }

  private MappedCsv() {}

  static boolean fits(Path file) throws IOException {
    return java.nio.file.Files.size(file) < MAX_MAPPED;
  }

  /**
   * Calls {@code consumer} for every record; {@code columnIndex[k]} is the field index of
   * {@code columns.get(k)}.
   *
   * @return the SHA-256 of the whole file
   */
  static String forEach(Path file, List<String> columns, Consumer consumer) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      int limit = (int) size;
      // header
      Record header = new Record(buffer, 64);
      int position = parse(buffer, 0, limit, header, 64, file);
      if (position < 0) {
        throw new StudyDataException(file.getFileName() + " is empty: expected a header row");
      }
      int fields = Math.min(header.count, header.start.length);
      List<String> names = new java.util.ArrayList<>();
      for (int i = 0; i < fields; i++) {
        names.add(header.string(i));
      }
      int[] index = new int[columns.size()];
      for (int k = 0; k < index.length; k++) {
        index[k] = names.indexOf(columns.get(k));
        if (index[k] < 0) {
          throw new StudyDataException(file.getFileName() + " has no column '" + columns.get(k) + "' (header: " + names + ")");
        }
      }
      Record record = new Record(buffer, fields);
      while (position < limit) {
        int next = parse(buffer, position, limit, record, fields, file);
        if (record.count > 1 || record.end[0] > record.start[0]) { // skip blank lines
          consumer.accept(record, index);
        }
        position = next;
      }
      MessageDigest digest = Sha256.digest();
      digest.update(buffer.position(0));
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses one record starting at {@code position}; returns the position after its line end.
   * Fields beyond the record's own count are marked empty ({@code start == end}).
   */
  private static int parse(MappedByteBuffer b, int position, int limit, Record r, int capacity, Path file) {
    if (position >= limit) {
      return -1;
    }
    java.util.Arrays.fill(r.escaped, false);
    int field = 0;
    int i = position;
    while (true) {
      boolean escaped = false;
      int start;
      int end;
      if (i < limit && b.get(i) == '"') {
        start = ++i;
        while (true) {
          if (i >= limit) {
            throw new StudyDataException(file.getFileName() + ": unterminated quoted field at byte " + start);
          }
          if (b.get(i) == '"') {
            if (i + 1 < limit && b.get(i + 1) == '"') {
              escaped = true;
              i += 2;
              continue;
            }
            break;
          }
          i++;
        }
        end = i++;
      } else {
        start = i;
        while (i < limit) {
          byte c = b.get(i);
          if (c == ',' || c == '\n') {
            break;
          }
          i++;
        }
        end = (i > start && b.get(i - 1) == '\r' && (i >= limit || b.get(i) == '\n')) ? i - 1 : i;
      }
      if (field < capacity) {
        r.start[field] = start;
        r.end[field] = end;
        r.escaped[field] = escaped;
      }
      field++;
      if (i >= limit) {
        break;
      }
      byte c = b.get(i);
      if (c == ',') {
        i++;
        continue;
      }
      if (c == '\r' && i + 1 < limit && b.get(i + 1) == '\n') {
        i++;
      }
      if (b.get(i) == '\n') {
        i++;
        break;
      }
      throw new StudyDataException(file.getFileName() + ": unexpected character after a quoted field at byte " + i);
    }
    r.count = field;
    for (int f = field; f < capacity; f++) {
      r.start[f] = 0; // a short record: missing trailing fields read as empty
      r.end[f] = 0;
    }
    return i;
  }
}
