package launch

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The crash tests re-execute the test binary as a helper that launches a
// command and is then killed with SIGKILL, as coordc might be.
const helperEnv = "COORDC_LAUNCH_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		helper(mode, os.Getenv("COORDC_LAUNCH_DIR"))
		return
	}
	os.Exit(m.Run())
}

// helper launches a command, persisting its handle in dir/handle. In mode
// "run" it reports "started" and waits to be killed; in mode "die-in-record"
// it kills itself right after persisting the handle, before the handshake.
func helper(mode, dir string) {
	record := func(h Handle) error {
		if err := writeSynced(filepath.Join(dir, "handle"), h.String()); err != nil {
			return err
		}
		if mode == "die-in-record" {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		return nil
	}
	if mode == "many" {
		helperMany(dir)
		return
	}
	args := []string{"sh", "-c", "sleep 0.5; echo done > result; exit 7"}
	if _, err := Start(Spec{Dir: filepath.Join(dir, "action"), Args: args}, record); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("started")
	select {}
}

// helperMany prepares manyLaunches launches, each appending a line to its
// own file, records their handles (one per line in dir/handle), lets the
// first half run, reports "started" and waits to be killed.
func helperMany(dir string) {
	var pending []*Pending
	var handles []string
	for i := range manyLaunches {
		p, err := Fork(Spec{Dir: filepath.Join(dir, fmt.Sprint("action", i)), Args: []string{"sh", "-c", "sleep 0.3; echo ran >> ../ran" + fmt.Sprint(i)}})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		pending = append(pending, p)
		handles = append(handles, p.Handle().String())
	}
	if err := writeSynced(filepath.Join(dir, "handle"), strings.Join(handles, "\n")); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	for _, p := range pending[:manyLaunches/2] {
		if err := p.Run(); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
	}
	fmt.Println("started")
	select {}
}

// manyLaunches is how many launches helperMany prepares.
const manyLaunches = 6

func writeSynced(path, s string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		return err
	}
	return f.Sync()
}

// runHelper starts the helper, waits until it launched (or died), kills it
// and returns the recorded handle.
func runHelper(t *testing.T, mode, dir string) Handle {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "COORDC_LAUNCH_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if mode != "die-in-record" && line != "started\n" {
		t.Fatalf("helper said %q", line)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	return readHandles(t, dir)[0]
}

// readHandles reads the handles the helper recorded.
func readHandles(t *testing.T, dir string) []Handle {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "handle"))
	if err != nil {
		t.Fatalf("the helper recorded no handle: %v", err)
	}
	var hs []Handle
	for _, s := range strings.Split(string(data), "\n") {
		h, err := ParseHandle(s)
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h)
	}
	return hs
}

func TestReattachAfterLauncherKilled(t *testing.T) {
	dir := t.TempDir()
	h := runHelper(t, "run", dir)
	action := filepath.Join(dir, "action")
	st, err := Attach(action, h)
	if err != nil || st.State != Running {
		t.Fatalf("right after the launcher died: %+v, %v; want running", st, err)
	}
	if diff := cmp.Diff(Status{State: Exited, ExitCode: 7}, waitExit(t, action, h)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if out, _ := os.ReadFile(filepath.Join(action, "result")); string(out) != "done\n" {
		t.Errorf("the command did not finish: result %q", out)
	}
}

func TestLauncherDiesBeforeHandshake(t *testing.T) {
	dir := t.TempDir()
	h := runHelper(t, "die-in-record", dir)
	action := filepath.Join(dir, "action")
	if st := waitExit(t, action, h); st.State != NotStarted {
		t.Fatalf("state = %v, want not started", st.State)
	}
	time.Sleep(700 * time.Millisecond) // longer than the command would take
	if _, err := os.Stat(filepath.Join(action, "result")); err == nil {
		t.Error("the command ran although the launcher died before the handshake")
	}
	// Launching again is safe and runs the command once.
	h2 := start(t, action, "sh", "-c", "echo again >> result")
	if st := waitExit(t, action, h2); st != (Status{State: Exited}) {
		t.Fatalf("relaunch: %+v", st)
	}
	if out, _ := os.ReadFile(filepath.Join(action, "result")); string(out) != "again\n" {
		t.Errorf("result = %q", out)
	}
}

// TestLauncherDiesWithLaunchesPending: the launcher dies with some
// launches let run and others only prepared, their handles committed.
// Each launch let run runs once and is recorded; each other one never
// runs and reads as not started; the supervisor exits once the last
// command has ended.
func TestLauncherDiesWithLaunchesPending(t *testing.T) {
	dir := t.TempDir()
	runHelper(t, "many", dir)
	hs := readHandles(t, dir)
	if len(hs) != manyLaunches {
		t.Fatalf("%d handles, want %d", len(hs), manyLaunches)
	}
	for i, h := range hs {
		st := waitExit(t, filepath.Join(dir, fmt.Sprint("action", i)), h)
		want := Status{State: Exited}
		if i >= manyLaunches/2 {
			want = Status{State: NotStarted}
		}
		if st != want {
			t.Errorf("launch %d: %+v, want %+v", i, st, want)
		}
	}
	time.Sleep(500 * time.Millisecond) // longer than a command takes
	for i := range manyLaunches {
		out, _ := os.ReadFile(filepath.Join(dir, fmt.Sprint("ran", i)))
		if want := map[bool]string{true: "ran\n", false: ""}[i < manyLaunches/2]; string(out) != want {
			t.Errorf("launch %d ran %q, want %q", i, out, want)
		}
	}
	for deadline := time.Now().Add(10 * time.Second); processAlive(hs[0]); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the supervisor is still alive after its launcher died and its commands ended")
		}
	}
}
