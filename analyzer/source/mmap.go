package source

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrNotMapped says a file is read as a stream instead.
var ErrNotMapped = errors.New("not mapped")

// GuardMapped turns the fault of reading a mapped file that was cut short
// while it was read (the kernel's SIGBUS) into an error, on the goroutine
// it is deferred on.
func GuardMapped(file string, err *error) {
	r := recover()
	if r == nil {
		return
	}
	if _, fault := r.(interface{ Addr() uintptr }); !fault {
		panic(r)
	}
	*err = fmt.Errorf("%s: the file changed while it was read (it is shorter now)", file)
}

// FaultsAsPanics makes a fault in mapped memory a panic on this goroutine,
// to be turned into an error; it returns the setting to restore.
func FaultsAsPanics() bool { return debug.SetPanicOnFault(true) }
