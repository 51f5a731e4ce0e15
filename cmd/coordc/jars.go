package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/coordc/coordc/runtime/flink"
	"github.com/coordc/coordc/runtime/settings"
	"github.com/coordc/coordc/runtime/state"
)

var _ flink.JarCache = (*state.JarCache)(nil)

// useJarCache makes rt's Flink client keep its jar cache in st, so a
// restarted apply reuses the jars the last one uploaded.
func useJarCache(rt *settings.Runtime, st *state.Store) {
	if rt != nil && rt.Flink != nil {
		rt.Flink.SetJarCache(st.JarCache(rt.Flink.Endpoint()))
	}
}

// pruneJars deletes from the Flink cluster the jars coordc uploaded once
// no job of the state database is unfinished (none needs them any more),
// and forgets them. A jar the cluster no longer has is only forgotten.
func pruneJars(ctx context.Context, rt *settings.Runtime, st *state.Store, log *slog.Logger) error {
	if rt == nil || rt.Flink == nil {
		return nil
	}
	cache := st.JarCache(rt.Flink.Endpoint())
	jars, err := cache.List(ctx)
	if err != nil || len(jars) == 0 {
		return err
	}
	jobs, err := st.ListJobs(ctx)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if !j.Status.Terminal() {
			return nil
		}
	}
	for _, j := range jars {
		if err := rt.Flink.DeleteJar(ctx, j.JarID); err != nil && !errors.Is(err, flink.ErrJarNotFound) {
			return err
		}
		if err := cache.Forget(ctx, j); err != nil {
			return err
		}
		log.Info("deleted an uploaded jar no job needs", "jar_id", j.JarID, "sha256", j.SHA256)
	}
	return nil
}
