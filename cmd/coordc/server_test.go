package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/server"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServer starts `coordc server` as a child process on stateArg and
// waits until /readyz answers 200; it returns the child and the base URL.
func startServer(t *testing.T, dir, stateArg string, extra ...string) (*child, string) {
	t.Helper()
	addr := freeAddr(t)
	args := append([]string{"server", "--listen", addr, "--state", stateArg, "--log-dir", filepath.Join(dir, "logs"), "--poll-interval", "100ms"}, extra...)
	c := startChild(t, dir, args...)
	t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
	url := "http://" + addr
	waitReady(t, url)
	return c, url
}

// api makes one request to the server and returns the status and body.
func api(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/xml;charset=UTF-8")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// coordInfo is GET /oozie/v2/job/{id}?show=info&len=100 decoded.
func coordInfo(t *testing.T, url, job string) (status string, actions map[int]string) {
	t.Helper()
	code, body := api(t, "GET", url+"/oozie/v2/job/"+job+"?show=info&len=100", "")
	if code != 200 {
		t.Fatalf("show=info: %d %s", code, body)
	}
	var info struct {
		Status  string `json:"status"`
		Actions []struct {
			Number int    `json:"actionNumber"`
			Status string `json:"status"`
		} `json:"actions"`
	}
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		t.Fatal(err)
	}
	actions = map[int]string{}
	for _, a := range info.Actions {
		actions[a.Number] = a.Status
	}
	return info.Status, actions
}

// sameBothWays runs an ops command against the server and on the state
// database and requires identical stdout, stderr and exit code.
func sameBothWays(t *testing.T, url, stateArg string, args ...string) string {
	t.Helper()
	o1, e1, c1 := coordc(t, append(args, "--server", url)...)
	o2, e2, c2 := coordc(t, append(args, "--state", stateArg)...)
	if o1 != o2 || e1 != e2 || c1 != c2 {
		t.Errorf("coordc %s differs:\n--server: exit %d\n%s%s\n--state: exit %d\n%s%s", strings.Join(args, " "), c1, o1, e1, c2, o2, e2)
	}
	return o1
}

// submitLocal posts the local example's configuration through the API.
func submitLocal(t *testing.T, url, root string) string {
	t.Helper()
	example, err := filepath.Abs(localExample + "/coordinator.xml")
	if err != nil {
		t.Fatal(err)
	}
	conf := server.ConfigurationXML(map[string]string{"oozie.coord.application.path": "file://" + example, "root": root, "user.name": "tester"})
	code, body := api(t, "POST", url+"/oozie/v2/jobs", string(conf))
	if code != http.StatusCreated {
		t.Fatalf("submit: %d %s", code, body)
	}
	var out struct{ ID string }
	json.Unmarshal([]byte(body), &out)
	return out.ID
}

// serverAcceptance is the acceptance run on one state (a SQLite path or a
// PostgreSQL URL): submit the local example through the API, watch it to
// completion through the API and the CLI, suspend, rerun, kill and rerun
// actions, read logs, stop with SIGTERM.
func serverAcceptance(t *testing.T, stateArg string) {
	dir := t.TempDir()
	c, url := startServer(t, dir, stateArg)
	root := filepath.Join(dir, "root")
	job := submitLocal(t, url, root)
	// coordc submit of the same definition and properties is the same job.
	example, _ := filepath.Abs(localExample)
	if out, errOut, code := coordc(t, "submit", example, "-D", "root="+root, "--server", url); code != exitOK || out != "job: "+job+"\n" {
		t.Errorf("coordc submit: exit %d %q %s", code, out, errOut)
	}
	// With the properties in a file, the same job again.
	props := filepath.Join(dir, "job.properties")
	os.WriteFile(props, []byte("root = "+root+"\n"), 0o644)
	if out, errOut, code := coordc(t, "submit", example, "--properties", props, "--server", url); code != exitOK || out != "job: "+job+"\n" {
		t.Errorf("coordc submit --properties: exit %d %q %s", code, out, errOut)
	}
	// And a submission with an error gets the positioned diagnostics.
	if _, errOut, code := coordc(t, "submit", example, "--server", url); code != exitProblems || !strings.Contains(errOut, "coordinator.xml:15:13: error: Required parameter \"root\"") {
		t.Errorf("submit without root: exit %d\n%s", code, errOut)
	}
	waitJob := func(what string, cond func(string, map[int]string) bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			st, acts := coordInfo(t, url, job)
			if cond(st, acts) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s: job %s, actions %v\n%s", what, st, acts, c.stderr)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	allSucceeded := func(st string, acts map[int]string) bool {
		return st == "SUCCEEDED" && len(acts) == 3 && acts[1] == "SUCCEEDED" && acts[2] == "SUCCEEDED" && acts[3] == "SUCCEEDED"
	}
	waitJob("the job to succeed", allSucceeded)
	// Watched through the CLI too: the same output either way.
	if out := sameBothWays(t, url, stateArg, "status", job); !strings.Contains(out, "Status : SUCCEEDED") {
		t.Errorf("status:\n%s", out)
	}
	sameBothWays(t, url, stateArg, "jobs")
	sameBothWays(t, url, stateArg, "jobs", "-o", "json")
	sameBothWays(t, url, stateArg, "status", "-o", "json")
	sameBothWays(t, url, stateArg, "status", "0000099-nope-C")
	sameBothWays(t, url, stateArg, "kill", job) // a finished job: refused the same way
	if out := sameBothWays(t, url, stateArg, "logs", job, "--action", "2"); !strings.Contains(out, "==> action "+job+"@2") {
		t.Errorf("logs:\n%s", out)
	}
	sameBothWays(t, url, stateArg, "logs", "0000099-nope-C")
	// status's Oozie -info options, JOB@N and --verbose: the same either way.
	if out := sameBothWays(t, url, stateArg, "status", job, "--filter", "status=SUCCEEDED", "--len", "1", "--offset", "2", "--order", "desc"); !strings.Contains(out, "(1 of 3 matching actions shown") {
		t.Errorf("status --filter --len --offset --order:\n%s", out)
	}
	sameBothWays(t, url, stateArg, "status", job, "--filter", "status!=KILLED;nominaltime>=2000-01-01T00:00Z", "-o", "json", "--len", "2")
	if out := sameBothWays(t, url, stateArg, "status", job, "--verbose"); !strings.Contains(out, "Concurrency  :") {
		t.Errorf("status --verbose:\n%s", out)
	}
	sameBothWays(t, url, stateArg, "status", "--verbose", "--len", "0")
	sameBothWays(t, url, stateArg, "status", job, "--filter", "colour=red")
	if out := sameBothWays(t, url, stateArg, "status", job+"@2"); !strings.Contains(out, "Workflow "+job+"@2-W") {
		t.Errorf("status JOB@N:\n%s", out)
	}
	if out := sameBothWays(t, url, stateArg, "status", job+"@2", "--verbose"); !strings.Contains(out, "launcher: process") {
		t.Errorf("status JOB@N --verbose:\n%s", out)
	}
	sameBothWays(t, url, stateArg, "status", job+"@2", "--verbose", "-o", "json")
	sameBothWays(t, url, stateArg, "status", job+"@9")
	// change, ignore and update: accepted and refused alike.
	if out := sameBothWays(t, url, stateArg, "change", job, "--concurrency", "2"); out != "job "+job+" changed\n" {
		t.Errorf("change: %q", out)
	}
	sameBothWays(t, url, stateArg, "change", job, "--pausetime", "2001-01-01T00:00Z")
	sameBothWays(t, url, stateArg, "change", "0000099-nope-C", "--concurrency", "2")
	sameBothWays(t, url, stateArg, "ignore", job)
	sameBothWays(t, url, stateArg, "ignore", job, "--action", "1-2")
	sameBothWays(t, url, stateArg, "update", job, "--dry-run", "-D", "root="+root, "-D", "team=blue")
	sameBothWays(t, url, stateArg, "update", job)
	// Metrics of the run.
	if code, body := api(t, "GET", url+"/metrics", ""); code != 200 || !strings.Contains(body, `coordc_actions{status="SUCCEEDED"} 3`) ||
		strings.Contains(body, "coordc_tick_duration_seconds_count 0\n") || strings.Contains(body, "coordc_action_launch_latency_seconds_count 0\n") ||
		!strings.Contains(body, `coordc_http_requests_total{code="201",method="POST",route="POST /oozie/v2/jobs"} 3`) {
		t.Errorf("metrics: %d\n%s", code, grepLines(body, "coordc_"))
	}
	// Logs through Oozie's API.
	if code, body := api(t, "GET", url+"/oozie/v2/job/"+job+"@1?show=log", ""); code != 200 || !strings.Contains(body, "--- stdout") {
		t.Errorf("show=log: %d\n%s", code, body)
	}

	// Suspend, rerun action 3 (it waits, the job being suspended), kill it
	// through the API, resume, rerun it through the CLI: it runs again.
	for _, args := range [][]string{{"rerun", job, "--action", "3"}, {"suspend", job}} {
		if out, errOut, code := coordc(t, append(args, "--server", url)...); code != exitOK {
			t.Fatalf("%v: exit %d %s%s", args, code, out, errOut)
		}
	}
	if code, body := api(t, "PUT", url+"/oozie/v2/job/"+job+"?action=kill&type=action&scope=3", ""); code != 200 {
		// The rerun may have started before the suspension: then it ran.
		t.Logf("kill action 3: %d %s", code, body)
	}
	if code, body := api(t, "PUT", url+"/oozie/v2/job/"+job+"?action=resume", ""); code != 200 {
		t.Fatalf("resume: %d %s", code, body)
	}
	// The rerun below may race with the tick that finishes the job: the
	// rerun and the status transit serialize on the job's lock, so the
	// job runs the rerun whichever comes first.
	waitJob("action 3 to be finished", func(st string, acts map[int]string) bool {
		return acts[3] == "KILLED" || acts[3] == "SUCCEEDED"
	})
	if out, errOut, code := coordc(t, "rerun", job, "--action", "3", "--server", url); code != exitOK || out != "actions of job "+job+" rerun\n" {
		t.Fatalf("rerun through the CLI: exit %d %s%s", code, out, errOut)
	}
	waitJob("the reruns to succeed", allSucceeded)
	rep := statusOf(t, "--state", stateArg)
	if got := rep.Jobs[0].Actions[2].ExternalID; !strings.HasPrefix(got, job+"@3-W") || got == job+"@3-W0" {
		t.Errorf("action 3 ran as %s, want a rerun's workflow", got)
	}

	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { done <- c.wait() }()
	select {
	case code := <-done:
		if code != exitOK || !strings.Contains(c.stderr.String(), "no new work is claimed") {
			t.Errorf("after SIGTERM: exit %d\n%s", code, c.stderr)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("the server did not stop after SIGTERM")
	}
}

func TestServerAcceptanceSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts coordc server as a child process: skipped with -short")
	}
	serverAcceptance(t, filepath.Join(t.TempDir(), "state.db"))
}

// postgresState is a fresh PostgreSQL state (a schema of the test's own) in
// the PostgreSQL pass of statetest.Main; the test skips in the SQLite pass.
func postgresState(t *testing.T) string {
	t.Helper()
	if !statetest.Postgres() {
		t.Skip("runs in the PostgreSQL pass (COORDC_TEST_POSTGRES)")
	}
	return statetest.Schema(t)
}

func TestServerAcceptancePostgres(t *testing.T) {
	serverAcceptance(t, postgresState(t))
}

// TestTwoServersOnePostgres: two servers share one PostgreSQL state; one
// is SIGKILLed while the job runs; the other finishes it, every action run
// exactly once (one workflow, -W0, per action).
func TestTwoServersOnePostgres(t *testing.T) {
	pg := postgresState(t)
	dir := t.TempDir()
	a, urlA := startServer(t, dir, pg)
	_, urlB := startServer(t, dir, pg)
	job := submitLocal(t, urlA, filepath.Join(dir, "root"))
	time.Sleep(300 * time.Millisecond)
	a.cmd.Process.Signal(syscall.SIGKILL)
	a.wait()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		st, acts := coordInfo(t, urlB, job)
		if st == "SUCCEEDED" {
			if len(acts) != 3 {
				t.Fatalf("actions %v", acts)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the surviving server did not finish the job: %s %v", st, acts)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for _, a := range statusOf(t, "--state", pg).Jobs[0].Actions {
		if want := fmt.Sprintf("%s@%d-W0", job, a.Number); a.ExternalID != want {
			t.Errorf("action %d ran as %s, want %s (once)", a.Number, a.ExternalID, want)
		}
	}
}

// TestServerTokenBeyondLoopback: listening on all interfaces, the server
// requires the state's generated token (<state>.token, 0600) for
// mutations; the CLI on the same machine finds it next to --state.
func TestServerTokenBeyondLoopback(t *testing.T) {
	if testing.Short() {
		t.Skip("starts coordc server as a child process: skipped with -short")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "state.db")
	_, port, _ := net.SplitHostPort(freeAddr(t))
	c := startChild(t, dir, "server", "--listen", "0.0.0.0:"+port, "--state", db, "--poll-interval", "100ms")
	t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
	url := "http://127.0.0.1:" + port
	waitReady(t, url)
	fi, err := os.Stat(filepath.Join(dir, "state.token"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state.token: %v %v", fi, err)
	}
	job := ""
	example, _ := filepath.Abs(localExample)
	// Without the token: 401, and the CLI exits 3.
	if code, body := api(t, "PUT", url+"/oozie/v2/job/x?action=kill", ""); code != 401 {
		t.Errorf("kill without the token: %d %s", code, body)
	}
	if _, errOut, code := coordc(t, "submit", example, "-D", "root="+dir, "--server", url, "--state", filepath.Join(dir, "elsewhere.db")); code != exitUsage || !strings.Contains(errOut, "Bearer") {
		t.Errorf("submit without the token: exit %d %s", code, errOut)
	}
	// With the state's token (found from --state), it works.
	out, errOut, code := coordc(t, "submit", example, "-D", "root="+dir, "--server", url, "--state", db)
	if code != exitOK {
		t.Fatalf("submit with the state's token: exit %d %s", code, errOut)
	}
	job = strings.TrimPrefix(strings.TrimSpace(out), "job: ")
	tokenFile := filepath.Join(dir, "state.token")
	// Authorized with --token-file: the scheduler answers (no action 99).
	if out, errOut, code := coordc(t, "kill", job, "--action", "99", "--server", url, "--token-file", tokenFile); code != exitProblems || !strings.Contains(errOut, "has no action 99") {
		t.Errorf("kill with --token-file: exit %d %s%s", code, out, errOut)
	}
	// Reads need no token.
	if code, _ := api(t, "GET", url+"/oozie/v2/job/"+job+"?show=status", ""); code != 200 {
		t.Errorf("read: %d", code)
	}
}

// waitReady waits until url/readyz answers 200.
func waitReady(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if resp, err := http.Get(url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not get ready", url)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestServerTLS: with --tls-cert/--tls-key the server speaks HTTPS only.
func TestServerTLS(t *testing.T) {
	if testing.Short() {
		t.Skip("starts coordc server as a child process: skipped with -short")
	}
	dir := t.TempDir()
	certPEM, keyPEM := selfSigned(t)
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cert, certPEM, 0o644)
	os.WriteFile(key, keyPEM, 0o600)
	addr := freeAddr(t)
	c := startChild(t, dir, "server", "--listen", addr, "--state", filepath.Join(dir, "s.db"), "--tls-cert", cert, "--tls-key", key)
	t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 5 * time.Second}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := hc.Get("https://" + addr + "/oozie/versions")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(body) != "[2]\n" {
				t.Errorf("https versions: %d %q", resp.StatusCode, body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no HTTPS answer: %v\n%s", err, c.stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp, err := http.Get("http://" + addr + "/oozie/versions"); err == nil {
		if resp.StatusCode == 200 {
			t.Errorf("plain HTTP answered 200 on the TLS port")
		}
		resp.Body.Close()
	}
	if _, _, code := coordc(t, "server", "--tls-cert", cert); code != exitUsage {
		t.Errorf("--tls-cert without --tls-key: exit %d, want 3", code)
	}
}

// selfSigned makes a certificate for 127.0.0.1 and its key, PEM.
func selfSigned(t *testing.T) (certPEM, keyPEM []byte) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "coordc test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})
}

// grepLines keeps the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
