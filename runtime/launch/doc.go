// Package launch starts local processes detached from coordc, so that they
// keep running when coordc dies, and finds them again after a restart.
//
// # Design
//
// A process is started through a fixed wrapper script run by /bin/sh: the
// command is passed as argv ("$@"), never spliced into a shell string, so no
// value (EL results included) is ever parsed by a shell, and run with exec
// in a subshell, so that a command name is always an executable found on
// PATH (as Oozie's launcher runs it), never a shell builtin of the same
// name (echo, eval, exit, …). The wrapper runs in
// its own session (setsid, so it is also the leader of a new process group),
// with stdin from /dev/null; once it may run the command it sends stdout and
// stderr to the files <dir>/stdout and <dir>/stderr (mode 0600 in a 0700
// directory, truncated at each start). The wrapper creates its files itself,
// under umask 077, and restores coordc's umask (read from /proc/self/status
// and passed as an argument) for the command: a new file costs an inode,
// the costliest part of a launch on some file systems, and the wrappers
// create theirs beside each other rather than in coordc's launching loop;
// Start only tightens output files an earlier launch left to 0600. When
// the command ends, the wrapper
// writes "<its pid> <exit status>\n" to <dir>/exit with one printf (no
// temporary file, no mv process): a record without its final newline is
// one being written, read as no record yet; a write that fails
// (a full disk) is retried every second while the wrapper stays alive, so
// the action reads as running, never as lost. The wrapper keeps the default signal
// dispositions: Kill's SIGTERM to the process group stops the wrapper with
// the command, and Kill then writes the exit record itself (128 + the
// signal number, as shells report it) unless the wrapper got to it first.
// A trap in the wrapper could record the status instead, but a signal that
// arrives before the command is forked would be swallowed and the command
// would run anyway.
//
// Starting is a handshake that makes "launched twice" and "launched but
// forgotten" impossible across a crash of coordc at any moment:
//
//  1. Start forks the wrapper, which blocks reading a pipe from coordc.
//  2. Start reads the wrapper's start time from /proc/<pid>/stat (field 22)
//     and calls the caller's record callback with the Handle; the caller
//     persists it (a database commit).
//  3. Only then does Start send "go" on the pipe; the wrapper runs the
//     command.
//
// The goroutine that reaps the wrapper calls Spec.Exited when it ends, so
// that the launching process learns of the end at once; that is only a
// hint: the records above are the truth, and a process re-attached after a
// restart is found by polling Attach.
//
// Fork and Pending split the handshake for callers that start many
// processes at once: Fork does steps 1 and 2 and returns the handle; the
// caller commits the handles of all its launches in one transaction and
// then calls Pending.Run (step 3) for each, or Pending.Abort for each when
// the commit failed (the wrapper exits unstarted). Start is Fork, record
// and Run.
//
// Each launch uses one directory, Spec.Dir (created with one mkdir when
// missing, tightened to 0700 when it exists), holding stdout, stderr, exit
// and unstarted.<pid>; the layout is that of every earlier version, so an
// action launched before an upgrade is attached, killed and relaunched as
// before (TestAttachAfterUpgrade runs the previous wrapper).
//
// If coordc dies before step 3, the pipe closes, the wrapper reads EOF and
// exits without running the command, writing the record <dir>/unstarted.<pid>:
// Attach then reports NotStarted and the caller may launch again. If coordc
// dies after step 3, the command runs to completion on its own.
//
// Before step 3 a launch writes nothing another launch reads: the records
// and output of earlier launches are cleaned up only after the new handle is
// committed (between steps 2 and 3). So a relaunch killed at any moment
// leaves the committed handle's fate readable, and a launch whose handle is
// refused (another process launched the same node first) leaves the
// winner's exit record and output alone.
//
// A re-exec of the coordc binary in a hidden mode would avoid /bin/sh, but it
// ties this package to one executable (tests and other embedders would each
// need a hook); the few lines of POSIX shell work for every caller and need
// nothing but /bin/sh.
//
// # Re-attaching
//
// Attach classifies a recorded Handle: an exit record for the handle's pid
// gives Exited (or NotStarted); a live process with the recorded pid and
// start time is Running; anything else is Lost, which only happens when the
// wrapper itself was killed by someone other than Kill or the machine
// rebooted. The start
// time makes a reused pid harmless.
//
// The package is for Linux: it reads /proc. It does not interpret exit codes,
// capture output or know about workflows.
package launch
