package analyzer

// Version is pgseqlint's version, in every machine-readable report.
const Version = "0.1.0"
