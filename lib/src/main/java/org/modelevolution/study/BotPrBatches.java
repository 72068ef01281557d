package org.modelevolution.study;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The PR table's per-row work, in batches beside the thread that reads the table. That thread
 * inflates the zip, splits records and applies the filters (cheap, and in file order); the page
 * blocks of each row to be parsed are copied into a batch, which any thread may then parse: one
 * of the helpers queued on the pool, or the reading thread itself once more than a few batches
 * wait (so memory stays a few batches, and the table costs what one pass costs when no helper
 * ever comes). The rows' results are kept per batch and taken in file order at the end, so they
 * do not depend on which thread parsed which batch, nor on the batch size.
 *
 * <p>A helper waits while the table is read and no batch is ready, and leaves once the table is
 * read and no batch waits. (At scale 10, alone on two threads, the reading thread spent 5.8 s and
 * the helper 4.1 s: inflating and splitting costs less than parsing.)
 */
final class BotPrBatches {
  /** A batch holds about this many bytes of page JSON (more for one larger row), and at most {@link #MAX_ROWS} rows. */
  static final int BATCH_BYTES = 1 << 20;
  static final int MAX_ROWS = 512;
  /** Batches waiting for a thread before the reading thread parses the oldest itself. */
  private static final int MAX_WAITING = 3;

  /** What one row's parse gives: an outcome, or the text of a malformed page, or a failure to raise. */
  interface RowParser {
    Object parse(Batch batch, int row);
  }

  /** Receives each row's result in file order, with the steps that kept the row. */
  interface ResultConsumer {
    void accept(Object result, int keptBy);
  }

  /** A row whose parse failed with an exception the sequential pass would have raised at its line. */
  record Failure(long line, Throwable error) {}

  /**
   * Rows of the table and their two page blocks' bytes (as they lie in the CSV record: quotes
   * doubled when {@code escaped}); the small fields are already decoded.
   */
  static final class Batch {
    private byte[] bytes;
    private int used;
    private int rows;
    private int[] pages = new int[4 * 64]; // per row: discussion start, length, header start, length
    private boolean[] escaped = new boolean[2 * 64];
    private Object[] fields = new Object[4 * 64]; // per row: pr url, model id, time, date
    private byte[] kept = new byte[64];
    private long[] lines = new long[64];
    private Object[] results;
    /** What stopped the batch's parse outside its rows (memory, say). */
    private Throwable failure;
    private byte[] keptBy;

    Batch(int capacity) {
      bytes = new byte[capacity];
    }

    byte[] bytes() {
      return bytes;
    }

    int rows() {
      return rows;
    }

    int discussionStart(int row) {
      return pages[4 * row];
    }

    int discussionLength(int row) {
      return pages[4 * row + 1];
    }

    boolean discussionEscaped(int row) {
      return escaped[2 * row];
    }

    int headerStart(int row) {
      return pages[4 * row + 2];
    }

    int headerLength(int row) {
      return pages[4 * row + 3];
    }

    boolean headerEscaped(int row) {
      return escaped[2 * row + 1];
    }

    String prUrl(int row) {
      return (String) fields[4 * row];
    }

    String modelId(int row) {
      return (String) fields[4 * row + 1];
    }

    String time(int row) {
      return (String) fields[4 * row + 2];
    }

    LocalDate date(int row) {
      return (LocalDate) fields[4 * row + 3];
    }

    /** Whether the row is kept by the final step order (bit 1) and by the November 2024 one (bit 2). */
    int kept(int row) {
      return kept[row];
    }

    long line(int row) {
      return lines[row];
    }

    /** Adds a row; {@code source} holds its two page blocks at the given ranges. */
    void add(byte[] source, int discussionStart, int discussionLength, boolean discussionEscaped, int headerStart,
        int headerLength, boolean headerEscaped, String prUrl, String modelId, String time, LocalDate date, int keptBy,
        long line) {
      if (rows == kept.length) {
        int size = 2 * rows;
        pages = Arrays.copyOf(pages, 4 * size);
        escaped = Arrays.copyOf(escaped, 2 * size);
        fields = Arrays.copyOf(fields, 4 * size);
        kept = Arrays.copyOf(kept, size);
        lines = Arrays.copyOf(lines, size);
      }
      int need = used + discussionLength + headerLength;
      if (need > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(need, 2 * bytes.length));
      }
      System.arraycopy(source, discussionStart, bytes, used, discussionLength);
      pages[4 * rows] = used;
      pages[4 * rows + 1] = discussionLength;
      used += discussionLength;
      System.arraycopy(source, headerStart, bytes, used, headerLength);
      pages[4 * rows + 2] = used;
      pages[4 * rows + 3] = headerLength;
      used += headerLength;
      escaped[2 * rows] = discussionEscaped;
      escaped[2 * rows + 1] = headerEscaped;
      fields[4 * rows] = prUrl;
      fields[4 * rows + 1] = modelId;
      fields[4 * rows + 2] = time;
      fields[4 * rows + 3] = date;
      kept[rows] = (byte) keptBy;
      lines[rows] = line;
      rows++;
    }

    /** Parses every row into {@link #results}; the buffers are then free for another batch. */
    private void parse(RowParser parser) {
      Object[] out = new Object[rows];
      for (int row = 0; row < rows; row++) {
        try {
          out[row] = parser.parse(this, row);
        } catch (RuntimeException | Error e) {
          out[row] = new Failure(lines[row], e);
        }
      }
      results = out;
      keptBy = Arrays.copyOf(kept, rows);
    }

    private void clear() {
      used = 0;
      rows = 0;
      Arrays.fill(fields, null);
    }
  }

  private final RowParser parser;
  private final int batchBytes;
  private final int maxRows;
  private final Object lock = new Object();
  /** Every batch in file order (their results, once parsed). */
  private final List<Batch> batches = new ArrayList<>();
  /** Batches no thread has taken yet, oldest first. */
  private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
  /** Emptied batches whose buffers can take new rows. */
  private final ArrayDeque<Batch> free = new ArrayDeque<>();
  private int parsing;
  private boolean closed;
  private Batch filling;

  private BotPrBatches(RowParser parser, int batchBytes, int maxRows) {
    this.parser = parser;
    this.batchBytes = batchBytes;
    this.maxRows = maxRows;
  }

  /**
   * Batches of rows for {@code parser}, with {@code helpers} tasks queued on {@code pool} now (each
   * parses batches until the table is read and none waits).
   */
  static BotPrBatches start(RowParser parser, Executor pool, int helpers, int maxRows) {
    BotPrBatches batches = new BotPrBatches(parser, BATCH_BYTES, maxRows);
    for (int h = 0; h < helpers; h++) {
      pool.execute(batches::help);
    }
    return batches;
  }

  /** The batch the reading thread adds its next row to. */
  Batch filling() {
    if (filling == null) {
      synchronized (lock) {
        filling = free.isEmpty() ? new Batch(batchBytes) : free.poll();
      }
    }
    return filling;
  }

  /** After a row was added: hands the batch on when it is full, and parses one itself when too many wait. */
  void added() {
    if (filling.rows >= maxRows || filling.used >= batchBytes) {
      handOn();
    }
  }

  private void handOn() {
    Batch oldest = null;
    synchronized (lock) {
      batches.add(filling);
      waiting.add(filling);
      filling = null;
      if (waiting.size() > MAX_WAITING) {
        oldest = waiting.poll();
        parsing++;
      }
      lock.notifyAll();
    }
    if (oldest != null) {
      parse(oldest);
    }
  }

  /**
   * Once the reading thread has read every row (or failed): no more rows come, so the helpers
   * leave once no batch waits. Call it whatever happened (a helper waits until it is called).
   */
  void close() {
    synchronized (lock) {
      if (filling != null && filling.rows > 0) {
        batches.add(filling);
        waiting.add(filling);
      }
      filling = null;
      closed = true;
      lock.notifyAll();
    }
  }

  /**
   * After {@link #close()}, on the reading thread: parses the rows added and what still waits,
   * waits for the batches the helpers hold, and hands every row's result to {@code consumer} in
   * file order.
   */
  void finish(ResultConsumer consumer) {
    while (true) {
      Batch next;
      synchronized (lock) {
        next = waiting.poll();
        if (next == null) {
          while (parsing > 0) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while the PR table's pages were parsed", e);
            }
          }
          break;
        }
        parsing++;
      }
      parse(next);
    }
    for (Batch batch : batches) {
      if (batch.results == null) {
        Throwable failure = batch.failure;
        if (failure instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("a batch of the PR table's pages was not parsed", failure);
      }
      for (int row = 0; row < batch.results.length; row++) {
        consumer.accept(batch.results[row], batch.keptBy[row]);
      }
    }
  }

  /** A helper: parses batches while the table is read, and leaves when it is read and none waits. */
  private void help() {
    while (true) {
      Batch next;
      synchronized (lock) {
        while (waiting.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return; // the load is being abandoned; the reading thread parses what is left
          }
        }
        next = waiting.poll();
        if (next == null) {
          return;
        }
        parsing++;
      }
      parse(next);
    }
  }

  private void parse(Batch batch) {
    try {
      batch.parse(parser);
    } catch (Throwable e) {
      batch.failure = e; // raised by the reading thread, where the batch's rows come in file order
    } finally {
      synchronized (lock) {
        parsing--;
        free.add(recycled(batch));
        lock.notifyAll();
      }
    }
  }

  /** A batch with the parsed one's buffers and none of its rows (the parsed one keeps its results). */
  private static Batch recycled(Batch parsed) {
    Batch empty = new Batch(0);
    empty.bytes = parsed.bytes;
    empty.pages = parsed.pages;
    empty.escaped = parsed.escaped;
    empty.fields = parsed.fields;
    empty.kept = parsed.kept;
    empty.lines = parsed.lines;
    parsed.bytes = null;
    parsed.pages = null;
    parsed.escaped = null;
    parsed.fields = null;
    parsed.kept = null;
    parsed.lines = null;
    empty.clear();
    return empty;
  }
}
