/**
 * Commit histories of git repositories, PyDriller-style: {@link
 * org.modelevolution.history.RepositoryHistory} turns a (bare) repository into a stream of
 * {@link org.modelevolution.history.Commit}s with changed files and full trees, read with JGit from
 * clones that hold Git LFS pointers only ({@link org.modelevolution.history.BareClones}).
 */
package org.modelevolution.history;
