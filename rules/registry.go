// Package rules holds pgseqlint's rules, one file each, with their
// documentation beside their code.
package rules

import "github.com/pgseqlint/pgseqlint/analyzer"

// All returns every rule, in the order they are documented.
func All() []*analyzer.Rule {
	return []*analyzer.Rule{
		MissingSetval,
		StaleSetval,
		IdentityNeedsOverride,
		SequenceNotFound,
		UnknownTable,
		UnverifiableSequence,
		SequenceNearLimit,
		SyntaxError,
		PsqlError,
		UnknownPsqlValue,
		MalformedCopy,
		StatementTooLong,
		OutsideRoot,
		BadIgnore,
		PermissionDenied,
	}
}

// ByName returns the rule of that name, or nil.
func ByName(name string) *analyzer.Rule {
	for _, r := range All() {
		if r.Name == name {
			return r
		}
	}
	return nil
}
