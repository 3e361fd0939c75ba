package org.intersession.testing;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.TenantId;
import org.intersession.platform.tenancy.SharedOrOwnClinic;

import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The structural checks of the tenancy wall (docs/security.md, "Tenancy"), run by each service's own test against its
 * database and sources. Each check fails with the list of offenders, and each exception is listed by the service
 * with its reason:
 * <ul>
 *   <li>every table carries {@code clinic_id}, unless it holds no clinic's data;</li>
 *   <li>every entity on a table with {@code clinic_id} marks it {@code @TenantId} (or shares rows through
 *   {@link SharedOrOwnClinic}), so Hibernate scopes it;</li>
 *   <li>every plain SQL statement of the sources that touches a table with {@code clinic_id} names the clinic, because
 *   Hibernate does not see plain SQL;</li>
 *   <li>every piece of work across clinics ({@code Tenancy.acrossClinics}) is one the service lists.</li>
 * </ul>
 */
public final class TenancyWall {

    /** The sources a service's statements come from: its own and the shared platform's. */
    public static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../platform/src/main/java"));

    /** The platform's tables in every service, which hold no clinic's data. */
    public static final Map<String, String> PLATFORM_TABLES = Map.of(
            "outbox_event", "events waiting to be published; each names its clinic in its data",
            "inbox_event", "the ids of events already handled",
            "token_revocation", "ids of revoked users, sessions and API clients, checked for every token whatever its clinic");

    private static final Pattern STATEMENT = Pattern.compile("(?i)\\b(select|insert\\s+into|update|delete\\s+from)\\b");
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:from|join|into|update)\\s+([A-Za-z_][A-Za-z0-9_]*)");
    /** A table (or entity) named by a value computed at run time: the scan shows it as {@code ?} and cannot tell it. */
    private static final Pattern COMPUTED_TABLE = Pattern.compile("(?i)\\b(?:from|join|into|update)\\s+\\?");

    private TenancyWall() {
    }

    /** The service's tables, each with whether it has a {@code clinic_id} column. */
    public static Map<String, Boolean> tables(DataSource dataSource) {
        Map<String, Boolean> tables = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("""
                     select c.relname, exists (select 1 from pg_attribute a where a.attrelid = c.oid
                                               and a.attname = 'clinic_id' and not a.attisdropped)
                     from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = current_schema() and c.relkind in ('r', 'p')
                       and c.relname <> 'flyway_schema_history'""")) {
            while (rows.next()) {
                tables.put(rows.getString(1), rows.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the tables", e);
        }
        return tables;
    }

    /** The tables holding clinic data: those with a {@code clinic_id} column. */
    public static Set<String> clinicTables(DataSource dataSource) {
        Set<String> clinic = new TreeSet<>();
        tables(dataSource).forEach((table, hasClinic) -> {
            if (hasClinic) {
                clinic.add(table);
            }
        });
        return clinic;
    }

    /**
     * Offenders: tables without {@code clinic_id} that are not listed, and listed ones that no longer exist or have
     * gained the column (a stale exception hides nothing, but misleads).
     */
    public static List<String> tablesWithoutClinic(DataSource dataSource, Map<String, String> notPerClinic) {
        List<String> offenders = new ArrayList<>();
        Map<String, Boolean> tables = tables(dataSource);
        tables.forEach((table, hasClinic) -> {
            if (!hasClinic && !notPerClinic.containsKey(table)) {
                offenders.add(table + ": no clinic_id column, and not listed as holding no clinic's data");
            }
        });
        notPerClinic.keySet().forEach(table -> {
            if (!tables.containsKey(table)) {
                offenders.add(table + ": listed as not per clinic, but there is no such table");
            } else if (tables.get(table)) {
                offenders.add(table + ": listed as not per clinic, but it has clinic_id");
            }
        });
        return offenders;
    }

    /** Offenders: entities on a table with {@code clinic_id} whose clinic is not the tenant Hibernate scopes by. */
    public static List<String> entitiesNotScopedByClinic(EntityManagerFactory entities, DataSource dataSource) {
        Map<String, Boolean> tables = tables(dataSource);
        List<String> offenders = new ArrayList<>();
        for (EntityType<?> entity : entities.getMetamodel().getEntities()) {
            Class<?> type = entity.getJavaType();
            Table table = type.getAnnotation(Table.class);
            String name = table == null || table.name().isEmpty() ? entity.getName() : table.name();
            if (!Boolean.TRUE.equals(tables.get(name))) {
                continue; // a table without clinic_id (listed by tablesWithoutClinic), or another service's entity
            }
            if (!tenantColumn(type).equals("clinic_id") && !sharesRows(type)) {
                offenders.add(type.getName() + " (table " + name + "): its clinic_id is not its @TenantId");
            }
        }
        return offenders;
    }

    /** A SQL statement found in the sources, with where it is. */
    public record SqlStatement(String location, String text, Set<String> tables) {
    }

    /** Every plain SQL statement in the sources that touches one of {@code clinicTables}. */
    public static List<SqlStatement> statementsOn(Set<String> clinicTables, List<Path> sources) {
        List<SqlStatement> statements = new ArrayList<>();
        scan(sources, new Visitor() {
            @Override
            void string(String location, String text) {
                if (!STATEMENT.matcher(text).find()) {
                    return;
                }
                Set<String> touched = new TreeSet<>();
                Matcher table = TABLE.matcher(text);
                while (table.find()) {
                    String name = table.group(1);
                    // SQL names tables in lower case; HQL names entities, capitalised, which Hibernate scopes itself
                    if (name.equals(name.toLowerCase(Locale.ROOT)) && clinicTables.contains(name)) {
                        touched.add(name);
                    }
                }
                if (!touched.isEmpty()) {
                    statements.add(new SqlStatement(location, text, touched));
                }
            }
        });
        return statements;
    }

    /**
     * Offenders: statements touching a clinic's table that do not name {@code clinic_id}, except in the methods listed
     * ({@code Class.method} to the reason they may span clinics), and listed methods without such a statement.
     */
    public static List<String> sqlWithoutClinic(Set<String> clinicTables, List<Path> sources, Map<String, String> acrossClinics) {
        List<String> offenders = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (SqlStatement statement : statementsOn(clinicTables, sources)) {
            if (statement.text().contains("clinic_id")) {
                continue;
            }
            if (acrossClinics.containsKey(statement.location())) {
                used.add(statement.location());
            } else {
                offenders.add(statement.location() + " touches " + statement.tables() + " without clinic_id: "
                        + statement.text().replaceAll("\\s+", " ").strip());
            }
        }
        acrossClinics.keySet().stream().filter(location -> !used.contains(location))
                .forEach(location -> offenders.add(location + ": listed as SQL across clinics, but has none"));
        return offenders;
    }

    /**
     * Offenders: statements whose table is computed at run time ({@code "update " + table + ...}), which
     * {@link #sqlWithoutClinic} cannot check, that do not name {@code clinic_id}, except in the methods listed
     * ({@code Class.method} to the reason), and listed methods without such a statement.
     */
    public static List<String> sqlOnComputedTablesWithoutClinic(List<Path> sources, Map<String, String> allowed) {
        List<String> offenders = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        scan(sources, new Visitor() {
            @Override
            void string(String location, String text) {
                if (!STATEMENT.matcher(text).find() || !COMPUTED_TABLE.matcher(text).find() || text.contains("clinic_id")) {
                    return;
                }
                if (allowed.containsKey(location)) {
                    used.add(location);
                } else {
                    offenders.add(location + " names its table at run time and not clinic_id: " + text.replaceAll("\\s+", " ").strip());
                }
            }
        });
        allowed.keySet().stream().filter(location -> !used.contains(location))
                .forEach(location -> offenders.add(location + ": listed as SQL on a table named at run time, but has none"));
        return offenders;
    }

    /** Where the sources work across clinics: the methods calling {@code Tenancy.acrossClinics}. */
    public static Set<String> crossClinicWork(List<Path> sources) {
        Set<String> locations = new TreeSet<>();
        scan(sources, new Visitor() {
            @Override
            void call(String location, MethodInvocationTree call) {
                if (call.getMethodSelect() instanceof MemberSelectTree select
                        && select.getIdentifier().contentEquals("acrossClinics")
                        && select.getExpression() instanceof IdentifierTree owner && owner.getName().contentEquals("Tenancy")) {
                    locations.add(location);
                }
            }
        });
        return locations;
    }

    private static String tenantColumn(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(TenantId.class)) {
                    Column column = field.getAnnotation(Column.class);
                    return column == null || column.name().isEmpty() ? field.getName() : column.name();
                }
            }
        }
        return "";
    }

    private static boolean sharesRows(Class<?> type) {
        Filter filter = type.getAnnotation(Filter.class);
        return filter != null && filter.name().equals(SharedOrOwnClinic.FILTER) && filter.condition().equals(SharedOrOwnClinic.CONDITION);
    }

    /** What the scan reports: each string expression (literals, joined by +) and each method call, with its method. */
    private abstract static class Visitor {
        void string(String location, String text) {
        }

        void call(String location, MethodInvocationTree call) {
        }
    }

    private static void scan(List<Path> sources, Visitor visitor) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<Path> paths = new ArrayList<>();
            for (Path root : sources) {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        walk.filter(p -> p.toString().endsWith(".java")).forEach(paths::add);
                    }
                }
            }
            if (paths.isEmpty()) {
                throw new IllegalStateException("no sources under " + sources + " (run from the module's directory)");
            }
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(paths);
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(visitor).scan(unit, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {

        private final Visitor visitor;

        Scanner(Visitor visitor) {
            this.visitor = visitor;
        }

        @Override
        public Void visitBinary(BinaryTree tree, Void unused) {
            if (tree.getKind() == Tree.Kind.PLUS && !isInsideConcatenation() && hasStringLiteral(tree)) {
                visitor.string(location(), text(tree));
            }
            return super.visitBinary(tree, unused);
        }

        @Override
        public Void visitLiteral(LiteralTree tree, Void unused) {
            if (tree.getValue() instanceof String value && !isInsideConcatenation()) {
                visitor.string(location(), value);
            }
            return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
            visitor.call(location(), tree);
            return super.visitMethodInvocation(tree, unused);
        }

        private boolean isInsideConcatenation() {
            for (TreePath path = getCurrentPath().getParentPath(); path != null; path = path.getParentPath()) {
                Tree parent = path.getLeaf();
                if (parent instanceof ParenthesizedTree) {
                    continue;
                }
                return parent.getKind() == Tree.Kind.PLUS;
            }
            return false;
        }

        private static boolean hasStringLiteral(ExpressionTree tree) {
            if (tree instanceof LiteralTree literal) {
                return literal.getValue() instanceof String;
            }
            if (tree instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
                return hasStringLiteral(binary.getLeftOperand()) || hasStringLiteral(binary.getRightOperand());
            }
            return tree instanceof ParenthesizedTree parenthesized && hasStringLiteral(parenthesized.getExpression());
        }

        /** The concatenation's text: its literals, and {@code ?} for each value computed at run time. */
        private static String text(ExpressionTree tree) {
            if (tree instanceof LiteralTree literal && literal.getValue() instanceof String value) {
                return value;
            }
            if (tree instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
                return text(binary.getLeftOperand()) + text(binary.getRightOperand());
            }
            if (tree instanceof ParenthesizedTree parenthesized) {
                return text(parenthesized.getExpression());
            }
            return "?";
        }

        /** {@code Class.method} of the current tree, the outermost class of its file; {@code Class} outside methods. */
        private String location() {
            String type = null;
            String method = null;
            for (TreePath path = getCurrentPath(); path != null; path = path.getParentPath()) {
                if (path.getLeaf() instanceof MethodTree m && method == null) {
                    method = m.getName().toString();
                } else if (path.getLeaf() instanceof ClassTree c) {
                    type = c.getSimpleName().toString();
                }
            }
            return method == null ? type : type + "." + method;
        }
    }
}
