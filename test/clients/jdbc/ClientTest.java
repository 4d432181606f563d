// indicator through pgJDBC (Debian's libpostgresql-jdbc-java), against
// psql's answers (see ../run.sh): the Java types of every column, parameters
// bound with setDate, setInt, setBigDecimal, setObject and setString,
// server-side prepared statements (prepareThreshold=1), indicator_series in
// binary (binaryTransferEnable by OID), and what a String needs to become
// an indicator_series (?::indicator_series or stringtype=unspecified).
//   java -cp /usr/share/java/postgresql.jar ClientTest.java
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

public class ClientTest {
	static final Path DIR = Path.of(System.getenv("INDICATOR_CLIENTS_ANSWERS"));
	static int failures = 0;
	static int checked = 0;

	static void fail(String message) {
		failures++;
		System.out.println("FAIL: " + message);
	}

	static String query(String name) throws Exception {
		return Files.readString(DIR.resolve(name + ".sql")).strip().replaceAll(";$", "");
	}

	static List<String[]> answer(String name) throws Exception {
		List<String[]> rows = new ArrayList<>();
		for (String line : Files.readAllLines(DIR.resolve(name + ".tsv")))
			if (!line.isEmpty())
				rows.add(line.split("\t", -1));
		return rows;
	}

	// value (as getObject gives it) equals psql's text, exactly
	static boolean same(Object v, String text) {
		if (text.equals("\\N") || v == null)
			return v == null && text.equals("\\N");
		if (v instanceof BigDecimal)
			return new BigDecimal(text).equals(v);	// the same digits and scale
		if (v instanceof Double)
			return ((Double) v) == Double.parseDouble(text);
		if (v instanceof Integer)
			return ((Integer) v) == Integer.parseInt(text);
		if (v instanceof java.sql.Date)
			return v.toString().equals(text);
		if (v instanceof byte[])
			return HexFormat.of().formatHex((byte[]) v).equals(text.substring(2));
		if (v instanceof org.postgresql.util.PGobject)
			return ((org.postgresql.util.PGobject) v).getValue().equals(text);
		return v.toString().equals(text);
	}

	// rs against psql's answer to name: each column's JDBC type (Types.*)
	// and Java class, and every value
	static void check(String label, ResultSet rs, String name, int[] sqlTypes, Class<?>[] classes,
					  boolean bytes) throws Exception {
		List<String[]> expected = answer(name);
		ResultSetMetaData md = rs.getMetaData();
		for (int j = 0; j < sqlTypes.length; j++)
			if (md.getColumnType(j + 1) != sqlTypes[j])
				fail(label + ": column " + md.getColumnName(j + 1) + " has JDBC type " + md.getColumnType(j + 1)
					 + ", expected " + sqlTypes[j]);
		int i = 0;
		while (rs.next()) {
			if (i >= expected.size()) {
				fail(label + ": more rows than psql gives");
				return;
			}
			String[] exp = expected.get(i);
			if (md.getColumnCount() != exp.length)
				fail(label + ": " + md.getColumnCount() + " columns, psql gives " + exp.length);
			for (int j = 0; j < exp.length; j++) {
				Object v = bytes && classes[j] == byte[].class ? rs.getBytes(j + 1) : rs.getObject(j + 1);
				checked++;
				if (v != null && !classes[j].isInstance(v))
					fail(label + ": row " + i + " column " + j + ": " + v.getClass().getName() + ", expected "
						 + classes[j].getName());
				else if (!same(v, exp[j]))
					fail(label + ": row " + i + " column " + j + ": " + v + ", psql gives " + exp[j]);
				// a date also reads as a java.time.LocalDate
				if (v instanceof java.sql.Date && !rs.getObject(j + 1, LocalDate.class).toString().equals(exp[j]))
					fail(label + ": row " + i + " column " + j + ": LocalDate differs from psql's " + exp[j]);
			}
			i++;
		}
		if (i != expected.size())
			fail(label + ": " + i + " rows, psql gives " + expected.size());
	}

	static Connection connect(String options) throws SQLException {
		String host = System.getenv().getOrDefault("PGHOST", "localhost");
		if (host.isEmpty() || host.startsWith("/"))
			host = "localhost";		// JDBC speaks TCP only
		String url = "jdbc:postgresql://" + host + ":" + System.getenv().getOrDefault("PGPORT", "5432") + "/"
			+ System.getenv("INDICATOR_CLIENTS_DB") + "?user=" + System.getenv().getOrDefault("PGUSER", "postgres")
			+ (System.getenv("PGPASSWORD") != null ? "&password=" + System.getenv("PGPASSWORD") : "")
			+ options;
		return DriverManager.getConnection(url);
	}

	static final String PARAMS_SQL =
		"SELECT value_at(s, ?) AS value_at, ytd(s, ?, ?) AS ytd, yoy_pct(s, ?) AS yoy_pct, annual(s, ?) AS annual, "
		+ "attainment_pct(s, ?, ?) AS attainment_pct, fiscal_year(?, ?) AS fiscal_year "
		+ "FROM series_t WHERE region = ?";
	static final int[] PARAMS_TYPES = {Types.NUMERIC, Types.NUMERIC, Types.DOUBLE, Types.NUMERIC, Types.DOUBLE,
									   Types.INTEGER};
	static final Class<?>[] PARAMS_CLASSES = {BigDecimal.class, BigDecimal.class, Double.class, BigDecimal.class,
											  Double.class, Integer.class};

	// the parameters as an application binds them: setDate (sent untyped:
	// the server infers date), setInt, setBigDecimal, setObject(LocalDate)
	static void bindParams(PreparedStatement ps) throws SQLException {
		java.sql.Date asOf = java.sql.Date.valueOf("1994-06-01");
		ps.setDate(1, asOf);
		ps.setDate(2, asOf);
		ps.setInt(3, 7);
		ps.setObject(4, LocalDate.of(1994, 6, 1));
		ps.setInt(5, 1993);
		ps.setInt(6, 1993);
		ps.setBigDecimal(7, new BigDecimal("12500.5"));
		ps.setObject(8, LocalDate.of(1994, 8, 15));
		ps.setInt(9, 7);
		ps.setString(10, "north");
	}

	static String sqlState(Statement st, String sql) {
		try {
			st.execute(sql);
			return "no error";
		} catch (SQLException e) {
			return e.getSQLState();
		}
	}

	public static void main(String[] args) throws Exception {
		Class<?> D = BigDecimal.class, F = Double.class, I = Integer.class, S = String.class,
			DT = java.sql.Date.class, PG = org.postgresql.util.PGobject.class;
		int N = Types.NUMERIC, DB = Types.DOUBLE, IN = Types.INTEGER, DA = Types.DATE, V = Types.VARCHAR,
			O = Types.OTHER;

		try (Connection c = connect(""); Statement st = c.createStatement()) {
			// result types: numeric -> BigDecimal, double precision -> Double,
			// date -> java.sql.Date, integer -> Integer, indicator_series -> PGobject
			check("series_rows", st.executeQuery(query("series_rows")), "series_rows",
				  new int[] {DA, N, DB, DB, N, DB}, new Class<?>[] {DT, D, F, F, D, F}, false);
			check("series_rows(s, fy, method)", st.executeQuery(query("series_rows_last_year")),
				  "series_rows_last_year", new int[] {DA, N, DB, DB, N, DB, N, N},
				  new Class<?>[] {DT, D, F, F, D, F, D, D}, false);
			check("annual_rows", st.executeQuery(query("annual_rows")), "annual_rows",
				  new int[] {V, IN, N, DB, IN}, new Class<?>[] {S, I, D, F, I}, false);
			check("scalars", st.executeQuery(query("scalars")), "scalars",
				  new int[] {DB, DB, N, N, IN, DB}, new Class<?>[] {F, F, D, D, I, F}, false);
			check("series text", st.executeQuery(query("series_text")), "series_text",
				  new int[] {V, O}, new Class<?>[] {S, PG}, false);

			// parameters, unprepared (the default prepareThreshold is 5)
			try (PreparedStatement ps = c.prepareStatement(PARAMS_SQL)) {
				bindParams(ps);
				check("parameters", ps.executeQuery(), "params", PARAMS_TYPES, PARAMS_CLASSES, false);
			}

			// a date bound with setString is a varchar: no value_at(indicator_series,
			// character varying) (42883); setDate, setObject(LocalDate) or
			// stringtype=unspecified (below) bind it
			try (PreparedStatement ps = c.prepareStatement("SELECT value_at(s, ?) FROM series_t")) {
				ps.setString(1, "1994-06-01");
				ps.executeQuery();
				fail("value_at(s, ?) with setString: no error; the README says 42883");
			} catch (SQLException e) {
				if (!"42883".equals(e.getSQLState()))
					fail("value_at(s, ?) with setString: " + e.getSQLState() + ", the README says 42883");
			}

			// a series from a String: setString/setObject(String) sends varchar, which
			// an indicator_series column does not take (42804) ...
			String text = answer("series_text").get(0)[1];
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO loaded VALUES ('pgjdbc', 'x', ?)")) {
				ps.setObject(1, text);
				ps.executeUpdate();
				fail("setObject(String) into indicator_series: no error; the README says 42804");
			} catch (SQLException e) {
				if (!"42804".equals(e.getSQLState()))
					fail("setObject(String) into indicator_series: " + e.getSQLState() + ", the README says 42804");
			}
			// ... but ?::indicator_series does, and so does a PGobject of that type
			try (PreparedStatement ps = c.prepareStatement(
					 "INSERT INTO loaded VALUES ('pgjdbc', 'cast', ?::indicator_series)")) {
				ps.setObject(1, text);
				ps.executeUpdate();
			}
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO loaded VALUES ('pgjdbc', 'pgobject', ?)")) {
				org.postgresql.util.PGobject o = new org.postgresql.util.PGobject();
				o.setType("indicator_series");
				o.setValue(text);
				ps.setObject(1, o);
				ps.executeUpdate();
			}
		}

		// stringtype=unspecified: every String is sent untyped, so the server
		// reads it as the type it needs (a date, a series)
		try (Connection c = connect("&stringtype=unspecified")) {
			String text = answer("series_text").get(0)[1];
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO loaded VALUES ('pgjdbc', 'unspecified', ?)")) {
				ps.setString(1, text);
				ps.executeUpdate();
			}
			try (PreparedStatement ps = c.prepareStatement(PARAMS_SQL)) {
				String[] values = {"1994-06-01", "1994-06-01", "7", "1994-06-01", "1993", "1993", "12500.5",
								   "1994-08-15", "7", "north"};
				for (int k = 0; k < values.length; k++)
					ps.setString(k + 1, values[k]);
				check("parameters as strings (stringtype=unspecified)", ps.executeQuery(), "params",
					  PARAMS_TYPES, PARAMS_CLASSES, false);
			}
			try (Statement st = c.createStatement();
				 ResultSet rs = st.executeQuery("SELECT region, count(*) FILTER (WHERE l.s::text = '" + text
												+ "') FROM loaded l WHERE client = 'pgjdbc' GROUP BY region ORDER BY region")) {
				int n = 0;
				while (rs.next()) {
					n++;
					if (rs.getInt(2) != 1)
						fail("the series inserted as " + rs.getString(1) + " differs from the one sent");
				}
				if (n != 3)
					fail(n + " series inserted from a String, expected 3 (cast, pgobject, unspecified)");
			}
		}

		// server-side prepared statements: with prepareThreshold=1 the first
		// execution already uses a named statement on the server
		try (Connection c = connect("&prepareThreshold=1"); PreparedStatement ps = c.prepareStatement(PARAMS_SQL)) {
			for (int k = 0; k < 3; k++) {
				bindParams(ps);
				check("prepared (execution " + (k + 1) + ")", ps.executeQuery(), "params", PARAMS_TYPES,
					  PARAMS_CLASSES, false);
			}
			try (Statement st = c.createStatement();
				 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_prepared_statements "
												+ "WHERE NOT from_sql AND statement LIKE '%value_at(s, $1)%'")) {
				rs.next();
				// (pgJDBC may prepare it again once it knows the types setDate left open)
				if (rs.getInt(1) < 1)
					fail("prepareThreshold=1: no server-side statement of the query");
			}
		}

		// binary: binaryTransferEnable names indicator_series by its OID (it
		// differs between databases); prepareThreshold=-1 prepares, and so
		// transfers in binary, from the first execution.  getBytes then gives
		// the binary form, equal to indicator_series_send(s).
		long oid;
		try (Connection c = connect(""); Statement st = c.createStatement();
			 ResultSet rs = st.executeQuery("SELECT 'indicator_series'::regtype::oid")) {
			rs.next();
			oid = rs.getLong(1);
		}
		try (Connection c = connect("&binaryTransferEnable=" + oid + "&prepareThreshold=-1");
			 PreparedStatement ps = c.prepareStatement(query("series_text"))) {
			check("binary transfer", ps.executeQuery(), "series_send", new int[] {V, O},
				  new Class<?>[] {S, byte[].class}, true);
		}

		if (failures > 0) {
			System.out.println("pgjdbc: " + failures + " failures");
			System.exit(1);
		}
		System.out.println(checked + " values equal to psql's (pgJDBC " + org.postgresql.util.DriverInfo.DRIVER_VERSION
						   + ")");
	}
}
