package flink

import (
	"errors"
	"testing"

	"github.com/coordc/coordc/runtime/flink/flinkfake"
	"github.com/google/go-cmp/cmp"
)

func TestSubmitUploadsEachJarOnce(t *testing.T) {
	for _, fl := range flavors {
		t.Run(fl.String(), func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{Flavor: fl})
			jar := testJar(t, "etl.jar", "com.example.Etl")
			ctx := ctxT(t)
			var subs []Submission
			for day := 1; day <= 2; day++ {
				sub, err := e.client.Submit(ctx, jar, RunRequest{JobID: JobID("C@1", day)})
				if err != nil {
					t.Fatal(err)
				}
				subs = append(subs, sub)
			}
			if got := e.fake.Count("POST /jars/upload"); got != 1 {
				t.Errorf("uploads = %d, want 1", got)
			}
			if !subs[0].Uploaded || subs[1].Uploaded || subs[0].JarID != subs[1].JarID {
				t.Errorf("submissions = %+v, want the first to upload and both to use the same jar", subs)
			}
			jars := e.fake.Jars()
			if len(jars) != 1 || jars[0].ID != subs[0].JarID || jars[0].SHA256 != jar.SHA256() || jars[0].Name != "etl.jar" {
				t.Errorf("fake jars = %+v, want one etl.jar with id %s", jars, subs[0].JarID)
			}
			if got := len(e.fake.Jobs()); got != 2 {
				t.Errorf("jobs = %d, want 2", got)
			}
		})
	}
}

func TestSubmitReuploadsAfterJobManagerRestart(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	jar := testJar(t, "etl.jar", "com.example.Etl")
	ctx := ctxT(t)
	first, err := e.client.Submit(ctx, jar, RunRequest{JobID: JobID("C@1", 1)})
	if err != nil {
		t.Fatal(err)
	}
	e.fake.Restart(flinkfake.RestartSession)
	second, err := e.client.Submit(ctx, jar, RunRequest{JobID: JobID("C@2", 1)})
	if err != nil {
		t.Fatal(err)
	}
	if !second.Uploaded || second.JarID == first.JarID {
		t.Errorf("after restart got %+v, want a fresh upload with a new jar id (old %s)", second, first.JarID)
	}
	if got := e.fake.Count("POST /jars/upload"); got != 2 {
		t.Errorf("uploads = %d, want 2", got)
	}
	if _, err := e.client.Run(ctx, first.JarID, RunRequest{JobID: JobID("C@3", 1)}); !errors.Is(err, ErrJarNotFound) {
		t.Errorf("run with the lost jar id: err = %v, want ErrJarNotFound", err)
	}
}

func TestRunPassesEveryParameter(t *testing.T) {
	for _, fl := range flavors {
		t.Run(fl.String(), func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{Flavor: fl})
			ctx := ctxT(t)
			jarID, _, err := e.client.EnsureJar(ctx, testJar(t, "etl.jar", "com.example.Etl"))
			if err != nil {
				t.Fatal(err)
			}
			req := RunRequest{
				JobID:                 JobID("C@7", 2),
				EntryClass:            "com.example.Other",
				ProgramArgs:           []string{"--in", "hdfs://nn/data/2025/03/30", "--out", "a b"},
				Parallelism:           4,
				SavepointPath:         "hdfs://nn/savepoints/savepoint-1",
				AllowNonRestoredState: true,
				ClaimMode:             "NO_CLAIM",
				FlinkConfiguration:    map[string]string{"pipeline.name": "C@7"},
			}
			got, err := e.client.Run(ctx, jarID, req)
			if err != nil {
				t.Fatal(err)
			}
			if got != req.JobID {
				t.Errorf("job id = %s, want %s", got, req.JobID)
			}
			job, _ := e.fake.Job(req.JobID)
			want := flinkfake.RunInfo{JobID: req.JobID, JarID: jarID, EntryClass: req.EntryClass, ProgramArgs: req.ProgramArgs,
				Parallelism: 4, SavepointPath: req.SavepointPath, AllowNonRestoredState: true, ClaimMode: "NO_CLAIM",
				FlinkConfiguration: req.FlinkConfiguration}
			if diff := cmp.Diff(want, job.Run); diff != "" {
				t.Errorf("run request (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunDefaultsComeFromTheCluster(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	ctx := ctxT(t)
	sub, err := e.client.Submit(ctx, testJar(t, "etl.jar", "com.example.Etl"), RunRequest{JobID: JobID("C@1", 1)})
	if err != nil {
		t.Fatal(err)
	}
	job, _ := e.fake.Job(sub.JobID)
	want := flinkfake.RunInfo{JobID: sub.JobID, JarID: sub.JarID, EntryClass: "com.example.Etl", Parallelism: -1}
	if diff := cmp.Diff(want, job.Run); diff != "" {
		t.Errorf("run request (-want +got):\n%s", diff)
	}
}

func TestRunRejectsBadRequestsLocally(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	for _, req := range []RunRequest{
		{JobID: "not-hex"},
		{JobID: JobID("a", 1)[:31] + "G"},
		{JobID: JobID("a", 1), Parallelism: -2},
		{JobID: JobID("a", 1), ClaimMode: "claim"},
	} {
		if _, err := e.client.Run(ctxT(t), "x.jar", req); err == nil {
			t.Errorf("Run(%+v) succeeded, want a validation error", req)
		}
	}
	if n := len(e.fake.Counts()); n != 0 {
		t.Errorf("invalid requests reached the server: %v", e.fake.Counts())
	}
}

func TestDuplicateSubmitAfterCrashStartsNoSecondJob(t *testing.T) {
	for _, fl := range flavors {
		t.Run(fl.String(), func(t *testing.T) {
			e := newEnv(t, flinkfake.Options{Flavor: fl})
			jar := testJar(t, "etl.jar", "com.example.Etl")
			ctx := ctxT(t)
			id := JobID("C@1", 1)
			if _, err := e.client.Status(ctx, id); !errors.Is(err, ErrJobNotFound) {
				t.Fatalf("status before submit: err = %v, want ErrJobNotFound", err)
			}
			if _, err := e.client.Submit(ctx, jar, RunRequest{JobID: id}); err != nil {
				t.Fatal(err)
			}
			// The process dies here and a new one, with an empty jar cache,
			// first probes and then (wrongly trusting nothing) resubmits.
			again := e.newClient(t)
			if st, err := again.Status(ctx, id); err != nil || st != StateCreated {
				t.Fatalf("status after crash = %s, %v; want CREATED", st, err)
			}
			sub, err := again.Submit(ctx, jar, RunRequest{JobID: id})
			if err != nil {
				t.Fatal(err)
			}
			if !sub.AlreadySubmitted {
				t.Errorf("resubmission = %+v, want AlreadySubmitted", sub)
			}
			// Still refused once the job is globally terminal.
			e.clock.mc.Advance(flinkfake.DefaultScript()[2].After)
			if _, err := again.Run(ctx, sub.JarID, RunRequest{JobID: id}); !errors.Is(err, ErrAlreadySubmitted) || !IsDuplicateSubmission(err) {
				t.Errorf("run of a finished job id: err = %v, want ErrAlreadySubmitted", err)
			}
			if got := len(e.fake.Jobs()); got != 1 {
				t.Errorf("jobs = %d, want 1", got)
			}
		})
	}
}

func TestRunWhoseAnswerWasLostIsRecognisedAsSubmitted(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	ctx := ctxT(t)
	jar := testJar(t, "etl.jar", "com.example.Etl")
	jarID, _, err := e.client.EnsureJar(ctx, jar)
	if err != nil {
		t.Fatal(err)
	}
	e.fake.FailNext(1, flinkfake.Fault{Route: "POST /jars/:jarid/run", Lost: true})
	id := JobID("C@1", 1)
	sub, err := e.client.Submit(ctx, jar, RunRequest{JobID: id})
	if err != nil {
		t.Fatal(err)
	}
	if !sub.AlreadySubmitted || sub.JarID != jarID {
		t.Errorf("submission = %+v, want AlreadySubmitted on jar %s", sub, jarID)
	}
	if got := e.fake.Count("POST /jars/:jarid/run"); got != 2 {
		t.Errorf("run requests = %d, want 2 (the lost one and the retry)", got)
	}
	if got := len(e.fake.Jobs()); got != 1 {
		t.Errorf("jobs = %d, want 1", got)
	}
}

func TestHARestartForgetsFinishedJobsButStillRefusesThem(t *testing.T) {
	e := newEnv(t, flinkfake.Options{})
	ctx := ctxT(t)
	jar := testJar(t, "etl.jar", "com.example.Etl")
	id := JobID("C@1", 1)
	if _, err := e.client.Submit(ctx, jar, RunRequest{JobID: id}); err != nil {
		t.Fatal(err)
	}
	e.clock.mc.Advance(flinkfake.DefaultScript()[2].After)
	e.fake.Restart(flinkfake.RestartHA)
	if _, err := e.client.Status(ctx, id); !errors.Is(err, ErrJobNotFound) {
		t.Errorf("status after HA restart: err = %v, want ErrJobNotFound", err)
	}
	sub, err := e.client.Submit(ctx, jar, RunRequest{JobID: id})
	if err != nil || !sub.AlreadySubmitted || !sub.Uploaded {
		t.Errorf("resubmission = %+v, %v; want a re-upload and AlreadySubmitted", sub, err)
	}
}
