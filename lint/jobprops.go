package lint

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/coordc/coordc/compiler"
)

// JobPropertiesName is the properties file Oozie's client reads by
// convention (oozie job -config job.properties).
const JobPropertiesName = "job.properties"

// appPathKeys are the job properties that name the application a
// properties file submits, with the file Oozie reads when the path is a
// directory.
var appPathKeys = []struct{ key, file string }{
	{"oozie.coord.application.path", "coordinator.xml"},
	{"oozie.bundle.application.path", "bundle.xml"},
}

// JobProperties finds the job properties of each definition file as an
// Oozie project lays them out: the configuration's `properties` for every
// file, then the definition's own properties file — job.properties in its
// directory, else the *.properties file of the project whose
// oozie.coord.application.path (or oozie.bundle.application.path) names
// it — then the files `properties` maps to globs matching it, then the
// command line's (extra).
type JobProperties struct {
	cfg   *Config
	extra []string
	apps  []appProps
}

// appProps is a properties file and the local path suffix its application
// path names.
type appProps struct {
	file string
	dirs []string // trailing directory components of the application path
	name string   // the definition file the path names (coordinator.xml …)
	abs  []string // components of the file's absolute directory, to prefer the nearest on ties
}

// NewJobProperties scans roots (the project: the configuration's directory
// or the repository, and directories given on the command line) for
// properties files that name an application path. Hidden directories are
// skipped, and a file under two roots is read once.
func NewJobProperties(cfg *Config, roots []string, extra []string) *JobProperties {
	j := &JobProperties{cfg: cfg, extra: extra}
	seen := map[string]bool{}
	for _, root := range roots {
		j.scan(root, seen)
	}
	return j
}

func (j *JobProperties) scan(root string, seen map[string]bool) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		abs, err := filepath.Abs(path)
		if !strings.HasSuffix(d.Name(), ".properties") || err != nil || seen[abs] {
			return nil
		}
		seen[abs] = true
		params, err := compiler.ReadJobProperties(path)
		if err != nil {
			return nil
		}
		for _, k := range appPathKeys {
			if v, ok := params[k.key]; ok {
				if a, ok := parseAppPath(v, k.file); ok {
					a.file = path
					a.abs = strings.Split(filepath.ToSlash(filepath.Dir(abs)), "/")
					j.apps = append(j.apps, a)
				}
			}
		}
		return nil
	})
}

// parseAppPath reads the local part of an application path: the
// components after the scheme and authority and after the last unresolved
// ${…}, with the definition file it names.
func parseAppPath(v, dirFile string) (appProps, bool) {
	if u, err := url.Parse(v); err == nil && u.Scheme != "" && !strings.Contains(u.Scheme, "$") {
		v = u.Path
	}
	if i := strings.LastIndex(v, "}"); i >= 0 {
		v = v[i+1:]
	}
	var parts []string
	for _, p := range strings.Split(v, "/") {
		if p != "" && p != "." {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return appProps{}, false
	}
	name := dirFile
	if last := parts[len(parts)-1]; strings.HasSuffix(strings.ToLower(last), ".xml") {
		name, parts = last, parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		return appProps{}, false
	}
	return appProps{dirs: parts, name: name}, true
}

// For returns the properties files of one definition file, in the order
// they apply (later files win). HCL files get nil: they use the run's
// properties.
func (j *JobProperties) For(file string) []string {
	if strings.HasSuffix(file, ".coord.hcl") {
		return nil
	}
	out := append([]string{}, j.cfg.PropertiesFiles...)
	if own := j.own(file); own != "" {
		out = append(out, own)
	}
	rel := relTo(j.cfg.Dir, file)
	for _, m := range j.cfg.PropertyMaps {
		if MatchGlob(m.Glob, rel) {
			out = append(out, m.Files...)
		}
	}
	return append(out, j.extra...)
}

// own returns the definition's own properties file, or "".
func (j *JobProperties) own(file string) string {
	dir := filepath.Dir(file)
	if p := filepath.Join(dir, JobPropertiesName); isFile(p) {
		return p
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	comps := strings.Split(filepath.ToSlash(abs), "/")
	best, bestScore, bestNear := "", 0, 0
	for _, a := range j.apps {
		if a.name != filepath.Base(file) {
			continue
		}
		n := 0
		for n < len(a.dirs) && n < len(comps) && a.dirs[len(a.dirs)-1-n] == comps[len(comps)-1-n] {
			n++
		}
		if n == 0 {
			continue
		}
		near := commonPrefix(a.abs, comps)
		if n > bestScore || n == bestScore && (near > bestNear || near == bestNear && a.file < best) {
			best, bestScore, bestNear = a.file, n, near
		}
	}
	return best
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
