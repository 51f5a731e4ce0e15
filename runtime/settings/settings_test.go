package settings_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/lint"
	"github.com/coordc/coordc/runtime/settings"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

var fileSettings = &settings.File{Filename: ".coordc.hcl", User: "etl", DefaultNameservice: "ns1",
	Nameservices: map[string][]string{"ns1": {"http://f1:9870"}, "ns2": {"http://f2:9870"}}, FlinkURL: "http://fjm:8081"}

func TestResolvePrecedence(t *testing.T) {
	for _, tc := range []struct {
		name    string
		flags   []string
		flink   string
		env     map[string]string
		file    *settings.File
		want    settings.Settings
		wantErr string
	}{
		{name: "file only", file: fileSettings, want: settings.Settings{FlinkURL: "http://fjm:8081", WebHDFS: settings.WebHDFS{
			Nameservices: fileSettings.Nameservices, DefaultNameservice: "ns1", Source: ".coordc.hcl", User: "etl"}}},
		{name: "environment over file", file: fileSettings,
			env: map[string]string{"COORDC_WEBHDFS": "ns1=http://e1:9870,http://e2:9870; ns3=http://e3:9870", "COORDC_FLINK": "http://ejm:8081"},
			want: settings.Settings{FlinkURL: "http://ejm:8081", WebHDFS: settings.WebHDFS{
				Nameservices:       map[string][]string{"ns1": {"http://e1:9870", "http://e2:9870"}, "ns3": {"http://e3:9870"}},
				DefaultNameservice: "ns1", Source: "COORDC_WEBHDFS", User: "etl"}}},
		{name: "flag over environment", file: fileSettings, flags: []string{"http://NN1:9870"}, flink: "http://jm:8081",
			env: map[string]string{"COORDC_WEBHDFS": "ns1=http://e1:9870", "COORDC_FLINK": "http://ejm:8081"},
			want: settings.Settings{FlinkURL: "http://jm:8081", WebHDFS: settings.WebHDFS{
				Nameservices: map[string][]string{"nn1": {"http://NN1:9870"}}, DefaultNameservice: "nn1", Source: "--webhdfs", User: "etl"}}},
		{name: "one nameservice is the default", flags: []string{"mycluster=http://a:9870,http://b:9870"},
			env: map[string]string{"HADOOP_USER_NAME": "alice"},
			want: settings.Settings{WebHDFS: settings.WebHDFS{Nameservices: map[string][]string{"mycluster": {"http://a:9870", "http://b:9870"}},
				DefaultNameservice: "mycluster", Source: "--webhdfs", User: "alice"}}},
		{name: "two named, no default", flags: []string{"a=http://a:9870", "b=http://b:9870"}, env: map[string]string{"HADOOP_USER_NAME": "u"},
			want: settings.Settings{WebHDFS: settings.WebHDFS{Nameservices: map[string][]string{"a": {"http://a:9870"}, "b": {"http://b:9870"}},
				Source: "--webhdfs", User: "u"}}},
		{name: "nothing", want: settings.Settings{}},
		{name: "empty name", flags: []string{"=http://a:9870"}, wantErr: `--webhdfs: "=http://a:9870" has an empty nameservice name before '='`},
		{name: "no endpoint", flags: []string{"ns1=,"}, wantErr: `--webhdfs: "ns1=," names no endpoint`},
		{name: "two unnamed", flags: []string{"http://a:9870", "http://b:9870"}, wantErr: "--webhdfs: more than one entry has no nameservice name"},
		{name: "unnamed not a URL", flags: []string{"nn1:9870"}, wantErr: `--webhdfs: endpoint "nn1:9870" must be an http:// or https:// URL`},
		{name: "duplicate", env: map[string]string{"COORDC_WEBHDFS": "a=http://a:1;a=http://b:1"}, wantErr: `COORDC_WEBHDFS: nameservice "a" is given twice`},
		{name: "bad flink", flink: "jm:8081", wantErr: `the Flink URL "jm:8081" is not an http(s) address`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := settings.Resolve(tc.flags, tc.flink, env(tc.env), tc.file)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want prefix %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestConfigFile: lint accepts the runtime block and hands it over;
// DecodeBody reports mistakes at their positions.
func TestConfigFile(t *testing.T) {
	parse := func(src string) (*settings.File, []string) {
		t.Helper()
		cfg, diags := lint.ParseConfig("/etc/coordc/.coordc.hcl", []byte(src), nil)
		f, rdiags := settings.DecodeBody(cfg.Runtime, cfg.File)
		var msgs []string
		for _, d := range append(diags, rdiags...) {
			msgs = append(msgs, d.Subject.String()+": "+d.Summary)
		}
		return f, msgs
	}
	f, msgs := parse(`include = ["**/*.xml"]
runtime {
  webhdfs {
    default_nameservice = "ns1"
    user = "etl"
    delegation_token = "tok"
    ca_file = "certs/ca.pem"
    insecure_skip_verify = true
    nameservice "ns1" {
      endpoints = ["http://nn1:9870", "http://nn2:9870"]
    }
  }
  flink {
    url = "http://jm:8081"
  }
}
`)
	want := &settings.File{Filename: "/etc/coordc/.coordc.hcl", Nameservices: map[string][]string{"ns1": {"http://nn1:9870", "http://nn2:9870"}},
		DefaultNameservice: "ns1", User: "etl", DelegationToken: "tok", CAFile: "/etc/coordc/certs/ca.pem", InsecureSkipVerify: true,
		FlinkURL: "http://jm:8081"}
	if diff := cmp.Diff(want, f); diff != "" || msgs != nil {
		t.Errorf("(-want +got):\n%s%v", diff, msgs)
	}
	for _, tc := range []struct{ src, want string }{
		{"runtime {\n  hdfs {}\n}\n", "/etc/coordc/.coordc.hcl:2,3-7: Unsupported block type"},
		{"runtime {\n  webhdfs {\n    nameservice \"a\" {\n      endpoints = []\n    }\n  }\n}\n",
			`/etc/coordc/.coordc.hcl:3,5-20: Nameservice "a" has no endpoints`},
		{"runtime {\n  webhdfs {\n    nameservice \"a\" {\n      endpoints = [\"http://a\"]\n    }\n    nameservice \"a\" {\n      endpoints = [\"http://b\"]\n    }\n  }\n}\n",
			`/etc/coordc/.coordc.hcl:6,5-20: Duplicate nameservice "a"`},
		{"runtime {\n  webhdfs {\n    default_nameservice = \"x\"\n  }\n}\n", `/etc/coordc/.coordc.hcl:2,3-10: Default nameservice "x" is not configured`},
		{"runtime {\n  flink {}\n}\n", `/etc/coordc/.coordc.hcl:2,9-9: Missing required argument`},
	} {
		if _, msgs := parse(tc.src); len(msgs) != 1 || msgs[0] != tc.want {
			t.Errorf("%q: %v, want [%s]", tc.src, msgs, tc.want)
		}
	}
	if f, msgs := parse("include = []\n"); msgs != nil || f.Nameservices != nil || f.FlinkURL != "" {
		t.Errorf("no runtime block: %+v %v", f, msgs)
	}
}

func TestBuild(t *testing.T) {
	rt, err := settings.Settings{}.Build()
	if err != nil || rt.HDFS != nil || rt.Flink != nil || rt.Storage == nil || rt.Storage.HDFS() != nil {
		t.Errorf("empty settings: %+v, %v", rt, err)
	}
	s := settings.Settings{FlinkURL: "http://jm:8081", WebHDFS: settings.WebHDFS{Source: "--webhdfs",
		Nameservices: map[string][]string{"ns1": {"http://nn:9870"}}, DefaultNameservice: "ns1", InsecureSkipVerify: true}}
	rt, err = s.Build()
	if err != nil || rt.HDFS == nil || rt.Flink == nil || rt.Storage.HDFS() != rt.HDFS {
		t.Errorf("full settings: %+v, %v", rt, err)
	}
	if got := s.Describe(); got != "webhdfs ns1=http://nn:9870; flink http://jm:8081" {
		t.Errorf("Describe = %q", got)
	}
	bad := s
	bad.WebHDFS.Nameservices = map[string][]string{"ns1": {"nn:9870"}}
	if _, err := bad.Build(); err == nil || !strings.HasPrefix(err.Error(), "WebHDFS endpoints from --webhdfs: webhdfs: nameservice \"ns1\": endpoint \"nn:9870\" must be") {
		t.Errorf("bad endpoint: %v", err)
	}
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, []byte("not a certificate"), 0o600)
	bad = s
	bad.WebHDFS.CAFile = ca
	if _, err := bad.Build(); err == nil || !strings.Contains(err.Error(), "holds no PEM certificate") {
		t.Errorf("bad CA file: %v", err)
	}
	bad.WebHDFS.CAFile = filepath.Join(t.TempDir(), "missing.pem")
	if _, err := bad.Build(); err == nil || !strings.HasPrefix(err.Error(), "WebHDFS CA file: ") {
		t.Errorf("missing CA file: %v", err)
	}
}
