package report

import (
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/lint"
)

// SARIF 2.1.0 output for code scanning. Only the properties coordc fills
// are modelled.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                   `json:"columnKind"`
	Results            []sarifResult            `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifMarkdown `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifConfig   `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMarkdown struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId,omitempty"`
	RuleIndex           *int               `json:"ruleIndex,omitempty"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifFix struct {
	ArtifactChanges []sarifChange `json:"artifactChanges"`
}

type sarifChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifByteRegion `json:"deletedRegion"`
	InsertedContent *sarifText      `json:"insertedContent,omitempty"`
}

type sarifByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

// srcRoot is the uriBaseId of files inside the repository.
const srcRoot = "SRCROOT"

// writeSARIF writes a SARIF 2.1.0 log with one run. rules are every rule
// coordc knows (listed in the driver, so rule IDs and indexes are stable),
// followed by the codes of the tool diagnostics reported (documented from
// the code catalog), so every result has a ruleId and a ruleIndex. Files
// inside the repository root are URIs relative to it, with uriBaseId
// SRCROOT (originalUriBaseIds gives the root), whatever the working
// directory; others are absolute file URIs. Columns are Unicode code
// points.
func writeSARIF(w io.Writer, r *Report, rules []*lint.Analyzer, loc Locator) error {
	driver := sarifDriver{Name: "coordc", Version: r.Tool.Version, InformationURI: "https://github.com/coordc/coordc", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, a := range rules {
		index[a.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: a.ID, Name: a.Name,
			ShortDescription:     sarifText{Text: a.Doc.Title},
			FullDescription:      sarifText{Text: a.Doc.Rationale},
			Help:                 sarifMarkdown{Text: a.Doc.Rationale, Markdown: RuleMarkdown(a)},
			HelpURI:              HelpURI(r.Tool.Version, "the-rules"),
			DefaultConfiguration: sarifConfig{Level: sarifLevel(a.Severity.String())},
		})
	}
	for _, d := range r.Diagnostics {
		if _, ok := index[d.CheckID]; ok {
			continue
		}
		index[d.CheckID] = len(driver.Rules)
		doc, ok := diag.Lookup(diag.Code(d.CheckID))
		if !ok {
			doc = diag.CodeDoc{Code: diag.Code(d.CheckID), Title: "Undocumented code " + d.CheckID, Doc: "This code has no entry in coordc's catalog; please report it."}
		}
		driver.Rules = append(driver.Rules, sarifRule{
			ID: d.CheckID, Name: kebab(doc.Title),
			ShortDescription:     sarifText{Text: doc.Title},
			FullDescription:      sarifText{Text: doc.Doc},
			Help:                 sarifMarkdown{Text: doc.Doc, Markdown: CodeMarkdown(doc)},
			HelpURI:              HelpURI(r.Tool.Version, "diagnostic-codes"),
			DefaultConfiguration: sarifConfig{Level: sarifLevel(d.Severity)},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	if loc.Root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: dirURI(loc.Root)}}
	}
	for _, d := range r.Diagnostics {
		i := index[d.CheckID]
		res := sarifResult{RuleID: d.CheckID, RuleIndex: &i, Level: sarifLevel(d.Severity), Message: sarifText{Text: sarifMessage(d)}}
		if d.File != "" {
			l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: loc.artifact(d.File)}}
			if d.Range != nil {
				l.PhysicalLocation.Region = &sarifRegion{StartLine: d.Range.Start.Line, StartColumn: d.Range.Start.Column, EndLine: d.Range.End.Line, EndColumn: d.Range.End.Column}
			}
			res.Locations = []sarifLocation{l}
		}
		if d.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{"coordc/v1": d.Fingerprint}
		}
		if d.Suppression != nil {
			res.Suppressions = []sarifSuppression{{Kind: d.Suppression.Kind, Justification: d.Suppression.Reason}}
		}
		if d.Fix != nil {
			change := sarifChange{ArtifactLocation: loc.artifact(d.File)}
			for _, e := range d.Fix.Edits {
				rep := sarifReplacement{DeletedRegion: sarifByteRegion{ByteOffset: e.Range.Start.Byte, ByteLength: e.Range.End.Byte - e.Range.Start.Byte}}
				if e.NewText != "" {
					rep.InsertedContent = &sarifText{Text: e.NewText}
				}
				change.Replacements = append(change.Replacements, rep)
			}
			res.Fixes = []sarifFix{{ArtifactChanges: []sarifChange{change}}}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// Locator places the file names of a report for SARIF: names relative to
// Dir (the working directory when empty) are made relative to Root, the
// repository root (no uriBaseId when empty).
type Locator struct {
	Root string
	Dir  string
}

func (l Locator) artifact(name string) sarifArtifact {
	if l.Root == "" {
		return sarifArtifact{URI: fileURI(name)}
	}
	abs := name
	if !filepath.IsAbs(abs) {
		dir := l.Dir
		if dir == "" {
			dir, _ = os.Getwd()
		}
		abs = filepath.Join(dir, name)
	}
	rel, err := filepath.Rel(l.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarifArtifact{URI: fileURI(abs)}
	}
	return sarifArtifact{URI: fileURI(rel), URIBaseID: srcRoot}
}

// kebab writes an ASCII title as a kebab-case rule name: "XML schema
// error" is "xml-schema-error".
func kebab(title string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}), "-")
}

// dirURI is the file URI of a directory, ending in a slash as SARIF wants
// for a base.
func dirURI(dir string) string {
	u := fileURI(filepath.Clean(dir))
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// releaseTag matches a release version (v1.2.3), not a pseudo-version or
// "(devel)".
var releaseTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`) })

// HelpURI is the documentation of a rule or code: a section of the README
// at the release tag of version ("main" for a development build).
func HelpURI(version, section string) string {
	ref := "main"
	if releaseTag().MatchString(version) {
		ref = version
	}
	return "https://github.com/coordc/coordc/blob/" + ref + "/README.md#" + section
}

func sarifLevel(severity string) string {
	if severity == "info" {
		return "note"
	}
	return severity
}

// sarifMessage is the message and the detail, as code scanning shows one
// text.
func sarifMessage(d Diagnostic) string {
	if d.Detail == "" {
		return d.Message
	}
	return d.Message + "\n\n" + d.Detail
}

// fileURI makes a relative URI of a relative path and a file URI of an
// absolute one, with every segment escaped.
func fileURI(name string) string {
	slashed := filepath.ToSlash(name)
	u := url.URL{Path: slashed}
	if filepath.IsAbs(name) {
		u.Scheme = "file"
		if !strings.HasPrefix(slashed, "/") {
			u.Path = "/" + slashed
		}
	}
	return u.String()
}
