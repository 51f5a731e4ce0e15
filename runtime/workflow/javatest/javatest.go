// Package javatest builds the small Java program the java action tests
// run, with the JDK of the machine (javac and jar from JAVA_HOME or PATH).
// Without a JDK a test is skipped, or fails when COORDC_REQUIRE_SHARED is
// set (CI installs openjdk-17-jdk-headless).
package javatest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/coordc/coordc/compiler/corpus"
)

// MainClass is the class the probe jar runs.
const MainClass = "coordc.Probe"

// probeSource is coordc.Probe. Its first argument is a mode:
//
//	ok          writes the capture-output (greeting: the system property
//	            probe.greeting; arg: its second argument; file: the first
//	            line of ./renamed.txt when present; archived: of
//	            res/x.txt when present; conf: whether the action
//	            configuration names property q) and returns
//	exit N      calls System.exit(N)
//	throw MSG   throws IllegalStateException(MSG) out of main
//	sleep F MS  appends "started" to file F, then sleeps MS milliseconds
//	big         writes a capture-output over Oozie's 2048 characters
const probeSource = `package coordc;

import java.io.*;
import java.nio.file.*;
import java.util.Properties;

public class Probe {
    public static void main(String[] a) throws Exception {
        switch (a[0]) {
        case "ok": {
            Properties p = new Properties();
            p.setProperty("greeting", String.valueOf(System.getProperty("probe.greeting")));
            p.setProperty("arg", a.length > 1 ? a[1] : "");
            p.setProperty("file", first("renamed.txt"));
            p.setProperty("archived", first("res/x.txt"));
            String conf = new String(Files.readAllBytes(Paths.get(System.getProperty("oozie.action.conf.xml"))), "UTF-8");
            p.setProperty("conf", conf.contains("<name>q</name>") ? "yes" : "no");
            write(p);
            return;
        }
        case "exit":
            System.exit(Integer.parseInt(a[1]));
        case "throw":
            throw new IllegalStateException(a[1]);
        case "sleep":
            Files.write(Paths.get(a[1]), "started\n".getBytes("UTF-8"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Thread.sleep(Long.parseLong(a[2]));
            return;
        case "big": {
            Properties p = new Properties();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 3000; i++) b.append('x');
            p.setProperty("big", b.toString());
            write(p);
            return;
        }
        }
        throw new IllegalArgumentException("unknown mode " + a[0]);
    }

    static String first(String file) throws IOException {
        Path p = Paths.get(file);
        return Files.exists(p) ? Files.readAllLines(p).get(0) : "";
    }

    static void write(Properties p) throws IOException {
        try (OutputStream o = new FileOutputStream(System.getProperty("oozie.action.output.properties"))) {
            p.store(o, null);
        }
    }
}
`

// tool finds a JDK tool: $JAVA_HOME/bin/name, else name on PATH; a
// missing one skips tb (fails it under COORDC_REQUIRE_SHARED).
func tool(tb testing.TB, name string) string {
	tb.Helper()
	if home := os.Getenv("JAVA_HOME"); home != "" {
		if p := filepath.Join(home, "bin", name); exists(p) {
			return p
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv(corpus.RequireSharedEnv) != "" {
			tb.Fatalf("%s not found (a JDK is required: apt-get install openjdk-17-jdk-headless)", name)
		}
		tb.Skipf("skipping: %s not found; install a JDK (openjdk-17-jdk-headless), or set %s=1 to make this a failure", name, corpus.RequireSharedEnv)
	}
	return p
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Require skips tb (or fails it under COORDC_REQUIRE_SHARED) when java,
// javac or jar is missing.
func Require(tb testing.TB) {
	tb.Helper()
	for _, name := range []string{"java", "javac", "jar"} {
		tool(tb, name)
	}
}

// BuildJar compiles coordc.Probe and writes it as the jar file path.
func BuildJar(tb testing.TB, path string) {
	tb.Helper()
	Require(tb)
	src := tb.TempDir()
	file := filepath.Join(src, "coordc", "Probe.java")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(probeSource), 0o644); err != nil {
		tb.Fatal(err)
	}
	classes := filepath.Join(src, "classes")
	if out, err := exec.Command(tool(tb, "javac"), "-d", classes, file).CombinedOutput(); err != nil {
		tb.Fatalf("javac: %v\n%s", err, out)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if out, err := exec.Command(tool(tb, "jar"), "cf", path, "-C", classes, ".").CombinedOutput(); err != nil {
		tb.Fatalf("jar: %v\n%s", err, out)
	}
}
