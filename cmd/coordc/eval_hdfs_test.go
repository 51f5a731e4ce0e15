package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coordc/coordc/runtime/webhdfs/webhdfsfake"
)

// hdfsCoordinator is testdata/latest/coordinator.xml with its dataset on
// hdfs://ns1.
const hdfsCoordinator = `<coordinator-app name="latest" xmlns="uri:oozie:coordinator:0.2"
    frequency="${coord:days(1)}" start="2009-01-05T00:00Z" end="2009-01-10T00:00Z" timezone="UTC">
  <datasets>
    <dataset name="days" frequency="${coord:days(1)}" initial-instance="2009-01-01T00:00Z" timezone="UTC">
      <uri-template>hdfs://ns1/data/${YEAR}/${MONTH}/${DAY}</uri-template>
    </dataset>
  </datasets>
  <input-events><data-in name="days" dataset="days"><instance>${coord:latest(0)}</instance></data-in></input-events>
  <action><workflow><app-path>/apps/latest</app-path></workflow></action>
</coordinator-app>
`

// TestEvalLatestHDFS resolves coord:latest against HDFS, the endpoints
// given by flag, by environment or by .coordc.hcl, the flag winning.
func TestEvalLatestHDFS(t *testing.T) {
	fake := webhdfsfake.New(webhdfsfake.Options{})
	t.Cleanup(fake.Close)
	for _, day := range []string{"2009/01/01", "2009/01/02"} {
		fake.WriteFile("/data/"+day+"/_SUCCESS", nil)
	}
	fake.MkdirAll("/data/2009/01/04") // no _SUCCESS: not ready
	dir := t.TempDir()
	def := filepath.Join(dir, "coordinator.xml")
	if err := os.WriteFile(def, []byte(hdfsCoordinator), 0o644); err != nil {
		t.Fatal(err)
	}
	nn := fake.NameNodeURLs()[0]
	eval := func(extra ...string) (string, string, int) {
		args := append([]string{"eval"}, extra...)
		args = append(args, "--nominal-time", "2009-01-05T00:00Z", "--data-in", "days", def, "${coord:latest(0)}")
		return coordc(t, args...)
	}
	t.Chdir(dir)
	t.Setenv("COORDC_WEBHDFS", "")
	t.Setenv("HADOOP_USER_NAME", "etl")

	if _, stderr, code := eval(); code != exitProblems || !strings.Contains(stderr, "no WebHDFS endpoint is configured") {
		t.Errorf("without endpoints: exit %d, %s", code, stderr)
	}
	stdout, stderr, code := eval("--webhdfs", "ns1="+nn)
	if code != exitOK {
		t.Fatalf("flag: exit %d: %s", code, stderr)
	}
	if diff := cmp.Diff("2009-01-02T00:00Z\n", stdout); diff != "" {
		t.Errorf("flag (-want +got):\n%s", diff)
	}
	t.Setenv("COORDC_WEBHDFS", "ns1="+nn)
	if stdout, stderr, code := eval(); code != exitOK || stdout != "2009-01-02T00:00Z\n" {
		t.Errorf("environment: exit %d, %q, %s", code, stdout, stderr)
	}
	if _, _, code := eval("--webhdfs", "ns1=http://127.0.0.1:1"); code == exitOK {
		t.Error("the flag did not win over the environment")
	}
	t.Setenv("COORDC_WEBHDFS", "")
	conf := "runtime {\n  webhdfs {\n    nameservice \"ns1\" {\n      endpoints = [\"" + nn + "\"]\n    }\n  }\n}\n"
	if err := os.WriteFile(filepath.Join(dir, ".coordc.hcl"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, code := eval(); code != exitOK || stdout != "2009-01-02T00:00Z\n" {
		t.Errorf("configuration file: exit %d, %q, %s", code, stdout, stderr)
	}
	bad := "runtime {\n  webhdfs {\n    nameservice \"ns1\" {\n      endpoint = [\"" + nn + "\"]\n    }\n  }\n}\n"
	if err := os.WriteFile(filepath.Join(dir, ".coordc.hcl"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := eval(); code != exitUsage || !strings.Contains(stderr, ".coordc.hcl:4:7") {
		t.Errorf("invalid configuration: exit %d, %s", code, stderr)
	}
}
