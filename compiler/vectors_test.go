package compiler_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coordc/coordc/compiler"
	"github.com/coordc/coordc/compiler/corpus"
	"github.com/coordc/coordc/compiler/diag"
	"github.com/hashicorp/hcl/v2"
)

// submitVector is a validation-error vector about Oozie's submit phase.
type submitVector struct {
	ID    string `json:"id"`
	Input struct {
		Name          string            `json:"name"`
		Frequency     string            `json:"frequency"`
		Start         string            `json:"start"`
		End           string            `json:"end"`
		Timezone      string            `json:"timezone"`
		Controls      map[string]string `json:"controls"`
		JobProperties map[string]string `json:"job_properties"`
		Datasets      []struct {
			Name     string `json:"name"`
			DoneFlag string `json:"done_flag"`
		} `json:"datasets"`
		InputEvents []struct {
			Name          string   `json:"name"`
			Instances     []string `json:"instances"`
			StartInstance string   `json:"start_instance"`
			EndInstance   string   `json:"end_instance"`
		} `json:"input_events"`
		OutputEvents []struct {
			Name     string `json:"name"`
			Instance string `json:"instance"`
		} `json:"output_events"`
		ServerConfig         map[string]any `json:"server_config"`
		JobPropertiesWithout string         `json:"job_properties_without"`
	} `json:"input"`
	Expected struct {
		Accepted        *bool           `json:"accepted"`
		Rejected        bool            `json:"rejected"`
		ErrorCode       string          `json:"error_code"`
		Error           string          `json:"error"`
		MessageContains json.RawMessage `json:"message_contains"`
		AppName         string          `json:"app_name"`
		Timeout         int             `json:"timeout"`
		TimeoutMinutes  int             `json:"timeout_minutes"`
		Concurrency     int             `json:"concurrency"`
	} `json:"expected"`
}

// submitVectorIDs are the vectors this test runs; the datetime, zone, cron
// and integer vectors are table tests of their own packages.
var submitVectorIDs = map[string]string{
	"val-instance-comma":                  "",
	"val-instance-multiple-tags-ok":       "",
	"val-instance-comma-inside-el-ok":     "",
	"val-start-instance-comma":            "",
	"val-end-instance-comma":              "",
	"val-output-instance-empty":           "",
	"val-output-comma-inside-function-ok": "",
	"val-no-datasets-ok":                  "",
	"val-no-controls-ok":                  "",
	"val-done-flag-el-ok":                 "",
	"val-app-name-el":                     "",
	"val-app-name-el-2":                   "",
	"val-reserved-property":               "",
	"val-maxfreq-ok-5":                    "",
	"val-maxfreq-ok-hours-2":              "",
	"val-maxfreq-ok-months-4":             "",
	"val-maxfreq-3":                       "",
	"val-timeout-days":                    "",
	"val-timeout-hours":                   "",
	"val-timeout-minutes":                 "",
	"doc-cron-no-actions":                 "",
	// Decisions, documented in README ("Semantics and deliberate choices"):
	"val-no-username": "accepted: the Oozie CLI always sends the submitting OS user as user.name, so a job.properties " +
		"without it is normal; coordc does not require it (coord:user() is then unknown)",
	"val-maxfreq-3-check-disabled": "rejected: coordc applies Oozie's default server configuration, in which the " +
		"5-minute check is on",
	"doc-cron-feb30":               "rejected with Oozie's code message \"Invalid coordinator cron frequency\" (the vector quotes the spec's wording)",
	"doc-6.3-ex1-start-equals-end": "rejected as the code does (E1003), not run as the spec claims",
}

func TestSubmitVectors(t *testing.T) {
	data := corpus.ReadShared(t, "reference", "vectors", "oozie-vectors.json")
	var file struct {
		Vectors []json.RawMessage `json:"vectors"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, raw := range file.Vectors {
		var head struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			t.Fatal(err)
		}
		decision, ok := submitVectorIDs[head.ID]
		if !ok {
			continue
		}
		var v submitVector
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s: %v", head.ID, err)
		}
		ran++
		t.Run(v.ID, func(t *testing.T) { runSubmitVector(t, v, decision) })
	}
	if ran != len(submitVectorIDs) {
		t.Errorf("ran %d vectors, want %d: a vector was renamed or removed", ran, len(submitVectorIDs))
	}
}

func runSubmitVector(t *testing.T, v submitVector, decision string) {
	dir := t.TempDir()
	xmlPath := filepath.Join(dir, "coordinator.xml")
	if err := os.WriteFile(xmlPath, []byte(vectorXML(v)), 0o644); err != nil {
		t.Fatal(err)
	}
	props := []string{"user.name=test"}
	if v.Input.JobPropertiesWithout == "user.name" {
		props = nil
	}
	for k, val := range v.Input.JobProperties {
		props = append(props, k+"="+val)
	}
	propsPath := filepath.Join(dir, "job.properties")
	if err := os.WriteFile(propsPath, []byte(strings.Join(props, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags := compiler.Load([]string{xmlPath}, compiler.Options{PropertiesFiles: []string{propsPath}, Strict: true})
	var text strings.Builder
	diag.WriteText(&text, diags, res.Sources)

	wantReject := v.Expected.ErrorCode != "" || v.Expected.Error != "" || v.Expected.Rejected
	switch v.ID {
	case "val-no-username":
		wantReject = false
	case "val-maxfreq-3-check-disabled", "doc-6.3-ex1-start-equals-end":
		wantReject = true
	}
	if got := diags.HasErrors(); got != wantReject {
		t.Fatalf("rejected = %v, want %v (%s)\n%s", got, wantReject, decision, text.String())
	}
	if wantReject {
		checkRejection(t, v, diags, text.String())
		return
	}
	if len(res.Project.Coordinators) != 1 {
		t.Fatalf("got %d coordinators", len(res.Project.Coordinators))
	}
	c := res.Project.Coordinators[0]
	if want := v.Expected.AppName; want != "" && c.Name.Value != want {
		t.Errorf("app name = %q, want %q", c.Name.Value, want)
	}
	for _, check := range []struct {
		name      string
		got, want int
	}{
		{"timeout", c.Controls.Timeout.Effective, v.Expected.Timeout},
		{"timeout", c.Controls.Timeout.Effective, v.Expected.TimeoutMinutes},
		{"concurrency", c.Controls.Concurrency.Effective, v.Expected.Concurrency},
	} {
		if check.want != 0 && check.got != check.want {
			t.Errorf("%s = %d, want %d", check.name, check.got, check.want)
		}
	}
}

// checkRejection checks the code and message fragments of a rejection.
func checkRejection(t *testing.T, v submitVector, diags hcl.Diagnostics, text string) {
	t.Helper()
	code := v.Expected.ErrorCode
	if v.ID == "val-reserved-property" {
		code = "E0808"
	}
	var fragments []string
	if len(v.Expected.MessageContains) > 0 {
		var one string
		if json.Unmarshal(v.Expected.MessageContains, &one) == nil {
			fragments = []string{one}
		} else {
			json.Unmarshal(v.Expected.MessageContains, &fragments)
		}
	}
	if v.ID == "doc-cron-feb30" {
		fragments = []string{"Invalid coordinator cron frequency: 0 10 30 2 *"}
	}
	for _, d := range diags {
		if d.Severity != hcl.DiagError || (code != "" && string(diag.CodeOf(d)) != code) {
			continue
		}
		msg := d.Summary + " " + d.Detail
		all := true
		for _, f := range fragments {
			all = all && strings.Contains(msg, f)
		}
		if all {
			return
		}
	}
	t.Errorf("no error with code %q containing %q:\n%s", code, fragments, text)
}

// vectorXML builds the smallest coordinator that carries a vector's input.
func vectorXML(v submitVector) string {
	in := v.Input
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<coordinator-app xmlns=\"uri:oozie:coordinator:0.2\" name=%q frequency=%q start=%q end=%q timezone=%q>\n",
		or(in.Name, "vector"), or(in.Frequency, "${coord:days(1)}"), or(in.Start, "2009-02-01T01:00Z"), or(in.End, "2009-02-03T23:59Z"), or(in.Timezone, "UTC"))
	if len(in.Controls) > 0 {
		b.WriteString("  <controls>\n")
		for _, k := range []string{"timeout", "concurrency", "execution", "throttle"} {
			if val, ok := in.Controls[k]; ok {
				fmt.Fprintf(&b, "    <%s>%s</%s>\n", k, val, k)
			}
		}
		b.WriteString("  </controls>\n")
	}
	b.WriteString("  <datasets>\n")
	b.WriteString("    <dataset name=\"ds\" frequency=\"${coord:days(1)}\" initial-instance=\"2009-01-01T01:00Z\" timezone=\"UTC\"><uri-template>file:///data/${YEAR}/${MONTH}/${DAY}</uri-template></dataset>\n")
	for _, ds := range in.Datasets {
		fmt.Fprintf(&b, "    <dataset name=%q frequency=\"${coord:days(1)}\" initial-instance=\"2009-01-01T01:00Z\" timezone=\"UTC\"><uri-template>file:///%s/${YEAR}</uri-template><done-flag>%s</done-flag></dataset>\n", ds.Name, ds.Name, ds.DoneFlag)
	}
	b.WriteString("  </datasets>\n")
	if len(in.InputEvents) > 0 {
		b.WriteString("  <input-events>\n")
		for _, e := range in.InputEvents {
			fmt.Fprintf(&b, "    <data-in name=%q dataset=\"ds\">\n", e.Name)
			for _, inst := range e.Instances {
				fmt.Fprintf(&b, "      <instance>%s</instance>\n", inst)
			}
			if e.StartInstance != "" {
				fmt.Fprintf(&b, "      <start-instance>%s</start-instance>\n      <end-instance>%s</end-instance>\n", e.StartInstance, e.EndInstance)
			}
			b.WriteString("    </data-in>\n")
		}
		b.WriteString("  </input-events>\n")
	}
	if len(in.OutputEvents) > 0 {
		b.WriteString("  <output-events>\n")
		for _, e := range in.OutputEvents {
			fmt.Fprintf(&b, "    <data-out name=%q dataset=\"ds\"><instance>%s</instance></data-out>\n", e.Name, e.Instance)
		}
		b.WriteString("  </output-events>\n")
	}
	b.WriteString("  <action><workflow><app-path>file:///app</app-path></workflow></action>\n</coordinator-app>\n")
	return b.String()
}
