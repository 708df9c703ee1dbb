//go:build race

package main

// raceDetector is set when the tests run with -race, which makes byte
// loops many times slower.
const raceDetector = true
