package script

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/pgseqlint/pgseqlint/analyzer/dumpgen"
)

func TestCopyFolder(t *testing.T) {
	text := copyFormat{delim: '\t', null: []byte(`\N`)}
	csv := copyFormat{csv: true, delim: ',', null: []byte(""), quote: '"', escape: '"'}
	tests := []struct {
		name   string
		format copyFormat
		keys   []int
		want   int
		data   string
		result string
	}{
		{"text", text, []int{0}, 2, "1\ta\n2\tb\n", "rows=2 key0=1..2/2"},
		{"text second column", text, []int{1}, 2, "a\t10\nb\t-3\n", "rows=2 key0=-3..10/2"},
		{"null key", text, []int{0}, 2, "\\N\ta\n5\tb\n", "rows=2 key0=5..5/1"},
		{"key after other fields", text, []int{2}, 4, "a\tb\t10\tx\nc\td\t\\N\ty\ne\tf\t-3\tz\ng\th\t12a\tw\n", "rows=4 key0=-3..10/2 invalid=1(a value that is not a 64-bit integer)"},
		{"key in the last field", text, []int{0, 2}, 3, "1\ta\t7\r\n2\tb\t\\N\n3\tc\t-4\n", "rows=3 key0=1..3/3 key1=-4..7/2"},
		{"keys around others", text, []int{0, 2}, 4, "1\tb\t\\N\tx\n\\N\td\t7\ty\n3\ta\\\\b\t5\tq\\tw\n", "rows=3 key0=1..3/2 key1=5..7/2"},
		{"escaped delimiter", text, []int{0}, 2, "1\tx\\\ty\n", "rows=1 key0=1..1/1"},
		{"escaped backslash before delimiter", text, []int{1}, 2, "x\\\\\t7\n", "rows=1 key0=7..7/1"},
		{"octal escape in key", text, []int{0}, 1, "\\061\\062\n", "rows=1 key0=12..12/1"},
		{"extra field", text, []int{0}, 2, "1\ta\n2\tb\tc\n", "rows=2 key0=1..2/2 problem@1: extra data after last expected column: row has 3 fields, the column list 2"},
		{"missing field", text, []int{0}, 2, "1\n", "rows=1 key0=1..1/1 problem@0: missing data for a column: row has 1 fields, the column list 2"},
		{"crlf", text, []int{1}, 2, "a\t1\r\nb\t2\r\n", "rows=2 key0=1..2/2"},
		{"not an integer", text, []int{0}, 1, "12a\n3\n", "rows=2 key0=3..3/1 invalid=1(a value that is not a 64-bit integer)"},
		// Keys of up to eight digits are compared by their digits.
		{"short keys with leading zeros", text, []int{0}, 2, "50\ta\n007\tb\n", "rows=2 key0=7..50/2"},
		{"short keys with leading zeros, two keys", text, []int{0, 1}, 3, "50\t007\tx\n007\t50\ty\n", "rows=2 key0=7..50/2 key1=7..50/2"},
		{"short key with more after it", text, []int{0}, 2, "12x\ta\n3\tb\n", "rows=2 key0=3..3/1 invalid=1(a value that is not a 64-bit integer)"},
		{"seven digits, eight and nine", text, []int{0}, 2, "9999999\ta\n10000000\tb\n1\tc\n0\td\n99999999\te\n", "rows=5 key0=0..99999999/5"},
		{"nine digits", text, []int{0}, 2, "99999999\ta\n100000000\tb\n", "rows=2 key0=99999999..100000000/2"},
		{"eight digits and more after them", text, []int{0}, 2, "12345678x\ta\n5\tb\n", "rows=2 key0=5..5/1 invalid=1(a value that is not a 64-bit integer)"},
		{"big keys", text, []int{0}, 1, "9223372036854775807\n-9223372036854775808\n9223372036854775808\n", "rows=3 key0=-9223372036854775808..9223372036854775807/2 invalid=1(a value that is not a 64-bit integer)"},
		{"spaces around", text, []int{0}, 1, " 42 \n", "rows=1 key0=42..42/1"},
		{"no final newline", text, []int{0}, 1, "1\n2", "rows=2 key0=1..2/2"},
		{"header", copyFormat{delim: '\t', null: []byte(`\N`), header: true}, []int{0}, 1, "id\n7\n", "rows=1 key0=7..7/1"},
		{"csv", csv, []int{0}, 2, "1,\"a,b\"\n2,\"multi\nline\"\n3,\"x\"\"y\"\n", "rows=3 key0=1..3/3"},
		{"csv quoted key", csv, []int{1}, 2, "a,\"7\"\nb,\n", "rows=2 key0=7..7/1"},
		{"csv header", copyFormat{csv: true, delim: ',', null: []byte(""), quote: '"', escape: '"', header: true}, []int{0}, 2, "id,\"na\nme\"\n4,x\n", "rows=1 key0=4..4/1"},
		{"csv crlf", csv, []int{1}, 2, "a,1\r\nb,2\r\n", "rows=2 key0=1..2/2"},
		{"csv escape", copyFormat{csv: true, delim: ';', null: []byte("NULL"), quote: '\'', escape: '\\'}, []int{0}, 2, "5;'it\\'s;x'\nNULL;y\n", "rows=2 key0=5..5/1"},
		{"csv wrong count", csv, []int{0}, 2, "1,a,b\n", "rows=1 key0=1..1/1 problem@0: extra data after last expected column: row has 3 fields, the column list 2"},
	}
	for _, tt := range tests {
		// Every way of cutting the data in two must read the same.
	cuts:
		for cut := 0; cut <= len(tt.data); cut++ {
			for _, marked := range rowReaders() {
				f := newCopyFolder(tt.format, tt.keys, tt.want)
				f.markRows = marked
				feed(f, []byte(tt.data), cut)
				f.Finish()
				if got := describeFolder(f); got != tt.result {
					t.Errorf("%s (cut at %d, rows marked %v): got %s, want %s", tt.name, cut, marked, got, tt.result)
					break cuts
				}
			}
		}
	}
}

// rowReaders are the ways this machine finds rows: searched for, and
// marked where it can mark them.
func rowReaders() []bool {
	if markChunks == nil {
		return []bool{false}
	}
	return []bool{false, true}
}

// feed hands p to a folder as CopyData does when its window ends at at:
// whole lines to Lines; a line cut there to Part, up to its newline; a last
// line without a newline to Lines. It stops at the marker.
func feed(f *CopyFolder, p []byte, at int) {
	last := bytes.LastIndexByte(p[:at], '\n') + 1
	if _, _, marker := f.Lines(p[:last]); marker {
		return
	}
	rest := p[last:]
	if at > last && at < len(p) {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			nl = len(rest)
		}
		f.Part(rest[:nl])
		rest = rest[nl:]
	}
	if len(rest) > 0 {
		f.Lines(rest)
	}
}

func describeFolder(f *CopyFolder) string {
	s := fmt.Sprintf("rows=%d", f.Rows)
	for i, k := range f.Stats {
		s += fmt.Sprintf(" key%d=%d..%d/%d", i, k.Min, k.Max, k.Count)
		if k.Invalid > 0 {
			s += fmt.Sprintf(" invalid=%d(%s)", k.Invalid, k.InvalidWhy)
		}
	}
	if f.Problem != nil {
		s += fmt.Sprintf(" problem@%d: %s", f.Problem.Line, f.Problem.Message)
	}
	return s
}

// BenchmarkCopyFolder folds the rows of a generated dump's first COPY
// block, as the splitter hands them over: whole lines, a chunk at a time.
// Both shapes start with a table of five fields keyed by the first:
// accounts of short rows, and events with escaped multibyte payloads.
func BenchmarkCopyFolder(b *testing.B) {
	for _, shape := range []dumpgen.Shape{dumpgen.Synthetic, dumpgen.App} {
		b.Run(shape.String(), func(b *testing.B) {
			var dump bytes.Buffer
			if err := dumpgen.Write(&dump, dumpgen.Options{Size: 32 << 20, Shape: shape}); err != nil {
				b.Fatal(err)
			}
			data := dump.Bytes()
			start := bytes.Index(data, []byte("FROM stdin;\n")) + len("FROM stdin;\n")
			end := start + bytes.Index(data[start:], []byte("\n\\.\n")) + 1
			rows := data[start:end]
			b.SetBytes(int64(len(rows)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f := newCopyFolder(copyFormat{delim: '\t', null: []byte(`\N`)}, []int{0}, 5)
				for p := rows; len(p) > 0; {
					n := min(len(p), 4<<20)
					if nl := bytes.LastIndexByte(p[:n], '\n'); nl >= 0 {
						n = nl + 1
					}
					f.Lines(p[:n])
					p = p[n:]
				}
				f.Finish()
				if f.Problem != nil || f.Stats[0].Count == 0 {
					b.Fatalf("%+v %+v", f.Problem, f.Stats[0])
				}
			}
		})
	}
}

// FuzzCopyRows holds the row loops that read whole lines at once to the
// byte-at-a-time reader a long row takes: both must fold any rows alike.
func FuzzCopyRows(f *testing.F) {
	for _, seed := range []string{
		"1\ta\n2\tb\n",
		"12345678\t87654321\tx\n123456789012345678\t1\t\\N\n",
		"1234567890123456789\tx\ty\n",
		"00000001\t2\t3\n\\N\t4\t5\n",
		"7\tx\\\ty\tz\n8\t9\n\\.\n10\t1\t2\n",
		"1\t2\t\\\\\tw\r\n3\t4\t5\r\n",
		"99999999\t\t\n",
		"\\.\n",
		// Long enough to be read eight bytes at a time.
		"1234567\tlong enough a field\tx\n12345678\t00000000000000001\tyy\n123456789012345678\t1\t2 and more bytes\n",
		"0012\t\\\t34\tfive six seven eight\n\\N\t5\t6 7 8 9 10 11 12 13\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n",
	} {
		f.Add([]byte(seed))
	}
	layouts := []struct {
		keys []int
		want int
	}{{[]int{0}, 3}, {[]int{0, 1}, 3}, {[]int{1}, 3}, {[]int{0, 2}, 3}, {[]int{2}, 3}, {[]int{0}, 1}, {nil, 1}, {nil, 2}}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range layouts {
			compareFolds(t, '\t', l.keys, l.want, data)
		}
	})
}

// feedByteByByte hands each line's bytes to Part one at a time and only
// its newline to Lines, stopping at the marker as Lines does.
func feedByteByByte(f *CopyFolder, p []byte) {
	for len(p) > 0 {
		line, rest, found := bytes.Cut(p, []byte{'\n'})
		if isMarkerLine(line) {
			return
		}
		for i := range line {
			f.Part(line[i : i+1])
		}
		if found {
			f.Lines([]byte{'\n'})
		}
		p = rest
	}
}

// TestCopyRowsAtScale folds many rows of every kind at once, so that they
// are shared out between cores and marked a stretch at a time, and again
// byte by byte; then sixteen rows at a time.
func TestCopyRowsAtScale(t *testing.T) {
	data := textRows(rand.New(rand.NewPCG(5, 6)), 40000)
	for _, keys := range [][]int{{0}, {0, 1}, {1}} {
		for _, delim := range []string{"\t", ",", "\xa7"} {
			compareFolds(t, delim[0], keys, 3, bytes.ReplaceAll(data, []byte("\t"), []byte(delim)))
		}
		// A key read wrong shows when it is the largest or the smallest:
		// in a few rows, each one often is.
		for rest := data; len(rest) > 0; {
			end := 0
			for i := 0; i < 16 && end < len(rest); i++ {
				end += bytes.IndexByte(rest[end:], '\n') + 1 // every row ends with one
			}
			compareFolds(t, '\t', keys, 3, rest[:end])
			rest = rest[end:]
		}
	}
}

// TestShortKeyRows: rows of short keys and of what looks like them, in
// each arrangement of key fields (the first one or two, which the row loop
// reads itself, in either slot order; after others; the last), folded
// whole as byte by byte, all at once and sixteen rows at a time.
func TestShortKeyRows(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	values := []string{"0", "7", "007", "42", "1234567", "12345678", "99999999", "123456789", "12x", "1234567x", "12345678x", `\N`, "-5", "", "3.0"}
	var data []byte
	for range 5000 {
		data = fmt.Appendf(data, "%s\t%s\t%s\n", values[r.IntN(len(values))], values[r.IntN(len(values))], values[r.IntN(len(values))])
	}
	for _, keys := range [][]int{{0}, {0, 1}, {1, 0}, {1}, {0, 2}, {0, 1, 2}} {
		compareFolds(t, '\t', keys, 3, data)
		for rest := data; len(rest) > 0; {
			end := 0
			for i := 0; i < 16 && end < len(rest); i++ {
				end += bytes.IndexByte(rest[end:], '\n') + 1
			}
			compareFolds(t, '\t', keys, 3, rest[:end])
			rest = rest[end:]
		}
	}
}

// compareFolds folds text rows whole, in each way this machine finds rows,
// and byte by byte: all must agree, down to the line of the first bad row.
// It returns what they found.
func compareFolds(t *testing.T, delim byte, keys []int, fields int, data []byte) string {
	t.Helper()
	text := copyFormat{delim: delim, null: []byte(`\N`)}
	pieces := newCopyFolder(text, keys, fields)
	feedByteByByte(pieces, data)
	pieces.Finish()
	want := describeFolder(pieces)
	for _, marked := range rowReaders() {
		whole := newCopyFolder(text, keys, fields)
		whole.markRows = marked
		feed(whole, data, len(data))
		whole.Finish()
		if got := describeFolder(whole); got != want {
			t.Fatalf("delimiter %q, keys %v of %d fields in %.300q:\nwhole lines (rows marked %v): %s\nbyte by byte: %s", delim, keys, fields, data, marked, got, want)
		}
	}
	return want
}

// TestCopyRowsAcrossStretches: rows that run from one marked stretch into
// the next carry their delimiters, and a backslash at the end of a stretch
// escapes the delimiter that starts the next.
func TestCopyRowsAcrossStretches(t *testing.T) {
	pad := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, data, problem string
	}{
		// The backslash is the stretch's last byte: the row has two fields.
		{"escaped delimiter at the seam", "1\t" + pad(markedBytes-3) + "\\\tb\n2\tx\ty\n", "missing data"},
		{"doubled backslash at the seam", "1\t" + pad(markedBytes-4) + "\\\\\tb\n2\tx\ty\n", ""},
		// One delimiter in the first stretch, four more in the second.
		{"delimiters on both sides", "1\t\t\n2\t" + pad(markedBytes) + "\t\t\t\t\n", "extra data"},
		{"right on both sides", "1\t\t\n2\t" + pad(markedBytes) + "\t\n3\t" + pad(3*markedBytes) + "\tz\n", ""},
	}
	for _, tt := range tests {
		got := compareFolds(t, '\t', []int{0}, 3, []byte(tt.data))
		if tt.problem == "" && strings.Contains(got, "problem") || !strings.Contains(got, tt.problem) {
			t.Errorf("%s: %s, want a problem %q", tt.name, got, tt.problem)
		}
	}
}

// FuzzCopyRowsCSV reads rows in CSV format, cut anywhere in two, and holds
// what the folder found to csvReference, which reads the whole input the
// way CopyReadAttributesCSV does.
func FuzzCopyRowsCSV(f *testing.F) {
	for _, seed := range []string{
		"1,\"a,b\"\n2,\"multi\nline\"\n3,\"x\"\"y\"\n",
		"id,name\n4,x\n",
		"5;'it\\'s;x'\nNULL;y\n",
		"\"7\",\"\"\n,\n\"\",8\r\n",
		"1,\"\\\\\"\n2,\"a\n\\.\n3,b\n",
		"\"12\"3,x\n-4,\" 5 \"\n6.00,y\n",
	} {
		f.Add([]byte(seed), uint8(0), uint8(0))
	}
	formats := []copyFormat{
		{csv: true, delim: ',', null: []byte(""), quote: '"', escape: '"'},
		{csv: true, delim: ',', null: []byte(""), quote: '"', escape: '"', header: true},
		{csv: true, delim: ';', null: []byte("NULL"), quote: '\'', escape: '\\'},
		{csv: true, delim: ',', null: []byte("\\N"), quote: '"', escape: '\\', header: true},
	}
	layouts := []struct {
		keys []int
		want int
	}{{[]int{0}, 2}, {[]int{1}, 2}, {[]int{0, 1}, 3}, {nil, 1}}
	f.Fuzz(func(t *testing.T, data []byte, formatAndLayout, cut uint8) {
		format := formats[int(formatAndLayout)%len(formats)]
		l := layouts[int(formatAndLayout/16)%len(layouts)]
		at := int(cut) % (len(data) + 1)
		// The splitter hands over the start of a line only when the line
		// is long, never of a marker line.
		lineStart := bytes.LastIndexByte(data[:at], '\n') + 1
		if line, _, _ := bytes.Cut(data[lineStart:], []byte{'\n'}); isMarkerLine(line) {
			at = lineStart
		}
		folder := newCopyFolder(format, l.keys, l.want)
		feed(folder, data, at)
		folder.Finish()
		if got, want := describeFolder(folder), csvReference(data, format, l.keys, l.want); got != want {
			t.Fatalf("keys %v of %d fields, %+v, cut at %d, in %q:\nfolder:    %s\nreference: %s", l.keys, l.want, format, at, data, got, want)
		}
	})
}

// csvReference reads CSV rows from a whole input, up to a line `\.`: a
// quoted field may hold delimiters and newlines; in it the escape character
// before a quote or another escape stands for that byte; an unquoted field
// equal to the NULL string is NULL. It describes them as describeFolder
// does.
func csvReference(data []byte, format copyFormat, keys []int, want int) string {
	if end := csvMarkerLine(data); end >= 0 {
		data = data[:end]
	}
	type field struct {
		value  []byte
		quoted bool
	}
	var (
		rows            [][]field
		rowLines        []int64
		row             []field
		cur             field
		inRow, inQuotes bool
		line, rowLine   int64
		endField        = func() { row, cur = append(row, cur), field{} }
		endRow          = func() {
			cur.value = bytes.TrimSuffix(cur.value, []byte{'\r'}) // of a CRLF line end
			endField()
			rows, rowLines, row, inRow = append(rows, row), append(rowLines, rowLine), nil, false
		}
	)
	for i := 0; i < len(data); i++ {
		b := data[i]
		if !inRow {
			inRow, rowLine = true, line
		}
		switch {
		case inQuotes && b == format.escape && i+1 < len(data) && (data[i+1] == format.quote || data[i+1] == format.escape):
			cur.value = append(cur.value, data[i+1])
			i++
		case inQuotes && b == format.quote:
			inQuotes = false
		case inQuotes:
			if b == '\n' {
				line++
			}
			cur.value = append(cur.value, b)
		case b == '\n':
			endRow()
			line++
		case b == format.delim:
			endField()
		case b == format.quote:
			inQuotes, cur.quoted = true, true
		default:
			cur.value = append(cur.value, b)
		}
	}
	if inRow {
		endRow()
	}
	if format.header && len(rows) > 0 {
		rows, rowLines = rows[1:], rowLines[1:]
	}
	stats := make([]KeyStats, len(keys))
	var problem *RowProblem
	for r, fields := range rows {
		for slot, k := range keys {
			if k >= len(fields) {
				continue
			}
			v := fields[k]
			// int8in skips ASCII white space only.
			digits := strings.Trim(string(v.value), " \t\n\r\v\f")
			switch n, err := strconv.ParseInt(digits, 10, 64); {
			case len(v.value) > maxKeyField:
				stats[slot].noteInvalid(valueTooLong)
			case !v.quoted && bytes.Equal(v.value, format.null):
			case err == nil:
				stats[slot].Add(n)
			default:
				if whole, frac, ok := strings.Cut(digits, "."); ok && strings.Trim(frac, "0") == "" {
					if n, err := strconv.ParseInt(whole, 10, 64); err == nil {
						stats[slot].Add(n)
						continue
					}
				}
				stats[slot].noteInvalid(valueNotInteger)
			}
		}
		if problem == nil && want > 0 && len(fields) != want {
			c := CopyFolder{wantFields: want, rowLine: rowLines[r]}
			c.wrongFieldCount(len(fields))
			problem = c.Problem
		}
	}
	return describeFolder(&CopyFolder{Rows: int64(len(rows)), Stats: stats, Problem: problem})
}

// csvMarkerLine is the offset of the first line `\.`, or -1: psql looks
// for it at every line start, inside a quoted field too.
func csvMarkerLine(data []byte) int {
	for at := 0; at < len(data); {
		line, _, _ := bytes.Cut(data[at:], []byte{'\n'})
		if isMarkerLine(line) {
			return at
		}
		at += len(line) + 1
	}
	return -1
}

// TestParallelLinesStopAtMarker: rows split between cores stop at the
// marker wherever it falls among the parts, and the rows after it are
// neither counted nor read as far as the folder says.
func TestParallelLinesStopAtMarker(t *testing.T) {
	text := copyFormat{delim: '\t', null: []byte(`\N`)}
	var rows []byte
	for i := 1; len(rows) < 3*parallelMinimum; i++ {
		rows = fmt.Appendf(rows, "%d\tsome text of row %d\n", i, i)
	}
	for _, at := range []int{0, len(rows) / 7, len(rows) / 3, len(rows) / 2, len(rows) - 30, len(rows)} {
		cut := bytes.IndexByte(rows[at:], '\n') + at + 1
		if at == 0 {
			cut = 0
		}
		if cut > len(rows) {
			cut = len(rows)
		}
		data := append(append(append([]byte(nil), rows[:cut]...), "\\.\n"...), rows[cut:]...)
		serial := newCopyFolder(text, []int{0}, 2)
		serial.Serial = true
		wantN, wantLines, wantMarker := serial.Lines(data)
		parallel := newCopyFolder(text, []int{0}, 2)
		n, lines, marker := parallel.Lines(data)
		if n != cut || !marker || n != wantN || lines != wantLines || marker != wantMarker {
			t.Errorf("marker at %d: read %d bytes, %d lines, marker %v; one core read %d, %d, %v", cut, n, lines, marker, wantN, wantLines, wantMarker)
		}
		if got, want := describeFolder(parallel), describeFolder(serial); got != want {
			t.Errorf("marker at %d: %s, one core found %s", cut, got, want)
		}
	}
}

// TestOrderedDigits: keys of one to eight digits without a leading zero
// order by orderedDigits as by their values, and orderedValue gives the
// value back, whatever bytes follow the digits.
func TestOrderedDigits(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	ordered := func(v int64) uint64 {
		var b [8]byte
		s := strconv.AppendInt(b[:0], v, 10)
		for i := len(s); i < 8; i++ {
			b[i] = byte(rng.IntN(256))
		}
		return orderedDigits(binary.LittleEndian.Uint64(b[:]), len(s))
	}
	for range 100000 {
		a, b := rng.Int64N(1e8), rng.Int64N(1e8>>rng.IntN(26))
		oa, ob := ordered(a), ordered(b)
		if (oa < ob) != (a < b) || (oa == ob) != (a == b) {
			t.Fatalf("%d and %d order as %#x and %#x", a, b, oa, ob)
		}
		if v := orderedValue(oa); v != a {
			t.Fatalf("orderedValue(orderedDigits(%d)) = %d", a, v)
		}
	}
}

// textRows writes count rows of three fields in text format, of every kind
// a folder tells apart: keys of every length, NULL, negative and empty
// ones; escaped delimiters and backslashes, rows of a field too many (after
// the first 30000) or too few, long rows, CRLF line ends.
func textRows(r *rand.Rand, count int) []byte {
	var data []byte
	for i := range count {
		switch r.IntN(40) {
		case 0:
			data = append(data, `\N`...)
		case 1:
			data = append(data, "-7"...)
		case 2:
			// Keys of every length up to past int64, leading zeros too,
			// and empty ones.
			for range r.IntN(20) {
				data = append(data, '0'+byte(r.IntN(10)))
			}
		default:
			data = fmt.Appendf(data, "%d", r.Int64N(1<<40))
		}
		data = fmt.Appendf(data, "\t%d\t", i)
		switch r.IntN(60) {
		case 0:
			data = append(data, "a\\\tb"...) // an escaped delimiter
		case 1:
			data = append(data, "a\\\\\tb"...) // an escaped backslash, then a delimiter
		case 2:
			if i > 30000 {
				data = append(data, "a\tb"...) // one field too many
			}
		case 3:
			if i%8 == 0 {
				data = append(data, bytes.Repeat([]byte("x"), 1<<16+r.IntN(1<<16))...)
			} else if i%8 == 1 {
				// About as long as the stretches marked at a time.
				data = append(data, bytes.Repeat([]byte("y"), markedBytes-40+r.IntN(80))...)
			}
		case 4:
			// One field too few, made up by an escaped delimiter.
			data = fmt.Appendf(data[:len(data)-len(fmt.Sprint(i))-1], "a\\\tb")
		default:
			data = append(data, "some \\N text"[:r.IntN(12)]...)
		}
		if r.IntN(30) == 0 {
			data = append(data, '\r')
		}
		data = append(data, '\n')
	}
	return data
}
