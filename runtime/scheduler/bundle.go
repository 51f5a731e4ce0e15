package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/coordc/coordc/compiler/diag"
	"github.com/coordc/coordc/compiler/ir"
	"github.com/coordc/coordc/compiler/oozietime"
	"github.com/coordc/coordc/runtime/state"
)

// Bundles as jobs (BundleFunctionalSpec): a bundle job links the
// coordinator jobs of its enabled entries (bundle_actions). The coordinator
// jobs are submitted with the bundle, PREP, and stay PREP until the
// bundle's kick-off time, when the bundle becomes RUNNING (Oozie submits
// them only then; coordc stores them at once so that the whole bundle is
// one idempotent submission, and holds them instead). The bundle status is
// rolled up from its coordinators' statuses on every tick (RollUp). The
// operations on a bundle ID (Kill, Suspend, Resume, Change, Rerun) apply to
// its coordinators, as Oozie's Bundle*XCommands do.

// E1317 is Oozie's error code of an invalid bundle change value.
const E1317 = diag.E1317

// BundleEntry is one enabled coordinator entry of a bundle to submit.
type BundleEntry struct {
	// Name is the entry's name in the bundle (<coordinator name=…>).
	Name        string
	Critical    bool
	Coordinator *ir.Coordinator
	// Meta is what Submit stores with the coordinator job.
	Meta Meta
}

// BundleSubmission is a bundle to submit.
type BundleSubmission struct {
	Bundle *ir.Bundle
	// Meta gives the bundle's definition file (AppPath) and the files
	// compiled with it (Sources; the file on disk when not among them).
	Meta Meta
	// Params are the bundle's job properties, stored with the bundle job
	// (each coordinator job stores its own, Coordinator.Params).
	Params map[string]string
	// Entries are its enabled coordinator entries.
	Entries []BundleEntry
}

// SubmitBundle stores a bundle job with one coordinator job per entry and
// returns the bundle's ID and the coordinator jobs' IDs in entry order. As
// Submit, it is idempotent: a bundle of the same file, name and definition
// hash (the bundle file, and every entry's name and coordinator definition
// hash) is found rather than submitted again, and its entries already
// linked keep their coordinator jobs, so an interrupted submission is
// completed by the next one.
func (s *Scheduler) SubmitBundle(ctx context.Context, sub BundleSubmission) (string, []string, error) {
	entries := sub.Entries
	bundle, err := bundleRow(sub)
	if err != nil {
		return "", nil, err
	}
	st := s.store()
	id, created, err := st.SubmitBundle(ctx, bundle)
	if err != nil {
		return "", nil, err
	}
	if created {
		s.log().Info("bundle submitted", "bundle", id, "name", bundle.AppName, "kickoff", bundle.KickOff)
	}
	linked, err := st.BundleActions(ctx, id)
	if err != nil {
		return "", nil, err
	}
	byName := map[string]string{}
	for _, a := range linked {
		byName[a.CoordName] = a.CoordID
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		if cid, ok := byName[e.Name]; ok {
			ids[i] = cid
			continue
		}
		m := e.Meta
		m.BundleID = id
		cid, err := s.Submit(ctx, e.Coordinator, m)
		if err != nil {
			return "", nil, err
		}
		if err := st.AddBundleAction(ctx, id, e.Name, cid, e.Critical); err != nil {
			return "", nil, fmt.Errorf("%w; kill that bundle job first or give the coordinator other properties", err)
		}
		ids[i] = cid
	}
	return id, ids, nil
}

// FindBundle is the ID of the bundle job SubmitBundle would find for sub
// ("" when it would submit a new one).
func (s *Scheduler) FindBundle(ctx context.Context, sub BundleSubmission) (string, error) {
	bundle, err := bundleRow(sub)
	if err != nil {
		return "", err
	}
	return s.store().FindBundle(ctx, bundle.AppPath, bundle.AppName, bundle.DefinitionHash)
}

// bundleRow is the bundle_jobs row of a submission.
func bundleRow(sub BundleSubmission) (state.Bundle, error) {
	b, meta, entries := sub.Bundle, sub.Meta, sub.Entries
	if b.Name == nil || !b.Name.Known {
		return state.Bundle{}, errors.New("bundle: its name is not known; define the parameters it uses")
	}
	if len(entries) == 0 {
		return state.Bundle{}, fmt.Errorf("bundle %q has no enabled coordinator that coordc can load", b.Name.Value)
	}
	data, ok := meta.Sources[meta.AppPath]
	if !ok {
		var err error
		if data, err = os.ReadFile(meta.AppPath); err != nil {
			return state.Bundle{}, fmt.Errorf("cannot read bundle definition: %w", err)
		}
	}
	hashes := map[string]string{}
	user := ""
	for _, e := range entries {
		ch, err := coordHash(e.Coordinator, e.Meta)
		if err != nil {
			return state.Bundle{}, err
		}
		hashes["entry:"+e.Name] = ch
		if user == "" {
			user = e.Coordinator.User
		}
	}
	var kick time.Time
	if k := b.KickOffTime; k != nil {
		if !k.Resolved {
			return state.Bundle{}, fmt.Errorf("bundle %q: its kick-off-time is not known; define the parameters it uses", b.Name.Value)
		}
		kick = k.Time
	}
	conf := []byte("{}")
	if len(sub.Params) > 0 {
		var err error
		if conf, err = json.Marshal(sub.Params); err != nil {
			return state.Bundle{}, err
		}
	}
	if u := sub.Params["user.name"]; u != "" {
		user = u
	}
	return state.Bundle{AppName: b.Name.Value, AppPath: meta.AppPath, DefinitionHash: definitionHash(data, hashes),
		Conf: string(conf), User: user, KickOff: kick, JobXML: string(data)}, nil
}

// coordHash is the definition hash Submit gives c.
func coordHash(c *ir.Coordinator, meta Meta) (string, error) {
	data, ok := meta.Sources[meta.AppPath]
	if !ok {
		var err error
		if data, err = os.ReadFile(meta.AppPath); err != nil {
			return "", fmt.Errorf("cannot read definition: %w", err)
		}
	}
	return definitionHash(data, c.Params), nil
}

// bundlePrep are the statuses in which a bundle holds its coordinators.
var bundlePrep = []state.JobStatus{state.JobPrep, state.JobPrepSuspended, state.JobPrepPaused}

// bundleLive are the statuses in which a bundle's status is rolled up from
// its coordinators' (Oozie's status transit reads the running and paused
// bundles, and those a command left pending: a suspended one).
var bundleLive = []state.JobStatus{state.JobRunning, state.JobRunningWithError, state.JobPaused,
	state.JobPausedWithError, state.JobSuspended, state.JobSuspendedWithError}

// tickBundles starts the PREP bundles whose kick-off time has come and
// applies the bundles' pause times (Oozie's PauseTransitService and
// BundleStartXCommand), before the coordinators are ticked. It returns the
// bundles whose status rollUpBundles then rolls up (in their statuses now),
// so that a tick reads the bundle jobs once.
func (s *Scheduler) tickBundles(ctx context.Context, st *state.Store, now time.Time, nx *next) ([]state.Bundle, error) {
	bs, err := st.ListBundles(ctx, append(slices.Clone(bundlePrep), bundleLive...)...)
	if err != nil {
		return nil, err
	}
	var errs []error
	for i := range bs {
		b := &bs[i]
		if to, ok := pauseStatus(b.Status, b.PauseTime, now); ok {
			if moved, err := st.TransitionBundle(ctx, b.ID, b.Status, to, state.BundleFields{}); err != nil {
				errs = append(errs, err)
				continue
			} else if moved {
				s.log().Info("bundle "+string(to), "bundle", b.ID, "from", b.Status, "pause_time", b.PauseTime)
				b.Status = to
			}
		}
		if !b.PauseTime.IsZero() && b.PauseTime.After(now) {
			nx.at(b.PauseTime)
		}
		if b.Status != state.JobPrep {
			continue
		}
		if b.KickOff.After(now) {
			nx.at(b.KickOff)
			continue
		}
		moved, err := st.TransitionBundle(ctx, b.ID, state.JobPrep, state.JobRunning, state.BundleFields{Start: &now})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if moved {
			s.log().Info("bundle RUNNING", "bundle", b.ID, "kickoff", b.KickOff)
			b.Status = state.JobRunning
		}
	}
	var live []state.Bundle
	for _, b := range bs {
		if slices.Contains(bundleLive, b.Status) {
			live = append(live, b)
		}
	}
	return live, errors.Join(errs...)
}

// heldByBundle reports whether a PREP coordinator job waits for its
// bundle's kick-off (its bundle is PREP, PREPSUSPENDED or PREPPAUSED).
func (s *Scheduler) heldByBundle(ctx context.Context, st *state.Store, job state.Job, nx *next) (bool, error) {
	if job.BundleID == "" || job.Status != state.JobPrep {
		return false, nil
	}
	b, err := st.GetBundle(ctx, job.BundleID)
	if errors.Is(err, state.ErrNotFound) {
		return false, nil // linked before its bundle row was written: not a bundle's
	}
	if err != nil || !slices.Contains(bundlePrep, b.Status) {
		return false, err
	}
	if b.Status == state.JobPrep {
		nx.at(b.KickOff)
	}
	return true, nil
}

// rollUpBundles records each live bundle's coordinator statuses on its
// entries and sets the bundle status RollUp computes from them; bs are the
// live bundles (tickBundles), their coordinators read in one query.
func (s *Scheduler) rollUpBundles(ctx context.Context, st *state.Store, bs []state.Bundle) error {
	if len(bs) == 0 {
		return nil
	}
	coords, err := st.BundleCoords(ctx, "", bundleLive...)
	if err != nil {
		return err
	}
	byBundle := map[string][]state.BundleCoord{}
	for _, c := range coords {
		byBundle[c.BundleID] = append(byBundle[c.BundleID], c)
	}
	var errs []error
	for _, b := range bs {
		if err := s.rollUpBundle(ctx, st, b, byBundle[b.ID]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// rollUpBundle rolls up one bundle from its coordinators (purged ones left
// out).
func (s *Scheduler) rollUpBundle(ctx context.Context, st *state.Store, b state.Bundle, coords []state.BundleCoord) error {
	var statuses []state.JobStatus
	pending := false
	for _, c := range coords {
		if c.Recorded != c.Status {
			if _, err := st.SetBundleActionStatus(ctx, c.ActionID, c.Status); err != nil {
				return err
			}
		}
		pending = pending || c.Pending
		if c.Status != state.JobIgnored { // an ignored coordinator does not count (DG_CommandLineTool, -ignore)
			statuses = append(statuses, c.Status)
		}
	}
	to, ok := RollUp(b.Status, statuses, pending)
	if !ok || to == b.Status {
		return nil
	}
	moved, err := st.TransitionBundle(ctx, b.ID, b.Status, to, state.BundleFields{})
	if moved {
		s.log().Info("bundle "+string(to), "bundle", b.ID, "from", b.Status)
	}
	return err
}

// RollUp is the status of a bundle job in status cur whose coordinator jobs
// (IGNORED ones left out) are in the statuses coords, as Oozie's
// StatusTransitService computes it (aggregateBundleJobsStatus), checking in
// this order:
//
//  1. all coordinators finished (not pending): all SUCCEEDED → SUCCEEDED,
//     all KILLED → KILLED, all FAILED → FAILED, otherwise DONEWITHERROR;
//  2. some, not all, coordinators PREP (not pending) → RUNNING;
//  3. a PAUSED or PAUSEDWITHERROR bundle stays paused, PAUSEDWITHERROR when
//     a coordinator is KILLED, FAILED, DONEWITHERROR or in an error status;
//     otherwise all coordinators PAUSED → PAUSED, all PAUSED or
//     PAUSEDWITHERROR (one at least) → PAUSEDWITHERROR;
//  4. a SUSPENDED or SUSPENDEDWITHERROR bundle stays suspended,
//     SUSPENDEDWITHERROR when a coordinator is KILLED, FAILED, DONEWITHERROR,
//     SUSPENDEDWITHERROR or PAUSEDWITHERROR; otherwise, when a coordinator
//     is SUSPENDED (not pending) or SUSPENDEDWITHERROR: all SUSPENDED or
//     SUCCEEDED → SUSPENDED, all SUSPENDED, SUSPENDEDWITHERROR or finished →
//     SUSPENDEDWITHERROR;
//  5. a bundle that is not PREP runs: RUNNINGWITHERROR when a coordinator
//     is FAILED, KILLED, DONEWITHERROR or RUNNINGWITHERROR, else RUNNING.
//
// ok is false when no rule applies (the bundle keeps cur).
func RollUp(cur state.JobStatus, coords []state.JobStatus, pending bool) (state.JobStatus, bool) {
	n := map[state.JobStatus]int{}
	for _, c := range coords {
		n[c]++
	}
	total := len(coords)
	has := func(ss ...state.JobStatus) bool {
		for _, s := range ss {
			if n[s] > 0 {
				return true
			}
		}
		return false
	}
	// 1. terminal
	if !pending && total == n[state.JobSucceeded]+n[state.JobFailed]+n[state.JobKilled]+n[state.JobDoneWithError] {
		switch total {
		case n[state.JobSucceeded]:
			return state.JobSucceeded, true
		case n[state.JobKilled]:
			return state.JobKilled, true
		case n[state.JobFailed]:
			return state.JobFailed, true
		}
		return state.JobDoneWithError, true
	}
	// 2. prep
	if !pending && n[state.JobPrep] > 0 && total > n[state.JobPrep] {
		return state.JobRunning, true
	}
	// 3. paused
	switch {
	case cur == state.JobPaused || cur == state.JobPausedWithError:
		if has(state.JobKilled, state.JobFailed, state.JobDoneWithError, state.JobSuspendedWithError,
			state.JobRunningWithError, state.JobPausedWithError) {
			return state.JobPausedWithError, true
		}
		return state.JobPaused, true
	case n[state.JobPaused] > 0 && total == n[state.JobPaused]:
		return state.JobPaused, true
	case n[state.JobPausedWithError] > 0 && total == n[state.JobPaused]+n[state.JobPausedWithError]:
		return state.JobPausedWithError, true
	}
	// 4. suspended
	switch {
	case cur == state.JobSuspended || cur == state.JobSuspendedWithError:
		if has(state.JobKilled, state.JobFailed, state.JobDoneWithError, state.JobSuspendedWithError, state.JobPausedWithError) {
			return state.JobSuspendedWithError, true
		}
		return state.JobSuspended, true
	case (!pending && n[state.JobSuspended] > 0) || n[state.JobSuspendedWithError] > 0:
		done := n[state.JobSucceeded]
		switch total {
		case n[state.JobSuspended] + done:
			return state.JobSuspended, true
		case n[state.JobSuspended] + n[state.JobSuspendedWithError] + done + n[state.JobKilled] + n[state.JobFailed] + n[state.JobDoneWithError]:
			return state.JobSuspendedWithError, true
		}
	}
	// 5. running
	if cur != state.JobPrep {
		if has(state.JobFailed, state.JobKilled, state.JobDoneWithError, state.JobRunningWithError) {
			return state.JobRunningWithError, true
		}
		return state.JobRunning, true
	}
	return cur, false
}

// killBundle is Oozie's BundleKillXCommand: the bundle becomes KILLED and
// each of its unfinished coordinator jobs is killed.
func (s *Scheduler) killBundle(ctx context.Context, id string) error {
	st := s.store()
	b, err := st.GetBundle(ctx, id)
	if err != nil {
		return err
	}
	if b.Status.Terminal() {
		return fmt.Errorf("bundle job %s is %s; only an unfinished bundle can be killed: %w", id, b.Status, ErrNotEligible)
	}
	ok, err := st.TransitionBundle(ctx, id, b.Status, state.JobKilled, state.BundleFields{})
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("bundle job %s changed status while being killed; try again", id)
	}
	s.log().Info("bundle KILLED", "bundle", id, "from", b.Status)
	return s.eachCoord(ctx, st, id, func(j state.Job) error {
		if j.Status.Terminal() {
			return nil
		}
		return s.Kill(ctx, j.ID)
	})
}

// suspendResumeBundle is Oozie's BundleJobSuspendXCommand and
// BundleJobResumeXCommand: the bundle moves as jobTo says and each of its
// coordinator jobs that can follow is suspended (resumed) with it.
func (s *Scheduler) suspendResumeBundle(ctx context.Context, id string, suspend bool) error {
	st := s.store()
	b, err := st.GetBundle(ctx, id)
	if err != nil {
		return err
	}
	jobTo := map[state.JobStatus]state.JobStatus{
		state.JobPrepSuspended: state.JobPrep, state.JobSuspended: state.JobRunning,
		state.JobSuspendedWithError: state.JobRunningWithError,
	}
	verb, suspended := "resumed", time.Time{}
	if suspend {
		jobTo = map[state.JobStatus]state.JobStatus{
			state.JobPrep: state.JobPrepSuspended, state.JobRunning: state.JobSuspended,
			state.JobRunningWithError: state.JobSuspendedWithError, state.JobPaused: state.JobSuspended,
			state.JobPausedWithError: state.JobSuspendedWithError,
		}
		verb, suspended = "suspended", s.clock().Now()
	}
	to, ok := jobTo[b.Status]
	if !ok {
		return fmt.Errorf("bundle job %s is %s and cannot be %s: %w", id, b.Status, verb, ErrNotEligible)
	}
	moved, err := st.TransitionBundle(ctx, id, b.Status, to, state.BundleFields{SuspendedTime: &suspended})
	if err != nil {
		return err
	}
	if !moved {
		return fmt.Errorf("bundle job %s changed status meanwhile; try again", id)
	}
	s.log().Info("bundle "+string(to), "bundle", id, "from", b.Status)
	return s.eachCoord(ctx, st, id, func(j state.Job) error {
		if suspend {
			if j.Status.Terminal() || j.Status.Suspended() {
				return nil
			}
			return s.Suspend(ctx, j.ID)
		}
		if !j.Status.Suspended() {
			return nil
		}
		return s.Resume(ctx, j.ID)
	})
}

// changeBundle is Oozie's BundleJobChangeXCommand: only endtime and
// pausetime (E1317 otherwise), not of a KILLED bundle (E1317), an end time
// not before the kick-off time (E1317); the bundle records the values and
// each coordinator job gets the same change (Change, whose rules apply).
func (s *Scheduler) changeBundle(ctx context.Context, id string, ch Change) error {
	st := s.store()
	b, err := st.GetBundle(ctx, id)
	if err != nil {
		return err
	}
	invalid := func(why string) error {
		return &CommandError{Code: E1317, Msg: fmt.Sprintf("Invalid bundle job change value %s, %s", changeValue(ch), why)}
	}
	switch {
	case ch.Concurrency != nil || ch.Revive:
		return invalid("a bundle's change takes endtime and pausetime only")
	case b.Status == state.JobKilled:
		return invalid("the bundle job is KILLED")
	case ch.End != nil && ch.End.Before(b.KickOff):
		return invalid(fmt.Sprintf("the end time %s is before the kick-off time %s", state.FormatTime(*ch.End), state.FormatTime(b.KickOff)))
	case ch.PauseTime != nil && !ch.PauseTime.IsZero() && ch.PauseTime.Before(s.clock().Now()):
		return invalid("the pause time is in the past")
	}
	if _, err := st.TransitionBundle(ctx, id, b.Status, b.Status, state.BundleFields{End: ch.End, PauseTime: ch.PauseTime}); err != nil {
		return err
	}
	s.log().Info("bundle changed", "bundle", id)
	return s.eachCoord(ctx, st, id, func(j state.Job) error {
		if j.Status == state.JobKilled || j.Status == state.JobIgnored {
			return nil
		}
		return s.Change(ctx, j.ID, ch)
	})
}

// changeValue renders ch as Oozie's -value string.
func changeValue(ch Change) string {
	var parts []string
	if ch.End != nil {
		parts = append(parts, "endtime="+oozietime.FormatDateTime(*ch.End))
	}
	if ch.Concurrency != nil {
		parts = append(parts, fmt.Sprintf("concurrency=%d", *ch.Concurrency))
	}
	if ch.PauseTime != nil {
		p := ""
		if !ch.PauseTime.IsZero() {
			p = oozietime.FormatDateTime(*ch.PauseTime)
		}
		parts = append(parts, "pausetime="+p)
	}
	if ch.Revive {
		parts = append(parts, "status=RUNNING")
	}
	return strings.Join(parts, ";")
}

// BundleRerun selects what a bundle rerun reruns: the coordinators (entry
// names, coordinator job IDs or names; all when empty) and the actions'
// nominal-time ranges (all when empty).
type BundleRerun struct {
	Coordinators []string
	Dates        []DateRange
}

// RerunBundle is Oozie's BundleRerunXCommand: a bundle that is not KILLED,
// FAILED or PREP* reruns, in each selected coordinator job, the finished
// actions in the date ranges (the coordinator's whole range without
// ranges), as Rerun does; unfinished actions in the ranges are left alone.
// A PAUSED bundle's pause time is reset; the bundle is RUNNING after.
func (s *Scheduler) RerunBundle(ctx context.Context, id string, sel BundleRerun, opts RerunOptions) error {
	st := s.store()
	b, err := st.GetBundle(ctx, id)
	if err != nil {
		return err
	}
	switch b.Status {
	case state.JobKilled, state.JobFailed, state.JobPrep, state.JobPrepPaused, state.JobPrepSuspended:
		return fmt.Errorf("bundle job %s is %s and cannot be rerun (E1018): %w", id, b.Status, ErrNotEligible)
	}
	acts, err := st.BundleActions(ctx, id)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, c := range sel.Coordinators {
		want[strings.TrimSpace(c)] = true
	}
	var errs []error
	reran := 0
	for _, a := range acts {
		j, err := st.GetJob(ctx, a.CoordID)
		if err != nil {
			return err
		}
		if len(want) > 0 && !want[a.CoordName] && !want[j.ID] && !want[j.AppName] {
			continue
		}
		ranges := sel.Dates
		if len(ranges) == 0 {
			ranges = []DateRange{{From: j.Start, To: j.End}}
		}
		var nums []int
		for _, r := range ranges {
			in, err := st.ActionsInRange(ctx, j.ID, r.From, r.To)
			if err != nil {
				return err
			}
			for _, act := range in {
				if act.Status.Rerunnable() {
					nums = append(nums, act.Number)
				}
			}
		}
		if len(nums) == 0 {
			continue
		}
		if err := s.Rerun(ctx, j.ID, Selection{Numbers: nums}, opts); err != nil {
			errs = append(errs, err)
			continue
		}
		reran += len(nums)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if reran == 0 {
		return fmt.Errorf("bundle job %s: no finished action of the selected coordinators is in the ranges (E1018): %w", id, ErrNotEligible)
	}
	set := state.BundleFields{}
	if b.Status == state.JobPaused || b.Status == state.JobPausedWithError {
		set.PauseTime = &time.Time{}
	}
	if b.Status != state.JobRunning || set.PauseTime != nil {
		if _, err := st.TransitionBundle(ctx, id, b.Status, state.JobRunning, set); err != nil {
			return err
		}
	}
	s.log().Info("bundle rerun", "bundle", id, "actions", reran)
	if b, err = st.GetBundle(ctx, id); err != nil {
		return err
	}
	coords, err := st.BundleCoords(ctx, id)
	if err != nil {
		return err
	}
	return s.rollUpBundle(ctx, st, b, coords)
}

// eachCoord calls fn for each coordinator job of a bundle and joins the
// errors.
func (s *Scheduler) eachCoord(ctx context.Context, st *state.Store, bundleID string, fn func(state.Job) error) error {
	acts, err := st.BundleActions(ctx, bundleID)
	if err != nil {
		return err
	}
	var errs []error
	for _, a := range acts {
		j, err := st.GetJob(ctx, a.CoordID)
		if errors.Is(err, state.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(j); err != nil {
			errs = append(errs, fmt.Errorf("coordinator %s (%s): %w", a.CoordName, j.ID, err))
		}
	}
	return errors.Join(errs...)
}
