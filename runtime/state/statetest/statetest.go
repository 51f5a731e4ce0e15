// Package statetest runs a package's state-touching tests on both state
// backends: SQLite always, PostgreSQL when COORDC_TEST_POSTGRES is set (a
// libpq URL or keyword/value string of a server the tests may create
// schemas in). Under COORDC_REQUIRE_SHARED=1 a PostgreSQL that is not
// configured or not reachable fails the run instead of being skipped.
//
// A package calls Main from its TestMain and Target wherever a test needs a
// state database: a file in the test's temporary directory on SQLite, a
// postgres:// URL whose search_path is a schema of the test's own (dropped
// when the test ends) on PostgreSQL.
package statetest

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// EnvPostgres names the PostgreSQL server the tests use.
const EnvPostgres = "COORDC_TEST_POSTGRES"

var (
	postgres bool    // the current pass is on PostgreSQL
	admin    *sql.DB // creates and drops the tests' schemas
	adminCfg *pgx.ConnConfig
	serial   atomic.Int64
)

// Main runs the tests of m on SQLite and then, when COORDC_TEST_POSTGRES is
// set, the tests matching pgTests (a -run pattern; "" for all) again on
// PostgreSQL, and exits.
func Main(m *testing.M, pgTests string) {
	code := m.Run()
	conn := os.Getenv(EnvPostgres)
	required := os.Getenv("COORDC_REQUIRE_SHARED") == "1"
	if conn == "" {
		if required {
			fmt.Fprintf(os.Stderr, "statetest: COORDC_REQUIRE_SHARED=1 but %s is not set: the PostgreSQL backend cannot be tested\n", EnvPostgres)
			code = 1
		}
		os.Exit(code)
	}
	if err := connect(conn); err != nil {
		fmt.Fprintf(os.Stderr, "statetest: PostgreSQL from %s: %v\n", EnvPostgres, err)
		os.Exit(1)
	}
	if pgTests != "" {
		if run := flag.Lookup("test.run"); run != nil && run.Value.String() == "" {
			run.Value.Set(pgTests)
		}
	}
	postgres = true
	fmt.Println("statetest: running the tests again on PostgreSQL")
	if c := m.Run(); c != 0 {
		code = c
	}
	admin.Close()
	os.Exit(code)
}

// connect opens the admin connection and checks the server answers.
func connect(conn string) error {
	cfg, err := pgx.ParseConfig(conn)
	if err != nil {
		return err
	}
	adminCfg = cfg
	admin = stdlib.OpenDB(*cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return admin.PingContext(ctx)
}

// Postgres reports whether the tests run on PostgreSQL now.
func Postgres() bool { return postgres }

// SQLiteOnly skips a test that checks something only a SQLite file has
// (file modes, PRAGMAs, a database file written by an old coordc) in the
// PostgreSQL pass.
func SQLiteOnly(tb testing.TB) {
	tb.Helper()
	if postgres {
		tb.Skip("SQLite only: the PostgreSQL pass does not apply")
	}
}

// Target is a fresh state database for tb: <tb.TempDir()>/name on SQLite, a
// postgres:// URL with a new schema of its own on PostgreSQL.
func Target(tb testing.TB, name string) string {
	tb.Helper()
	if !postgres {
		return filepath.Join(tb.TempDir(), name)
	}
	return Schema(tb)
}

var unsafe = regexp.MustCompile(`[^a-z0-9]+`)

// Schema creates a schema for tb on the PostgreSQL server (dropped at the
// end of the test) and returns the postgres:// URL that selects it.
func Schema(tb testing.TB) string {
	tb.Helper()
	if admin == nil {
		tb.Fatalf("statetest.Schema outside the PostgreSQL pass (call statetest.Main from TestMain)")
	}
	base := strings.Trim(unsafe.ReplaceAllString(strings.ToLower(tb.Name()), "_"), "_")
	if len(base) > 40 {
		base = base[:40]
	}
	schema := fmt.Sprintf("t%d_%d_%s", os.Getpid(), serial.Add(1), base)
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatalf("create schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return URL(schema)
}

// URL is the postgres:// URL of the test server with search_path schema.
func URL(schema string) string {
	q := url.Values{}
	q.Set("host", adminCfg.Host)
	q.Set("port", strconv.Itoa(int(adminCfg.Port)))
	q.Set("search_path", schema)
	u := url.URL{Scheme: "postgres", Path: "/" + adminCfg.Database, RawQuery: q.Encode()}
	if adminCfg.Password != "" {
		u.User = url.UserPassword(adminCfg.User, adminCfg.Password)
	} else {
		u.User = url.User(adminCfg.User)
	}
	return u.String()
}
