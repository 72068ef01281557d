package org.modelevolution.analysis;

/**
 * {@code numpy.argsort(values, kind=...)} for 64-bit integer keys (numpy's {@code int64} and
 * {@code datetime64} without {@code NaT}), reproduced operation for operation so that equal keys
 * come out in the same order as numpy puts them.
 *
 * <p>Why it matters: pandas' {@code sort_values} defaults to {@code kind="quicksort"}, which numpy
 * implements as an unstable introsort; which of several rows with the same date comes first (and
 * therefore which one a later {@code drop_duplicates(keep="first")} keeps) is decided by this
 * algorithm, not by the input order. This is the argsort of numpy 1.24 ({@code aquicksort_} and
 * {@code aheapsort_} in {@code npysort/quicksort.cpp} and {@code npysort_heapsort.h}): numpy 1.24
 * has no SIMD kernel for argsort, so every CPU runs this code.
 */
final class NumpyArgsort {
  /** Partitions of at most this many elements plus one are insertion-sorted ({@code SMALL_QUICKSORT}). */
  private static final int SMALL_QUICKSORT = 15;

  private NumpyArgsort() {}

  /** {@code np.argsort(values, kind="quicksort")}. */
  static int[] quicksort(long[] values) {
    int[] order = identity(values.length);
    introsort(values, order, 0, values.length);
    return order;
  }

  /**
   * {@code np.argsort(values, kind="quicksort")} for {@code float64} keys without NaN: the same
   * introsort, whose only operation on keys is {@code <}; each double is mapped to a long with the
   * same order and the same ties ({@code -0.0} and {@code 0.0} are one key, as for numpy).
   *
   * @throws IllegalArgumentException for NaN (numpy puts NaN last; no caller has one)
   */
  static int[] quicksort(double[] values) {
    long[] keys = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      keys[i] = orderedKey(values[i]);
    }
    return quicksort(keys);
  }

  /**
   * pandas' {@code sort_values(ascending=False)} with its default {@code kind="quicksort"} on one
   * column without NaN ({@code nargsort}): numpy's argsort of the reversed values, mapped back to
   * positions and reversed, so that equal values come out in the order that pandas gives them.
   */
  static int[] pandasDescending(double[] values) {
    int n = values.length;
    double[] reversed = new double[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = values[n - 1 - i];
    }
    int[] ascending = quicksort(reversed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[n - 1 - i] = n - 1 - ascending[i];
    }
    return order;
  }

  private static long orderedKey(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("NaN has no place in this order");
    }
    if (value == 0.0) {
      return 0L;
    }
    long bits = Double.doubleToRawLongBits(value);
    return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
  }

  /** {@code np.argsort(values, kind="heapsort")}. */
  static int[] heapsort(long[] values) {
    int[] order = identity(values.length);
    heapsort(values, order, 0, values.length);
    return order;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** {@code npy_get_msb}: the index of the highest set bit, 0 for 0 and 1. */
  static int msb(long n) {
    int depth = 0;
    while ((n >>>= 1) != 0) {
      depth++;
    }
    return depth;
  }

  private static void introsort(long[] v, int[] tosort, int offset, int num) {
    if (num == 0) {
      return;
    }
    int pl = offset;
    int pr = offset + num - 1;
    int[] stack = new int[128];
    int sptr = 0;
    int[] depth = new int[64];
    int psdepth = 0;
    int cdepth = msb(num) * 2;
    for (;;) {
      if (cdepth < 0) {
        heapsort(v, tosort, pl, pr - pl + 1);
      } else {
        while (pr - pl > SMALL_QUICKSORT) {
          int pm = pl + ((pr - pl) >> 1);
          if (v[tosort[pm]] < v[tosort[pl]]) {
            swap(tosort, pm, pl);
          }
          if (v[tosort[pr]] < v[tosort[pm]]) {
            swap(tosort, pr, pm);
          }
          if (v[tosort[pm]] < v[tosort[pl]]) {
            swap(tosort, pm, pl);
          }
          long vp = v[tosort[pm]];
          int pi = pl;
          int pj = pr - 1;
          swap(tosort, pm, pj);
          for (;;) {
            do {
              ++pi;
            } while (v[tosort[pi]] < vp);
            do {
              --pj;
            } while (vp < v[tosort[pj]]);
            if (pi >= pj) {
              break;
            }
            swap(tosort, pi, pj);
          }
          swap(tosort, pi, pr - 1);
          // the larger side goes on the stack, the smaller one is sorted next
          if (pi - pl < pr - pi) {
            stack[sptr++] = pi + 1;
            stack[sptr++] = pr;
            pr = pi - 1;
          } else {
            stack[sptr++] = pl;
            stack[sptr++] = pi - 1;
            pl = pi + 1;
          }
          depth[psdepth++] = --cdepth;
        }
        for (int pi = pl + 1; pi <= pr; ++pi) {
          int vi = tosort[pi];
          long vp = v[vi];
          int pj = pi;
          int pk = pi - 1;
          while (pj > pl && vp < v[tosort[pk]]) {
            tosort[pj--] = tosort[pk--];
          }
          tosort[pj] = vi;
        }
      }
      if (sptr == 0) {
        break;
      }
      pr = stack[--sptr];
      pl = stack[--sptr];
      cdepth = depth[--psdepth];
    }
  }

  /** {@code aheapsort_} on {@code tosort[offset .. offset + n)}, with its one-based indexing. */
  private static void heapsort(long[] v, int[] tosort, int offset, int n) {
    int a = offset - 1; // a[k] is tosort[a + k], k = 1..n
    for (int l = n >> 1; l > 0; --l) {
      int tmp = tosort[a + l];
      int i = l;
      for (int j = l << 1; j <= n;) {
        if (j < n && v[tosort[a + j]] < v[tosort[a + j + 1]]) {
          j += 1;
        }
        if (v[tmp] < v[tosort[a + j]]) {
          tosort[a + i] = tosort[a + j];
          i = j;
          j += j;
        } else {
          break;
        }
      }
      tosort[a + i] = tmp;
    }
    for (; n > 1;) {
      int tmp = tosort[a + n];
      tosort[a + n] = tosort[a + 1];
      n -= 1;
      int i = 1;
      for (int j = 2; j <= n;) {
        if (j < n && v[tosort[a + j]] < v[tosort[a + j + 1]]) {
          j++;
        }
        if (v[tmp] < v[tosort[a + j]]) {
          tosort[a + i] = tosort[a + j];
          i = j;
          j += j;
        } else {
          break;
        }
      }
      tosort[a + i] = tmp;
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
