// Package corpus locates the shared corpus of real Oozie definitions
// (../shared/corpus/oozie) for coordc's tests and describes each file: its
// origin, its root element, the job.properties files that sat beside it in
// its repository, and the feature tags of FEATURES.tsv. It reads the corpus
// in place; the third-party files are never copied into the project.
package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Entry is one definition file of the corpus.
type Entry struct {
	// File is the absolute path of the local copy.
	File string
	// Local is the path relative to the corpus root (as in MANIFEST.tsv).
	Local string
	// Repo and Path locate the file in its original repository.
	Repo, Path string
	// Root is the root element: coordinator-app, bundle-app, datasets, ...
	Root string
	// Properties are the .properties files from the same original
	// directory, sorted by name.
	Properties []string
	// Tags are the lint_tags of FEATURES.tsv (e.g. "tz-invalid",
	// "missing-attr:frequency").
	Tags []string
	// Features are all columns of FEATURES.tsv for the file.
	Features map[string]string
}

// HasTag reports whether the entry carries tag (a tag "a:b" matches "a").
func (e *Entry) HasTag(tag string) bool {
	for _, t := range e.Tags {
		if t == tag || strings.HasPrefix(t, tag+":") {
			return true
		}
	}
	return false
}

// ErrMissing is returned when ../shared (the reference material and the
// corpus) is not beside the repository.
var ErrMissing = errors.New("../shared (reference material and corpus) is not beside the repository")

// Dir returns the corpus root, ../shared/corpus/oozie beside the
// repository.
func Dir() (string, error) {
	shared, err := SharedDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(shared, "corpus", "oozie"), nil
}

// Load reads MANIFEST.tsv and FEATURES.tsv and returns every definition
// (every file that is not a .properties file), sorted by Local.
func Load() ([]*Entry, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	manifest, err := readTSV(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return nil, err
	}
	features, err := readTSV(filepath.Join(dir, "FEATURES.tsv"))
	if err != nil {
		return nil, err
	}
	byFile := map[string]map[string]string{}
	for _, f := range features {
		byFile[f["local_file"]] = f
	}
	propsByDir := map[string][]string{}
	var out []*Entry
	for _, m := range manifest {
		file := filepath.Join(dir, filepath.FromSlash(m["local_file"]))
		key := m["repo"] + "\x00" + path.Dir(m["path"])
		if m["root_element"] == "properties" {
			propsByDir[key] = append(propsByDir[key], file)
			continue
		}
		e := &Entry{File: file, Local: m["local_file"], Repo: m["repo"], Path: m["path"], Root: m["root_element"], Features: byFile[m["local_file"]]}
		if tags := e.Features["lint_tags"]; tags != "" {
			e.Tags = strings.Split(tags, ";")
		}
		out = append(out, e)
	}
	for _, e := range out {
		ps := propsByDir[e.Repo+"\x00"+path.Dir(e.Path)]
		sort.Strings(ps)
		e.Properties = dedupe(ps)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Local < out[j].Local })
	return out, nil
}

func dedupe(ss []string) []string {
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func readTSV(file string) ([]map[string]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		rows = append(rows, row)
	}
}
