package analyzer

import (
	"fmt"
	"strings"
)

// UnknownRule is the message for a rule name that is none of known:
// `unknown rule "missing-setvl" (did you mean missing-setval?)` when one
// name is near enough to be what was meant, else a pointer to the list.
func UnknownRule(known []*Rule, name string) string {
	names := make([]string, len(known))
	for i, r := range known {
		names[i] = r.Name
	}
	if near := suggest(names, name); near != "" {
		return fmt.Sprintf("unknown rule %q (did you mean %s?)", name, near)
	}
	return fmt.Sprintf("unknown rule %q (pgseqlint rules lists them)", name)
}

// suggest returns the candidate nearest to s, when few enough edits (a
// quarter of its length, at least two) turn one into the other to be a
// typo; "" otherwise.
func suggest(candidates []string, s string) string {
	best, bestDistance := "", max(2, len(s)/4)+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), c); d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps
// of two neighbouring bytes that turn a into b.
func editDistance(a, b string) int {
	// rows[0] is two rows back, rows[1] the previous row, rows[2] this one.
	var rows [3][]int
	for i := range rows {
		rows[i] = make([]int, len(b)+1)
	}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur, prev, prev2 := rows[2], rows[1], rows[0]
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, prev2
	}
	return rows[1][len(b)]
}
