package org.modelevolution.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.modelevolution.io.Sha256;

/**
 * Parses a large CSV file in chunks side by side, with the result of one sequential pass.
 *
 * <p>The file is cut at fixed byte offsets into chunks. The thread that asks for the parse reads
 * the file from the start in one pass that also hashes it, exactly as a sequential pass does,
 * taking one chunk after the other; helpers on the pool, as they come free, take chunks from the
 * end backwards, each into a part of its own, until the two meet. Once a helper has come, the
 * thread finishes its chunk and hashes the rest of the file (SHA-256 is sequential: that second
 * read is the price of the helpers' share, and done first it is not left alone at the end), then
 * parses chunks from the front again until it meets the helpers, and merges all parts in file
 * order. So a file read with no helper free costs what one pass costs, and every free thread
 * shortens it.
 *
 * <p>A record starts right after a line feed, but a line feed may also lie inside a quoted field,
 * so where a helper's chunk starts is a guess: the first line feed after the cut after which a
 * few records parse with the header's field count. The guess is checked in file order: the part
 * before, read from a true record start, ends its last record (the one that starts before the
 * cut) exactly where the guess is, or the chunk is parsed again from where that record ended.
 * Line numbers are carried the same way, so warnings and errors name the lines a sequential pass
 * names; a chunk that failed is parsed again from its checked start and line, which raises the
 * sequential pass's error exactly. The file's size and modification time are compared before and
 * after: a file that changes while it is read is reported as such.
 *
 * <p>Files below {@link Workers#from} bytes are read in one pass on the calling thread, as
 * {@link CsvColumns} reads any file.
 */
final class CsvChunks {
  /** Records tried at a guessed start before it is believed. */
  private static final int PROBE_RECORDS = 4;
  /** Line feeds tried after a cut before the first one is taken as it is (and checked like any guess). */
  private static final int PROBE_TRIES = 64;
  private static final int READ = 1 << 20;
  /** What a guess reads at first (it reads on as needed). */
  private static final int PROBE_BUFFER = 1 << 14;

  private CsvChunks() {}

  /**
   * Where chunks run: {@code helpers} tasks on {@code pool} besides the calling thread; files of
   * at least {@code from} bytes are cut into chunks of {@code chunk} bytes.
   */
  record Workers(Executor pool, int helpers, long from, long chunk) {
    /** Every file in one pass on the calling thread. */
    static final Workers NONE = new Workers(Runnable::run, 0, Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * Chunks of 32 MB for files of 64 MB and more: small next to the large inputs (so that the
     * threads finish together) and large next to a part's fixed cost.
     */
    static Workers of(Executor pool, int helpers) {
      return new Workers(pool, helpers, 64L << 20, 32L << 20);
    }
  }

  /**
   * One chunk's parse: its records are handed to it, and {@link #part} is what they add up to. It
   * runs on any thread of the pool, so it neither reports warnings nor reads
   * {@link CsvColumns.Record#line()} (counted from the chunk's start); its errors are raised with
   * the file's line numbers.
   */
  interface Chunk<P> extends CsvColumns.RecordConsumer {
    P part();
  }

  /**
   * Parses {@code file}: each chunk into a {@code newChunk()}'s part, the parts merged in file
   * order with {@code merge(earlier, later)}; one part when the file is read in one pass.
   *
   * @return the merged part and the SHA-256 of the file's bytes
   */
  static <P> Inputs.Parsed<P> parse(Path file, List<String> columns, Workers workers, Supplier<Chunk<P>> newChunk,
      BinaryOperator<P> merge) {
    long size = size(file);
    if (size < workers.from()) {
      Chunk<P> chunk = newChunk.get();
      String sha = CsvColumns.forEachRecord(file, columns, chunk);
      return new Inputs.Parsed<>(chunk.part(), sha);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new Run<>(file, channel, columns, workers, newChunk, merge).parse();
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** A chunk's parse from a start: its part, where its last record ended, and the lines it spanned. */
  private record Parse<P>(long start, long line, long end, long lines, P part, CsvColumns.Tally tally,
      RuntimeException error) {}

  private static final class Run<P> {
    private final Path file;
    private final String name;
    private final FileChannel channel;
    private final List<String> columns;
    private final Workers workers;
    private final Supplier<Chunk<P>> newChunk;
    private final BinaryOperator<P> merge;
    private final long size;
    private final FileTime modified;
    private CsvColumns.Header header;
    /** The cuts: chunk {@code c} holds the records that start in {@code [cuts[c], cuts[c + 1])}. */
    private long[] cuts;
    /** Chunks {@code [0, front)} are this thread's pass's, {@code [back, chunks)} the helpers'. */
    private int front;
    private int back;
    private volatile boolean abandoned;
    /** Whether a helper has taken a chunk: this thread's pass then hashes the rest first. */
    private volatile boolean helped;
    private List<CompletableFuture<Object>> done;

    Run(Path file, FileChannel channel, List<String> columns, Workers workers, Supplier<Chunk<P>> newChunk,
        BinaryOperator<P> merge) throws IOException {
      this.file = file;
      this.name = file.getFileName().toString();
      this.channel = channel;
      this.columns = columns;
      this.workers = workers;
      this.newChunk = newChunk;
      this.merge = merge;
      this.size = channel.size();
      this.modified = Files.getLastModifiedTime(file);
    }

    Inputs.Parsed<P> parse() throws IOException {
      MessageDigest digest = Sha256.digest();
      // this thread's pass: from the start, in order, hashing what it reads
      CsvColumns.Scanner pass = new CsvColumns.Scanner(new ChannelStream(channel, 0), name, digest, 0, 1, READ);
      try {
        header = CsvColumns.header(pass, name, columns, names -> {});
        long headerEnd = pass.offset();
        int chunks = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1,
            (size - headerEnd + workers.chunk() - 1) / workers.chunk()));
        cuts = new long[chunks + 1];
        for (int c = 0; c < chunks; c++) {
          cuts[c] = headerEnd + c * workers.chunk();
        }
        cuts[chunks] = Long.MAX_VALUE; // the last chunk reads to the end, wherever that is
        done = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
          done.add(new CompletableFuture<>());
        }
        back = chunks;
        for (int h = 0; h < Math.min(workers.helpers(), chunks - 1); h++) {
          workers.pool().execute(this::work);
        }
        CsvColumns.Tally tally = new CsvColumns.Tally();
        int chunk = 0;
        // the chunks from the front, one after the other in one pass into one part: until a helper
        // comes, this is the sequential pass itself (its errors are that pass's own)
        Chunk<P> first = newChunk.get();
        for (; !helped && claimFront(chunk); chunk++) {
          CsvColumns.records(pass, header, name, columns, first, cuts[chunk + 1], tally);
        }
        P merged = first.part();
        long start = pass.offset();
        long line = pass.line();
        if (chunk < chunks) {
          // a helper has come: the hash, which only this thread can compute (in file order), goes
          // first, so that it is not left to the end with the helpers done and nothing else to run;
          // then this thread parses chunks from the front again, each from where the one before
          // ended (so checked), until it meets the helpers, whose parts it takes in file order
          hashTail(digest, pass.read());
          for (; claimFront(chunk); chunk++) {
            if (start >= cuts[chunk + 1]) {
              continue; // the record before runs past this chunk's cut: no record starts in it
            }
            Parse<P> parse = chunk(chunk, start, line, true);
            merged = merge.apply(merged, parse.part());
            tally.add(parse.tally(), line - parse.line());
            start = parse.end();
            line += parse.lines();
          }
          for (; chunk < chunks; chunk++) {
            Parse<P> parse = result(chunk);
            if (parse.start() != start || parse.error() != null) {
              if (start >= cuts[chunk + 1]) {
                continue; // the record before runs past this chunk's cut: no record starts in it
              }
              parse = chunk(chunk, start, line, true); // raises the sequential pass's error, if any
            }
            merged = merge.apply(merged, parse.part());
            tally.add(parse.tally(), line - parse.line());
            start = parse.end();
            line += parse.lines();
          }
        } else if (pass.read() != size) {
          throw changedWhileRead();
        }
        if (start != size || changed()) {
          throw changedWhileRead();
        }
        tally.warn(name);
        return new Inputs.Parsed<>(merged, HexFormat.of().formatHex(digest.digest()));
      } catch (StudyDataException e) {
        if (changed()) {
          throw changedWhileRead();
        }
        throw e;
      } finally {
        abandoned = true; // on an error, the helpers stop claiming
      }
    }

    /** Whether this thread's pass may go on with {@code chunk}: no helper has taken it. */
    private synchronized boolean claimFront(int chunk) {
      if (chunk < back) {
        front = chunk + 1;
        return true;
      }
      return false;
    }

    /** The last chunk no one has taken, for a helper; -1 when there is none. */
    private synchronized int claimBack() {
      if (abandoned || back - 1 < front || back - 1 <= 0) {
        return -1; // chunk 0 is this thread's: its pass reads the header
      }
      helped = true;
      return --back;
    }

    /** A helper: parses chunks from the back until the pass from the front reaches them. */
    private void work() {
      for (int chunk = claimBack(); chunk >= 0; chunk = claimBack()) {
        try {
          done.get(chunk).complete(guessAndParse(chunk));
        } catch (RuntimeException | Error e) {
          done.get(chunk).completeExceptionally(e);
        }
      }
    }

    /** Hashes the file from {@code position} to its end, the bytes the helpers parsed. */
    private void hashTail(MessageDigest digest, long position) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(READ);
      try {
        while (true) {
          buffer.clear();
          int n = channel.read(buffer, position);
          if (n < 0) {
            break;
          }
          position += n;
          buffer.flip();
          digest.update(buffer);
        }
      } catch (IOException e) {
        throw new StudyDataException("cannot read " + name + ": " + e.getMessage(), e);
      }
      if (position != size) {
        throw changedWhileRead();
      }
    }

    @SuppressWarnings("unchecked")
    private Parse<P> result(int chunk) {
      return (Parse<P>) join(done.get(chunk));
    }

    private Object join(CompletableFuture<Object> future) {
      try {
        return future.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e.getCause() instanceof RuntimeException r ? r : new StudyDataException(e.getCause().getMessage(), e);
      }
    }

    /** The chunk parsed from its guessed start; an error is kept, to be raised only if the start holds. */
    private Parse<P> guessAndParse(int chunk) {
      try {
        long start = guessStart(cuts[chunk], cuts[chunk + 1]);
        return chunk(chunk, start, 1, false);
      } catch (IOException e) {
        throw new StudyDataException("cannot read " + name + ": " + e.getMessage(), e);
      }
    }

    /**
     * The chunk's records from {@code start} (a record start when {@code checked}; its line then
     * {@code line}): an error is raised when {@code checked}, else kept in the result.
     */
    private Parse<P> chunk(int chunk, long start, long line, boolean checked) {
      Chunk<P> consumer = newChunk.get();
      CsvColumns.Tally tally = new CsvColumns.Tally();
      CsvColumns.Scanner scanner = scanner(start, line, (int) Math.min(READ, Math.max(PROBE_BUFFER, workers.chunk())));
      try {
        CsvColumns.records(scanner, header, name, columns, consumer, cuts[chunk + 1], tally);
      } catch (RuntimeException e) {
        if (checked) {
          throw e;
        }
        return new Parse<>(start, line, start, 0, null, tally, e);
      } catch (IOException e) {
        throw new StudyDataException("cannot read " + name + ": " + e.getMessage(), e);
      }
      return new Parse<>(start, line, scanner.offset(), scanner.line() - line, consumer.part(), tally, null);
    }

    /**
     * A guess at the first record that starts at or after {@code cut} (and before {@code next}, the
     * next cut): just after a line feed at or after {@code cut - 1}, where a few records parse like
     * rows of the file.
     */
    private long guessStart(long cut, long next) throws IOException {
      CsvColumns.Scanner lines = scanner(cut - 1, 1, PROBE_BUFFER);
      long first = -1;
      for (int tries = 0; tries < PROBE_TRIES; tries++) {
        if (!lines.skipLine()) {
          return first >= 0 ? first : size;
        }
        long candidate = lines.offset();
        if (first < 0) {
          first = candidate;
        }
        if (candidate >= next) {
          return first; // no plausible record starts in the chunk: the check decides
        }
        if (CsvColumns.plausibleRecords(scanner(candidate, 1, PROBE_BUFFER), header.names().size(), PROBE_RECORDS)) {
          return candidate;
        }
      }
      return first;
    }

    private boolean changed() {
      try {
        return Files.size(file) != size || !Files.getLastModifiedTime(file).equals(modified);
      } catch (IOException e) {
        return true;
      }
    }

    private StudyDataException changedWhileRead() {
      return new StudyDataException(name + " changed while it was read (its size or modification time differs"
          + " from when the read began): read it again once it is complete");
    }

    private CsvColumns.Scanner scanner(long offset, long line, int buffer) {
      return new CsvColumns.Scanner(new ChannelStream(channel, offset), name, null, offset, line, buffer);
    }
  }

  /** The file from {@code position} on, read with positional reads (the channel is shared between threads). */
  private static final class ChannelStream extends InputStream {
    private final FileChannel channel;
    private long position;

    ChannelStream(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      // at most READ bytes a call: the channel copies through a temporary direct buffer of that size
      int n = channel.read(ByteBuffer.wrap(bytes, offset, Math.min(length, READ)), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }
}
