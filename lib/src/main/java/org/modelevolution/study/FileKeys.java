package org.modelevolution.study;

import java.util.Arrays;

/**
 * A set of strings packed into one byte array: the {@code repo/path&&commit} keys of the files a
 * commit log gives change status {@code +}, held while the group's format table is read. A
 * {@code HashSet<String>} costs about 160 bytes a key (string, its array, the map's node); here a
 * key costs its characters (one byte each when they are all below U+0100), a trailing 40-digit
 * lower-case hex commit hash packed into 20 bytes, and 12 bytes of index. Membership is exact:
 * two keys are equal exactly when their strings are.
 *
 * <p>Not thread-safe while it changes: one set per reading thread; once filled, any number of
 * threads may each look keys up through a {@link #lookup()} of their own.
 */
final class FileKeys {
  private static final int EMPTY = 0;
  private static final int REMOVED = -1;
  private static final int HEX_HASH = 40;
  private static final String SEPARATOR = "&&";
  /** Encodings: one byte per character; the same with a packed hex hash after "&&"; two bytes per character. */
  private static final int LATIN1 = 0;
  private static final int LATIN1_HEX = 1;
  private static final int UTF16 = 2;

  private byte[] arena = new byte[1 << 12];
  private int used;
  /** Open addressing: 1 + the key's offset in {@link #arena}, {@link #EMPTY} or {@link #REMOVED}. */
  private int[] slots = new int[1 << 6];
  private int[] hashes = new int[1 << 6];
  private int size;
  private int occupied;
  private final Key scratch = new Key();

  int size() {
    return size;
  }

  /** Adds {@code key}; true when it was not there. */
  boolean add(String key) {
    scratch.encode(key);
    return add(key.hashCode(), scratch.bytes, 0, scratch.length);
  }

  /** Adds the key encoded in {@code encoded[from, from + length)}, whose string hashes to {@code hash}. */
  private boolean add(int hash, byte[] encoded, int from, int length) {
    int slot = find(hash, encoded, from, length);
    if (slot >= 0) {
      return false;
    }
    if ((occupied + 1) * 4L > slots.length * 3L) {
      rehash(size * 4 < slots.length ? slots.length : slots.length * 2);
    }
    int free = freeSlot(hash);
    if (slots[free] == EMPTY) {
      occupied++;
    }
    slots[free] = 1 + store(encoded, from, length);
    hashes[free] = hash;
    size++;
    return true;
  }

  /** Adds every key of {@code later} (a set filled after this one: merging the parts of a chunked read). */
  void addAll(FileKeys later) {
    for (int i = 0; i < later.slots.length; i++) {
      int s = later.slots[i];
      if (s != EMPTY && s != REMOVED) {
        add(later.hashes[i], later.arena, s - 1 + 4, later.readInt(s - 1));
      }
    }
  }

  /** Removes {@code key}; true when it was there. */
  boolean remove(String key) {
    scratch.encode(key);
    int slot = find(key.hashCode(), scratch.bytes, 0, scratch.length);
    if (slot < 0) {
      return false;
    }
    slots[slot] = REMOVED; // its bytes stay in the arena: removals are rare (a file listed twice)
    size--;
    return true;
  }

  boolean contains(String key) {
    scratch.encode(key);
    return find(key.hashCode(), scratch.bytes, 0, scratch.length) >= 0;
  }

  /** Whether {@code bytes[from, to)} is ASCII text: what {@link Lookup#containsAscii} takes. */
  static boolean isAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Looks keys up in this set, which no longer changes, from one thread (one lookup per thread). */
  Lookup lookup() {
    return new Lookup();
  }

  /** Membership with a scratch key of its own: lookups on several threads share the set, not the scratch. */
  final class Lookup {
    private final Key key = new Key();
    /** The commit of the last {@link #contains(byte[], int, int, String)}, and what its keys end with. */
    private String commit;
    private boolean commitHex;
    private final byte[] packedCommit = new byte[HEX_HASH / 2];
    private int suffixHash;
    private int suffixPower;

    boolean contains(String k) {
      key.encode(k);
      return find(k.hashCode(), key.bytes, 0, key.length) >= 0;
    }

    /**
     * Whether the set holds {@code path + "&&" + commit}, where {@code path} is the ASCII text
     * {@code bytes[from, to)} ({@link #isAscii}): a format table's row asks this of its file. When
     * the commit is a 40-digit lower-case hex hash (every row of the study's tables), the key is
     * encoded and hashed as {@link #contains(String)} would, straight from the bytes, with no
     * string made; otherwise the string is made and looked up.
     */
    boolean containsAscii(byte[] bytes, int from, int to, String commit) {
      if (commit != this.commit) {
        setCommit(commit);
      }
      int pathLength = to - from;
      int length = 1 + pathLength + SEPARATOR.length() + HEX_HASH / 2;
      if (!commitHex) {
        return contains(new String(bytes, from, pathLength, java.nio.charset.StandardCharsets.US_ASCII) + SEPARATOR
            + commit);
      }
      key.ensure(length);
      byte[] k = key.bytes;
      k[0] = LATIN1_HEX;
      int hash = 0;
      for (int i = 0; i < pathLength; i++) {
        byte b = bytes[from + i];
        k[1 + i] = b;
        hash = 31 * hash + b;
      }
      k[1 + pathLength] = '&';
      k[2 + pathLength] = '&';
      System.arraycopy(packedCommit, 0, k, 3 + pathLength, packedCommit.length);
      // String.hashCode of path + "&&" + commit: the path's hash carried over the suffix's length
      return find(hash * suffixPower + suffixHash, k, 0, length) >= 0;
    }

    private void setCommit(String value) {
      commit = value;
      commitHex = value.length() == HEX_HASH && isLowerHex(value, 0);
      if (commitHex) {
        for (int i = 0; i < HEX_HASH / 2; i++) {
          packedCommit[i] = (byte) (nibble(value.charAt(2 * i)) << 4 | nibble(value.charAt(2 * i + 1)));
        }
      }
      String suffix = SEPARATOR + value;
      suffixHash = suffix.hashCode();
      int power = 1;
      for (int i = 0; i < suffix.length(); i++) {
        power *= 31;
      }
      suffixPower = power;
    }
  }

  /** The slot holding the key encoded in {@code encoded[from, from + length)}, or -1. */
  private int find(int hash, byte[] encoded, int from, int length) {
    int mask = slots.length - 1;
    for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
      int s = slots[i];
      if (s == EMPTY) {
        return -1;
      }
      if (s != REMOVED && hashes[i] == hash && matches(s - 1, encoded, from, length)) {
        return i;
      }
    }
  }

  private int freeSlot(int hash) {
    int mask = slots.length - 1;
    int i = mix(hash) & mask;
    while (slots[i] != EMPTY && slots[i] != REMOVED) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void rehash(int capacity) {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new int[capacity];
    hashes = new int[capacity];
    occupied = 0;
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != EMPTY && oldSlots[i] != REMOVED) {
        int free = freeSlot(oldHashes[i]);
        slots[free] = oldSlots[i];
        hashes[free] = oldHashes[i];
        occupied++;
      }
    }
  }

  private static int mix(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** Whether the key stored at {@code offset} equals the one encoded in {@code encoded[from, from + length)}. */
  private boolean matches(int offset, byte[] encoded, int from, int length) {
    return readInt(offset) == length && Arrays.equals(arena, offset + 4, offset + 4 + length, encoded, from,
        from + length);
  }

  /** Appends the key encoded in {@code encoded[from, from + length)} to the arena; its offset. */
  private int store(byte[] encoded, int from, int length) {
    int needed = used + 4 + length;
    if (needed > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(needed, arena.length + (arena.length >> 1)));
    }
    int offset = used;
    arena[offset] = (byte) (length >>> 24);
    arena[offset + 1] = (byte) (length >>> 16);
    arena[offset + 2] = (byte) (length >>> 8);
    arena[offset + 3] = (byte) length;
    System.arraycopy(encoded, from, arena, offset + 4, length);
    used = needed;
    return offset;
  }

  private int readInt(int offset) {
    return (arena[offset] & 0xff) << 24 | (arena[offset + 1] & 0xff) << 16 | (arena[offset + 2] & 0xff) << 8
        | (arena[offset + 3] & 0xff);
  }

  /** A key encoded: its encoding's byte, then its characters. */
  private static final class Key {
    private byte[] bytes = new byte[256];
    private int length;

    void ensure(int length) {
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, 2 * bytes.length)];
      }
    }

    void encode(String key) {
      int n = key.length();
      boolean latin1 = true;
      for (int i = 0; i < n && latin1; i++) {
        latin1 = key.charAt(i) < 0x100;
      }
      int hexStart = n - HEX_HASH;
      boolean hex = latin1 && hexStart >= SEPARATOR.length() && key.startsWith(SEPARATOR, hexStart - SEPARATOR.length())
          && isLowerHex(key, hexStart);
      int length = 1 + (!latin1 ? 2 * n : hex ? hexStart + HEX_HASH / 2 : n);
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, 2 * bytes.length)];
      }
      bytes[0] = (byte) (!latin1 ? UTF16 : hex ? LATIN1_HEX : LATIN1);
      if (!latin1) {
        for (int i = 0; i < n; i++) {
          char c = key.charAt(i);
          bytes[1 + 2 * i] = (byte) (c >>> 8);
          bytes[2 + 2 * i] = (byte) c;
        }
      } else {
        int text = hex ? hexStart : n;
        for (int i = 0; i < text; i++) {
          bytes[1 + i] = (byte) key.charAt(i);
        }
        if (hex) {
          for (int i = 0; i < HEX_HASH / 2; i++) {
            bytes[1 + hexStart + i] = (byte) (nibble(key.charAt(hexStart + 2 * i)) << 4
                | nibble(key.charAt(hexStart + 2 * i + 1)));
          }
        }
      }
      this.length = length;
    }
  }

  /** The value of a lower-case hex digit ({@link #isLowerHex} has checked it is one). */
  private static int nibble(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }

  private static boolean isLowerHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
