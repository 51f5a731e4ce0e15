package settings

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/coordc/coordc/runtime/flinksql"
)

// EnvFlinkSQLGateway is the SQL Gateway address of flink-sql actions, read
// by FromCLI below --flink-sql-gateway and above the flink_sql block.
const EnvFlinkSQLGateway = "COORDC_FLINK_SQL_GATEWAY"

// FlagFlinkSQLGateway is the SQL Gateway flag.
const FlagFlinkSQLGateway = "flink-sql-gateway"

// FlinkSQLBlock is the flink_sql block of the runtime block: the Flink SQL
// Gateway of flink-sql actions.
type FlinkSQLBlock struct {
	// URL is the gateway's REST address.
	URL string `hcl:"url"`
	// APIVersion is the REST API version (v1–v4); "" asks the gateway.
	APIVersion string `hcl:"api_version,optional"`
	// Timeout bounds how long one flink-sql action runs (a Go duration
	// such as "2h"); "" means no bound.
	Timeout string `hcl:"timeout,optional"`
}

// FlinkSQL are the resolved SQL Gateway settings; URL "" means none.
type FlinkSQL struct {
	URL, APIVersion string
	Timeout         time.Duration
}

// ResolveFlinkSQL applies the precedence flag > environment > file to the
// gateway address; the API version and the timeout come from the file.
func ResolveFlinkSQL(flag string, getenv func(string) string, file *File) (FlinkSQL, error) {
	var b FlinkSQLBlock
	if file != nil && file.FlinkSQL != nil {
		b = *file.FlinkSQL
	}
	s := FlinkSQL{URL: firstOf(flag, getenv(EnvFlinkSQLGateway), b.URL), APIVersion: strings.ToLower(strings.TrimSpace(b.APIVersion))}
	if s.URL == "" {
		return FlinkSQL{}, nil
	}
	if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return s, fmt.Errorf("the Flink SQL Gateway URL %q is not an http(s) address such as http://gateway:8083", s.URL)
	}
	if s.APIVersion != "" && !slices.Contains(flinksql.Versions, s.APIVersion) {
		return s, fmt.Errorf("flink_sql api_version %q is not one of %s", b.APIVersion, strings.Join(flinksql.Versions, ", "))
	}
	if b.Timeout != "" {
		d, err := time.ParseDuration(b.Timeout)
		if err != nil || d <= 0 {
			return s, fmt.Errorf("flink_sql timeout %q is not a positive duration such as \"2h\"", b.Timeout)
		}
		s.Timeout = d
	}
	return s, nil
}

// build makes the gateway client; nil when no gateway is configured.
func (s FlinkSQL) build() (*flinksql.Client, error) {
	if s.URL == "" {
		return nil, nil
	}
	return flinksql.New(flinksql.Config{BaseURL: s.URL, Version: s.APIVersion})
}
