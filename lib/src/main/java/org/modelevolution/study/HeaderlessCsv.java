package org.modelevolution.study;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads small header-less CSV files (the study's {@code metric,value} tables and published results)
 * as lists of fields, RFC 4180 quoting, fields may span lines. Files with a header row are read
 * by {@link org.modelevolution.study.CsvColumns} and its kin in {@code study}.
 */
public final class HeaderlessCsv {
  private HeaderlessCsv() {}

  public static List<List<String>> read(Path file) {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(file.toFile())) {
      return it.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CSV " + file, e);
    }
  }
}
