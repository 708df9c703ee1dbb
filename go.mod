module github.com/pgseqlint/pgseqlint

go 1.24
