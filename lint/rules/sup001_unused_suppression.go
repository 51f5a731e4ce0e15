package rules

import "github.com/coordc/coordc/lint"

// frameworkRules are rules the runner implements itself (they have no Run).
var frameworkRules = []*lint.Analyzer{SUP001}

// SUP001 reports coordc:ignore directives that suppress nothing, name no
// rule or an unknown one, give no reason, or (coordc:ignore-file) are not
// at the top of the file. lint.Run implements it.
var SUP001 = &lint.Analyzer{
	ID:       lint.SuppressionRuleID,
	Name:     "unused-suppression",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Suppression matches nothing or gives no reason",
		Rationale: "A `coordc:ignore` directive silences one or more rules on its line, or on the element " +
			"(HCL: block) that starts just below it; `coordc:ignore-file` before the first element silences them " +
			"in the whole file. A directive that no longer matches a finding hides the next real problem at that " +
			"place, and one without a reason leaves reviewers guessing why the rule does not apply.\n\n" +
			"SUP001 reports a directive that matches no finding of a rule that ran (with a fix that removes it), " +
			"that names no rule or an unknown one, that gives no reason after the dash (unless " +
			"`require_reason = false` in `.coordc.hcl`), or an ignore-file directive below the top of the file. " +
			"XML forbids `--` inside comments, so XML directives separate the reason with a single `-`: " +
			"`<!-- coordc:ignore CRON001 - reason -->`; HCL writes `# coordc:ignore CRON001 -- reason`. " +
			"Load errors (malformed XML, definitions Oozie rejects) can never be suppressed.",
		Bad: `<coordinator-app name="hourly" xmlns="uri:oozie:coordinator:0.4"
    frequency="0 * * * *" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC">
  <!-- coordc:ignore CRON001 - the cron was fixed long ago -->
  <action><workflow><app-path>hdfs://apps/hourly</app-path></workflow></action>
</coordinator-app>
`,
		Good: `<coordinator-app name="hourly" xmlns="uri:oozie:coordinator:0.4"
    frequency="0 * * * *" start="2024-01-01T00:00Z" end="2025-01-01T00:00Z" timezone="UTC">
  <action><workflow><app-path>hdfs://apps/hourly</app-path></workflow></action>
</coordinator-app>
`,
		Fixable: true,
	},
}
