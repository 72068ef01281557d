package org.modelevolution.study;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.modelevolution.hub.StoredDiscussionPage;
import org.modelevolution.io.Sha256;
import org.modelevolution.progress.Progress;

/**
 * Reads the SFConvertBot pull-request table {@code sfconvertbot_pr_metadata.csv}, plain or as the
 * study's {@code .csv.zip}, row by row as {@link BotPrRow}s. The zip is read front to back and its
 * member decompressed as it streams, so the 234 MB table never sits in memory and the zip is
 * hashed on the same pass.
 */
public final class BotPullRequests {
  /** The file name of the study's zipped table. */
  public static final String ZIP_NAME = "sfconvertbot_pr_metadata.csv.zip";
  /** The file name of the unzipped table. */
  public static final String CSV_NAME = "sfconvertbot_pr_metadata.csv";

  /** The names the table is looked for under, zipped first. */
  public static final List<String> NAMES = List.of(ZIP_NAME, CSV_NAME);

  static final List<String> COLUMNS = List.of("pr_url", "discussion_metadata", "header_metadata", "model_id", "time");

  private BotPullRequests() {}

  /** The table inside {@code directory}, zipped or not, if present. */
  public static java.util.Optional<Path> find(Path directory) {
    for (String name : List.of(ZIP_NAME, CSV_NAME)) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Calls {@code consumer} with every row of {@code file} in file order, in one streaming pass
   * that also hashes the file (for a zip, the zip's own bytes), and reports progress in bytes of
   * the (uncompressed) table read so far; model ids are numbered (and shared) by {@code modelIds}.
   *
   * @return the SHA-256 of {@code file}
   * @throws IllegalArgumentException when the header is not the study's five columns, or a zip
   *     holds no CSV member or more than one
   */
  static String forEach(Path file, Progress progress, BotPrRow.ModelIds modelIds, Consumer<BotPrRow> consumer) {
    String name = file.toString();
    MessageDigest digest = Sha256.digest();
    try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest)) {
      if (!file.getFileName().toString().endsWith(".zip")) {
        progress.total(Files.size(file));
        read(counting(in, progress), name, modelIds, consumer);
      } else {
        readZip(in, name, progress, modelIds, consumer);
      }
      in.transferTo(OutputStream.nullOutputStream()); // hash every byte, even after the last member
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The zip's one CSV member ({@code __MACOSX/} entries aside), read in the order the zip stores it. */
  private static void readZip(InputStream in, String name, Progress progress, BotPrRow.ModelIds modelIds,
      Consumer<BotPrRow> consumer)
      throws IOException {
    ZipInputStream zip = new ZipInputStream(in);
    boolean found = false;
    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
      String member = entry.getName();
      if (entry.isDirectory() || !member.endsWith(".csv") || member.startsWith("__MACOSX/")) {
        continue;
      }
      if (found) {
        throw new IllegalArgumentException(name + " holds more than one CSV member");
      }
      found = true;
      progress.total(Math.max(entry.getSize(), 0));
      read(counting(zip, progress), name, modelIds, consumer);
    }
    if (!found) {
      throw new IllegalArgumentException(name + " holds no CSV member");
    }
  }

  private static void read(InputStream csv, String name, BotPrRow.ModelIds modelIds, Consumer<BotPrRow> consumer) {
    // the two page blocks are read where they lie, in the pass that splits the record (one memory of
    // the values pages repeat for both: a header block repeats its page's discussion)
    StoredDiscussionPage.CsvFieldReader discussion = new StoredDiscussionPage.CsvFieldReader();
    StoredDiscussionPage.CsvFieldReader header = discussion.sharingMemory();
    CsvColumns.QuotedFieldReader[] readers = new CsvColumns.QuotedFieldReader[COLUMNS.size()];
    readers[BotPrRow.DISCUSSION] = pageField(discussion);
    readers[BotPrRow.HEADER] = pageField(header);
    CsvColumns.forEachRecord(csv, name, COLUMNS, names -> {
      if (!names.equals(COLUMNS)) {
        throw new IllegalArgumentException("unexpected columns " + names + " in " + name + ", expected " + COLUMNS);
      }
    }, readers, record -> consumer.accept(new BotPrRow(record, modelIds, discussion, header)));
  }

  /**
   * A page block's field read by {@code reader}: its closing quote and line feeds as
   * {@link ByteSearch#closingQuote} tells them, with {@link ByteSearch#ESCAPED} (a page it reads
   * has a quoted name, {@code discussion} at least, so its field holds doubled quotes).
   */
  static CsvColumns.QuotedFieldReader pageField(StoredDiscussionPage.CsvFieldReader reader) {
    return (bytes, from, limit) -> {
      int at = reader.read(bytes, from, limit);
      return at < 0 ? CsvColumns.NOT_READ : ByteSearch.ESCAPED | (long) reader.lines() << 32 | at;
    };
  }

  /**
   * {@code in}, whose reads fill what they are asked for (up to the end), reported to {@code
   * progress}. A zip gives a few kilobytes a call (what 512 bytes inflate to), less than a record of
   * the PR table: the CSV reader would split a record again, and read its pages again, each time
   * more of its bytes came in.
   */
  private static InputStream counting(InputStream in, Progress progress) {
    return new java.io.FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.readNBytes(b, off, len);
        if (n > 0) {
          progress.step(n);
        }
        return n == 0 && len > 0 ? -1 : n;
      }

      @Override
      public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
          progress.step(1);
        }
        return c;
      }

      @Override
      public void close() {
        // the enclosing stream (the file, or the zip's next member) is closed by its owner
      }
    };
  }
}
