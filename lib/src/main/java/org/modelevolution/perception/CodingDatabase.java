package org.modelevolution.perception;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * Reads and writes the study's coding database, the SQLite file of its Django app
 * {@code model_evolution} ({@code db_model_evolution.sqlite3}), so that existing codings can be
 * reused and new ones handed back in the same schema. Tables: {@code model_evolution_post},
 * {@code _concept}, {@code _post_concepts}, {@code _category}, {@code _concept_categories}.
 *
 * <p>Reads open the file read-only. {@link #write} replaces the coding content of a database (a
 * copy, never the study's file) in one transaction, keeping ids, so Django sees the same rows;
 * {@link #create} makes an empty database with the app's tables (Django's own bookkeeping tables
 * are not created: run {@code migrate --fake} to adopt such a file in a Django project).
 */
public final class CodingDatabase {
  /** The app's tables exactly as Django's migrations created them in the study's file. */
  private static final List<String> SCHEMA = List.of(
      "CREATE TABLE \"model_evolution_category\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"name\" varchar(200) NOT NULL, \"description\" text NULL, \"parent_id\" bigint NULL REFERENCES \"model_evolution_category\" (\"id\") DEFERRABLE INITIALLY DEFERRED)",
      "CREATE TABLE \"model_evolution_concept\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"name\" varchar(200) NOT NULL, \"description\" text NULL)",
      "CREATE TABLE \"model_evolution_concept_categories\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"concept_id\" bigint NOT NULL REFERENCES \"model_evolution_concept\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"category_id\" bigint NOT NULL REFERENCES \"model_evolution_category\" (\"id\") DEFERRABLE INITIALLY DEFERRED)",
      "CREATE TABLE \"model_evolution_post\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"source\" varchar(20) NOT NULL, \"content\" text NOT NULL CHECK ((JSON_VALID(\"content\") OR \"content\" IS NULL)), \"is_true_positive\" bool NULL, \"comments\" text NULL)",
      "CREATE TABLE \"model_evolution_post_concepts\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"post_id\" bigint NOT NULL REFERENCES \"model_evolution_post\" (\"id\") DEFERRABLE INITIALLY DEFERRED, \"concept_id\" bigint NOT NULL REFERENCES \"model_evolution_concept\" (\"id\") DEFERRABLE INITIALLY DEFERRED)",
      "CREATE INDEX \"model_evolution_category_parent_id_c182b83a\" ON \"model_evolution_category\" (\"parent_id\")",
      "CREATE UNIQUE INDEX \"model_evolution_concept_categories_concept_id_category_id_7225c234_uniq\" ON \"model_evolution_concept_categories\" (\"concept_id\", \"category_id\")",
      "CREATE INDEX \"model_evolution_concept_categories_concept_id_61fc56cd\" ON \"model_evolution_concept_categories\" (\"concept_id\")",
      "CREATE INDEX \"model_evolution_concept_categories_category_id_0912360d\" ON \"model_evolution_concept_categories\" (\"category_id\")",
      "CREATE UNIQUE INDEX \"model_evolution_post_concepts_post_id_concept_id_2eae6872_uniq\" ON \"model_evolution_post_concepts\" (\"post_id\", \"concept_id\")",
      "CREATE INDEX \"model_evolution_post_concepts_post_id_b7241031\" ON \"model_evolution_post_concepts\" (\"post_id\")",
      "CREATE INDEX \"model_evolution_post_concepts_concept_id_802560ba\" ON \"model_evolution_post_concepts\" (\"concept_id\")");

  private CodingDatabase() {}

  /** Reads the whole coding from {@code file}, opened read-only. */
  public static Coding read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no coding database at " + file);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties())) {
      Map<Long, List<Long>> postConcepts = multimap(db,
          "SELECT post_id, concept_id FROM model_evolution_post_concepts ORDER BY post_id, concept_id");
      Map<Long, List<Long>> conceptCategories = multimap(db,
          "SELECT concept_id, category_id FROM model_evolution_concept_categories ORDER BY concept_id, category_id");
      List<CodedPost> posts = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery(
              "SELECT id, source, content, is_true_positive, comments FROM model_evolution_post ORDER BY id")) {
        while (r.next()) {
          long id = r.getLong(1);
          int verdict = r.getInt(4);
          Boolean truePositive = r.wasNull() ? null : verdict != 0;
          posts.add(new CodedPost(id, r.getString(2), r.getString(3), truePositive, r.getString(5),
              postConcepts.getOrDefault(id, List.of())));
        }
      }
      List<Concept> concepts = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery("SELECT id, name, description FROM model_evolution_concept ORDER BY id")) {
        while (r.next()) {
          concepts.add(new Concept(r.getLong(1), r.getString(2), r.getString(3),
              conceptCategories.getOrDefault(r.getLong(1), List.of())));
        }
      }
      List<Category> categories = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet r = s.executeQuery(
              "SELECT id, name, description, parent_id FROM model_evolution_category ORDER BY id")) {
        while (r.next()) {
          long parent = r.getLong(4);
          categories.add(new Category(r.getLong(1), r.getString(2), r.getString(3), r.wasNull() ? null : parent));
        }
      }
      return new Coding(posts, concepts, categories);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read coding database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates an empty database with the app's tables at {@code file}, which must not exist. */
  public static void create(Path file) {
    if (Files.exists(file)) {
      throw new IllegalArgumentException(file + " exists; refusing to overwrite");
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
        Statement s = db.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create coding database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the posts, codes, categories and their links in {@code file} with {@code coding},
   * in one transaction (all or nothing), keeping every id.
   *
   * @throws IllegalArgumentException when a link points at a post, code or category not in {@code coding}
   */
  public static void write(Path file, Coding coding) {
    validate(coding);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no coding database at " + file + " (create it first)");
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), new Properties())) {
      db.setAutoCommit(false);
      try (Statement s = db.createStatement()) {
        for (String table : List.of("post_concepts", "concept_categories", "post", "concept", "category")) {
          s.executeUpdate("DELETE FROM model_evolution_" + table);
        }
      }
      try (PreparedStatement category = db.prepareStatement(
          "INSERT INTO model_evolution_category (id, name, description, parent_id) VALUES (?, ?, ?, ?)")) {
        for (Category c : coding.categories()) {
          category.setLong(1, c.id());
          category.setString(2, c.name());
          category.setString(3, c.description());
          if (c.parentId() == null) {
            category.setNull(4, Types.BIGINT);
          } else {
            category.setLong(4, c.parentId());
          }
          category.executeUpdate();
        }
      }
      try (PreparedStatement concept = db.prepareStatement(
              "INSERT INTO model_evolution_concept (id, name, description) VALUES (?, ?, ?)");
          PreparedStatement link = db.prepareStatement(
              "INSERT INTO model_evolution_concept_categories (concept_id, category_id) VALUES (?, ?)")) {
        for (Concept c : coding.concepts()) {
          concept.setLong(1, c.id());
          concept.setString(2, c.name());
          concept.setString(3, c.description());
          concept.executeUpdate();
          for (long category : c.categoryIds()) {
            link.setLong(1, c.id());
            link.setLong(2, category);
            link.executeUpdate();
          }
        }
      }
      try (PreparedStatement post = db.prepareStatement(
              "INSERT INTO model_evolution_post (id, source, content, is_true_positive, comments) VALUES (?, ?, ?, ?, ?)");
          PreparedStatement link = db.prepareStatement(
              "INSERT INTO model_evolution_post_concepts (post_id, concept_id) VALUES (?, ?)")) {
        for (CodedPost p : coding.posts()) {
          post.setLong(1, p.id());
          post.setString(2, p.source());
          post.setString(3, p.content());
          if (p.isTruePositive() == null) {
            post.setNull(4, Types.BOOLEAN);
          } else {
            post.setInt(4, p.isTruePositive() ? 1 : 0);
          }
          post.setString(5, p.comments());
          post.executeUpdate();
          for (long concept : p.conceptIds()) {
            link.setLong(1, p.id());
            link.setLong(2, concept);
            link.executeUpdate();
          }
        }
      }
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write coding database " + file + ": " + e.getMessage(), e);
    }
  }

  private static void validate(Coding coding) {
    java.util.Set<Long> concepts = new java.util.HashSet<>();
    coding.concepts().forEach(c -> concepts.add(c.id()));
    java.util.Set<Long> categories = new java.util.HashSet<>();
    coding.categories().forEach(c -> categories.add(c.id()));
    for (CodedPost p : coding.posts()) {
      for (long id : p.conceptIds()) {
        if (!concepts.contains(id)) {
          throw new IllegalArgumentException("post " + p.id() + " links unknown code " + id);
        }
      }
    }
    for (Concept c : coding.concepts()) {
      for (long id : c.categoryIds()) {
        if (!categories.contains(id)) {
          throw new IllegalArgumentException("code " + c.id() + " links unknown category " + id);
        }
      }
    }
  }

  private static Map<Long, List<Long>> multimap(Connection db, String sql) throws SQLException {
    Map<Long, List<Long>> map = new HashMap<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        map.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(r.getLong(2));
      }
    }
    return map;
  }
}
