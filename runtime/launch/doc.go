// Package launch starts local processes detached from coordc, so that they
// keep running when coordc dies, and finds them again after a restart.
//
// # Design
//
// A process that launches commands (coordc) has one supervisor: the same
// executable re-executed (/proc/self/exe) with the argv
// "coordc-launch-supervisor 1", which the package's init function turns
// into the supervisor before main runs, so that every binary linking the
// package, coordc or a test, serves its own launches. The supervisor runs
// in its own session (setsid), with its working directory at /, reads the
// launcher's requests from a pipe on its stdin and reports ended launches
// on a pipe on its file descriptor 3 (framed messages, wire.go). It
// starts each command itself, with fork and exec and no shell: the
// command is its argv, never a shell string, so no value (EL results
// included) is ever parsed by a shell, and a command name is always an
// executable found on PATH (as Oozie's launcher runs it), never a shell
// builtin of the same name (echo, eval, exit, …). A file that is
// executable but not a binary or a "#!" script is run by /bin/sh, as
// Java's ProcessBuilder (Oozie's launcher) runs it. The command runs in a
// session of its own (so Kill can signal its process group), with stdin
// from /dev/null, stdout and stderr to <dir>/stdout and <dir>/stderr
// (mode 0600 in a 0700 directory, truncated at each start), the
// launcher's environment with Spec.Env and PWD, and the launcher's umask.
//
// A launch is named by its Handle: the supervisor's pid and start time and
// the launch's number, "pid:<pid>:<start time>:<seq>" (its ident in the
// records is "<pid>:<start time>:<seq>"). The supervisor writes, in the
// launch's directory:
//
//   - when the command has started, the start record "<ident> <pid>"
//     (no final newline) to <dir>/exit, which tells Kill the command's
//     process group;
//   - when the command has ended, the exit record "<ident> <pid> <exit
//     status>\n" (the status as shells report it: 128 + n for a command
//     ended by signal n; a command that could not start gets 127 when it
//     is not found, 126 otherwise, pid 0, and the reason on its stderr):
//     " <exit status>\n" appended to the start record when the file still
//     holds it, written in its place otherwise (a file truncated to
//     nothing and written again is written back to the disk at its close
//     on ext4, which an append avoids);
//   - for a launch that never ran, the record <dir>/unstarted.<ident>.
//
// A record without its final newline is read as no exit record yet. A
// record that cannot be written (a full disk) is retried every second
// while the supervisor stays alive, so the launch reads as running, never
// as lost.
//
// Starting is a handshake that makes "launched twice" and "launched but
// forgotten" impossible across a crash of coordc at any moment:
//
//  1. Fork sends the launch to the supervisor, which holds it, and returns
//     its Handle (starting the supervisor first when there is none).
//  2. The caller persists the handle (a database commit).
//  3. Only then does Pending.Run tell the supervisor to run the command:
//     it removes the unstarted records of earlier launches in the
//     directory and starts it.
//
// A caller that starts many processes at once commits the handles of all
// its launches in one transaction and then calls Run for each, or Abort
// for each when the commit failed; Start is Fork, record and Run. If the
// launcher dies before step 3, or Aborts, the supervisor records the
// launch unstarted (it reads every request sent before the pipe closed)
// and never runs it: Attach then reports NotStarted and the caller may
// launch again. If the launcher dies after step 3, the command runs to
// completion and the supervisor records its status. The supervisor exits
// once the launcher's pipe is closed and its last command has ended; a
// launcher whose supervisor died starts another at its next Fork.
//
// Before step 3 a launch writes nothing another launch reads: the records
// and output of earlier launches are replaced only after the new handle
// is committed. So a relaunch killed at any moment leaves the committed
// handle's fate readable, and a launch whose handle is refused (another
// process launched the same node first) leaves the winner's exit record
// and output alone.
//
// The launcher learns of an ended launch at once through Spec.Exited,
// which it calls when the supervisor reports the launch's record written;
// that is only a hint: the records are the truth, and a launch re-attached
// after a restart is found by polling Attach.
//
// One supervisor per launcher, rather than a shell wrapper per command,
// makes a launch one process start: the commands are forked by a small
// process whose only work that is, beside the launcher's database work.
//
// # Re-attaching
//
// Attach classifies a recorded Handle: an exit record for the launch gives
// Exited, an unstarted record NotStarted; a live supervisor (the recorded
// pid, with the recorded start time) means Running; anything else is
// Lost, which only happens when the supervisor was killed with SIGKILL or
// the machine rebooted (a launch prepared while a killed supervisor's last
// threads were exiting is lost with it: the launcher learns of the death
// when the supervisor's pipes close). The start time makes a reused pid
// harmless.
//
// A launch of coordc before the supervisor has a handle without a launch
// number, "pid:<pid>:<start time>": its process was a /bin/sh wrapper that
// ran one command in its own process group and wrote "<pid> <status>\n"
// to <dir>/exit or <dir>/unstarted.<pid>. Such launches are attached,
// killed and relaunched as before (TestAttachAfterUpgrade runs that
// wrapper).
//
// The package is for Linux: it reads /proc. It does not interpret exit codes,
// capture output or know about workflows.
package launch
