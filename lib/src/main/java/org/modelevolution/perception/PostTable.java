package org.modelevolution.perception;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modelevolution.io.AtomicFiles;

/**
 * Reads and writes post tables: UTF-8 CSV with the header {@code title,source,url,json_content},
 * RFC 4180 quoting (fields may span lines), {@code \n} line ends. Rows are written in the order
 * given; miners sort them so that the same data always gives the same bytes.
 */
public final class PostTable {
  public static final List<String> COLUMNS = List.of("title", "source", "url", "json_content");

  private static final CsvMapper CSV = new CsvMapper();
  private static final CsvSchema SCHEMA = CsvSchema.builder()
      .addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
      .setUseHeader(true)
      .setLineSeparator("\n")
      .build();

  private PostTable() {}

  /** Writes the table atomically: readers never see a half-written file. */
  public static void write(Path file, List<MinedPost> posts) {
    AtomicFiles.write(file, out -> {
      var writer = CSV.writer(SCHEMA).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
          .writeValues(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
      for (MinedPost post : posts) {
        writer.write(List.of(post.title(), post.source(), post.url(), post.jsonContent()));
      }
      writer.flush();
    });
  }

  /** Reads a post table written by {@link #write} or by the study (blank lines are skipped). */
  public static List<MinedPost> read(Path file) {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    List<MinedPost> posts = new ArrayList<>();
    try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(file.toFile())) {
      List<String> header = rows.hasNext() ? rows.next() : List.of();
      if (!header.equals(COLUMNS)) {
        throw new IllegalArgumentException(file + " is not a post table: header " + header + ", expected " + COLUMNS);
      }
      while (rows.hasNext()) {
        List<String> row = rows.next();
        if (row.size() != COLUMNS.size()) {
          throw new IllegalArgumentException(file + ": a row has " + row.size() + " fields, expected 4");
        }
        posts.add(new MinedPost(row.get(0), row.get(1), row.get(2), row.get(3)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read post table " + file, e);
    }
    return posts;
  }
}
