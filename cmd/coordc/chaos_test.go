package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coordc/coordc/runtime/state"
	"github.com/coordc/coordc/runtime/state/statetest"
)

// TestChaosSchedulers is issue 13's chaos test: three `coordc apply`
// schedulers (child processes) share one PostgreSQL state with four
// coordinators of 55 short actions each (0.4 s, two at a time per job). Each scheduler is SIGKILLed at
// random moments and restarted; once, the PostgreSQL server itself is
// stopped (pg_ctl stop -m immediate) and started again, and the schedulers
// running then must survive it. Afterwards every action ran exactly once
// (the side-effect file lists each workflow once), none is left pending or
// unfinished, and every workflow succeeded. The server is a throwaway
// cluster of the test's own, so stopping it disturbs no other test.
// COORDC_CRASH_SEED repeats a run.
func TestChaosSchedulers(t *testing.T) {
	if !statetest.Postgres() {
		t.Skip("PostgreSQL only (the PostgreSQL pass runs it); TestApplyCrash is the SQLite crash test")
	}
	if testing.Short() {
		t.Skip("chaos test: skipped with -short")
	}
	pg := startCluster(t)
	seed := crashSeed(t)
	t.Logf("seed %d (COORDC_CRASH_SEED=%d repeats this run)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0x636f6f7264))

	const coords, perCoord, scheds = 4, 55, 3
	load := crashLoad{actions: perCoord, concurrency: 2, sleep: "0.4"}
	dir := t.TempDir()
	files := load.files()
	args := []string{"apply", "--until-done", "--state", pg.url, "--log-dir", filepath.Join(dir, "logs"),
		"--poll-interval", "50ms", "--lease", "2s",
		"-D", "ran=" + filepath.Join(dir, "ran.txt"), "-D", "out=" + filepath.Join(dir, "out")}
	for i := 1; i <= coords; i++ {
		name := fmt.Sprintf("chaos%d.xml", i)
		files[name] = strings.Replace(files["coordinator.xml"], `name="crash"`, fmt.Sprintf(`name="chaos%d"`, i), 1)
		args = append(args, name)
	}
	delete(files, "coordinator.xml")
	writeTree(t, dir, files)

	type slot struct {
		c      *child
		exited chan int
		killAt time.Time
		kills  int
	}
	slots := make([]*slot, scheds)
	startSlot := func(i int) {
		c := startChild(t, dir, args...)
		s := &slot{c: c, exited: make(chan int, 1), killAt: time.Now().Add(300*time.Millisecond + time.Duration(rng.Int64N(int64(2500*time.Millisecond))))}
		if slots[i] != nil {
			s.kills = slots[i].kills
		}
		go func() { s.exited <- c.wait() }()
		slots[i] = s
	}
	for i := range slots {
		startSlot(i)
	}
	defer func() {
		for _, s := range slots {
			s.c.cmd.Process.Kill()
		}
	}()

	start := time.Now()
	killPhase := 40 * time.Second
	outageAt := start.Add(5*time.Second + time.Duration(rng.Int64N(int64(20*time.Second))))
	outageDone := false
	finished := make([]bool, scheds)
	for {
		now := time.Now()
		if !outageDone && now.After(outageAt) {
			outageDone = true
			t.Logf("%v: stopping PostgreSQL (immediate) for 2s", now.Sub(start).Round(time.Millisecond))
			pg.ctl(t, "stop", "-m", "immediate")
			time.Sleep(2 * time.Second)
			pg.ctl(t, "start")
			time.Sleep(3 * time.Second) // the schedulers reconnect
			for i, s := range slots {
				select {
				case code := <-s.exited:
					if code != exitOK {
						t.Fatalf("scheduler %d exited %d during the server restart:\n%s", i, code, s.c.stderr)
					}
					finished[i] = true
				default:
				}
			}
			t.Logf("PostgreSQL back; every scheduler survived")
			continue
		}
		all := true
		for i, s := range slots {
			if finished[i] {
				continue
			}
			all = false
			select {
			case code := <-s.exited:
				if code != exitOK {
					t.Fatalf("seed %d: scheduler %d exited %d:\n%s", seed, i, code, s.c.stderr)
				}
				finished[i] = true
				continue
			default:
			}
			if now.Sub(start) < killPhase && now.After(s.killAt) {
				s.c.cmd.Process.Kill()
				<-s.exited
				s.kills++
				startSlot(i)
			}
		}
		if all {
			break
		}
		if time.Since(start) > killPhase+90*time.Second {
			t.Fatalf("seed %d: not done %v after the kills stopped", seed, 90*time.Second)
		}
		time.Sleep(20 * time.Millisecond)
	}
	kills := 0
	for _, s := range slots {
		kills += s.kills
	}
	t.Logf("seed %d: %d SIGKILLs of %d schedulers, 1 server restart, %d actions in %v", seed, kills, scheds, coords*perCoord,
		time.Since(start).Round(time.Millisecond))
	for i, s := range slots {
		if s.kills < 2 {
			t.Errorf("seed %d: scheduler %d was killed %d times; make the workload longer", seed, i, s.kills)
		}
	}
	checkChaos(t, pg.url, filepath.Join(dir, "ran.txt"), filepath.Join(dir, "out"), coords, perCoord)
}

// checkChaos asserts exactly-once runs and consistent statuses over every
// job of the state database.
func checkChaos(t *testing.T, url, ran, out string, jobs, perJob int) {
	t.Helper()
	st, err := state.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	all, err := st.ListJobs(ctx)
	if err != nil || len(all) != jobs {
		t.Fatalf("%d jobs (%v), want %d", len(all), err, jobs)
	}
	want := map[string]int{}
	for _, j := range all {
		if j.Status != state.JobSucceeded {
			t.Errorf("job %s is %s", j.ID, j.Status)
		}
		for n := 1; n <= perJob; n++ {
			want[fmt.Sprintf("%s@%d-W0", j.ID, n)] = 1
		}
	}
	data, err := os.ReadFile(ran)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, line := range strings.Fields(string(data)) {
		got[line]++
	}
	for id, n := range got {
		if want[id] != n {
			t.Errorf("workflow %s ran %d times", id, n)
		}
	}
	for id := range want {
		if got[id] == 0 {
			t.Errorf("workflow %s never ran", id)
		}
		if _, err := os.Stat(filepath.Join(out, id)); err != nil {
			t.Errorf("fs action of %s: %v", id, err)
		}
	}
	var bad int
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM coord_actions a WHERE a.status <> 'SUCCEEDED' OR a.pending <> 0
		OR (SELECT COUNT(*) FROM wf_jobs w WHERE w.parent_id = a.id) <> 1
		OR NOT EXISTS (SELECT 1 FROM wf_jobs w WHERE w.id = a.external_id AND w.status = 'SUCCEEDED')`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d actions not SUCCEEDED with exactly one succeeded workflow (%v)", bad, err)
	}
	var nodes int
	if err := st.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM wf_actions WHERE status <> 'OK'`).Scan(&nodes); err != nil || nodes != 0 {
		t.Errorf("%d workflow nodes not OK (%v)", nodes, err)
	}
}

// pgCluster is a throwaway PostgreSQL cluster on a private socket.
type pgCluster struct {
	bin, dir, url string
	port          int
}

// startCluster initializes and starts a cluster (as the postgres user when
// running as root); a missing PostgreSQL fails the test under
// COORDC_REQUIRE_SHARED=1 and skips it otherwise.
func startCluster(t *testing.T) *pgCluster {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	bin := ""
	if len(bins) > 0 {
		bin = filepath.Dir(bins[len(bins)-1])
	} else if p, err := exec.LookPath("pg_ctl"); err == nil {
		bin = filepath.Dir(p)
	}
	if bin == "" {
		if os.Getenv("COORDC_REQUIRE_SHARED") == "1" {
			t.Fatal("pg_ctl not found: the chaos test needs the PostgreSQL server binaries")
		}
		t.Skip("pg_ctl not found")
	}
	dir, err := os.MkdirTemp("", "coordc-chaos-pg-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	if os.Getuid() == 0 {
		if out, err := exec.Command("chown", "postgres", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v %s", err, out)
		}
	}
	c := &pgCluster{bin: bin, dir: dir, port: 55000 + os.Getpid()%1000}
	c.url = fmt.Sprintf("postgres://postgres@/postgres?host=%s&port=%d", dir, c.port)
	c.run(t, filepath.Join(bin, "initdb"), "-D", filepath.Join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-locale", "-E", "UTF8")
	c.ctl(t, "start")
	t.Cleanup(func() {
		c.run(t, filepath.Join(bin, "pg_ctl"), "-D", filepath.Join(dir, "data"), "-m", "immediate", "stop")
		os.RemoveAll(dir)
	})
	return c
}

// ctl runs pg_ctl start or stop (with extra arguments) on the cluster.
func (c *pgCluster) ctl(t *testing.T, verb string, extra ...string) {
	t.Helper()
	args := []string{"-D", filepath.Join(c.dir, "data"), "-w"}
	if verb == "start" {
		args = append(args, "-l", filepath.Join(c.dir, "log"), "-o",
			fmt.Sprintf("-k %s -p %d -c listen_addresses= -c fsync=off -c max_connections=200", c.dir, c.port))
	}
	c.run(t, filepath.Join(c.bin, "pg_ctl"), append(append(args, extra...), verb)...)
}

// run runs a server program, as the postgres user when running as root.
func (c *pgCluster) run(t *testing.T, prog string, args ...string) {
	t.Helper()
	cmd := exec.Command(prog, args...)
	if os.Getuid() == 0 {
		quoted := []string{prog}
		for _, a := range args {
			quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
		}
		cmd = exec.Command("su", "postgres", "-s", "/bin/sh", "-c", strings.Join(quoted, " "))
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", prog, args, err, out)
	}
}
