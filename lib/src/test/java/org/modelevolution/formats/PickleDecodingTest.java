package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoding rules the bypass classes rest on, each checked on its own. */
class PickleDecodingTest {

  @Test
  void memoizeStoresAtTheCountOfFilledIndexesAndOverwrites() throws IOException {
    // BINPUT 1 fills one index; MEMOIZE then stores at index 1 (overwriting), not at 0 or 2.
    byte[] p = Pickles.protocol(4)
        .shortUnicode("os").op('q', 1).op('0')
        .shortUnicode("system").op(0x94).op('0')
        .shortUnicode("os").op('q', 0).op('0')
        .op('h', 0).op('h', 1).op(0x93).stop().bytes();
    PickleScanner scanner = new PickleScanner();
    assertThat(scanner.walk(new ByteArrayInputStream(p)).clean()).isTrue();
    assertThat(scanner.result().globals()).containsExactly("os.system");
  }

  @Test
  void importsOfNonIdentifiersStopTheWalkWithoutAnImport() throws IOException {
    assertThat(PickleScanner.dottedIdentifier("torch._utils")).isTrue();
    assertThat(PickleScanner.dottedIdentifier("mport os")).isFalse();
    assertThat(PickleScanner.dottedIdentifier("os..path")).isFalse();
    assertThat(PickleScanner.dottedIdentifier(".os")).isFalse();
    assertThat(PickleScanner.dottedIdentifier("1os")).isFalse();
    PickleScanner scanner = new PickleScanner();
    PickleScanner.Outcome o = scanner.walk(new ByteArrayInputStream("import os\nimport sys\n".getBytes()));
    assertThat(o.clean()).isFalse();
    assertThat(o.problem()).contains("cannot resolve");
    assertThat(scanner.importCount()).isZero();
  }

  @Test
  void stringEscapesAreDecodedAsPythonDoes() {
    assertThat(PickleScanner.quoted("'\\x6fs'")).isEqualTo("os");
    assertThat(PickleScanner.quoted("'\\157s'")).isEqualTo("os");
    assertThat(PickleScanner.quoted("\"a\\nb\\\\c\"")).isEqualTo("a\nb\\c");
    assertThat(PickleScanner.quoted("'unquoted")).isNull();
    assertThat(PickleScanner.quoted("'\\xZZ'")).isNull();
    assertThat(PickleScanner.rawUnicode("\\u006fs")).isEqualTo("os");
    assertThat(PickleScanner.rawUnicode("po\\U00000073ix")).isEqualTo("posix");
    assertThat(PickleScanner.rawUnicode("\\n stays")).isEqualTo("\\n stays");
  }

  @Test
  void npyHeadersAreReadAsPythonLiterals() {
    Object h = PyLiteral.parseOrNull("{'shape': (1,), \"fortran_order\": False, 'descr': '|' 'O', } # padding");
    assertThat(h).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) h).get("descr")).isEqualTo("|O");
    assertThat(((Map<?, ?>) h).get("shape")).isEqualTo(List.of("1"));
    assertThat(NpyRule.holdsObjects("|O")).isTrue();
    assertThat(NpyRule.holdsObjects("object")).isTrue();
    assertThat(NpyRule.holdsObjects("<f4")).isFalse();
    assertThat(NpyRule.holdsObjects(PyLiteral.parseOrNull("[('a', '<f4'), ('b', '|O8')]"))).isTrue();
    assertThat(NpyRule.holdsObjects(PyLiteral.parseOrNull("[('a', '<f4'), ('b', '<i8')]"))).isFalse();
    assertThat(PyLiteral.parseOrNull("{'descr': '<f4', __import__('os')}")).isNull();
    assertThat(PyLiteral.parseOrNull("{'descr': '\\x4f'}")).isEqualTo(Map.of("descr", "O"));
  }

  @Test
  void treeAllowEntriesAdmitClassNamesOnly() {
    PicklePolicy policy = PicklePolicy.standard();
    assertThat(policy.judge("sklearn.linear_model._logistic", "LogisticRegression").verdict()).isEqualTo(PickleVerdict.SAFE);
    assertThat(policy.judge("sklearn.linear_model._base", "np.load").verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(policy.judge("sklearn.linear_model._base", "np").verdict()).isEqualTo(PickleVerdict.SUSPICIOUS);
    assertThat(policy.judge("random", "_os.system").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.judge("six.moves.builtins", "eval").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
    assertThat(policy.judge("pandas", "read_pickle").verdict()).isEqualTo(PickleVerdict.DANGEROUS);
  }
}
