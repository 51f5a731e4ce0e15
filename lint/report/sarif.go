package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

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
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
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
	URI string `json:"uri"`
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

// writeSARIF writes a SARIF 2.1.0 log with one run. rules are every rule
// coordc knows (listed in the driver, so rule IDs and indexes are stable);
// tool diagnostics carry their code as ruleId without an index. Columns
// are Unicode code points.
func writeSARIF(w io.Writer, r *Report, rules []*lint.Analyzer) error {
	driver := sarifDriver{Name: "coordc", Version: r.Tool.Version, InformationURI: "https://github.com/coordc/coordc", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, a := range rules {
		index[a.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID: a.ID, Name: a.Name,
			ShortDescription:     sarifText{Text: a.Doc.Title},
			FullDescription:      sarifText{Text: a.Doc.Rationale},
			Help:                 sarifMarkdown{Text: a.Doc.Rationale, Markdown: RuleMarkdown(a)},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(a.Severity.String())},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, d := range r.Diagnostics {
		res := sarifResult{RuleID: d.Code, Level: sarifLevel(d.Severity), Message: sarifText{Text: sarifMessage(d)}}
		if i, ok := index[d.RuleID]; ok {
			res.RuleIndex = &i
		}
		if d.File != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(d.File)}}}
			if d.Range != nil {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Range.Start.Line, StartColumn: d.Range.Start.Column, EndLine: d.Range.End.Line, EndColumn: d.Range.End.Column}
			}
			res.Locations = []sarifLocation{loc}
		}
		if d.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{"coordc/v1": d.Fingerprint}
		}
		if d.Suppression != nil {
			res.Suppressions = []sarifSuppression{{Kind: d.Suppression.Kind, Justification: d.Suppression.Reason}}
		}
		if d.Fix != nil {
			change := sarifChange{ArtifactLocation: sarifArtifact{URI: fileURI(d.File)}}
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
