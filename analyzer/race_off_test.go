//go:build !race

package analyzer_test

// raceDetector is set when the tests run with -race, which makes the
// checker many times slower.
const raceDetector = false
