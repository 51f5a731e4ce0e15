package state

import (
	"context"
	"fmt"
	"time"

	"github.com/coordc/coordc/runtime/sqltable"
)

// CachedJar is a jar coordc uploaded to a Flink cluster (a flink_jars row).
type CachedJar struct {
	Endpoint string // the Flink REST base URL
	SHA256   string // of the jar's bytes
	JarID    string // the id Flink gave the upload
	Uploaded time.Time
}

// flinkJars declares the flink_jars columns.
var flinkJars = &sqltable.Table[CachedJar]{Name: "flink_jars", Cols: []sqltable.Column[CachedJar]{
	sqltable.Text("endpoint", func(j *CachedJar) *string { return &j.Endpoint }),
	sqltable.Text("sha256", func(j *CachedJar) *string { return &j.SHA256 }),
	sqltable.Text("jar_id", func(j *CachedJar) *string { return &j.JarID }),
	timestamp("uploaded_time", func(j *CachedJar) *time.Time { return &j.Uploaded }),
}}

// JarCache is the jar-id cache of the Flink client for one endpoint, kept
// in the flink_jars table so that a restarted apply reuses the uploads of
// the last one (the client checks every cached id against GET /jars before
// using it). It has the methods of flink.JarCache. A failed read counts as
// a miss and a failed write is dropped: the worst outcome is one more
// upload, never a wrong jar.
type JarCache struct {
	s        *Store
	endpoint string
}

// JarCache returns the jar cache of the Flink endpoint (its REST base URL).
func (s *Store) JarCache(endpoint string) *JarCache { return &JarCache{s: s, endpoint: endpoint} }

// Get returns the cached jar id of a content hash.
func (c *JarCache) Get(sha256 string) (string, bool) {
	jars, err := c.s.reader().cachedJars(context.Background(), `WHERE endpoint = ? AND sha256 = ?`, c.endpoint, sha256)
	if err != nil || len(jars) == 0 {
		return "", false
	}
	return jars[0].JarID, true
}

// Put records the jar id of a content hash.
func (c *JarCache) Put(sha256, jarID string) {
	row := CachedJar{Endpoint: c.endpoint, SHA256: sha256, JarID: jarID, Uploaded: c.s.now()}
	c.s.w.ExecContext(context.Background(), flinkJars.Insert()+
		` ON CONFLICT (endpoint, sha256) DO UPDATE SET jar_id = excluded.jar_id, uploaded_time = excluded.uploaded_time`,
		flinkJars.Values(&row)...)
}

// Delete forgets a content hash.
func (c *JarCache) Delete(sha256 string) {
	c.s.w.ExecContext(context.Background(), `DELETE FROM flink_jars WHERE endpoint = ? AND sha256 = ?`, c.endpoint, sha256)
}

// List returns the endpoint's cached jars, oldest first.
func (c *JarCache) List(ctx context.Context) ([]CachedJar, error) {
	return c.s.reader().cachedJars(ctx, `WHERE endpoint = ? ORDER BY uploaded_time, sha256`, c.endpoint)
}

// Forget removes the row of a jar deleted from the cluster, unless the row
// names another id by now.
func (c *JarCache) Forget(ctx context.Context, j CachedJar) error {
	if _, err := c.s.w.ExecContext(ctx, `DELETE FROM flink_jars WHERE endpoint = ? AND sha256 = ? AND jar_id = ?`,
		c.endpoint, j.SHA256, j.JarID); err != nil {
		return fmt.Errorf("forget jar %s: %w", j.JarID, err)
	}
	return nil
}

func (t *Tx) cachedJars(ctx context.Context, tail string, args ...any) ([]CachedJar, error) {
	rows, err := t.q.QueryContext(ctx, flinkJars.SelectFrom()+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("read flink jars: %w", err)
	}
	out, err := flinkJars.ScanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("read flink jars: %w", err)
	}
	return out, nil
}
