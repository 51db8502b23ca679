package archfixture.connector;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A connector helper that reads the database. */
public class Queries {
    public int count(JdbcClient jdbc) {
        return jdbc.sql("select 1").query(Integer.class).single();
    }
}
